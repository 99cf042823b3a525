/*
 * Test support for the ARM executors: a flat little-endian RAM behind MemoryPort (optionally faulting at
 * chosen addresses) and a Cpu built with the real instruction set. Used only by tests.
 */
import type { ArchVersion } from '../../cpu/arch.js';
import { Cpu } from '../../cpu/cpu.js';
import { MemoryFault } from '../../cpu/fault.js';
import type { MemoryPort } from '../../cpu/memory-port.js';
import { Mode } from '../../cpu/modes.js';
import { createInstructionSet } from '../../isa/instruction-set.js';
import { ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS } from '../../isa/arm-encodings.js';
import { compilePattern, insertField } from '../../isa/pattern.js';
import { Clock } from '../../sched/scheduler.js';

/** One data access as the memory saw it. */
export interface AccessRecord {
  readonly kind: 'r' | 'w';
  readonly address: number;
  readonly size: 1 | 2 | 4;
  readonly value: number;
  readonly privileged: boolean;
}

/**
 * RAM at [0, size). Word/halfword accesses use the aligned address (ARMv4: the core rotates), as the
 * MemoryPort contract says. Addresses in `faultAddresses` (compared after alignment) or outside the RAM
 * raise a MemoryFault; `userFaultAddresses` fault only for unprivileged accesses.
 */
export class FlatMemory implements MemoryPort {
  privileged = true;
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  readonly faultAddresses = new Set<number>();
  readonly userFaultAddresses = new Set<number>();
  readonly accesses: AccessRecord[] = [];

  constructor(readonly size = 0x10000) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  private check(va: number, n: number, kind: 'prefetch' | 'data', write: boolean): number {
    const a = va >>> 0;
    if (a + n > this.size || this.faultAddresses.has(a) || (!this.privileged && this.userFaultAddresses.has(a))) {
      throw new MemoryFault(kind, 0x5, 0, a, write, 'test fault');
    }
    return a;
  }

  fetch32(va: number): number {
    return this.view.getUint32(this.check(va & ~3, 4, 'prefetch', false), true);
  }
  fetch16(va: number): number {
    return this.view.getUint16(this.check(va & ~1, 2, 'prefetch', false), true);
  }
  read8(va: number): number {
    const value = this.bytes[this.check(va, 1, 'data', false)];
    this.accesses.push({ kind: 'r', address: va >>> 0, size: 1, value, privileged: this.privileged });
    return value;
  }
  read16(va: number): number {
    const value = this.view.getUint16(this.check(va & ~1, 2, 'data', false), true);
    this.accesses.push({ kind: 'r', address: va >>> 0, size: 2, value, privileged: this.privileged });
    return value;
  }
  read32(va: number): number {
    const value = this.view.getUint32(this.check(va & ~3, 4, 'data', false), true);
    this.accesses.push({ kind: 'r', address: va >>> 0, size: 4, value, privileged: this.privileged });
    return value;
  }
  write8(va: number, value: number): void {
    this.bytes[this.check(va, 1, 'data', true)] = value;
    this.accesses.push({ kind: 'w', address: va >>> 0, size: 1, value: value & 0xff, privileged: this.privileged });
  }
  write16(va: number, value: number): void {
    this.view.setUint16(this.check(va & ~1, 2, 'data', true), value, true);
    this.accesses.push({ kind: 'w', address: va >>> 0, size: 2, value: value & 0xffff, privileged: this.privileged });
  }
  write32(va: number, value: number): void {
    this.view.setUint32(this.check(va & ~3, 4, 'data', true), value >>> 0, true);
    this.accesses.push({ kind: 'w', address: va >>> 0, size: 4, value: value >>> 0, privileged: this.privileged });
  }

  /** Set-up and inspection without logging or faults. */
  poke32(address: number, value: number): void {
    this.view.setUint32(address, value >>> 0, true);
  }
  peek32(address: number): number {
    return this.view.getUint32(address, true);
  }
  peek8(address: number): number {
    return this.bytes[address];
  }
}

