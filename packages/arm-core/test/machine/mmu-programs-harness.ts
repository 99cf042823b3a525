// Runs the MMU/cache guest programs (guest/mmu-faults, mmu-fcse, cache-maint, cache-timing) on the ARM920T
// machine and records, at every store the program makes to its `probe_phase` word, the cycle count and the
// memory system's statistics. Also reads the golden console output kept beside the test.
import { readFileSync } from 'node:fs';
import {
  createMachine,
  loadElf,
  parseElf,
  Semihosting,
  type CacheStatistics,
  type Machine,
  type MemoryStatistics,
  type RunResult,
  type StallCycles,
  type TimingMode,
  type TlbStatistics,
  type WriteBufferStatistics,
} from '../../src/index.js';

export const MMU_PROGRAMS = ['mmu-faults', 'mmu-fcse', 'cache-maint', 'cache-timing'] as const;
export type MmuProgram = (typeof MMU_PROGRAMS)[number];

export interface PhaseSnapshot {
  /** The value the program stored. */
  readonly phase: number;
  readonly cycles: number;
  readonly instructions: number;
  readonly stats: MemoryStatistics;
}

export interface ProgramRun {
  readonly out: string;
  readonly result: RunResult;
  readonly snapshots: readonly PhaseSnapshot[];
  readonly machine: Machine;
}

const imageBytes = (program: MmuProgram) => new Uint8Array(readFileSync(new URL(`../../guest/${program}/${program}.elf`, import.meta.url)));

/** Loads `program` into a fresh ARM920T machine with 64 MB of SDRAM at 0x30000000 and runs it to its semihosting exit. */
export function runMmuProgram(program: MmuProgram, timing: TimingMode): ProgramRun {
  const machine = createMachine({ cpu: 'arm920t', timing });
  machine.bus.mapRam(0x30000000, 64 << 20);
  const image = parseElf(imageBytes(program));
  loadElf(image, (pa, bytes) => machine.bus.writeBytes(pa, bytes));
  machine.cpu.pc = image.entry;
  let out = '';
  const decoder = new TextDecoder();
  new Semihosting(machine.cpu, { stdout: (b) => (out += decoder.decode(b)) }, (exit) => machine.requestStop(exit.reason, exit.status));

  // The image is linked at its physical address and maps its own megabyte 1:1, so the symbol's address is
  // where the stores land on the bus. The observer runs before the store's own timing is charged. Programs
  // that mark no phases (mmu-faults) have no such symbol: the linker drops it.
  const probe = image.symbol('probe_phase');
  const snapshots: PhaseSnapshot[] = [];
  if (probe) {
    const previous = machine.bus.ramWriteObserver;
    machine.bus.ramWriteObserver = (address, size) => {
      previous?.(address, size);
      if (address === probe.address && size === 4) {
        snapshots.push({ phase: machine.bus.read32(address), cycles: machine.clock.cycles, instructions: machine.cpu.instructions, stats: machine.memory.statistics() });
      }
    };
  }
  const result = machine.run({ maxCycles: 100_000_000 });
  return { out, result, snapshots, machine };
}

/** The golden console output of `program`, without its `#` comment lines. */
export function goldenOutput(program: MmuProgram): string {
  const text = readFileSync(new URL(`./mmu-programs-golden/${program}.txt`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
}

type Numeric<T> = { -readonly [K in keyof T]: number };

/** What changed between two phase marks. */
export interface PhaseDelta {
  readonly cycles: number;
  readonly instructions: number;
  readonly fetches: number;
  readonly dcache: Numeric<CacheStatistics>;
  readonly icache: Numeric<CacheStatistics>;
  readonly dtlb: Numeric<TlbStatistics>;
  readonly writeBuffer: Numeric<WriteBufferStatistics>;
  readonly stall: Numeric<StallCycles>;
}

function subtract<T extends object>(after: T, before: T): Numeric<T> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const a = after[key];
    const b = before[key];
    if (typeof a === 'number' && typeof b === 'number') out[key] = a - b;
  }
  return out as Numeric<T>;
}

/**
 * The interval from the mark `from` to the mark `to` that immediately follows it (there must be exactly
 * one such pair of consecutive marks).
 */
export function phase(run: ProgramRun, from: number, to: number): PhaseDelta {
  const pairs: [PhaseSnapshot, PhaseSnapshot][] = [];
  for (let i = 1; i < run.snapshots.length; i++) {
    if (run.snapshots[i - 1].phase === from && run.snapshots[i].phase === to) pairs.push([run.snapshots[i - 1], run.snapshots[i]]);
  }
  if (pairs.length !== 1) throw new Error(`phase ${from} -> ${to}: found ${pairs.length} intervals (marks: ${run.snapshots.map((s) => s.phase).join(' ')})`);
  const [a, b] = pairs[0];
  return {
    cycles: b.cycles - a.cycles,
    instructions: b.instructions - a.instructions,
    fetches: b.stats.fetches - a.stats.fetches,
    dcache: subtract(b.stats.dcache, a.stats.dcache),
    icache: subtract(b.stats.icache, a.stats.icache),
    dtlb: subtract(b.stats.dtlb, a.stats.dtlb),
    writeBuffer: subtract(b.stats.writeBuffer, a.stats.writeBuffer),
    stall: subtract(b.stats.stallCycles as StallCycles, a.stats.stallCycles as StallCycles),
  };
}
