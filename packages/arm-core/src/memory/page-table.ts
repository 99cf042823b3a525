import { BusFault } from '../bus/device.js';
import type { PhysicalBus } from '../bus/physical-bus.js';
import { FaultStatus } from './fault-status.js';

/** Permission bits of a mapping as seen at one privilege: what the access kinds may do. */
export const Perm = {
  USER_READ: 1,
  USER_WRITE: 2,
  PRIV_READ: 4,
  PRIV_WRITE: 8,
  ALL: 15,
} as const;

/**
 * One translation, as a walk produces it and a TLB entry holds it: the MVA range, the physical base,
 * per-sub-page APs, the domain and C/B. Domain and AP are checked at access time against the current
 * DACR and S/R bits, as the hardware does, so DACR writes need no TLB flush.
 */
export class Mapping {
  mvaBase = 0;
  /** Size in bytes: 1 MB section, 64 KB large, 4 KB small, 1 KB tiny. */
  size = 0;
  physBase = 0;
  /** Four 2-bit APs, sub-page i at bits [2i+1:2i]; sections and tiny pages repeat one AP. */
  apBits = 0;
  /** log2 of a sub-page's size: (mva >>> subpageShift) & 3 selects the AP. */
  subpageShift = 0;
  domain = 0;
  cacheable = false;
  bufferable = false;
  /** Page (second-level) mapping: selects the page variants of fault codes. */
  page = false;
  /** Descriptor reads the walk performed (1 for a section, 2 for a page); set on faults too. */
  reads = 0;
  // ARMv6 (VMSAv6) attributes; a v4/v5 walk leaves them at these defaults.
  /** Execute-never: instruction fetches take a permission fault (client domains only). */
  xn = false;
  /** APX: with AP it selects the read-only forms of the access permissions. */
  apx = false;
  /** nG = 0: the mapping matches every ASID. */
  global = true;
  /** ASID the mapping was loaded under (meaningful for non-global mappings). */
  asid = 0;
  /** Loaded in the Non-secure translation regime (TrustZone): such entries never match Secure lookups. */
  nonSecure = false;
  /** Shareable (S bit); recorded, not modelled (single core). */
  shareable = false;

  copyFrom(other: Mapping): void {
    this.mvaBase = other.mvaBase;
    this.size = other.size;
    this.physBase = other.physBase;
    this.apBits = other.apBits;
    this.subpageShift = other.subpageShift;
    this.domain = other.domain;
    this.cacheable = other.cacheable;
    this.bufferable = other.bufferable;
    this.page = other.page;
    this.reads = other.reads;
    this.xn = other.xn;
    this.apx = other.apx;
    this.global = other.global;
    this.asid = other.asid;
    this.nonSecure = other.nonSecure;
    this.shareable = other.shareable;
  }

  /** Back to the defaults of a v4/v5 mapping (what walkV5 relies on for the v6 fields). */
  clearV6(): void {
    this.xn = false;
    this.apx = false;
    this.global = true;
    this.asid = 0;
    this.nonSecure = false;
    this.shareable = false;
  }
}

/** Reads a descriptor; a bus error becomes `undefined` (external abort on translation). */
export function readDescriptor(bus: PhysicalBus, address: number): number | undefined {
  try {
    return bus.read(address, 4) >>> 0;
  } catch (e) {
    if (e instanceof BusFault) return undefined;
    throw e;
  }
}

/**
 * Walks ARMv4/v5 tables at `ttb` for `mva`, reading physical memory (not the cache, as on the ARM920T).
 * Returns 0 and fills `out`, or a fault status; on a fault `out.domain` holds the domain when the status
 * carries one (page-level faults), else 0, and `out.reads` the descriptor reads performed.
 */
