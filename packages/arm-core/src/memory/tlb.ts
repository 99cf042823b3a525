import { Mapping } from './page-table.js';

/** Counters kept by the memory system for one TLB (fast-path accesses are implied hits and not counted). */
export interface TlbStatistics {
  /** Lookups that found an entry. */
  hits: number;
  /** Lookups that needed a table walk (or, for an ARM1176 micro TLB, a main-TLB lookup). */
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
  /** ARMv6 tags, present for TLBs built with `tagged: true`. */
  readonly asid?: number;
  readonly global?: boolean;
  readonly nonSecure?: boolean;
  readonly executeNever?: boolean;
  readonly apx?: boolean;
}

export interface TlbOptions {
  /** Ways per set; default `entries` (fully associative). The ARM1176 main TLB RAM is 2-way. */
  readonly ways?: number;
  /** Report the ARMv6 tags (ASID, nG, NS, XN, APX) in `entries()`. */
  readonly tagged?: boolean;
}

const FLAG_C = 1;
const FLAG_B = 2;
const FLAG_PAGE = 4;
const FLAG_PRESERVED = 8;
const FLAG_XN = 16;
const FLAG_APX = 32;
const HINT_SLOTS = 256;

/** Entry tag: ASID [7:0], global [8], non-secure [9]. Global entries keep ASID 0 so one compare matches them. */
const TAG_GLOBAL = 0x100;
const TAG_NS = 0x200;

/**
 * A TLB: fully associative (the ARM920T's, the ARM1176's micro TLBs and lockable main-TLB region) or set
 * associative (the ARM1176 main TLB RAM: an entry's set comes from the MVA bits just above its page offset,
 * and a lookup probes one set per page size [est]), round-robin replacement, with
 * ARM920T lockdown (c10: base [31:26], victim [25:20], P [0]) for the fully associative kind. Entries below
 * the base are never replaced; entries loaded while P=1 survive invalidate-all and go only by address.
 *
 * Entries carry an ARMv6 tag: ASID, global (nG = 0) and the TrustZone world. A lookup matches an entry of
 * the current world that is global or has the current ASID (`setContext`), so changing ASID needs no
 * flush. ARMv4/v5 entries are global and secure, and the context stays at its default, so they always match.
 *
 * Storage is in typed arrays; fully associative lookups check a 256-slot hint (last entry that matched that
 * 4 KB slot) before scanning, and allocate nothing.
 */
