import { Mapping } from './page-table.js';

/** Counters kept by the memory system for one TLB (fast-path accesses are implied hits and not counted). */
export interface TlbStatistics {
  /** Lookups that found an entry. */
  hits: number;
  /** Lookups that needed a table walk. */
  misses: number;
  /** Descriptor reads made by walks (1 per section, 2 per page, also on faulting walks). */
  walkReads: number;
  /** Entries invalidated by maintenance operations. */
  invalidations: number;
}

/** A TLB entry as a debugger sees it. */
export interface TlbEntryInfo {
  readonly index: number;
  readonly mvaBase: number;
  readonly size: number;
  readonly physBase: number;
  readonly apBits: number;
  readonly domain: number;
  readonly cacheable: boolean;
  readonly bufferable: boolean;
  readonly preserved: boolean;
}

const FLAG_C = 1;
const FLAG_B = 2;
const FLAG_PAGE = 4;
const FLAG_PRESERVED = 8;
const HINT_SLOTS = 256;

/**
 * A fully associative TLB with round-robin replacement and ARM920T lockdown (c10: base [31:26],
 * victim [25:20], P [0]). Entries below the base are never replaced; entries loaded while P=1 survive
 * invalidate-all and go only by invalidate-by-MVA. Storage is in typed arrays; lookups check a
 * 256-slot hint (last entry that matched that 4 KB slot) before scanning, and allocate nothing.
 */
export class Tlb {
  readonly entryCount: number;
  /** MVA base per entry as int32; an invalid entry has base 1 and mask 0, which nothing matches. */
  private readonly base: Int32Array;
  private readonly notMask: Int32Array;
  private readonly phys: Uint32Array;
  private readonly apBits: Uint8Array;
  private readonly subShift: Uint8Array;
  private readonly domains: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly hint = new Uint8Array(HINT_SLOTS);
  lockdownBase = 0;
  victim = 0;
  /** Lockdown P bit: entries inserted while set are preserved from invalidate-all. */
  preserve = false;
  readonly stats: TlbStatistics = { hits: 0, misses: 0, walkReads: 0, invalidations: 0 };
  /** Called after any change of contents, so holders of fast paths derived from entries can drop them. */
  onChange: (() => void) | undefined;

  constructor(
    entries = 64,
    readonly name = 'TLB',
  ) {
    if (!(entries >= 1 && entries <= 64)) throw new Error(`${name}: entry count must be 1..64, got ${entries}`);
    this.entryCount = entries;
    this.base = new Int32Array(entries).fill(1);
    this.notMask = new Int32Array(entries);
    this.phys = new Uint32Array(entries);
    this.apBits = new Uint8Array(entries);
    this.subShift = new Uint8Array(entries);
    this.domains = new Uint8Array(entries);
    this.flags = new Uint8Array(entries);
  }

  /** Index of the entry translating `mva`, or -1. No side effects except the lookup hint. */
  lookup(mva: number): number {
    const h = (mva >>> 12) & (HINT_SLOTS - 1);
    let i = this.hint[h];
    if ((mva & this.notMask[i]) === this.base[i]) return i;
    const n = this.entryCount;
    for (i = 0; i < n; i++) {
      if ((mva & this.notMask[i]) === this.base[i]) {
        this.hint[h] = i;
        return i;
      }
    }
    return -1;
  }

  /** Loads a walk result at the victim index and advances the victim (round-robin above the lockdown base). */
  insert(m: Mapping): number {
    const i = this.victim < this.entryCount ? this.victim : this.lockdownBase;
    this.base[i] = m.mvaBase | 0;
    this.notMask[i] = ~(m.size - 1);
    this.phys[i] = m.physBase;
    this.apBits[i] = m.apBits;
    this.subShift[i] = m.subpageShift;
    this.domains[i] = m.domain;
    this.flags[i] = (m.cacheable ? FLAG_C : 0) | (m.bufferable ? FLAG_B : 0) | (m.page ? FLAG_PAGE : 0) | (this.preserve ? FLAG_PRESERVED : 0);
    this.hint[(m.mvaBase >>> 12) & (HINT_SLOTS - 1)] = i;
    let next = i + 1;
    if (next >= this.entryCount) next = this.lockdownBase < this.entryCount ? this.lockdownBase : 0;
    this.victim = next;
    this.onChange?.();
    return i;
  }