export function walkV5(bus: PhysicalBus, ttb: number, mva: number, out: Mapping): number {
  out.clearV6();
  out.reads = 1;
  out.domain = 0;
  out.page = false;
  const l1 = readDescriptor(bus, ((ttb & 0xffffc000) | ((mva >>> 20) << 2)) >>> 0);
  if (l1 === undefined) return FaultStatus.EXTERNAL_TRANSLATION_L1;
  const type = l1 & 3;
  if (type === 0) return FaultStatus.TRANSLATION_SECTION;
  const domain = (l1 >>> 5) & 15;
  if (type === 2) {
    out.mvaBase = (mva & 0xfff00000) >>> 0;
    out.size = 1 << 20;
    out.physBase = (l1 & 0xfff00000) >>> 0;
    out.apBits = ((l1 >>> 10) & 3) * 0x55;
    out.subpageShift = 18;
    out.domain = domain;
    out.cacheable = (l1 & 8) !== 0;
    out.bufferable = (l1 & 4) !== 0;
    return 0;
  }
  out.page = true;
  out.domain = domain;
  out.reads = 2;
  const l2Address = type === 1 ? (l1 & 0xfffffc00) | (((mva >>> 12) & 0xff) << 2) : (l1 & 0xfffff000) | (((mva >>> 10) & 0x3ff) << 2);
  const l2 = readDescriptor(bus, l2Address >>> 0);
  if (l2 === undefined) return FaultStatus.EXTERNAL_TRANSLATION_L2;
  const pageType = l2 & 3;
  // Tiny pages exist only in fine tables; 0b11 in a coarse table is treated as a fault (UNPREDICTABLE on the TRM).
  if (pageType === 0 || (pageType === 3 && type === 1)) return FaultStatus.TRANSLATION_PAGE;
  if (pageType === 1) {
    out.size = 1 << 16;
    out.physBase = (l2 & 0xffff0000) >>> 0;
    out.apBits = (l2 >>> 4) & 0xff;
    out.subpageShift = 14;
  } else if (pageType === 2) {
    out.size = 1 << 12;
    out.physBase = (l2 & 0xfffff000) >>> 0;
    out.apBits = (l2 >>> 4) & 0xff;
    out.subpageShift = 10;
  } else {
    out.size = 1 << 10;
    out.physBase = (l2 & 0xfffffc00) >>> 0;
    out.apBits = ((l2 >>> 4) & 3) * 0x55;
    out.subpageShift = 8;
  }
  out.mvaBase = (mva & ~(out.size - 1)) >>> 0;
  out.cacheable = (l2 & 8) !== 0;
  out.bufferable = (l2 & 4) !== 0;
  return 0;
}

/**
 * Permission bits for a 2-bit AP given the control register's S and R bits (ARM920T TRM table 3-7).
 * AP=00 with S=R=1 is reserved; it is treated as no access.
 */
export function apPermissions(ap: number, s: boolean, r: boolean): number {
  switch (ap & 3) {
    case 3:
      return Perm.ALL;
    case 2:
      return Perm.PRIV_READ | Perm.PRIV_WRITE | Perm.USER_READ;
    case 1:
      return Perm.PRIV_READ | Perm.PRIV_WRITE;
    default:
      if (s && !r) return Perm.PRIV_READ;
      if (r && !s) return Perm.PRIV_READ | Perm.USER_READ;
      return 0;
  }
}

/** Permission table indexed by (S << 3) | (R << 2) | AP, so the hot path needs no branches. */
export const AP_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(16);
  for (let i = 0; i < 16; i++) t[i] = apPermissions(i & 3, (i & 8) !== 0, (i & 4) !== 0);
  return t;
})();

/** True when every sub-page of a mapping has the same AP (so one permission covers the whole mapping). */
export function uniformAp(apBits: number): boolean {
  return apBits === (apBits & 3) * 0x55;
}

/** The bit an access needs in a permission mask. */
export function neededPermission(privileged: boolean, write: boolean): number {
  return privileged ? (write ? Perm.PRIV_WRITE : Perm.PRIV_READ) : write ? Perm.USER_WRITE : Perm.USER_READ;
}
