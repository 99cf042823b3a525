import { describe, expect, it } from 'vitest';
import { PhysicalBus } from '../bus/physical-bus.js';
import { coarseTableDescriptor, largePageDescriptor, sectionDescriptor, smallPageDescriptor } from './descriptors.js';
import { MemoryTypeV6, coarseTableDescriptorV6, largePageDescriptorV6, sectionDescriptorV6, smallPageDescriptorV6, supersectionDescriptor } from './descriptors-v6.js';
import { FaultStatusV6 } from './fault-status.js';
import { AP_TABLE_V6, apPermissionsV6, firstLevelAddressV6, memoryType, walkV6, type V6TranslationRegime } from './page-table-v6.js';
import { Mapping, Perm } from './page-table.js';

const RAM = 0x50000000;
const TTB = RAM;
const L2 = RAM + 0x8000;

function setup(regime: Partial<V6TranslationRegime> = {}) {
  const bus = new PhysicalBus();
  bus.mapRam(RAM, 4 << 20);
  const r: V6TranslationRegime = { ttbr0: TTB, ttbr1: TTB, ttbcrN: 0, pd0: false, pd1: false, xp: true, texRemap: false, prrr: 0, nmrr: 0, ...regime };
  const l1 = (ttb: number, va: number, d: number) => bus.write(ttb + ((va >>> 20) << 2), d, 4);
  const l2 = (va: number, d: number) => bus.write(L2 + (((va >>> 12) & 0xff) << 2), d, 4);
  const walk = (va: number) => {
    const m = new Mapping();
    const status = walkV6(bus, r, va, m);
    return { status, m };
  };
  return { bus, r, l1, l2, walk };
}

describe('walkV6, extended formats (XP = 1)', () => {
  it('decodes a section with XN, TEX, APX, S and nG', () => {
    const { l1, walk } = setup();
    l1(TTB, 0x00100000, sectionDescriptorV6(0x51200000, { ap: 1, apx: true, domain: 3, xn: true, nG: true, s: true, ...MemoryTypeV6.writeBack }));
    const { status, m } = walk(0x00123456);
    expect(status).toBe(0);
    expect(m).toMatchObject({ mvaBase: 0x00100000, size: 1 << 20, physBase: 0x51200000, domain: 3, xn: true, apx: true, global: false, shareable: true, page: false, cacheable: true, bufferable: true, reads: 1 });
  });

  it('decodes a supersection: 16 MB, extended base ignored, domain 0', () => {
    const { l1, walk } = setup();
    // Extended base [23:20] set to 0xf: ignored. Domain field bits would say 5: ignored.
    const d = (supersectionDescriptor(0x50000000, { ap: 3 }) | (0xf << 20) | (5 << 5)) >>> 0;
    for (let i = 0; i < 16; i++) l1(TTB, 0x01000000 + (i << 20), d);
    const { status, m } = walk(0x01abcdef);
    expect(status).toBe(0);
    expect(m).toMatchObject({ mvaBase: 0x01000000, size: 1 << 24, physBase: 0x50000000, domain: 0, global: true });
  });

  it('decodes extended small pages (XN in bit 0) and large pages (XN in bit 15)', () => {
    const { l1, l2, walk } = setup();
    l1(TTB, 0x00200000, coarseTableDescriptorV6(L2, 7));
    l2(0x00201000, smallPageDescriptorV6(0x50301000, { ap: 2, apx: true, xn: true, nG: true, ...MemoryTypeV6.writeThrough }));
    const small = walk(0x00201abc);
    expect(small.status).toBe(0);
    expect(small.m).toMatchObject({ size: 4096, physBase: 0x50301000, domain: 7, xn: true, apx: true, global: false, page: true, cacheable: true, bufferable: false, reads: 2 });
    const large = largePageDescriptorV6(0x50310000, { ap: 3, xn: true, tex: 1 });
    for (let i = 0; i < 16; i++) l2(0x00210000 + i * 4096, large);
    const l = walk(0x0021fff0);
    expect(l.m).toMatchObject({ mvaBase: 0x00210000, size: 1 << 16, physBase: 0x50310000, xn: true, global: true, cacheable: false, bufferable: true });
  });

  it('reports translation faults for fault and reserved entries (no fine tables)', () => {
    const { l1, l2, walk } = setup();
    expect(walk(0x00300000).status).toBe(FaultStatusV6.TRANSLATION_SECTION);
    l1(TTB, 0x00300000, (L2 | 0b11) >>> 0); // a v5 fine table: reserved on ARMv6
    expect(walk(0x00300000).status).toBe(FaultStatusV6.TRANSLATION_SECTION);
    l1(TTB, 0x00400000, coarseTableDescriptorV6(L2, 9));
    l2(0x00400000, 0);
    const r = walk(0x00400000);
    expect(r.status).toBe(FaultStatusV6.TRANSLATION_PAGE);
    expect(r.m.domain).toBe(9);
  });

  it('reports external aborts on descriptor fetches', () => {
    const { l1, walk } = setup({ ttbr1: 0x10000000, ttbcrN: 1 });
    expect(walk(0x80000000).status).toBe(FaultStatusV6.EXTERNAL_TRANSLATION_L1);
    l1(TTB, 0x00500000, coarseTableDescriptorV6(0x10000000, 2));
    const r = walk(0x00500000);
    expect(r.status).toBe(FaultStatusV6.EXTERNAL_TRANSLATION_L2);
    expect(r.m.domain).toBe(2);
  });
});