export class Tlb {
  readonly entryCount: number;
  readonly ways: number;
  readonly sets: number;
  /** MVA base per entry as int32; an invalid entry has base 1 and mask 0, which nothing matches. */
  private readonly base: Int32Array;
  private readonly notMask: Int32Array;
  private readonly phys: Uint32Array;
  private readonly apBits: Uint8Array;
  private readonly subShift: Uint8Array;
  private readonly domains: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly tags: Uint16Array;
  private readonly setVictims: Uint8Array;
  private readonly hint = new Uint8Array(HINT_SLOTS);
  private readonly tagged: boolean;
  /** Tags a lookup accepts: this ASID in this world, or global in this world. */
  private matchAsid = 0;
  private matchGlobal = TAG_GLOBAL;
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
    options: TlbOptions = {},
  ) {
    if (!(entries >= 1 && entries <= 256)) throw new Error(`${name}: entry count must be 1..256, got ${entries}`);
    const ways = options.ways ?? entries;
    if (ways < 1 || entries % ways !== 0 || ((entries / ways) & (entries / ways - 1)) !== 0) {
      throw new Error(`${name}: ${entries} entries do not make a power-of-two number of sets of ${ways} ways`);
    }
    this.entryCount = entries;
    this.ways = ways;
    this.sets = entries / ways;
    this.tagged = options.tagged ?? false;
    this.base = new Int32Array(entries).fill(1);
    this.notMask = new Int32Array(entries);
    this.phys = new Uint32Array(entries);
    this.apBits = new Uint8Array(entries);
    this.subShift = new Uint8Array(entries);
    this.domains = new Uint8Array(entries);
    this.flags = new Uint8Array(entries);
    this.tags = new Uint16Array(entries);
    this.setVictims = new Uint8Array(this.sets);
  }

  /** Current ASID and world: what non-global entries must match. */
  setContext(asid: number, nonSecure: boolean): void {
    const world = nonSecure ? TAG_NS : 0;
    this.matchAsid = world | (asid & 0xff);
    this.matchGlobal = world | TAG_GLOBAL;
  }

  private matches(i: number, mva: number): boolean {
    if ((mva & this.notMask[i]) !== this.base[i]) return false;
    const t = this.tags[i];
    return t === this.matchAsid || t === this.matchGlobal;
  }

  /** Set an entry of `size` bytes covering `mva` lives in: indexed by the MVA bits just above its page offset. */
  private setOf(mva: number, size: number): number {
    const shift = size >= 1 << 24 ? 24 : size >= 1 << 20 ? 20 : size >= 1 << 16 ? 16 : 12;
    return (mva >>> shift) & (this.sets - 1);
  }

  /** Index of the entry translating `mva` in the current context, or -1. No side effects except the lookup hint. */
  lookup(mva: number): number {
    if (this.sets > 1) {
      // One probe per page size (4 KB, 64 KB, 1 MB, 16 MB).
      for (let size = 1 << 12; size <= 1 << 24; size *= 16) {
        const first = this.setOf(mva, size) * this.ways;
        for (let i = first; i < first + this.ways; i++) if (this.matches(i, mva)) return i;
      }
      return -1;
    }
    const h = (mva >>> 12) & (HINT_SLOTS - 1);
    let i = this.hint[h];
    if (i < this.entryCount && this.matches(i, mva)) return i;
    const n = this.entryCount;
    for (i = 0; i < n; i++) {
      if (this.matches(i, mva)) {
        this.hint[h] = i;
        return i;
      }
    }
    return -1;
  }

  /**
   * Loads a walk result (tagged from `m.global`, `m.asid`, `m.nonSecure`) at the victim and advances it:
   * round-robin above the lockdown base, or per set. `lookupMva` is the address that missed (hint slot).
   */
  insert(m: Mapping, lookupMva = m.mvaBase): number {
    let i: number;
    if (this.sets > 1) {
      const set = this.setOf(m.mvaBase, m.size);
      const v = this.setVictims[set];
      i = set * this.ways + v;
      this.setVictims[set] = v + 1 >= this.ways ? 0 : v + 1;
    } else {
      i = this.victim < this.entryCount ? this.victim : this.lockdownBase;
      let next = i + 1;
      if (next >= this.entryCount) next = this.lockdownBase < this.entryCount ? this.lockdownBase : 0;
      this.victim = next;
      this.hint[(lookupMva >>> 12) & (HINT_SLOTS - 1)] = i;
    }
    this.base[i] = m.mvaBase | 0;
    this.notMask[i] = ~(m.size - 1);
    this.phys[i] = m.physBase;
    this.apBits[i] = m.apBits;
    this.subShift[i] = m.subpageShift;
    this.domains[i] = m.domain;
    this.flags[i] =
      (m.cacheable ? FLAG_C : 0) | (m.bufferable ? FLAG_B : 0) | (m.page ? FLAG_PAGE : 0) | (this.preserve ? FLAG_PRESERVED : 0) |
      (m.xn ? FLAG_XN : 0) | (m.apx ? FLAG_APX : 0);
    this.tags[i] = (m.nonSecure ? TAG_NS : 0) | (m.global ? TAG_GLOBAL : m.asid & 0xff);
    this.onChange?.();
    return i;
  }

  /** Copies entry `i` into `out` (every field a walk fills, tags included). */
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
    out.xn = (f & FLAG_XN) !== 0;
    out.apx = (f & FLAG_APX) !== 0;
    const t = this.tags[i];
    out.global = (t & TAG_GLOBAL) !== 0;
    out.asid = t & 0xff;
    out.nonSecure = (t & TAG_NS) !== 0;
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

  private valid(i: number): boolean {
    return this.notMask[i] !== 0;
  }

  /** Invalidate all (c8 ops): entries loaded with P=1 survive (ARM920T TRM, TLB lockdown). */
  invalidateAll(): void {
    for (let i = 0; i < this.entryCount; i++) {
      if (this.valid(i) && (this.flags[i] & FLAG_PRESERVED) === 0) this.clearEntry(i);
    }
    this.onChange?.();
  }

  /** Invalidate every entry translating `mva`, preserved or not, whatever its tag. Returns how many went. */
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

  /** ARMv6 invalidate-all of one world: unpreserved entries loaded in that world go. */
  invalidateWorld(nonSecure: boolean): number {
    const world = nonSecure ? TAG_NS : 0;
    return this.invalidateIf((i) => (this.tags[i] & TAG_NS) === world && (this.flags[i] & FLAG_PRESERVED) === 0);
  }

  /** ARMv6 invalidate by MVA: entries of that world covering `mva` that are global or have `asid`. */
  invalidateMvaAsid(mva: number, asid: number, nonSecure: boolean): number {
    const world = nonSecure ? TAG_NS : 0;
    return this.invalidateIf((i) => {
      if ((mva & this.notMask[i]) !== this.base[i]) return false;
      const t = this.tags[i];
      return t === (world | TAG_GLOBAL) || t === (world | (asid & 0xff));
    });
  }

  /** ARMv6 invalidate by ASID: non-global entries of that world with `asid` (preserved ones too). */
  invalidateAsid(asid: number, nonSecure: boolean): number {
    const tag = (nonSecure ? TAG_NS : 0) | (asid & 0xff);
    return this.invalidateIf((i) => this.tags[i] === tag);
  }

  private invalidateIf(test: (i: number) => boolean): number {
    let n = 0;
    for (let i = 0; i < this.entryCount; i++) {
      if (this.valid(i) && test(i)) {
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
    this.tags.fill(0);
    this.hint.fill(0);
    this.setVictims.fill(0);
    this.lockdownBase = 0;
    this.victim = 0;
    this.preserve = false;
    this.onChange?.();
  }

  /** c10 lockdown register (ARM920T layout): base [31:26], victim [25:20], P [0]. */
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
    for (let i = 0; i < this.entryCount; i++) if (this.valid(i)) n++;
    return n;
  }

  /** Snapshot of valid entries (for debuggers and tests). */
  entries(): TlbEntryInfo[] {
    const out: TlbEntryInfo[] = [];
    for (let i = 0; i < this.entryCount; i++) {
      if (!this.valid(i)) continue;
      const f = this.flags[i];
      const info: TlbEntryInfo = {
        index: i,
        mvaBase: this.base[i] >>> 0,
        size: this.sizeOf(i),
        physBase: this.phys[i],
        apBits: this.apBits[i],
        domain: this.domains[i],
        cacheable: (f & FLAG_C) !== 0,
        bufferable: (f & FLAG_B) !== 0,
        preserved: (f & FLAG_PRESERVED) !== 0,
      };
      const t = this.tags[i];
      out.push(
        this.tagged
          ? { ...info, asid: t & 0xff, global: (t & TAG_GLOBAL) !== 0, nonSecure: (t & TAG_NS) !== 0, executeNever: (f & FLAG_XN) !== 0, apx: (f & FLAG_APX) !== 0 }
          : info,
      );
    }
    return out;
  }

  resetStats(): void {
    this.stats.hits = this.stats.misses = this.stats.walkReads = this.stats.invalidations = 0;
  }
}

export const TLB_FLAG = { C: FLAG_C, B: FLAG_B, PAGE: FLAG_PAGE, PRESERVED: FLAG_PRESERVED, XN: FLAG_XN, APX: FLAG_APX } as const;
