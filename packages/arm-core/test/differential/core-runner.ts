/** Runs the block of a test image in arm-core: flat RAM, user mode, the prologue's state, single steps. */
import { Cpu, type InstructionSet } from '../../src/cpu/cpu.js';
import { MemoryFault, type ExceptionKind } from '../../src/cpu/fault.js';
import type { MemoryPort } from '../../src/cpu/memory-port.js';
import { Mode } from '../../src/cpu/modes.js';
import { Clock } from '../../src/sched/scheduler.js';
import { PhysicalBus } from '../../src/bus/physical-bus.js';
import { Arm920tControl } from '../../src/cp15/arm920t-cp15.js';
import { sectionDescriptor } from '../../src/memory/descriptors.js';
import { MemorySystem } from '../../src/memory/memory-system.js';
import { BUFFER, BUFFER_SIZE, IMAGE_BASE, buildImage, type FinalState, type TestProgram } from './test-image.js';

/**
 * A flat RAM MemoryPort for the tests: one byte array at `base`; anything outside it faults (translation
 * fault, status 5). Word and halfword reads return the naturally aligned datum, as the port contract says;
 * writes go to the naturally aligned location.
 */
export class FlatRam implements MemoryPort {
  privileged = false;
  readonly view: DataView;
  constructor(
    readonly base: number,
    readonly bytes: Uint8Array,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private offset(va: number, size: number, kind: 'prefetch' | 'data', write: boolean): number {
    const off = (va >>> 0) - this.base;
    if (off < 0 || off + size > this.bytes.length) {
      throw new MemoryFault(kind, 5, 0, va >>> 0, write, `flat RAM: 0x${(va >>> 0).toString(16)} is outside 0x${this.base.toString(16)}+0x${this.bytes.length.toString(16)}`);
    }
    return off;
  }
  fetch32(va: number): number {
    return this.view.getUint32(this.offset(va & ~3, 4, 'prefetch', false), true);
  }
  fetch16(va: number): number {
    return this.view.getUint16(this.offset(va & ~1, 2, 'prefetch', false), true);
  }
  read8(va: number): number {
    return this.bytes[this.offset(va, 1, 'data', false)];
  }
  read16(va: number): number {
    return this.view.getUint16(this.offset(va & ~1, 2, 'data', false), true);
  }
  read32(va: number): number {
    return this.view.getUint32(this.offset(va & ~3, 4, 'data', false), true);
  }
  write8(va: number, value: number): void {
    this.bytes[this.offset(va, 1, 'data', true)] = value & 0xff;
  }
  write16(va: number, value: number): void {
    this.view.setUint16(this.offset(va & ~1, 2, 'data', true), value & 0xffff, true);
  }
  write32(va: number, value: number): void {
    this.view.setUint32(this.offset(va & ~3, 4, 'data', true), value >>> 0, true);
  }
}

export interface CoreException {
  readonly kind: ExceptionKind;
  readonly address: number;
  readonly instruction: number;
  readonly detail?: string;
}

export type CoreResult =
  | { ok: true; state: FinalState; steps: number }
  | { ok: false; error: string; exception?: CoreException; steps: number; state: FinalState };

const EXCEPTION_KINDS: ExceptionKind[] = ['reset', 'data-abort', 'fiq', 'irq', 'prefetch-abort', 'undefined', 'swi', 'smc'];

/** Builds a user-mode Cpu over flat RAM holding `memory` at `base`; records the first exception it takes. */
export function createUserCpu(
  isa: InstructionSet,
  base: number,
  memory: Uint8Array,
  timing: 'functional' | 'cycle' = 'functional',
): { cpu: Cpu; ram: FlatRam; exceptions: CoreException[] } {
  const ram = new FlatRam(base, memory);
  const cpu = new Cpu({ isa, memory: ram, clock: new Clock(200e6), timing });
  cpu.cpsr = Mode.USR; // Linux user mode: USR, interrupts enabled, ARM state, flags clear
  return { cpu, ram, exceptions: hookAll(cpu) };
}

/** How arm-core is put together for a run. */
export interface CoreConfig {
  readonly timing: 'functional' | 'cycle';
  /**
   * `flat`: the test's FlatRam port. `mmu`: the ARM920T MemorySystem over a PhysicalBus, MMU on with one
   * user read/write, cacheable, bufferable section mapping the image (VA 0 → PA 0x30100000), I and D caches on.
   */
  readonly memory: 'flat' | 'mmu';
}

export const CORE_CONFIGS: readonly CoreConfig[] = [
  { timing: 'functional', memory: 'flat' },
  { timing: 'cycle', memory: 'mmu' },
];

export function configName(c: CoreConfig): string {
  return `${c.timing}/${c.memory}`;
}

const MMU_TTB = 0x30000000;
const MMU_SECTION_PA = 0x30100000;

/**
 * A user-mode Cpu behind the ARM920T memory system: one 1 MB section (VA 0 → PA 0x30100000, user
 * read/write, write-back cacheable), caches on, CP15 attached; `bytes` loaded at VA `base`. Anything above
 * 1 MB faults.
 */
export function createMmuUserCpu(
  isa: InstructionSet,
  base: number,
  bytes: Uint8Array,
  timing: 'functional' | 'cycle',
): { cpu: Cpu; exceptions: CoreException[]; readVa: (va: number, length: number) => Uint8Array } {
  const clock = new Clock(200e6);
  const bus = new PhysicalBus();
  bus.mapRam(MMU_TTB, 2 << 20);
  const mem = new MemorySystem({ bus, clock, timing });
  if (base + bytes.length > 1 << 20) throw new Error('createMmuUserCpu: the image must lie in the first 1 MB');
  bus.writeBytes(MMU_SECTION_PA + base, bytes);
  bus.write(MMU_TTB, sectionDescriptor(MMU_SECTION_PA, { ap: 3, domain: 0, c: true, b: true }), 4);
  mem.cp15.ttb = MMU_TTB;
  mem.cp15.dacr = 0b01; // domain 0: client
  mem.cp15.control = Arm920tControl.M | Arm920tControl.C | Arm920tControl.I;
  const cpu = new Cpu({ isa, memory: mem, clock, timing });
  cpu.coprocessors[15] = mem.cp15;
  mem.cp15.onWaitForInterrupt = () => (cpu.waitingForInterrupt = true);
  mem.cp15.onControlChange = (c) => (cpu.vectorBase = (c & Arm920tControl.V) !== 0 ? 0xffff0000 : 0);
  cpu.cpsr = Mode.USR;
  const exceptions = hookAll(cpu);
  return { cpu, exceptions, readVa: (va, length) => bus.readBytes(MMU_SECTION_PA + va, length) };
}

/** Records every exception `cpu` takes, in order. */
export function hookAll(cpu: Cpu): CoreException[] {
  const exceptions: CoreException[] = [];
  for (const kind of EXCEPTION_KINDS) {
    cpu.hookException(kind, (_cpu, e) => {
      exceptions.push({ kind: e.kind, address: e.address, instruction: e.instruction, detail: e.fault?.toString() });
    });
  }
  return exceptions;
}

/**
 * The run loop shared by the ARMv4T and ARM1176 runners: puts `cpu` in the state the prologue leaves
 * (r0–r14, flags, user mode, the block's instruction set, PC at the block) and single-steps until the PC
 * reaches the block's end; any exception (`exceptions`, as filled by `hookAll`), host exception or
 * running past `maxSteps` fails. `readBuffer` reads the data buffer for the final state.
 */
export function runBlock(
  cpu: Cpu,
  exceptions: readonly CoreException[],
  program: TestProgram,
  image: { readonly blockStart: number; readonly blockEnd: number },
  readBuffer: () => Uint8Array,
  maxSteps: number,
): CoreResult {
  const snapshot = (c: Cpu): FinalState => {
    const regs = [];
    for (let i = 0; i < 15; i++) regs.push(c.getReg(i, Mode.USR) >>> 0);
    return { regs, cpsr: c.cpsr >>> 0, buffer: readBuffer() };
  };
  for (let i = 0; i < 15; i++) cpu.setReg(i, program.initial.regs[i] >>> 0);
  cpu.cpsr = (((program.initial.flags & 0xf) << 28) | Mode.USR) >>> 0;
  cpu.thumb = program.isa === 'thumb';
  cpu.pc = image.blockStart;
  const wantThumb = program.isa === 'thumb';
  let steps = 0;
  try {
    while (!(cpu.pc === image.blockEnd && cpu.thumb === wantThumb)) {
      if (steps >= maxSteps) {
        return { ok: false, error: `arm-core did not reach the block end 0x${image.blockEnd.toString(16)} within ${maxSteps} steps (pc=0x${cpu.pc.toString(16)}, ${cpu.thumb ? 'Thumb' : 'ARM'})`, steps, state: snapshot(cpu) };
      }
      cpu.step();
      steps++;
      if (exceptions.length > 0) {
        const e = exceptions[0];
        return {
          ok: false,
          error: `arm-core took a ${e.kind} exception at 0x${e.address.toString(16)}${e.detail ? ` (${e.detail})` : ''}`,
          exception: e,
          steps,
          state: snapshot(cpu),
        };
      }
    }
  } catch (err) {
    return { ok: false, error: `cpu.step() threw: ${(err as Error).stack ?? String(err)}`, steps, state: snapshot(cpu) };
  }
  return { ok: true, state: snapshot(cpu), steps };
}

/**
 * Runs exactly the program's block: state as after the prologue, PC at the block, single steps until the PC
 * reaches the block's end in the block's instruction set. Any exception, or running past `maxSteps`, fails.
 */
export function runOnArmCore(
  isa: InstructionSet,
  program: TestProgram,
  config: CoreConfig = CORE_CONFIGS[0],
  maxSteps = 4 * program.code.length + 16,
): CoreResult {
  const image = buildImage(program);
  let cpu: Cpu;
  let exceptions: CoreException[];
  let readBuffer: () => Uint8Array;
  if (config.memory === 'flat') {
    const made = createUserCpu(isa, IMAGE_BASE, image.memory.slice(), config.timing);
    cpu = made.cpu;
    exceptions = made.exceptions;
    const off = BUFFER - IMAGE_BASE;
    readBuffer = () => made.ram.bytes.slice(off, off + BUFFER_SIZE);
  } else {
    const made = createMmuUserCpu(isa, IMAGE_BASE, image.memory, config.timing);
    cpu = made.cpu;
    exceptions = made.exceptions;
    readBuffer = () => made.readVa(BUFFER, BUFFER_SIZE);
  }
  return runBlock(cpu, exceptions, program, image, readBuffer, maxSteps);
}
