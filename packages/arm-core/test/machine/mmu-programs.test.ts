// The ARM920T MMU, FCSE, cache and TLB test programs (guest/mmu-faults, mmu-fcse, cache-maint, cache-timing)
// on the whole machine, in both timing modes.
//
// 1. Each program checks itself against the ARM920T TRM and prints one line per check; the output must
//    equal the golden file in ./mmu-programs-golden/ and the exit status (= failed checks) must be 0.
// 2. In cycle mode, what only costs time is checked here: the programs store a phase number to their
//    `probe_phase` word at each boundary, the harness snapshots cycles and the memory statistics there,
//    and the differences must be what the cache/TLB organisation and the timing constants
//    (ARM920T_TIMING.memory, converted to core cycles) imply.
import { describe, expect, it } from 'vitest';
import type { TimingMode } from '../../src/index.js';
import { goldenOutput, MMU_PROGRAMS, phase, runMmuProgram, type MmuProgram, type PhaseDelta, type ProgramRun } from './mmu-programs-harness.js';

/** Exit status = number of failed checks. */
const EXPECTED_EXIT: Record<MmuProgram, number> = {
  'mmu-faults': 0,
  'mmu-fcse': 0,
  'cache-maint': 0,
  'cache-timing': 0,
};

const runs = new Map<string, ProgramRun>();
function run(program: MmuProgram, timing: TimingMode): ProgramRun {
  const key = `${program}/${timing}`;
  let r = runs.get(key);
  if (!r) {
    r = runMmuProgram(program, timing);
    runs.set(key, r);
  }
  return r;
}

describe.each(MMU_PROGRAMS)('%s', (program) => {
  it.each<TimingMode>(['functional', 'cycle'])('prints the golden output and exits with the expected status (%s)', (timing) => {
    const r = run(program, timing);
    expect(r.result.reason, r.result.detail).toBe('stopped');
    expect(r.out).toBe(goldenOutput(program));
    expect(r.result.exitStatus).toBe(EXPECTED_EXIT[program]);
  });

  it('executes the same instructions in both modes, and costs more in cycle mode', () => {
    const f = run(program, 'functional');
    const c = run(program, 'cycle');
    expect(c.result.instructions).toBe(f.result.instructions);
    expect(f.result.cycles).toBe(f.result.instructions);
    expect(c.result.cycles).toBeGreaterThan(f.result.instructions);
    expect(c.snapshots.map((s) => s.phase)).toEqual(f.snapshots.map((s) => s.phase));
  });
});

/** Core-cycle costs of the memory events, from the machine's own timing table. */
function costs(r: ProgramRun) {
  const t = r.machine.memory.timingTable;
  const ratio = r.machine.memory.coreCyclesPerBusCycle;
  return {
    lineFill: t.lineFillBusCycles * ratio,
    halfLineWriteBack: t.halfLineWriteBackBusCycles * ratio,
    walkRead: t.tableWalkReadBusCycles * ratio,
    uncachedWord: t.uncachedWordBusCycles * ratio,
    writeBufferFirstWord: t.writeBufferWordBusCycles * ratio,
    writeBufferNextWord: t.writeBufferBurstWordBusCycles * ratio,
  };
}

/**
 * Cycles an interval spent beyond one per instruction and beyond uncached accesses (the programs' C code and
 * stack are uncached; their share differs by an instruction or two between otherwise equal intervals).
 */
const beyondBase = (d: PhaseDelta) => d.cycles - d.instructions - d.stall.uncached;

/** |got - want| within `fraction` of want. */
function expectClose(got: number, want: number, fraction: number, what: string): void {
  expect(Math.abs(got - want), `${what}: got ${got}, want ${want} ± ${(fraction * 100).toFixed(1)}%`).toBeLessThanOrEqual(Math.abs(want) * fraction);
}