describe('walkV6, ARMv5-compatible formats (XP = 0)', () => {
  it('keeps subpage APs, ignores XN/APX/nG bits and makes every mapping global', () => {
    const { l1, l2, walk } = setup({ xp: false });
    l1(TTB, 0x00100000, (sectionDescriptor(0x50100000, { ap: 3 }) | (1 << 17) | (1 << 15)) >>> 0);
    expect(walk(0x00100000).m).toMatchObject({ global: true, apx: false, xn: false });
    l1(TTB, 0x00200000, coarseTableDescriptor(L2, 1));
    l2(0x00200000, smallPageDescriptor(0x50200000, { ap: [0, 1, 2, 3] }));
    const m = walk(0x00200c00).m;
    expect(m.apBits).toBe(0b11100100);
    expect(m.subpageShift).toBe(10);
    for (let i = 0; i < 16; i++) l2(0x00210000 + 4096 * i, largePageDescriptor(0x50210000, { ap: 3, c: true }));
    expect(walk(0x00210000).m).toMatchObject({ size: 1 << 16, cacheable: true, global: true });
    // 0b11 at the second level: an extended small page with TEX, not a tiny page.
    l2(0x00220000, (0x50220000 | (1 << 6) | (3 << 4) | 0b11) >>> 0);
    expect(walk(0x00220000).m).toMatchObject({ size: 4096, apBits: 0xff, cacheable: false, bufferable: true });
    // Supersections do not exist in this format: bit 18 is just SBZ.
    l1(TTB, 0x01000000, (sectionDescriptor(0x51000000, { ap: 3 }) | (1 << 18)) >>> 0);
    expect(walk(0x01000000).m.size).toBe(1 << 20);
  });
});

describe('TTBR0/TTBR1 selection (TTBCR)', () => {
  it('N = 0 uses TTBR0 for everything; N > 0 sends VAs with any of the top N bits set to TTBR1', () => {
    const r = { ttbr0: 0x50004000, ttbr1: 0x50008000, ttbcrN: 0, pd0: false, pd1: false };
    expect(firstLevelAddressV6(r as V6TranslationRegime, 0xc0000000)).toBe(0x50004000 + 0xc00 * 4);
    // N = 2: TTBR0 covers 0–1 GB with a 4 KB table aligned to 4 KB.
    const n2 = { ...r, ttbr0: 0x50005000, ttbcrN: 2 } as V6TranslationRegime;
    expect(firstLevelAddressV6(n2, 0x3ff00000)).toBe(0x50005000 + 0x3ff * 4);
    expect(firstLevelAddressV6(n2, 0x40000000)).toBe(0x50008000 + 0x400 * 4);
    // PD0 / PD1 disable walks through that TTBR.
    expect(firstLevelAddressV6({ ...n2, pd0: true }, 0x1000)).toBe(-1);
    expect(firstLevelAddressV6({ ...n2, pd1: true }, 0xc0000000)).toBe(-1);
  });

  it('a disabled walk is a section translation fault with no descriptor read', () => {
    const { walk } = setup({ ttbcrN: 1, pd1: true });
    const r = walk(0x80000000);
    expect(r.status).toBe(FaultStatusV6.TRANSLATION_SECTION);
    expect(r.m.reads).toBe(0);
  });
});

describe('ARMv6 memory attributes and permissions', () => {
  const plain = { texRemap: false, prrr: 0, nmrr: 0 };
  const type = (tex: number, c: boolean, b: boolean) => memoryType(tex, c, b, plain);
  it('decodes TEX/C/B: ARMv5 forms, normal uncached, and inner policies of TEX = 1xx', () => {
    expect([type(0, false, false), type(0, false, true), type(0, true, false), type(0, true, true)]).toEqual([0, 1, 2, 3]);
    expect(type(1, false, false)).toBe(1); // normal non-cacheable: buffered
    expect(type(1, true, true)).toBe(3); // write-back write-allocate
    expect(type(2, false, false)).toBe(1); // non-shared device
    // TEX = 1BB: inner policy from C/B whatever the outer BB.
    expect([type(4, false, false), type(5, false, true), type(6, true, false), type(7, true, true)]).toEqual([1, 3, 2, 3]);
  });

  it('remaps through PRRR/NMRR with TR = 1', () => {
    // Index 3 (TEX[0]=0, C=1, B=1): PRRR type 10 (normal), NMRR inner 10 (write-through).
    const remap = { texRemap: true, prrr: 0b10 << 6, nmrr: 0b10 << 6 };
    expect(memoryType(0, true, true, remap)).toBe(2);
    expect(memoryType(0, false, false, remap)).toBe(0); // index 0: PRRR 00, strongly ordered
  });

  it('gives the APX read-only forms', () => {
    expect(apPermissionsV6(1, true, false, false)).toBe(Perm.PRIV_READ);
    expect(apPermissionsV6(2, true, false, false)).toBe(Perm.PRIV_READ | Perm.USER_READ);
    expect(apPermissionsV6(3, true, false, false)).toBe(Perm.PRIV_READ | Perm.USER_READ);
    expect(apPermissionsV6(0, true, false, false)).toBe(0);
    expect(apPermissionsV6(3, false, false, false)).toBe(Perm.ALL);
    expect(apPermissionsV6(0, false, true, false)).toBe(Perm.PRIV_READ); // S
    // FA = 1: APX:AP[1] only.
    expect(AP_TABLE_V6[32 | 0b11]).toBe(Perm.ALL);
    expect(AP_TABLE_V6[32 | 0b01]).toBe(Perm.PRIV_READ | Perm.PRIV_WRITE);
    expect(AP_TABLE_V6[32 | 16 | 0b11]).toBe(Perm.PRIV_READ | Perm.USER_READ);
  });
});
