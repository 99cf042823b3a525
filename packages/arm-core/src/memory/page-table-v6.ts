import type { PhysicalBus } from '../bus/physical-bus.js';
import { FaultStatusV6 } from './fault-status.js';
import { AP_TABLE, type Mapping, Perm, readDescriptor } from './page-table.js';

/**
 * ARMv6 (VMSAv6) translation: table selection by TTBR0/TTBR1/TTBCR, the extended descriptor formats
 * (c1.XP = 1) and the ARMv5-compatible ones (XP = 0), ARMv6 memory attributes (TEX/C/B, optional TEX remap)
 * and the APX/AP permission encodings. Facts: ARM1176JZF-S TRM DDI0301 ch. 6, ARM ARM v6 ch. B4.
 */

/** What a walk needs of the current translation regime (the CP15 bank of the current security state). */
export interface V6TranslationRegime {
  ttbr0: number;
  ttbr1: number;
  /** TTBCR.N (0–7): VAs whose top N bits are zero use TTBR0, the others TTBR1. */
  ttbcrN: number;
  /** TTBCR.PD0/PD1: a TLB miss that would walk with that TTBR is a section translation fault. */
  pd0: boolean;
  pd1: boolean;
  /** c1.XP: extended (ARMv6) descriptor formats; off = ARMv5-compatible formats, all mappings global. */
  xp: boolean;
  /** c1.TR with PRRR/NMRR: TEX[0], C, B index the remap registers. */
  texRemap: boolean;
  prrr: number;
  nmrr: number;
}

/** Memory types a descriptor's TEX/C/B select, reduced to what the models use: inner cacheability and buffering. */
const SO = 0; // strongly ordered: uncached, unbuffered
const BUFFERED = 1; // device or normal non-cacheable: uncached, writes buffered
const WT = 2; // inner write-through
const WB = 3; // inner write-back (with or without write-allocate: this D-cache is read-allocate only [est])

function innerPolicy(cb: number): number {
  // Inner attributes of normal memory (TEX = 1BB, or NMRR): 00 NC, 01 WBWA, 10 WT, 11 WB no WA.
  return cb === 0 ? BUFFERED : cb === 2 ? WT : WB;
}

/** Decodes TEX/C/B to one of SO/BUFFERED/WT/WB (ARM1176 TRM table 6-2; reserved encodings as strongly ordered [est]). */
export function memoryType(tex: number, c: boolean, b: boolean, regime: Pick<V6TranslationRegime, 'texRemap' | 'prrr' | 'nmrr'>): number {
  const cb = (c ? 2 : 0) | (b ? 1 : 0);
  if (regime.texRemap) {
    const n = ((tex & 1) << 2) | cb;
    const type = (regime.prrr >>> (2 * n)) & 3;
    if (type === 0) return SO;
    if (type === 1) return BUFFERED;
    // Normal (10; 11 reserved, taken as normal): the inner policy from NMRR.
    return innerPolicy((regime.nmrr >>> (2 * n)) & 3);
  }
  if ((tex & 4) !== 0) return innerPolicy(cb);
  switch (tex & 3) {
    case 0:
      return cb === 0 ? SO : cb === 1 ? BUFFERED : cb === 2 ? WT : WB;
    case 1:
      // 00 normal non-cacheable, 11 write-back write-allocate; 01 reserved, 10 implementation defined.
      return cb === 0 || cb === 2 ? BUFFERED : cb === 3 ? WB : SO;
    case 2:
      return cb === 0 ? BUFFERED : SO; // non-shared device
    default:
      return SO;
  }
}

function setAttributes(out: Mapping, tex: number, d: number, regime: V6TranslationRegime): void {
  const type = memoryType(tex, (d & 8) !== 0, (d & 4) !== 0, regime);
  out.cacheable = type >= WT;
  out.bufferable = type === BUFFERED || type === WB;
}

/** Physical address of the first-level descriptor for `mva`, or -1 when that TTBR's walks are disabled. */
export function firstLevelAddressV6(regime: V6TranslationRegime, mva: number): number {
  const n = regime.ttbcrN & 7;
  if (n === 0 || mva >>> (32 - n) === 0) {
    if (regime.pd0) return -1;
    // TTBR0's table shrinks to 16 KB >> N and is aligned to its size.
    return ((regime.ttbr0 & (0xffffffff << (14 - n))) | ((mva >>> 20) << 2)) >>> 0;
  }
  if (regime.pd1) return -1;
  return ((regime.ttbr1 & 0xffffc000) | ((mva >>> 20) << 2)) >>> 0;
}

/**
 * Walks the tables of `regime` for `mva`, reading physical memory (walks do not look in the L1 caches
 * [est: ARM1176 walks go to the outer memory system]). Returns 0 with `out` filled, or an ARMv6 fault
 * status; `out.domain` holds the domain where one is known and `out.reads` the descriptor reads made.
 * ASID and world tags are left for the caller to set.
 */
