/**
 * Encoders for ARMv4/v5 page-table descriptors, for loaders, kernels and tests that build tables in guest
 * memory. Formats: ARM920T TRM DDI0184 ch. 3 (see also reference/hardware.md §3).
 * `ap` is the 2-bit access-permission field; a page takes one AP or four (one per sub-page, AP0 first).
 */
export interface DescriptorAttributes {
  readonly ap: number;
  readonly domain?: number;
  /** Cacheable (C) and bufferable (B): 00 NCNB, 01 NCB, 10 write-through, 11 write-back. */
  readonly c?: boolean;
  readonly b?: boolean;
}

export interface PageAttributes {
  /** One AP for the whole page, or four sub-page APs [AP0, AP1, AP2, AP3]. */
  readonly ap: number | readonly [number, number, number, number];
  readonly c?: boolean;
  readonly b?: boolean;
}

function cb(c: boolean | undefined, b: boolean | undefined): number {
  return (c ? 8 : 0) | (b ? 4 : 0);
}

function subpageAps(ap: PageAttributes['ap']): number {
  const list = typeof ap === 'number' ? [ap, ap, ap, ap] : ap;
  let bits = 0;
  for (let i = 0; i < 4; i++) bits |= (list[i] & 3) << (4 + 2 * i);
  return bits;
}

function checkAligned(what: string, address: number, alignment: number): number {
  address >>>= 0;
  if (address % alignment !== 0) throw new Error(`${what}: 0x${address.toString(16)} is not ${alignment}-byte aligned`);
  return address;
}

/** First-level section descriptor mapping 1 MB at `physical` (bit 4 set as the ARM920T requires). */
export function sectionDescriptor(physical: number, attr: DescriptorAttributes): number {
  const pa = checkAligned('section', physical, 1 << 20);
  return (pa | ((attr.ap & 3) << 10) | (((attr.domain ?? 0) & 15) << 5) | 0x10 | cb(attr.c, attr.b) | 0b10) >>> 0;
}

/** First-level descriptor pointing at a 1 KB coarse second-level table (256 entries). */
export function coarseTableDescriptor(tableAddress: number, domain = 0): number {
  return (checkAligned('coarse table', tableAddress, 1024) | ((domain & 15) << 5) | 0x10 | 0b01) >>> 0;
}

/** First-level descriptor pointing at a 4 KB fine second-level table (1024 entries). */
export function fineTableDescriptor(tableAddress: number, domain = 0): number {
  return (checkAligned('fine table', tableAddress, 4096) | ((domain & 15) << 5) | 0x10 | 0b11) >>> 0;
}

/** Second-level large (64 KB) page; replicate it 16 times in a coarse table, 64 times in a fine one. */
export function largePageDescriptor(physical: number, attr: PageAttributes): number {
  return (checkAligned('large page', physical, 1 << 16) | subpageAps(attr.ap) | cb(attr.c, attr.b) | 0b01) >>> 0;
}

/** Second-level small (4 KB) page; replicate it 4 times in a fine table. */
export function smallPageDescriptor(physical: number, attr: PageAttributes): number {
  return (checkAligned('small page', physical, 1 << 12) | subpageAps(attr.ap) | cb(attr.c, attr.b) | 0b10) >>> 0;
}

/** Second-level tiny (1 KB) page; valid only in fine tables. */
export function tinyPageDescriptor(physical: number, attr: DescriptorAttributes): number {
  return (checkAligned('tiny page', physical, 1 << 10) | ((attr.ap & 3) << 4) | cb(attr.c, attr.b) | 0b11) >>> 0;
}

/** Byte offset of the first-level descriptor for `mva` inside a 16 KB table. */
export function firstLevelIndex(mva: number): number {
  return (mva >>> 20) << 2;
}

/** Byte offset of the second-level descriptor for `mva` inside a coarse (1 KB) table. */
export function coarseIndex(mva: number): number {
  return ((mva >>> 12) & 0xff) << 2;
}

/** Byte offset of the second-level descriptor for `mva` inside a fine (4 KB) table. */
export function fineIndex(mva: number): number {
  return ((mva >>> 10) & 0x3ff) << 2;
}
