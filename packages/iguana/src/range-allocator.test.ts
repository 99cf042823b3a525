import { describe, expect, it } from 'vitest';
import { RangeAllocator } from './range-allocator.js';

describe('RangeAllocator', () => {
  it('allocates first fit with alignment', () => {
    const pool = new RangeAllocator(0x1000, 0x10000);
    expect(pool.allocate(0x100)).toBe(0x1000);
    expect(pool.allocate(0x1000, 0x1000)).toBe(0x2000);
    expect(pool.allocate(0x100)).toBe(0x1100);
    expect(pool.freeBytes).toBe(0x10000 - 0x1200);
  });
  it('claims fixed ranges and refuses overlapping ones', () => {
    const pool = new RangeAllocator(0, 0x4000);
    expect(pool.claim(0x1000, 0x1000)).toBe(true);
    expect(pool.claim(0x1800, 0x100)).toBe(false);
    expect(pool.allocate(0x1800)).toBe(0x2000);
  });
  it('coalesces released neighbours back into one range', () => {
    const pool = new RangeAllocator(0, 0x3000);
    const a = pool.allocate(0x1000)!;
    const b = pool.allocate(0x1000)!;
    const c = pool.allocate(0x1000)!;
    expect(pool.allocate(1)).toBeUndefined();
    pool.release(a, 0x1000);
    pool.release(c, 0x1000);
    pool.release(b, 0x1000);
    expect(pool.freeRanges()).toEqual([{ base: 0, size: 0x3000 }]);
  });
  it('reports bad input clearly', () => {
    const pool = new RangeAllocator(0, 0x1000, 'vpool');
    expect(() => pool.allocate(0)).toThrow(/vpool: size 0/);
    expect(() => pool.allocate(16, 3)).toThrow(/not a power of two/);
    expect(() => pool.release(0, 0x10)).toThrow(/double release/);
    expect(() => pool.release(0x2000, 0x10)).toThrow(/outside the pool/);
  });
});
