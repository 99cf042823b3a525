import { describe, expect, it } from 'vitest';
import { CostMeter } from '../cost/cost-meter.js';
import { Arm1176Control } from '../cp15/arm1176-registers.js';
import { ARM1176_TIMING } from '../timing/arm1176.js';
import { L2_AREA, RAM_BASE, enableMmuV6, makeArm1176, op } from './arm1176-test-support.js';
import { MemoryTypeV6 } from './descriptors-v6.js';

const T = ARM1176_TIMING.memory;
const RATIO = T.coreCyclesPerBusCycle;
const FILL = T.lineFillBusCycles * RATIO;
const UNCACHED = T.uncachedWordBusCycles * RATIO;
const WALK = T.tableWalkReadBusCycles * RATIO;
const HALF_WB = T.halfLineWriteBackBusCycles * RATIO;
const MAIN = T.mainTlbHitCycles;

/** Physical RAM for VA `mb` MB, clear of the tables. */
const ram = (mb: number) => RAM_BASE + ((mb + 1) << 20);

function cost(clock: { cycles: number }, fn: () => void): number {
  const before = clock.cycles;
  fn();
  return clock.cycles - before;
}

/** Cycle-mode machine: VA 0–4 MB write-back (TEX 000 CB 11), 4 MB normal non-cacheable, 5 MB strongly ordered, 6 MB inner WT via TEX 1xx. */
function cachedMachine() {
  const m = makeArm1176('cycle');
  for (let i = 0; i < 4; i++) m.tables.section(i << 20, ram(i), { ap: 3, ...MemoryTypeV6.writeBack });
  m.tables.section(0x00400000, ram(4), { ap: 3, ...MemoryTypeV6.nonCacheable });
  m.tables.section(0x00500000, ram(5), { ap: 3, ...MemoryTypeV6.stronglyOrdered });
  m.tables.section(0x00600000, ram(6), { ap: 3, tex: 0b101, c: true, b: false }); // outer WBWA, inner WT
  enableMmuV6(m.mem, Arm1176Control.C | Arm1176Control.I | Arm1176Control.RR);
  return m;
}

