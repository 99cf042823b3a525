import { describe, expect, it } from 'vitest';
import { Arm920tControl } from '../cp15/arm920t-cp15.js';
import { ARM920T_TIMING } from '../timing/arm920t.js';
import { L2_AREA, RAM_BASE, enableMmu, makeMachine } from './test-support.js';

const T = ARM920T_TIMING.memory;
const RATIO = T.coreCyclesPerBusCycle;
const FILL = T.lineFillBusCycles * RATIO;
const UNCACHED = T.uncachedWordBusCycles * RATIO;
const WALK = T.tableWalkReadBusCycles * RATIO;
const HALF_WB = T.halfLineWriteBackBusCycles * RATIO;

/** Physical RAM for VA `mb` MB, clear of the page tables in the first MB. */
const ram = (mb: number) => RAM_BASE + ((mb + 1) << 20);

/** Cycle-mode machine: VA 0–4 MB write-back, 4–5 MB uncached buffered, 5–6 MB NCNB, 6–7 MB write-through. */
function cachedMachine() {
  const m = makeMachine('cycle');
  for (let i = 0; i < 4; i++) m.tables.section(i << 20, ram(i), { ap: 3, c: true, b: true });
  m.tables.section(0x00400000, ram(4), { ap: 3, b: true });
  m.tables.section(0x00500000, ram(5), { ap: 3 });
  m.tables.section(0x00600000, ram(6), { ap: 3, c: true });
  enableMmu(m.mem, Arm920tControl.C | Arm920tControl.I | Arm920tControl.RR);
  return m;
}

function cost(clock: { cycles: number }, fn: () => void): number {
  const before = clock.cycles;
  fn();
  return clock.cycles - before;
}

