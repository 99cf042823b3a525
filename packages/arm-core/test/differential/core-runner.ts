/** Runs the block of a test image in arm-core: flat RAM, user mode, the prologue's state, single steps. */
import { Cpu, type InstructionSet } from '../../src/cpu/cpu.js';
import { MemoryFault, type ExceptionKind } from '../../src/cpu/fault.js';
import type { MemoryPort } from '../../src/cpu/memory-port.js';
import { Mode } from '../../src/cpu/modes.js';
import { Clock } from '../../src/sched/scheduler.js';
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
export function createUserCpu(isa: InstructionSet, base: number, memory: Uint8Array): { cpu: Cpu; ram: FlatRam; exceptions: CoreException[] } {
  const ram = new FlatRam(base, memory);
  const cpu = new Cpu({ isa, memory: ram, clock: new Clock(200e6), timing: 'functional' });
  cpu.cpsr = Mode.USR; // Linux user mode: USR, interrupts enabled, ARM state, flags clear
  const exceptions: CoreException[] = [];
  for (const kind of EXCEPTION_KINDS) {
    cpu.hookException(kind, (_cpu, e) => {
      exceptions.push({ kind: e.kind, address: e.address, instruction: e.instruction, detail: e.fault?.toString() });
    });
  }
  return { cpu, ram, exceptions };
}

function snapshot(cpu: Cpu, ram: FlatRam): FinalState {
  const regs = [];
  for (let i = 0; i < 15; i++) regs.push(cpu.getReg(i, Mode.USR) >>> 0);
  const off = BUFFER - ram.base;
  return { regs, cpsr: cpu.cpsr >>> 0, buffer: ram.bytes.slice(off, off + BUFFER_SIZE) };
}

/**
 * Runs exactly the program's block: state as after the prologue, PC at the block, single steps until the PC
 * reaches the block's end in the block's instruction set. Any exception, or running past `maxSteps`, fails.
 */
export function runOnArmCore(isa: InstructionSet, program: TestProgram, maxSteps = 4 * program.code.length + 16): CoreResult {
  const image = buildImage(program);
  const { cpu, ram, exceptions } = createUserCpu(isa, IMAGE_BASE, image.memory.slice());
  for (let i = 0; i < 15; i++) cpu.setReg(i, program.initial.regs[i] >>> 0);
  cpu.cpsr = (((program.initial.flags & 0xf) << 28) | Mode.USR) >>> 0;
  cpu.thumb = program.isa === 'thumb';
  cpu.pc = image.blockStart;
  const wantThumb = program.isa === 'thumb';
  let steps = 0;
  try {
    while (!(cpu.pc === image.blockEnd && cpu.thumb === wantThumb)) {
      if (steps >= maxSteps) {
        return { ok: false, error: `arm-core did not reach the block end 0x${image.blockEnd.toString(16)} within ${maxSteps} steps (pc=0x${cpu.pc.toString(16)}, ${cpu.thumb ? 'Thumb' : 'ARM'})`, steps, state: snapshot(cpu, ram) };
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
          state: snapshot(cpu, ram),
        };
      }
    }
  } catch (err) {
    return { ok: false, error: `cpu.step() threw: ${(err as Error).stack ?? String(err)}`, steps, state: snapshot(cpu, ram) };
  }
  return { ok: true, state: snapshot(cpu, ram), steps };
}