export interface TestMachine {
  readonly cpu: Cpu;
  readonly memory: FlatMemory;
  readonly clock: Clock;
}

export interface TestMachineOptions {
  readonly arch?: ArchVersion;
  readonly timing?: 'functional' | 'cycle';
  readonly storedPcOffset?: 8 | 12;
  readonly memorySize?: number;
  /** Use this memory instead of a new FlatMemory (e.g. a subclass with the ARMv6 port extras). */
  readonly memory?: FlatMemory;
}

/** Where tests place code; vectors stay at 0. */
export const CODE_BASE = 0x1000;

/** A v4T core in SVC mode with flat RAM, ready to run code at CODE_BASE. */
export function createTestMachine(options: TestMachineOptions = {}): TestMachine {
  const memory = options.memory ?? new FlatMemory(options.memorySize ?? 0x10000);
  const clock = new Clock(400e6);
  const isa = createInstructionSet(options.arch ?? 'v4T', options.storedPcOffset ? { storedPcOffset: options.storedPcOffset } : {});
  const cpu = new Cpu({ isa, memory, clock, timing: options.timing ?? 'functional' });
  cpu.pc = CODE_BASE;
  return { cpu, memory, clock };
}

/** Writes `words` at `address` (default CODE_BASE), points PC there and executes `steps` instructions (default: all). */
export function runArm(machine: TestMachine, words: readonly number[], steps = words.length, address = CODE_BASE): void {
  words.forEach((w, i) => machine.memory.poke32(address + 4 * i, w));
  machine.cpu.pc = address;
  for (let i = 0; i < steps; i++) machine.cpu.step();
}

/** Executes one ARM word at CODE_BASE (or `address`) and returns the extra cycles it charged. */
export function execArm(machine: TestMachine, word: number, address = CODE_BASE): number {
  machine.memory.poke32(address, word);
  machine.cpu.pc = address;
  machine.cpu.step();
  return machine.cpu.extraCycles;
}

/** Sets N Z C V from a 4-bit value (N = bit 3). */
export function setFlags(cpu: Cpu, nzcv: number): void {
  cpu.n = (nzcv >> 3) & 1;
  cpu.z = (nzcv >> 2) & 1;
  cpu.c = (nzcv >> 1) & 1;
  cpu.v = nzcv & 1;
}

export function flagsOf(cpu: Cpu): number {
  return (cpu.n << 3) | (cpu.z << 2) | (cpu.c << 1) | cpu.v;
}

/** Switches to `mode` keeping the flags. */
export function enterMode(cpu: Cpu, mode: number): void {
  cpu.writeCpsr(((cpu.cpsr & ~0x1f) | mode) >>> 0);
}

export { Mode };

/**
 * Assembles an ARM word from a table entry and its fields, e.g. `encodeArm('QADD', { d: 0, m: 1, n: 2 })`;
 * a conditional entry gets cond = AL unless `c` is given.
 */
export function encodeArm(name: string, fields: Readonly<Record<string, number>> = {}): number {
  const entry = [...ARM_ENCODINGS, ...ARM_UNCONDITIONAL_ENCODINGS].find((e) => e.name === name);
  if (!entry) throw new Error(`encodeArm: no encoding ${name}`);
  const pattern = compilePattern(entry.pattern);
  let instr = pattern.value;
  for (const letter of Object.keys(fields)) if (!pattern.fields.has(letter)) throw new Error(`encodeArm: ${name} has no field ${letter}`);
  for (const [letter, field] of pattern.fields) {
    const value = fields[letter] ?? (letter === 'c' ? 0xe : 0);
    if (value < 0 || value >= 2 ** field.width) throw new Error(`encodeArm: ${name}.${letter} = ${value} does not fit ${field.width} bits`);
    instr = insertField(field, instr, value);
  }
  return instr >>> 0;
}