describe('cache-maint in cycle mode: what the maintenance operations write back and discard', () => {
  // Phase numbers: the enum in guest/cache-maint/cache-maint.c.
  const P = {
    START: 0, ALLOCATE: 1, DIRTY_FULL: 2, CLEAN_MVA: 3, CLEAN_MVA_AGAIN: 4, DIRTY_HALF: 5, CLEAN_INV_MVA: 6, REREAD: 7,
    DIRTY_FULL2: 8, CLEAN_INDEX: 9, DIRTY_FULL3: 10, CLEAN_INV_INDEX: 11, REREAD2: 12, DIRTY_FULL4: 13, INVALIDATE_MVA: 14,
    REREAD_DIRTY: 15, INVALIDATE_ALL: 16, NCB_STORES: 17, DRAIN: 18, DRAIN_EMPTY: 19, LOCK_LOAD: 20, LOCK_THRASH: 21,
    LOCK_REREAD: 22, LOCK_RR_LOAD: 23, LOCK_RR_THRASH: 24, LOCK_RR_REREAD: 25,
  } as const;
  const LINES = 16;
  const r = () => run('cache-maint', 'cycle');

  it('reads allocate lines, writes to them hit and dirty them (read-allocate, write-back)', () => {
    const { lineFill } = costs(r());
    const allocate = phase(r(), P.START, P.ALLOCATE);
    expect(allocate.dcache.readMisses).toBe(LINES);
    expect(allocate.dcache.lineFills).toBe(LINES);
    expect(allocate.stall.lineFill).toBe(LINES * lineFill);
    const dirty = phase(r(), P.ALLOCATE, P.DIRTY_FULL);
    expect(dirty.dcache.writeHits).toBe(LINES * 8);
    expect(dirty.dcache.writeMisses).toBe(0);
    expect(dirty.dcache.writeBacks).toBe(0);
  });

  it('clean by MVA writes back each dirty half line once, and costs exactly that', () => {
    const { halfLineWriteBack } = costs(r());
    const clean = phase(r(), P.DIRTY_FULL, P.CLEAN_MVA);
    expect(clean.dcache.writeBacks).toBe(2 * LINES);
    expect(clean.stall.writeBack).toBe(2 * LINES * halfLineWriteBack);
    expect(clean.dcache.invalidations).toBe(0);
    const again = phase(r(), P.CLEAN_MVA, P.CLEAN_MVA_AGAIN);
    expect(again.dcache.writeBacks).toBe(0);
    expect(again.stall.writeBack).toBe(0);
  });

  it('keeps two dirty bits per line: a half-written line writes back one half', () => {
    const { halfLineWriteBack } = costs(r());
    expect(phase(r(), P.CLEAN_MVA_AGAIN, P.DIRTY_HALF).dcache.writeHits).toBe(LINES * 4);
    const cleanInvalidate = phase(r(), P.DIRTY_HALF, P.CLEAN_INV_MVA);
    expect(cleanInvalidate.dcache.writeBacks).toBe(LINES);
    expect(cleanInvalidate.stall.writeBack).toBe(LINES * halfLineWriteBack);
    expect(cleanInvalidate.dcache.invalidations).toBe(LINES);
    expect(phase(r(), P.CLEAN_INV_MVA, P.REREAD).dcache.readMisses).toBe(LINES);
  });

  it('clean and clean+invalidate by index (8 segments x 64 indices) find every dirty line', () => {
    const clean = phase(r(), P.DIRTY_FULL2, P.CLEAN_INDEX);
    expect(clean.dcache.writeBacks).toBe(2 * LINES);
    expect(clean.dcache.invalidations).toBe(0);
    const cleanInvalidate = phase(r(), P.DIRTY_FULL3, P.CLEAN_INV_INDEX);
    expect(cleanInvalidate.dcache.writeBacks).toBe(2 * LINES);
    expect(cleanInvalidate.dcache.invalidations).toBe(LINES); // the image is uncached: only the buffer's lines
    expect(phase(r(), P.CLEAN_INV_INDEX, P.REREAD2).dcache.readMisses).toBe(LINES);
  });

  it('invalidate (by MVA and all) discards dirty lines without writing them back', () => {
    const byMva = phase(r(), P.DIRTY_FULL4, P.INVALIDATE_MVA);
    expect(byMva.dcache.writeBacks).toBe(0);
    expect(byMva.stall.writeBack).toBe(0);
    expect(byMva.dcache.invalidations).toBe(LINES);
    const reread = phase(r(), P.INVALIDATE_MVA, P.REREAD_DIRTY);
    expect(reread.dcache.readMisses).toBe(LINES);
    const all = phase(r(), P.REREAD_DIRTY, P.INVALIDATE_ALL);
    expect(all.dcache.writeBacks).toBe(0);
    expect(all.dcache.invalidations).toBe(LINES);
  });

  it('drain write buffer waits for buffered stores, and costs nothing when the buffer is empty', () => {
    const { writeBufferFirstWord, writeBufferNextWord } = costs(r());
    const drain = phase(r(), P.NCB_STORES, P.DRAIN);
    expect(drain.writeBuffer.writes).toBe(4);
    expect(drain.writeBuffer.drains).toBe(1);
    expect(drain.stall.writeBuffer).toBeGreaterThan(0);
    // One STM of 4 consecutive words: at most one entry's first word plus three more.
    expect(drain.stall.writeBuffer).toBeLessThanOrEqual(writeBufferFirstWord + 3 * writeBufferNextWord);
    const empty = phase(r(), P.DRAIN, P.DRAIN_EMPTY);
    expect(empty.writeBuffer.drains).toBe(0);
    expect(empty.stall.writeBuffer).toBe(0);
  });

  it('D-cache lockdown with round-robin replacement keeps the locked lines through a 64 KB thrash', () => {
    const thrash = phase(r(), P.LOCK_RR_LOAD, P.LOCK_RR_THRASH);
    expect(thrash.dcache.readMisses).toBe(0x10000 / 32);
    const reread = phase(r(), P.LOCK_RR_THRASH, P.LOCK_RR_REREAD);
    expect(reread.dcache.readMisses).toBe(0);
    expect(reread.dcache.readHits).toBe(8);
  });

  // TRM, CP15 register 9: "Writing to CP15 register 9 updates the base pointer and the current victim pointer.
  // The next linefill will use and then increment the victim pointer" — under random replacement too.
  it('D-cache lockdown with random replacement keeps the locked lines through a 64 KB thrash', () => {
    const reread = phase(r(), P.LOCK_THRASH, P.LOCK_REREAD);
    expect(reread.dcache.readMisses).toBe(0);
    expect(reread.dcache.readHits).toBe(8);
  });
});

