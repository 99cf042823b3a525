import { describe, expect, it } from 'vitest';
import { Cache, Lfsr16 } from './cache.js';
import { LineIndex } from './line-index.js';

function arm920tCache(): Cache {
  return new Cache({ name: 'D', sizeBytes: 16384, ways: 64, lineBytes: 32, index: 'virtual', tag: 'virtual' });
}

/** Addresses that all fall in set 0 of the ARM920T geometry (bits [7:5] = 0). */
const set0 = (i: number) => i * 256;

describe('Cache', () => {
  it('has the ARM920T geometry: 8 segments of 64 lines', () => {
    const c = arm920tCache();
    expect(c.sets).toBe(8);
    expect(c.lineCount).toBe(512);
    expect(c.setOf(0xe0)).toBe(7);
  });

  it('misses, allocates on read, then hits', () => {
    const c = arm920tCache();
    expect(c.read(0x1000, 0x1000, 0x30001000)).toBe(false);
    expect(c.read(0x101c, 0x101c, 0x3000101c)).toBe(true);
    expect(c.read(0x1020, 0x1020, 0x30001020)).toBe(false);
    expect(c.stats).toMatchObject({ readHits: 1, readMisses: 2, lineFills: 2 });
    expect(c.physicalOf(0x1000, 0x1000)).toBe(0x30001000);
  });

  it('does not allocate on a write miss (read-allocate)', () => {
    const c = arm920tCache();
    expect(c.write(0x2000, 0x2000, true)).toBe(false);
    expect(c.validLines()).toBe(0);
    expect(c.stats.writeMisses).toBe(1);
  });

  it('replaces round-robin within a set when RR is set', () => {
    const c = arm920tCache();
    c.roundRobin = true;
    for (let i = 0; i < 64; i++) c.read(set0(i), set0(i), set0(i));
    expect(c.wayOf(set0(0), set0(0))).toBe(0);
    expect(c.wayOf(set0(63), set0(63))).toBe(63);
    c.read(set0(64), set0(64), set0(64)); // evicts way 0
    expect(c.wayOf(set0(0), set0(0))).toBe(-1);
    expect(c.wayOf(set0(64), set0(64))).toBe(0);
    expect(c.stats.evictions).toBe(1);
    // Other sets are untouched.
    expect(c.validLines()).toBe(64);
  });

  it('replaces pseudo-randomly, deterministically', () => {
    const run = () => {
      const c = arm920tCache();
      const ways: number[] = [];
      for (let i = 0; i < 100; i++) {
        c.read(set0(i), set0(i), 0);
        ways.push(c.wayOf(set0(i), set0(i)));
      }
      return ways;
    };
    const a = run();
    expect(run()).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(30);
  });

  it('keeps ways below the lockdown base', () => {
    const c = arm920tCache();
    c.roundRobin = true;
    c.lockdownBase = 0;
    c.read(set0(0), set0(0), 0);
    c.read(set0(1), set0(1), 0);
    c.lockdownBase = 2;
    for (let i = 2; i < 500; i++) c.read(set0(i), set0(i), 0);
    expect(c.wayOf(set0(0), set0(0))).toBe(0);
    expect(c.wayOf(set0(1), set0(1))).toBe(1);
    // Random replacement respects the base too.
    c.roundRobin = false;
    for (let i = 500; i < 1000; i++) c.read(set0(i), set0(i), 0);
    expect(c.wayOf(set0(0), set0(0))).toBe(0);
  });

  it('tracks dirty half lines and writes back only dirty halves', () => {
    const c = arm920tCache();
    c.roundRobin = true;
    c.read(set0(0), set0(0), 0x30000000);
    c.write(set0(0) + 4, set0(0) + 4, true); // first half
    expect(c.dirtyHalfLines()).toBe(1);
    c.write(set0(0) + 20, set0(0) + 20, true); // second half
    expect(c.dirtyHalfLines()).toBe(2);
    c.read(set0(1), set0(1), 0);
    c.write(set0(1) + 16, set0(1) + 16, true);
    c.write(set0(1) + 16, set0(1) + 16, false); // write-through hit does not dirty
    expect(c.dirtyLines()).toBe(2);
    expect(c.cleanLine(set0(1), set0(1))).toBe(1);
    expect(c.cleanLine(set0(1), set0(1))).toBe(0);
    // Fill the set so line 0 is evicted: its two dirty halves are reported.
    for (let i = 2; i <= 64; i++) c.read(set0(i), set0(i), 0);
    expect(c.evictedDirtyHalves).toBe(2);
    expect(c.evictedPhysical).toBe(0x30000000);
    expect(c.stats.writeBacks).toBe(3);
  });

  it('cleans and invalidates by set/way and in whole', () => {
    const c = arm920tCache();
    c.roundRobin = true;
    for (let i = 0; i < 10; i++) {
      c.read(i * 32, i * 32, 0);
      c.write(i * 32, i * 32, true);
    }
    // Line 9 = 0x120 → set 1, second line of that set (way 1).
    const { set, way } = c.setWayOf((1 << 26) | (1 << 5));
    expect([set, way]).toEqual([1, 1]);
    expect(c.cleanInvalidateSetWay(set, way)).toBe(1);
    expect(c.wayOf(0x120, 0x120)).toBe(-1);
    expect(c.cleanAll()).toBe(9);
    expect(c.cleanAll()).toBe(0);
    expect(c.validLines()).toBe(9);
    c.invalidateLine(0, 0);
    expect(c.validLines()).toBe(8);
    c.invalidateAll();
    expect(c.validLines()).toBe(0);
    expect(c.read(0x20, 0x20, 0)).toBe(false);
  });

  it('supports VIPT geometry (ARM1176: 4-way, 4 KB per way)', () => {
    const c = new Cache({ name: 'vipt', sizeBytes: 16384, ways: 4, lineBytes: 32, index: 'virtual', tag: 'physical' });
    expect(c.sets).toBe(128);
    // Two virtual aliases of one physical line share it (non-aliasing: same set).
    expect(c.read(0x00001040, 0x50002040, 0x50002040)).toBe(false);
    expect(c.read(0x7fff3040, 0x50002040, 0x50002040)).toBe(true);
    // Aliasing VIPT (8 KB per way) keeps the index bit above the page in the key.
    const a = new Cache({ name: 'alias', sizeBytes: 32768, ways: 4, lineBytes: 32, index: 'virtual', tag: 'physical' });
    a.read(0x0000, 0x50000000, 0x50000000);
    expect(a.read(0x1000, 0x50000000, 0x50000000)).toBe(false);
    expect(a.validLines()).toBe(2);
  });

  it('rejects bad geometry', () => {
    expect(() => new Cache({ name: 'x', sizeBytes: 1000, ways: 4, lineBytes: 32, index: 'virtual', tag: 'virtual' })).toThrow(/powers of two/);
    expect(() => new Cache({ name: 'x', sizeBytes: 4096, ways: 4, lineBytes: 32, index: 'physical', tag: 'virtual' })).toThrow(/not supported/);
  });
});

describe('LineIndex', () => {
  it('agrees with a Map under random inserts and deletes', () => {
    const index = new LineIndex(64);
    const ref = new Map<number, number>();
    const lfsr = new Lfsr16(0x1234);
    for (let step = 0; step < 20000; step++) {
      const key = (lfsr.next() * 7) % 200;
      const op = lfsr.next() % 3;
      if (op === 0 && (ref.has(key) || ref.size < 60)) {
        index.set(key, step);
        ref.set(key, step);
      } else if (op === 1) {
        index.delete(key);
        ref.delete(key);
      }
      expect(index.get(key)).toBe(ref.get(key) ?? -1);
    }
    for (const [k, v] of ref) expect(index.get(k)).toBe(v);
  });
});