describe('ARM1176 cycle-mode timing', () => {
  it('charges main-TLB lookups and walks on micro-TLB misses, nothing on micro hits', () => {
    const { mem, clock, tables } = cachedMachine();
    tables.coarse(0x00700000, L2_AREA);
    tables.small(L2_AREA, 0x00700000, ram(7), { ap: 3 });
    expect(cost(clock, () => mem.read32(0x00500000))).toBe(MAIN + WALK + UNCACHED);
    expect(cost(clock, () => mem.read32(0x00500004))).toBe(UNCACHED);
    expect(cost(clock, () => mem.read32(0x00700000))).toBe(MAIN + 2 * WALK + UNCACHED);
    // Evict from the D micro TLB (10 entries) but not from the main TLB: only the main lookup is paid.
    for (let i = 8; i < 20; i++) tables.section(i << 20, ram(i % 4), { ap: 3 });
    for (let i = 8; i < 20; i++) mem.read32(i << 20);
    expect(cost(clock, () => mem.read32(0x00500008))).toBe(MAIN + UNCACHED);
  });

  it('VIPT: hits cost nothing, misses a line fill; two VAs of one physical line share it (no aliasing)', () => {
    const { mem, clock, tables } = cachedMachine();
    tables.section(0x00800000, ram(0), { ap: 3, ...MemoryTypeV6.writeBack }); // alias of VA 0
    mem.read32(0);
    expect(cost(clock, () => mem.read32(4))).toBe(0);
    expect(cost(clock, () => mem.read32(0x20))).toBe(FILL);
    // Same physical line through the alias: a hit (after the alias's own TLB walk).
    expect(cost(clock, () => mem.read32(0x00800004))).toBe(MAIN + WALK);
    expect(mem.dcache.stats.readMisses).toBe(2);
  });

  it('4 ways: a fifth line of one set evicts the first (round-robin); the set comes from VA[11:5]', () => {
    const { mem, clock } = cachedMachine();
    for (let w = 0; w < 5; w++) mem.read32(w * 4096);
    // Lines 4 KB apart fall in the same set; the fifth replaced the first.
    expect(cost(clock, () => mem.read32(4096))).toBe(0);
    expect(cost(clock, () => mem.read32(0))).toBe(FILL);
    expect(mem.dcache.ways).toBe(4);
    expect(mem.dcache.sets).toBe(128);
  });

  it('decodes ARMv6 memory types: non-cacheable normal memory is buffered, strongly ordered is not, TEX 1xx inner WT', () => {
    const { mem, clock } = cachedMachine();
    mem.read32(0x00400000);
    mem.read32(0x00500000);
    mem.read32(0x00600000);
    // Buffered store: no stall while the write buffer has room; strongly ordered: uncached cost.
    expect(cost(clock, () => mem.write32(0x00400000, 1))).toBe(0);
    mem.drainWriteBuffer();
    expect(cost(clock, () => mem.write32(0x00500000, 1))).toBe(UNCACHED);
    // Inner write-through: the read allocated, the write hit goes through the write buffer, the line stays clean.
    mem.write32(0x00600000, 1);
    expect(mem.dcache.dirtyLines()).toBe(0);
    expect(mem.dcache.stats.writeHits).toBe(1);
  });

  it('a whole D-cache clean (c7,c10,0) costs its dirty half lines; c7,c10,6 reports dirtiness', () => {
    const { mem, clock } = cachedMachine();
    for (let i = 0; i < 10; i++) {
      mem.read32(i * 32);
      mem.write32(i * 32, 1); // first half dirty
      mem.write32(i * 32 + 16, 1); // second half too
    }
    expect(mem.cp15.mrc(op(7, 10, 6), true)).toBe(1);
    expect(cost(clock, () => mem.cp15.mcr(op(7, 10, 0), 0, true))).toBe(20 * HALF_WB);
    expect(mem.cp15.mrc(op(7, 10, 6), true)).toBe(0);
    // Clean by MVA: translated (VIPT: tag by PA) and charged only if dirty.
    mem.write32(0, 2);
    expect(cost(clock, () => mem.cp15.mcr(op(7, 10, 1), 0, true))).toBe(HALF_WB);
    expect(cost(clock, () => mem.cp15.mcr(op(7, 14, 1), 0, true))).toBe(0);
    expect(mem.dcache.probe(0, ram(0))).toBe(-1);
  });

  it('set/way operations use the ARM1176 format: way [31:30], set [11:5]', () => {
    const { mem, clock } = cachedMachine();
    mem.read32(3 * 4096 + 0x40); // set 2
    mem.write32(3 * 4096 + 0x40, 1);
    const way = mem.dcache.wayOf(3 * 4096 + 0x40, ram(0) + 3 * 4096 + 0x40);
    expect(way).toBeGreaterThanOrEqual(0);
    expect(cost(clock, () => mem.cp15.mcr(op(7, 14, 2), ((way << 30) | (2 << 5)) >>> 0, true))).toBe(HALF_WB);
    expect(mem.dcache.validLines()).toBe(0);
    mem.read32(0x80);
    mem.cp15.mcr(op(7, 6, 2), ((mem.dcache.wayOf(0x80, ram(0) + 0x80) << 30) | (4 << 5)) >>> 0, true);
    expect(mem.dcache.validLines()).toBe(0);
  });

  it('the cost meter works on the ARM1176 (VIPT) and flushes one ASID', () => {
    const { mem, clock, tables } = cachedMachine();
    tables.section(0x00900000, ram(1), { ap: 3, nG: true, ...MemoryTypeV6.writeBack });
    mem.cp15.asid = 5;
    const meter = new CostMeter(mem);
    meter.read(0x00900000);
    meter.instructions(8, 0);
    const walks = mem.mainTlb.stats.walkReads;
    meter.flushTlbAsid(5);
    const c = cost(clock, () => meter.read(0x00900000));
    expect(mem.mainTlb.stats.walkReads).toBe(walks + 1);
    expect(c).toBe(MAIN + WALK);
  });
});