describe('mmu-fcse in cycle mode: cache operations take the MVA', () => {
  it('cleaning by the VA of a relocated line finds nothing; cleaning by its MVA writes it back', () => {
    const r = run('mmu-fcse', 'cycle');
    const { halfLineWriteBack } = costs(r);
    const byVa = phase(r, 1, 2);
    expect(byVa.dcache.writeBacks).toBe(0);
    const byMva = phase(r, 2, 3);
    expect(byMva.dcache.writeBacks).toBe(1);
    expect(byMva.stall.writeBack).toBe(halfLineWriteBack);
  });
});

describe('cache-timing in cycle mode: costs follow from the cache and TLB organisation', () => {
  // Phase numbers: the enum in guest/cache-timing/cache-timing.c.
  const P = {
    FIT_START: 1, FIT_END: 2, THRASH_START: 3, THRASH_END: 4, DIRTY_EVICT_START: 5, DIRTY_EVICT_END: 6, CLEAN_BASE: 10,
    REFILL_WARM: 30, REFILL_WARM_END: 31, REFILL_START: 32, REFILL_END: 33,
    ASSOC64_START: 40, ASSOC64_END: 41, ASSOC65_START: 42, ASSOC65_END: 43,
    TLB_SECT_COLD: 50, TLB_SECT_WARM: 51, TLB_SECT_END: 52, TLB_PAGE_COLD: 53, TLB_PAGE_WARM: 54, TLB_PAGE_END: 55,
    ICACHE_CACHED: 60, ICACHE_UNCACHED: 61, ICACHE_END: 62, STORE_NCNB: 70, STORE_NCB: 71, STORE_END: 72,
  } as const;
  const CLEAN_RUNS: readonly (readonly [lines: number, halves: number])[] = [[0, 2], [64, 2], [128, 2], [256, 2], [512, 2], [256, 1], [512, 1]];
  const r = () => run('cache-timing', 'cycle');

  it('a loop that thrashes the D-cache costs (misses x line fill) more than one that fits', () => {
    const { lineFill } = costs(r());
    const fit = phase(r(), P.FIT_START, P.FIT_END); // 8 KB read 4 times, warm
    const thrash = phase(r(), P.THRASH_START, P.THRASH_END); // 32 KB read once, after a warm pass
    expect(fit.dcache.readHits + fit.dcache.readMisses).toBe(8192);
    expect(thrash.dcache.readHits + thrash.dcache.readMisses).toBe(8192);
    expect(fit.dcache.readMisses).toBe(0);
    // Round-robin replacement, 128 lines per segment cycling through 64 ways: every line misses, every time.
    expect(thrash.dcache.readMisses).toBe(32 * 1024 / 32);
    expect(thrash.stall.lineFill).toBe(thrash.dcache.readMisses * lineFill);
    expectClose(thrash.cycles - fit.cycles, thrash.dcache.readMisses * lineFill, 0.01, 'cycles, thrash - fit');
    expectClose(beyondBase(thrash) - beyondBase(fit), thrash.dcache.readMisses * lineFill, 0.001, 'cycles beyond base, thrash - fit');
  });

  it('with dirty lines, each of those misses also writes back two half lines', () => {
    const { lineFill, halfLineWriteBack } = costs(r());
    const thrash = phase(r(), P.THRASH_START, P.THRASH_END);
    const dirty = phase(r(), P.DIRTY_EVICT_START, P.DIRTY_EVICT_END);
    expect(dirty.dcache.readMisses).toBe(1024);
    expect(dirty.dcache.writeMisses).toBe(0); // the store follows the load into the line just filled
    expect(dirty.dcache.writeBacks).toBe(2 * 1024);
    expect(dirty.stall.writeBack).toBe(2 * 1024 * halfLineWriteBack);
    expect(dirty.stall.lineFill).toBe(1024 * lineFill);
    expectClose(beyondBase(dirty) - beyondBase(thrash), 2 * 1024 * halfLineWriteBack, 0.001, 'cycles beyond base, dirty - clean thrash');
  });

  it('a whole-cache clean by index costs exactly its dirty half lines x write-back cost', () => {
    const { halfLineWriteBack } = costs(r());
    const deltas = CLEAN_RUNS.map((_, k) => phase(r(), P.CLEAN_BASE + 2 * k, P.CLEAN_BASE + 2 * k + 1));
    const none = deltas[0];
    expect(none.dcache.writeBacks).toBe(0);
    CLEAN_RUNS.forEach(([lines, halves], k) => {
      const d = deltas[k];
      expect(d.instructions, `run ${k}`).toBe(none.instructions); // 512 MCRs whatever the state
      expect(d.dcache.writeBacks, `run ${k}`).toBe(lines * halves);
      expect(d.cycles - none.cycles, `run ${k}: ${lines} lines x ${halves} halves`).toBe(lines * halves * halfLineWriteBack);
    });
  });

  it('after invalidating the D-cache, the same loop pays one line fill per line again', () => {
    const { lineFill } = costs(r());
    const warm = phase(r(), P.REFILL_WARM, P.REFILL_WARM_END);
    const refill = phase(r(), P.REFILL_START, P.REFILL_END);
    expect(warm.dcache.readMisses).toBe(0);
    expect(refill.dcache.readMisses).toBe(8 * 1024 / 32);
    expectClose(beyondBase(refill) - beyondBase(warm), refill.dcache.readMisses * lineFill, 0.001, 'cycles beyond base, refill - warm');
  });

  it('64 lines of one segment fit (64-way); 65 miss on every access (segment = MVA[7:5])', () => {
    const fits = phase(r(), P.ASSOC64_START, P.ASSOC64_END);
    expect(fits.dcache.readMisses).toBe(0);
    expect(fits.dcache.readHits).toBe(64 * 4);
    const over = phase(r(), P.ASSOC65_START, P.ASSOC65_END);
    expect(over.dcache.readMisses).toBe(65 * 4);
    expect(over.dcache.readHits).toBe(0);
  });

  it('a D-TLB miss walks one descriptor for a section and two for a small page', () => {
    const { walkRead } = costs(r());
    const sectionsCold = phase(r(), P.TLB_SECT_COLD, P.TLB_SECT_WARM);
    const sectionsWarm = phase(r(), P.TLB_SECT_WARM, P.TLB_SECT_END);
    expect(sectionsCold.dtlb.misses).toBe(16);
    expect(sectionsCold.dtlb.walkReads).toBe(16);
    expect(sectionsCold.stall.tableWalk).toBe(16 * walkRead);
    expect(sectionsWarm.dtlb.misses).toBe(0);
    expect(beyondBase(sectionsCold) - beyondBase(sectionsWarm)).toBe(16 * walkRead);
    const pagesCold = phase(r(), P.TLB_PAGE_COLD, P.TLB_PAGE_WARM);
    const pagesWarm = phase(r(), P.TLB_PAGE_WARM, P.TLB_PAGE_END);
    expect(pagesCold.dtlb.misses).toBe(16);
    expect(pagesCold.dtlb.walkReads).toBe(32);
    expect(pagesCold.stall.tableWalk).toBe(32 * walkRead);
    expect(pagesWarm.dtlb.misses).toBe(0);
    expect(beyondBase(pagesCold) - beyondBase(pagesWarm)).toBe(32 * walkRead);
  });

  it('code fetched uncached pays an uncached access for every fetch the I-cache serves', () => {
    const { uncachedWord } = costs(r());
    const cached = phase(r(), P.ICACHE_CACHED, P.ICACHE_UNCACHED);
    const uncached = phase(r(), P.ICACHE_UNCACHED, P.ICACHE_END);
    expect(cached.icache.readMisses).toBe(0);
    expect(uncached.icache.readHits + uncached.icache.readMisses).toBe(0);
    expect(uncached.instructions).toBe(cached.instructions);
    expectClose(uncached.cycles - cached.cycles, cached.icache.readHits * uncachedWord, 0.01, 'cycles, uncached - cached fetch');
  });

  it('stores to an unbuffered page each wait for memory; buffered ones go to the write buffer', () => {
    const { uncachedWord } = costs(r());
    const ncnb = phase(r(), P.STORE_NCNB, P.STORE_NCB);
    const ncb = phase(r(), P.STORE_NCB, P.STORE_END);
    expect(ncnb.writeBuffer.writes).toBe(0);
    expect(ncb.writeBuffer.writes).toBe(64);
    expect(ncnb.stall.uncached - ncb.stall.uncached).toBeGreaterThanOrEqual(64 * uncachedWord);
    expectClose(ncnb.cycles - ncb.cycles, 64 * uncachedWord, 0.05, 'cycles, unbuffered - buffered stores');
  });
});