describe('cycle-mode timing', () => {
  it('charges one walk read per section and two per page, then nothing on TLB hits', () => {
    const { mem, clock, tables } = cachedMachine();
    tables.coarse(0x00700000, L2_AREA);
    tables.small(L2_AREA, 0x00700000, ram(7), { ap: 3 });
    // Uncached buffered section: a read costs walk + uncached access.
    expect(cost(clock, () => mem.read32(0x00400000))).toBe(WALK + UNCACHED);
    expect(cost(clock, () => mem.read32(0x00400004))).toBe(UNCACHED);
    expect(cost(clock, () => mem.read32(0x00700000))).toBe(2 * WALK + UNCACHED);
    expect(mem.stalls.tableWalk).toBe(3 * WALK);
  });

  it('a loop of accesses that misses costs one line fill per access more than one that hits', () => {
    const { mem, clock } = cachedMachine();
    const N = 1024;
    // Warm the TLB and the line used by the hitting loop.
    mem.read32(0);
    const hits = cost(clock, () => {
      for (let i = 0; i < N; i++) mem.read32((i & 7) * 4);
    });
    // One word per line over 64 KB: four times the cache, so every access misses (round-robin).
    const misses = cost(clock, () => {
      for (let i = 0; i < N; i++) mem.read32(0x10000 + i * 32);
    });
    expect(hits).toBe(0);
    expect(misses - hits).toBe(N * FILL);
    expect(mem.dcache.stats.readMisses).toBe(N + 1);
    expect(mem.dcache.stats.readHits).toBe(N);
  });

  it('I-side: fetches fill lines once per 8 instructions; the I-cache works with the MMU off', () => {
    const { mem, clock } = makeMachine('cycle');
    // MMU and I-cache off: every fetch is an uncached access.
    expect(cost(clock, () => mem.fetch32(RAM_BASE))).toBe(UNCACHED);
    mem.cp15.control = Arm920tControl.I;
    const c = cost(clock, () => {
      for (let pc = 0; pc < 64; pc += 4) mem.fetch32(RAM_BASE + pc);
    });
    expect(c).toBe(2 * FILL);
    expect(mem.icache.stats).toMatchObject({ readMisses: 2, readHits: 14 });
    // Data stays uncached with the MMU off even with C set.
    mem.cp15.control = Arm920tControl.I | Arm920tControl.C;
    expect(cost(clock, () => mem.read32(RAM_BASE))).toBe(UNCACHED);
  });

  it('a D-cache clean costs in proportion to the number of dirty half lines', () => {
    const { mem, clock } = cachedMachine();
    const dirty = (lines: number, halves: 1 | 2) => {
      for (let i = 0; i < lines; i++) {
        const a = 0x20000 + i * 32;
        mem.read32(a); // allocate (read-allocate cache)
        mem.write32(a, i);
        if (halves === 2) mem.write32(a + 16, i);
      }
    };
    dirty(10, 1);
    expect(mem.dcache.dirtyLines()).toBe(10);
    const ten = cost(clock, () => mem.cleanDCacheAll());
    dirty(20, 1);
    const twenty = cost(clock, () => mem.cleanDCacheAll());
    dirty(20, 2);
    const twentyFull = cost(clock, () => mem.cleanDCacheAll());
    expect(ten).toBe(10 * HALF_WB);
    expect(twenty).toBe(2 * ten);
    expect(twentyFull).toBe(2 * twenty);
    expect(cost(clock, () => mem.cleanDCacheAll())).toBe(0);
    expect(mem.statistics().dcache.writeBacks).toBe(10 + 20 + 40);
  });

  it('write-back hits cost nothing; evicting a dirty line costs its write-back', () => {
    const { mem, clock } = cachedMachine();
    mem.read32(0);
    expect(cost(clock, () => mem.write32(0, 1))).toBe(0);
    expect(mem.dcache.dirtyHalfLines()).toBe(1);
    // Fill set 0 (stride 256) until line 0 is evicted by round-robin: the 64th new line.
    let evictionCost = 0;
    for (let i = 1; i <= 64; i++) {
      const c = cost(clock, () => mem.read32(i * 256));
      if (i === 64) evictionCost = c;
    }
    expect(evictionCost).toBe(FILL + HALF_WB);
    expect(mem.dcache.stats.evictions).toBe(1);
  });

  it('write misses and write-through writes go to the write buffer, stalling only when it is full', () => {
    const { mem, clock } = cachedMachine();
    mem.read32(0x00600000); // walk + fill for the write-through section
    mem.read32(0x00400000);
    // Four stores to different addresses in one cycle: buffered, no stall.
    expect(cost(clock, () => {
      for (let i = 0; i < 4; i++) mem.write32(0x00400000 + 64 * i, i);
    })).toBe(0);
    // The fifth waits for the first entry to drain.
    expect(cost(clock, () => mem.write32(0x00400400, 9))).toBe(T.writeBufferWordBusCycles * RATIO);
    expect(mem.writeBuffer.stats.fullStalls).toBe(1);
    // A write-through hit also goes to the buffer (it is full again: stall).
    expect(mem.dcache.write).toBeTypeOf('function');
    expect(cost(clock, () => mem.write32(0x00600000, 1))).toBeGreaterThan(0);
    expect(mem.dcache.dirtyLines()).toBe(0);
  });

  it('drains the write buffer before uncached reads and on c7,c10,4', () => {
    const { mem, clock } = cachedMachine();
    mem.read32(0x00400000);
    mem.read32(0x00500000);
    for (let i = 0; i < 3; i++) mem.write32(0x00400000 + 64 * i, i);
    const pending = 3 * T.writeBufferWordBusCycles * RATIO;
    expect(cost(clock, () => mem.read32(0x00500000))).toBe(pending + UNCACHED);
    mem.write32(0x00400000, 1);
    expect(cost(clock, () => mem.drainWriteBuffer())).toBe(T.writeBufferWordBusCycles * RATIO);
    expect(cost(clock, () => mem.drainWriteBuffer())).toBe(0);
    // NCNB stores drain too and then pay the full access.
    mem.write32(0x00400000, 1);
    expect(cost(clock, () => mem.write32(0x00500000, 1))).toBe(T.writeBufferWordBusCycles * RATIO + UNCACHED);
  });

  it('scales every stall with the core/bus clock ratio set at run time', () => {
    const { mem, clock } = cachedMachine();
    mem.read32(0x00400000);
    mem.read32(0);
    mem.coreCyclesPerBusCycle = 2;
    expect(cost(clock, () => mem.read32(0x00400000))).toBe(T.uncachedWordBusCycles * 2);
    expect(cost(clock, () => mem.read32(0x30000))).toBe(T.lineFillBusCycles * 2);
    expect(() => (mem.coreCyclesPerBusCycle = 0)).toThrow(/positive integer/);
    expect(() => (mem.coreCyclesPerBusCycle = 2.5)).toThrow(/positive integer/);
  });

  it('functional mode translates the same but adds no cycles', () => {
    const { mem, clock, tables } = makeMachine('functional');
    tables.section(0, ram(0), { ap: 3, c: true, b: true });
    enableMmu(mem, Arm920tControl.C | Arm920tControl.I);
    for (let i = 0; i < 100; i++) {
      mem.read32(i * 32);
      mem.write32(i * 32, i);
      mem.fetch32(i * 4);
    }
    mem.cleanDCacheAll();
    mem.drainWriteBuffer();
    expect(clock.cycles).toBe(0);
    expect(mem.dcache.validLines()).toBe(0);
    expect(mem.dtlb.stats.misses).toBe(1);
  });

  it('c7,c13,1 prefetches an I-cache line, paying the fill', () => {
    const { mem, clock } = cachedMachine();
    expect(cost(clock, () => mem.prefetchICacheLine(0x1000))).toBe(WALK + FILL);
    expect(cost(clock, () => mem.fetch32(0x1004))).toBe(0);
    expect(cost(clock, () => mem.prefetchICacheLine(0x1000))).toBe(0);
  });
});
