import { describe, expect, it } from 'vitest';
import { Mapping } from './page-table.js';
import { Tlb } from './tlb.js';

function mapping(mvaBase: number, size = 4096, physBase = 0x30000000 + mvaBase): Mapping {
  const m = new Mapping();
  m.mvaBase = mvaBase;
  m.size = size;
  m.physBase = physBase;
  m.apBits = 0xff;
  m.subpageShift = 10;
  m.domain = 2;
  m.page = true;
  return m;
}

describe('Tlb', () => {
  it('finds entries of every size and misses outside them', () => {
    const tlb = new Tlb();
    tlb.insert(mapping(0xc0000000, 1 << 20));
    tlb.insert(mapping(0x00010000, 1 << 16));
    tlb.insert(mapping(0x00400400, 1 << 10));
    expect(tlb.lookup(0xc00fffff)).toBe(0);
    expect(tlb.lookup(0xc0100000)).toBe(-1);
    expect(tlb.lookup(0x0001ffff)).toBe(1);
    expect(tlb.lookup(0x00400000)).toBe(-1);
    expect(tlb.lookup(0x004007ff)).toBe(2);
    expect(tlb.sizeOf(0)).toBe(1 << 20);
    expect(tlb.mvaBaseOf(0)).toBe(0xc0000000);
  });

  it('replaces round-robin and wraps', () => {
    const tlb = new Tlb(64);
    for (let i = 0; i < 64; i++) expect(tlb.insert(mapping(i << 12))).toBe(i);
    expect(tlb.validCount()).toBe(64);
    // The 65th entry replaces entry 0.
    expect(tlb.insert(mapping(0x100000))).toBe(0);
    expect(tlb.lookup(0)).toBe(-1);
    expect(tlb.lookup(0x1000)).toBe(1);
    expect(tlb.lookup(0x100000)).toBe(0);
  });

  it('never replaces entries below the lockdown base', () => {
    const tlb = new Tlb(64);
    // Lock two entries: base 0, victim 0, P=1, load; then base 2, victim 2.
    tlb.lockdownRegister = (0 << 26) | (0 << 20) | 1;
    tlb.insert(mapping(0xa000));
    tlb.insert(mapping(0xb000));
    tlb.lockdownRegister = (2 << 26) | (2 << 20);
    expect(tlb.lockdownRegister >>> 0).toBe(((2 << 26) | (2 << 20)) >>> 0);
    for (let i = 0; i < 200; i++) tlb.insert(mapping(0x100000 + (i << 12)));
    expect(tlb.lookup(0xa000)).toBe(0);
    expect(tlb.lookup(0xb000)).toBe(1);
  });

  it('keeps preserved entries across invalidate-all but not invalidate-by-MVA', () => {
    const tlb = new Tlb();
    tlb.lockdownRegister = 1; // P=1
    tlb.insert(mapping(0x1000));
    tlb.lockdownRegister = (1 << 26) | (1 << 20); // P=0, base 1
    tlb.insert(mapping(0x2000));
    tlb.invalidateAll();
    expect(tlb.lookup(0x1000)).toBe(0);
    expect(tlb.lookup(0x2000)).toBe(-1);
    expect(tlb.invalidateMva(0x1abc)).toBe(1);
    expect(tlb.lookup(0x1000)).toBe(-1);
    expect(tlb.entries()).toEqual([]);
  });

  it('reports changes so fast paths can be dropped', () => {
    const tlb = new Tlb();
    let changes = 0;
    tlb.onChange = () => changes++;
    tlb.insert(mapping(0x1000));
    tlb.invalidateMva(0x5000); // nothing there: no change
    tlb.invalidateMva(0x1000);
    tlb.invalidateAll();
    expect(changes).toBe(3);
  });

  it('lists entries for debuggers', () => {
    const tlb = new Tlb();
    tlb.insert(mapping(0x3000));
    expect(tlb.entries()).toEqual([
      { index: 0, mvaBase: 0x3000, size: 4096, physBase: 0x30003000, apBits: 0xff, domain: 2, cacheable: false, bufferable: false, preserved: false },
    ]);
  });
});
