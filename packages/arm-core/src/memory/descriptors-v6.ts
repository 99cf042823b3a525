/**
 * Encoders for ARMv6 extended page-table descriptors (c1.XP = 1), for kernels, loaders and tests that build
 * tables in guest memory. Formats: ARM1176JZF-S TRM DDI0301 §6.11 (see also reference/hardware.md §4).
 * The ARMv5-compatible formats (XP = 0) are the ARMv4/v5 encoders in descriptors.ts (without fine tables).
 */

/** Named ARMv6 memory types as TEX/C/B (TEX remap off). */
export const MemoryTypeV6 = {
  /** Strongly ordered: TEX 000, C 0, B 0. */
  stronglyOrdered: { tex: 0, c: false, b: false },
  /** Shared device: TEX 000, C 0, B 1. */
  device: { tex: 0, c: false, b: true },
  /** Normal, outer and inner write-through, no write-allocate: TEX 000, C 1, B 0. */
  writeThrough: { tex: 0, c: true, b: false },
  /** Normal, outer and inner write-back, no write-allocate: TEX 000, C 1, B 1. */
  writeBack: { tex: 0, c: true, b: true },
  /** Normal, non-cacheable: TEX 001, C 0, B 0. */
  nonCacheable: { tex: 1, c: false, b: false },
  /** Normal, outer and inner write-back write-allocate: TEX 001, C 1, B 1. */
  writeBackAllocate: { tex: 1, c: true, b: true },
} as const;

export interface DescriptorAttributesV6 {
  /** AP[1:0]. */
  readonly ap: number;
  /** APX: with AP, the read-only forms. */
  readonly apx?: boolean;
  /** Domain (sections and coarse tables; supersections are always domain 0). */
  readonly domain?: number;
  readonly tex?: number;
  readonly c?: boolean;
  readonly b?: boolean;
  /** Execute-never. */
  readonly xn?: boolean;
  /** Not global: the mapping belongs to the ASID current when it is loaded into the TLB. */
  readonly nG?: boolean;
  /** Shareable. */
  readonly s?: boolean;
}

function checkAligned(what: string, address: number, alignment: number): number {
  address >>>= 0;
  if (address % alignment !== 0) throw new Error(`${what}: 0x${address.toString(16)} is not ${alignment}-byte aligned`);
  return address;
}

function cb(a: DescriptorAttributesV6): number {
  return (a.c ? 8 : 0) | (a.b ? 4 : 0);
}

/** Section (1 MB): XN 4, domain [8:5], AP [11:10], TEX [14:12], APX 15, S 16, nG 17. */
export function sectionDescriptorV6(physical: number, a: DescriptorAttributesV6): number {
  const pa = checkAligned('section', physical, 1 << 20);
  return (pa | (a.nG ? 1 << 17 : 0) | (a.s ? 1 << 16 : 0) | (a.apx ? 1 << 15 : 0) | (((a.tex ?? 0) & 7) << 12) | ((a.ap & 3) << 10) |
    (((a.domain ?? 0) & 15) << 5) | (a.xn ? 0x10 : 0) | cb(a) | 0b10) >>> 0;
}

/** Supersection (16 MB, bit 18): base [31:24]; replicate it in 16 consecutive first-level entries. */
export function supersectionDescriptor(physical: number, a: DescriptorAttributesV6): number {
  const pa = checkAligned('supersection', physical, 1 << 24);
  return (pa | (1 << 18) | (a.nG ? 1 << 17 : 0) | (a.s ? 1 << 16 : 0) | (a.apx ? 1 << 15 : 0) | (((a.tex ?? 0) & 7) << 12) |
    ((a.ap & 3) << 10) | (a.xn ? 0x10 : 0) | cb(a) | 0b10) >>> 0;
}

/** First-level descriptor pointing at a 1 KB coarse table (bit 4 is SBZ on ARMv6). */
export function coarseTableDescriptorV6(tableAddress: number, domain = 0): number {
  return (checkAligned('coarse table', tableAddress, 1024) | ((domain & 15) << 5) | 0b01) >>> 0;
}

/** Large page (64 KB): AP [5:4], APX 9, S 10, nG 11, TEX [14:12], XN 15; replicate 16 times. */
export function largePageDescriptorV6(physical: number, a: DescriptorAttributesV6): number {
  const pa = checkAligned('large page', physical, 1 << 16);
  return (pa | (a.xn ? 1 << 15 : 0) | (((a.tex ?? 0) & 7) << 12) | (a.nG ? 1 << 11 : 0) | (a.s ? 1 << 10 : 0) | (a.apx ? 1 << 9 : 0) |
    ((a.ap & 3) << 4) | cb(a) | 0b01) >>> 0;
}

/** Extended small page (4 KB): XN 0, B 2, C 3, AP [5:4], TEX [8:6], APX 9, S 10, nG 11. */
export function smallPageDescriptorV6(physical: number, a: DescriptorAttributesV6): number {
  const pa = checkAligned('small page', physical, 1 << 12);
  return (pa | (a.nG ? 1 << 11 : 0) | (a.s ? 1 << 10 : 0) | (a.apx ? 1 << 9 : 0) | (((a.tex ?? 0) & 7) << 6) | ((a.ap & 3) << 4) |
    cb(a) | 0b10 | (a.xn ? 1 : 0)) >>> 0;
}
