import { describe, expect, it } from 'vitest';
import { Prng, createPrng } from './prng.js';

describe('Prng (xoshiro128**)', () => {
  it('follows the xoshiro128** recurrence (state 1, 2, 3, 4)', () => {
    const p = new Prng(0);
    p.state = [1, 2, 3, 4];
    expect([p.uint32(), p.uint32(), p.uint32()]).toEqual([11520, 0, 5927040]);
  });

  it('is a pure function of the seed', () => {
    const a = createPrng(1);
    const b = createPrng(1);
    const seqA = Array.from({ length: 100 }, () => a.uint32());
    expect(Array.from({ length: 100 }, () => b.uint32())).toEqual(seqA);
    // Pinned so an accidental change to the generator shows up here (recorded fixtures depend on it).
    expect(seqA.slice(0, 5)).toEqual([0x9190299e, 0xc1017b27, 0xe3af522f, 0x7d71fb05, 0x787816c2]);
    expect(createPrng(2).uint32()).not.toBe(seqA[0]);
  });

  it('saves and restores its state', () => {
    const p = new Prng(7);
    p.uint32();
    const saved = p.state;
    const next = [p.uint32(), p.uint32()];
    p.state = saved;
    expect([p.uint32(), p.uint32()]).toEqual(next);
    expect(() => (p.state = [0, 0, 0, 0])).toThrow();
  });

  it('below(n) is in range and roughly uniform', () => {
    const p = new Prng(3);
    const counts = new Array(6).fill(0);
    for (let k = 0; k < 60_000; k++) counts[p.below(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    for (let k = 0; k < 1000; k++) {
      const v = p.range(-3, 3);
      expect(v >= -3 && v <= 3).toBe(true);
    }
    expect(p.below(1)).toBe(0);
    expect(() => p.below(0)).toThrow();
    expect(p.bits(0)).toBe(0);
    for (let k = 0; k < 100; k++) expect(p.bits(5)).toBeLessThan(32);
    const f = p.float();
    expect(f >= 0 && f < 1).toBe(true);
  });

  it('fork gives an independent, reproducible stream', () => {
    const a = new Prng(9);
    const b = new Prng(9);
    const fa = a.fork();
    const fb = b.fork();
    expect(fa.uint32()).toBe(fb.uint32());
    expect(a.uint32()).toBe(b.uint32());
  });
});