export function walkV6(bus: PhysicalBus, regime: V6TranslationRegime, mva: number, out: Mapping): number {
  out.reads = 0;
  out.domain = 0;
  out.page = false;
  out.xn = false;
  out.apx = false;
  out.global = true;
  out.shareable = false;
  const l1Address = firstLevelAddressV6(regime, mva);
  if (l1Address < 0) return FaultStatusV6.TRANSLATION_SECTION;
  out.reads = 1;
  const l1 = readDescriptor(bus, l1Address);
  if (l1 === undefined) return FaultStatusV6.EXTERNAL_TRANSLATION_L1;
  const type = l1 & 3;
  // 00 fault; 11 reserved (no fine tables on ARMv6): both translation faults.
  if (type === 0 || type === 3) return FaultStatusV6.TRANSLATION_SECTION;
  const xp = regime.xp;
  if (type === 2) {
    const supersection = xp && (l1 & (1 << 18)) !== 0;
    out.size = supersection ? 1 << 24 : 1 << 20;
    out.mvaBase = (mva & ~(out.size - 1)) >>> 0;
    // Supersections: PA[31:24] only (the extended base [23:20] is ignored); always domain 0.
    out.physBase = (l1 & (supersection ? 0xff000000 : 0xfff00000)) >>> 0;
    out.domain = supersection ? 0 : (l1 >>> 5) & 15;
    out.apBits = ((l1 >>> 10) & 3) * 0x55;
    out.subpageShift = supersection ? 22 : 18;
    setAttributes(out, (l1 >>> 12) & 7, l1, regime);
    if (xp) {
      out.xn = (l1 & 0x10) !== 0;
      out.apx = (l1 & (1 << 15)) !== 0;
      out.shareable = (l1 & (1 << 16)) !== 0;
      out.global = (l1 & (1 << 17)) === 0;
    }
    return 0;
  }
  // Coarse table (256 entries).
  out.page = true;
  out.domain = (l1 >>> 5) & 15;
  out.reads = 2;
  const l2 = readDescriptor(bus, ((l1 & 0xfffffc00) | (((mva >>> 12) & 0xff) << 2)) >>> 0);
  if (l2 === undefined) return FaultStatusV6.EXTERNAL_TRANSLATION_L2;
  const pageType = l2 & 3;
  if (pageType === 0) return FaultStatusV6.TRANSLATION_PAGE;
  if (pageType === 1) {
    out.size = 1 << 16;
    out.physBase = (l2 & 0xffff0000) >>> 0;
    setAttributes(out, (l2 >>> 12) & 7, l2, regime);
    if (xp) {
      out.apBits = ((l2 >>> 4) & 3) * 0x55;
      out.subpageShift = 14;
      out.xn = (l2 & (1 << 15)) !== 0;
      out.apx = (l2 & (1 << 9)) !== 0;
      out.shareable = (l2 & (1 << 10)) !== 0;
      out.global = (l2 & (1 << 11)) === 0;
    } else {
      out.apBits = (l2 >>> 4) & 0xff; // four sub-page APs
      out.subpageShift = 14;
    }
  } else {
    out.size = 1 << 12;
    out.physBase = (l2 & 0xfffff000) >>> 0;
    if (xp) {
      // Extended small page (0b1x): XN in bit 0.
      setAttributes(out, (l2 >>> 6) & 7, l2, regime);
      out.apBits = ((l2 >>> 4) & 3) * 0x55;
      out.subpageShift = 10;
      out.xn = (l2 & 1) !== 0;
      out.apx = (l2 & (1 << 9)) !== 0;
      out.shareable = (l2 & (1 << 10)) !== 0;
      out.global = (l2 & (1 << 11)) === 0;
    } else if (pageType === 2) {
      setAttributes(out, 0, l2, regime);
      out.apBits = (l2 >>> 4) & 0xff;
      out.subpageShift = 10;
    } else {
      // ARMv5-compatible extended small page: TEX [8:6], one AP.
      setAttributes(out, (l2 >>> 6) & 7, l2, regime);
      out.apBits = ((l2 >>> 4) & 3) * 0x55;
      out.subpageShift = 10;
    }
  }
  out.mvaBase = (mva & ~(out.size - 1)) >>> 0;
  return 0;
}

/**
 * Permission bits for APX:AP under S/R (ARM1176 TRM table 6-1 / ARM ARM v6 table B4-1). APX = 1 gives the
 * read-only forms: 01 privileged RO, 10 and 11 RO at both levels; 00 is reserved (no access).
 */
export function apPermissionsV6(ap: number, apx: boolean, s: boolean, r: boolean): number {
  if (!apx) return AP_TABLE[(s ? 8 : 0) | (r ? 4 : 0) | (ap & 3)];
  switch (ap & 3) {
    case 1:
      return Perm.PRIV_READ;
    case 2:
    case 3:
      return Perm.PRIV_READ | Perm.USER_READ;
    default:
      return 0;
  }
}

/**
 * With c1.FA = 1, AP[0] is an access flag and APX:AP[1] alone give the permissions: AP[1] = 1 lets user
 * mode in, APX = 1 makes the mapping read-only [est: ARM1176 "force AP"].
 */
export function apPermissionsForceAp(ap: number, apx: boolean): number {
  const user = (ap & 2) !== 0;
  if (apx) return Perm.PRIV_READ | (user ? Perm.USER_READ : 0);
  return user ? Perm.ALL : Perm.PRIV_READ | Perm.PRIV_WRITE;
}

/** Table indexed by (FA << 5) | (APX << 4) | (S << 3) | (R << 2) | AP. */
export const AP_TABLE_V6: Uint8Array = (() => {
  const t = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    const apx = (i & 16) !== 0;
    t[i] = (i & 32) !== 0 ? apPermissionsForceAp(i & 3, apx) : apPermissionsV6(i & 3, apx, (i & 8) !== 0, (i & 4) !== 0);
  }
  return t;
})();
