/*
 * Test support for the Thumb executor: a flat little-endian RAM behind the MemoryPort interface and a
 * Cpu whose InstructionSet decodes Thumb from THUMB_ENCODINGS (a DecodeTable bucketed like the real one).
 * ARM state is not available here: stepping in ARM state throws.
 */
import { archAtLeast, type ArchVersion } from '../../cpu/arch.js';
import { Cpu, type InstructionHandler, type InstructionSet } from '../../cpu/cpu.js';
import { MemoryFault } from '../../cpu/fault.js';
import type { MemoryPort } from '../../cpu/memory-port.js';
import { Mode, PSR } from '../../cpu/modes.js';
import { DecodeTable, compilePattern, insertField, type CompiledEncoding } from '../../isa/pattern.js';
import { THUMB_ENCODINGS, type ThumbDisasm } from '../../isa/thumb-encodings.js';
import { Clock } from '../../sched/scheduler.js';
import { thumbUndefined } from './branch.js';

/** Flat RAM at [base, base + size); accesses outside it raise a data (or prefetch) abort. */
export class FlatRam implements MemoryPort {
  privileged = true;
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  /** Every write as [address, value, size], for tests that check what was stored and in which order. */
  readonly writes: [number, number, number][] = [];
  /** Set false to stop logging writes (benchmarks). */
  logWrites = true;

  constructor(
    readonly size = 0x10000,
    readonly base = 0,
  ) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  private offset(va: number, n: number, kind: 'prefetch' | 'data', write: boolean): number {
    const off = (va >>> 0) - this.base;
    if (off < 0 || off + n > this.size) throw new MemoryFault(kind, 0x8, 0, va >>> 0, write, 'outside test RAM');
    return off;
  }

  fetch16(va: number): number {
    return this.view.getUint16(this.offset(va & ~1, 2, 'prefetch', false), true);
  }
  fetch32(va: number): number {
    return this.view.getUint32(this.offset(va & ~3, 4, 'prefetch', false), true);
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
    this.bytes[this.offset(va, 1, 'data', true)] = value;
    if (this.logWrites) this.writes.push([va >>> 0, value & 0xff, 1]);
  }
  write16(va: number, value: number): void {
    this.view.setUint16(this.offset(va & ~1, 2, 'data', true), value, true);
    if (this.logWrites) this.writes.push([va >>> 0, value & 0xffff, 2]);
  }
  write32(va: number, value: number): void {
    this.view.setUint32(this.offset(va & ~3, 4, 'data', true), value >>> 0, true);
    if (this.logWrites) this.writes.push([va >>> 0, value >>> 0, 4]);
  }

  /** Test set-up writes that are not logged. */
  poke32(va: number, value: number): void {
    this.view.setUint32(va - this.base, value >>> 0, true);
  }
  poke16(va: number, value: number): void {
    this.view.setUint16(va - this.base, value, true);
  }
  peek32(va: number): number {
    return this.view.getUint32(va - this.base, true);
  }
}

/** A Thumb decoder over THUMB_ENCODINGS for `arch`, bucketed by bits [15:6] like the core's. */
export function thumbDecodeTable(arch: ArchVersion): DecodeTable<InstructionHandler, ThumbDisasm> {
  return new DecodeTable(THUMB_ENCODINGS, (since) => archAtLeast(arch, since), (i) => (i >>> 6) & 0x3ff, 1024, (b) => ({
    mask: 0xffc0,
    value: b << 6,
  }));
}

const armUnavailable: InstructionHandler = (cpu) => {
  throw new Error(`Thumb test harness: ARM state at 0x${cpu.currentPc.toString(16)} cannot be executed`);
};

/** An InstructionSet that knows only Thumb (every halfword pre-decoded). */
export function thumbTestIsa(arch: ArchVersion = 'v4T'): InstructionSet & { entry(instr: number): CompiledEncoding<InstructionHandler, ThumbDisasm> | undefined } {
  const table = thumbDecodeTable(arch);
  const handlers: InstructionHandler[] = [];
  for (let i = 0; i < 0x10000; i++) handlers.push(table.decode(i)?.exec ?? thumbUndefined);
  return {
    arch,
    decodeThumb: (instr) => handlers[instr & 0xffff],
    decodeArm: () => armUnavailable,
    decodeArmUnconditional: () => armUnavailable,
    entry: (instr) => table.decode(instr & 0xffff),
  };
}

const isaCache = new Map<ArchVersion, InstructionSet>();

export const CODE_BASE = 0x1000;
export const DATA_BASE = 0x8000;
export const STACK_TOP = 0xf000;

export interface ThumbHarness {
  readonly cpu: Cpu;
  readonly ram: FlatRam;
  readonly clock: Clock;
  /** Writes `halfwords` at `address` (default CODE_BASE) without logging them as guest writes. */
  load(halfwords: readonly number[], address?: number): void;
  /** Loads `halfwords` at `address`, sets PC there and steps `steps` times (default: one per halfword). */
  run(halfwords: readonly number[], options?: { address?: number; steps?: number }): Cpu;
  /** Executes the single instruction `instr` at `address` (default CODE_BASE). */
  exec(instr: number, address?: number): Cpu;
}

/** A Thumb-state Cpu in System mode (IRQ/FIQ masked) on 64 KB of flat RAM, SP = STACK_TOP. */
export function thumbHarness(options: { arch?: ArchVersion; timing?: 'functional' | 'cycle' } = {}): ThumbHarness {
  const ram = new FlatRam();
  const clock = new Clock(400_000_000);
  const arch = options.arch ?? 'v4T';
  let isa = isaCache.get(arch);
  if (!isa) isaCache.set(arch, (isa = thumbTestIsa(arch)));
  const cpu = new Cpu({ isa, memory: ram, clock, timing: options.timing ?? 'functional' });
  cpu.cpsr = Mode.SYS | PSR.I | PSR.F | PSR.T;
  cpu.r[13] = STACK_TOP;
  const load = (halfwords: readonly number[], address = CODE_BASE): void => {
    halfwords.forEach((h, k) => ram.poke16(address + 2 * k, h));
  };
  const run = (halfwords: readonly number[], o: { address?: number; steps?: number } = {}): Cpu => {
    const address = o.address ?? CODE_BASE;
    load(halfwords, address);
    cpu.pc = address;
    for (let k = 0; k < (o.steps ?? halfwords.length); k++) cpu.step();
    return cpu;
  };
  return { cpu, ram, clock, load, run, exec: (instr, address) => run([instr], { address }) };
}

/** Assembles a Thumb halfword from a table entry and its fields, e.g. `encodeThumb('thumb_ADD_reg', { d: 0, n: 1, m: 2 })`. */
export function encodeThumb(name: string, fields: Readonly<Record<string, number>> = {}): number {
  const entry = THUMB_ENCODINGS.find((e) => e.name === name);
  if (!entry) throw new Error(`encodeThumb: no encoding ${name}`);
  const pattern = compilePattern(entry.pattern);
  let instr = pattern.value;
  for (const letter of Object.keys(fields)) if (!pattern.fields.has(letter)) throw new Error(`encodeThumb: ${name} has no field ${letter}`);
  for (const [letter, field] of pattern.fields) {
    const value = fields[letter] ?? 0;
    if (value < 0 || value >= 2 ** field.width) throw new Error(`encodeThumb: ${name}.${letter} = ${value} does not fit ${field.width} bits`);
    instr = insertField(field, instr, value);
  }
  return instr;
}