  /** Copies entry `i` into `out` (mvaBase, size, physBase, AP, domain, C/B, page). */
  read(i: number, out: Mapping): void {
    out.mvaBase = this.base[i] >>> 0;
    out.size = (~this.notMask[i] + 1) >>> 0;
    out.physBase = this.phys[i];
    out.apBits = this.apBits[i];
    out.subpageShift = this.subShift[i];
    out.domain = this.domains[i];
    const f = this.flags[i];
    out.cacheable = (f & FLAG_C) !== 0;
    out.bufferable = (f & FLAG_B) !== 0;
    out.page = (f & FLAG_PAGE) !== 0;
    out.reads = 0;
  }

  physOf(i: number): number {
    return this.phys[i];
  }
  apBitsOf(i: number): number {
    return this.apBits[i];
  }
  subpageShiftOf(i: number): number {
    return this.subShift[i];
  }
  domainOf(i: number): number {
    return this.domains[i];
  }
  flagsOf(i: number): number {
    return this.flags[i];
  }
  mvaBaseOf(i: number): number {
    return this.base[i] >>> 0;
  }
  sizeOf(i: number): number {
    return (~this.notMask[i] + 1) >>> 0;
  }

  private clearEntry(i: number): void {
    this.base[i] = 1;
    this.notMask[i] = 0;
    this.flags[i] = 0;
    this.stats.invalidations++;
  }

  /** Invalidate all (c8 ops): entries loaded with P=1 survive (ARM920T TRM, TLB lockdown). */
  invalidateAll(): void {
    for (let i = 0; i < this.entryCount; i++) {
      if (this.notMask[i] !== 0 && (this.flags[i] & FLAG_PRESERVED) === 0) this.clearEntry(i);
    }
    this.onChange?.();
  }

  /** Invalidate every entry translating `mva`, preserved or not. Returns how many went. */
  invalidateMva(mva: number): number {
    let n = 0;
    for (let i = 0; i < this.entryCount; i++) {
      if ((mva & this.notMask[i]) === this.base[i]) {
        this.clearEntry(i);
        n++;
      }
    }
    if (n > 0) this.onChange?.();
    return n;
  }

  /** Reset: everything goes, lockdown cleared. */
  reset(): void {
    this.base.fill(1);
    this.notMask.fill(0);
    this.flags.fill(0);
    this.hint.fill(0);
    this.lockdownBase = 0;
    this.victim = 0;
    this.preserve = false;
    this.onChange?.();
  }

  /** c10 lockdown register: base [31:26], victim [25:20], P [0]. */
  get lockdownRegister(): number {
    return ((this.lockdownBase << 26) | (this.victim << 20) | (this.preserve ? 1 : 0)) >>> 0;
  }
  set lockdownRegister(value: number) {
    const max = this.entryCount - 1;
    this.lockdownBase = Math.min((value >>> 26) & 63, max);
    this.victim = Math.min((value >>> 20) & 63, max);
    this.preserve = (value & 1) !== 0;
  }

  validCount(): number {
    let n = 0;
    for (let i = 0; i < this.entryCount; i++) if (this.notMask[i] !== 0) n++;
    return n;
  }

  /** Snapshot of valid entries (for debuggers and tests). */
  entries(): TlbEntryInfo[] {
    const out: TlbEntryInfo[] = [];
    for (let i = 0; i < this.entryCount; i++) {
      if (this.notMask[i] === 0) continue;
      const f = this.flags[i];
      out.push({
        index: i,
        mvaBase: this.base[i] >>> 0,
        size: this.sizeOf(i),
        physBase: this.phys[i],
        apBits: this.apBits[i],
        domain: this.domains[i],
        cacheable: (f & FLAG_C) !== 0,
        bufferable: (f & FLAG_B) !== 0,
        preserved: (f & FLAG_PRESERVED) !== 0,
      });
    }
    return out;
  }

  resetStats(): void {
    this.stats.hits = this.stats.misses = this.stats.walkReads = this.stats.invalidations = 0;
  }
}

export const TLB_FLAG = { C: FLAG_C, B: FLAG_B, PAGE: FLAG_PAGE, PRESERVED: FLAG_PRESERVED } as const;
