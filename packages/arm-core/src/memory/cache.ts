import { LineIndex } from './line-index.js';

/** Which address a cache uses to pick the set (index) and to match the line (tag). */
export type CacheAddressing = 'virtual' | 'physical';

export interface CacheGeometry {
  readonly name: string;
  readonly sizeBytes: number;
  readonly ways: number;
  readonly lineBytes: number;
  /** ARM920T: virtual (MVA) for both; ARM1176: virtual index, physical tag. */
  readonly index: CacheAddressing;
  readonly tag: CacheAddressing;
}

export interface CacheStatistics {
  readHits: number;
  readMisses: number;
  writeHits: number;
  writeMisses: number;
  lineFills: number;
  /** Lines evicted to make room for a fill. */
  evictions: number;
  /** Dirty half lines written back (evictions and cleans). */
  writeBacks: number;
  /** Lines invalidated by maintenance. */
  invalidations: number;
}

/** Replacement for a pseudo-random victim: a 16-bit Galois LFSR, seeded, so runs repeat bit for bit. */
export class Lfsr16 {
  private state: number;
  constructor(private readonly seed = 0xace1) {
    this.state = seed & 0xffff || 1;
  }
  next(): number {
    const lsb = this.state & 1;
    this.state >>>= 1;
    if (lsb) this.state ^= 0xb400;
    return this.state;
  }
  reset(): void {
    this.state = this.seed & 0xffff || 1;
  }
}

const INVALID = -1;
const PAGE_SHIFT = 12;

/**
 * A set-associative cache model: tags, valid and two dirty bits (half lines) per line, and the physical
 * line address kept per line so a write-back needs no translation (the ARM920T's PA tag RAM).
 *
 * It holds no data. Functional data always comes from the bus, so memory is coherent by construction;
 * the model tracks which lines are present and dirty to charge fills, write-backs and maintenance.
 * Modelling incoherence (stale lines after DMA, VIVT aliases) would need a data array here.
 *
 * Slots are numbered set * ways + way. Lookups go through a hash of line keys (plus a one-entry memo),
 * since the ARM920T caches are 64-way. Lines in ways below `lockdownBase` are never replaced.
 */
export class Cache {
  readonly name: string;
  readonly sizeBytes: number;
  readonly ways: number;
  readonly sets: number;
  readonly lineBytes: number;
  readonly lineShift: number;
  readonly wayShift: number;
  private readonly setMask: number;
  private readonly splitTag: boolean;
  /** VIPT with index bits above the page offset: the key carries VA alias bits. */
  private readonly aliased: boolean;
  private readonly aliasShift: number;
  private readonly keyAliasShift: number;
  /** Line key per slot, INVALID when empty. */
  private readonly slotKey: Int32Array;
  private readonly slotPhys: Uint32Array;
  /** Dirty bits per slot: bit 0 first half, bit 1 second half. */
  private readonly slotDirty: Uint8Array;
  private readonly victims: Uint8Array | Uint16Array;
  /** 1 while a set's next fill must use `victims[set]` (set by a lockdown write). */
  private readonly victimPinned: Uint8Array;
  private readonly index: LineIndex;
  /** Direct-mapped hint: slot that last held a key with these low bits; valid only if slotKey agrees. */
  private readonly hint: Int32Array;
  private readonly hintMask: number;
  private readonly lfsr = new Lfsr16();
  /** Key of the line looked up or filled last (INVALID when none), present in `memoSlot`. */
  private memoKey = INVALID;
  private memoSlot = 0;
  private lockBase = 0;
  /** CP15 RR bit: round-robin when true, pseudo-random otherwise (the ARM920T resets to random). */
  roundRobin = false;
  readonly stats: CacheStatistics = { readHits: 0, readMisses: 0, writeHits: 0, writeMisses: 0, lineFills: 0, evictions: 0, writeBacks: 0, invalidations: 0 };
  /** Set by a miss: dirty half lines the evicted victim had (the caller charges their write-back). */
  evictedDirtyHalves = 0;
  /** Physical line address of the last evicted dirty victim. */
  evictedPhysical = 0;

  constructor(geometry: CacheGeometry) {
    const { sizeBytes, ways, lineBytes } = geometry;
    const pow2 = (n: number) => n > 0 && (n & (n - 1)) === 0;
    if (!pow2(sizeBytes) || !pow2(ways) || !pow2(lineBytes) || lineBytes < 8 || sizeBytes < ways * lineBytes) {
      throw new Error(`${geometry.name}: size, ways and line size must be powers of two with size >= ways * line`);
    }
    if (geometry.index === 'physical' && geometry.tag === 'virtual') throw new Error(`${geometry.name}: a physically indexed, virtually tagged cache is not supported`);
    this.name = geometry.name;
    this.sizeBytes = sizeBytes;
    this.ways = ways;
    this.lineBytes = lineBytes;
    this.sets = sizeBytes / (ways * lineBytes);
    this.lineShift = Math.log2(lineBytes);
    this.wayShift = 32 - Math.log2(ways);
    this.setMask = this.sets - 1;
    this.splitTag = geometry.index !== geometry.tag;
    // VIPT: index bits above the page offset come from the VA and must be part of the key.
    this.aliasShift = PAGE_SHIFT - this.lineShift;
    this.keyAliasShift = 32 - this.lineShift;
    const aliasBits = Math.max(0, Math.log2(this.sets) + this.lineShift - PAGE_SHIFT);
    if (this.splitTag && aliasBits >= this.lineShift) throw new Error(`${geometry.name}: too many VIPT alias bits (${aliasBits})`);
    this.aliased = this.splitTag && aliasBits > 0;
    const lines = this.sets * ways;
    this.slotKey = new Int32Array(lines).fill(INVALID);
    this.slotPhys = new Uint32Array(lines);
    this.slotDirty = new Uint8Array(lines);
    this.victims = ways <= 256 ? new Uint8Array(this.sets) : new Uint16Array(this.sets);
    this.victimPinned = new Uint8Array(this.sets);
    this.index = new LineIndex(lines);
    let hintSize = 16;
    while (hintSize < lines * 2) hintSize <<= 1;
    this.hint = new Int32Array(hintSize);
    this.hintMask = hintSize - 1;
  }

  get lineCount(): number {
    return this.sets * this.ways;
  }

  setOf(indexAddress: number): number {
    return (indexAddress >>> this.lineShift) & this.setMask;
  }

  /** The key naming a line: its tag-address line number, plus VA alias bits for VIPT. */
  keyOf(indexAddress: number, tagAddress: number): number {
    const line = tagAddress >>> this.lineShift;
    // Without alias bits the alias below is always 0 (a way spans at most a page).
    if (!this.aliased) return line;
    const alias = ((indexAddress >>> this.lineShift) & this.setMask) >>> this.aliasShift;
    return (line | (alias << this.keyAliasShift)) | 0;
  }

  /**
   * The slot holding the line when the memo or the direct-mapped hint knows it, else -1 (the line may
   * still be present): a partial probe with no statistics, for hot paths that fall back to `read`/`write`
   * on -1. A read hit changes nothing but `readHits` (replacement moves on fills only).
   */
  quickSlot(key: number): number {
    if (key === this.memoKey) return this.memoSlot;
    const slot = this.hint[key & this.hintMask];
    if (this.slotKey[slot] !== key) return -1;
    this.memoKey = key;
    this.memoSlot = slot;
    return slot;
  }

  /** What `write` does on a hit in `slot`. */
  writeHitAt(slot: number, indexAddress: number, writeBack: boolean): void {
    this.stats.writeHits++;
    if (writeBack) this.slotDirty[slot] |= (indexAddress & (this.lineBytes >>> 1)) !== 0 ? 2 : 1;
  }

  /** Slot holding the line, or -1. No statistics. */
  probe(indexAddress: number, tagAddress: number): number {
    const key = this.keyOf(indexAddress, tagAddress);
    if (key === this.memoKey) return this.memoSlot;
    // The hint is checked against slotKey, so a stale one only costs the index lookup.
    const h = key & this.hintMask;
    let slot = this.hint[h];
    if (this.slotKey[slot] !== key) {
      slot = this.index.get(key);
      if (slot < 0) return -1;
      this.hint[h] = slot;
    }
    this.memoKey = key;
    this.memoSlot = slot;
    return slot;
  }

  /**
   * A read (or instruction fetch): true on a hit; on a miss allocates the line (read-allocate), records
   * the victim's dirty halves in `evictedDirtyHalves` and returns false.
   */
  read(indexAddress: number, tagAddress: number, physAddress: number): boolean {
    if (this.probe(indexAddress, tagAddress) >= 0) {
      this.stats.readHits++;
      return true;
    }
    this.stats.readMisses++;
    this.allocate(indexAddress, tagAddress, physAddress);
    return false;
  }

  /**
   * A write: true on a hit, marking the half line dirty when `writeBack`. Misses do not allocate
   * (the ARM920T D-cache is read-allocate).
   */
  write(indexAddress: number, tagAddress: number, writeBack: boolean): boolean {
    const slot = this.probe(indexAddress, tagAddress);
    if (slot < 0) {
      this.stats.writeMisses++;
      return false;
    }
    this.writeHitAt(slot, indexAddress, writeBack);
    return true;
  }

  /** Loads a line (fill or prefetch) into the set's victim way; evicted dirty halves go to `evictedDirtyHalves`. */
  allocate(indexAddress: number, tagAddress: number, physAddress: number): number {
    const set = (indexAddress >>> this.lineShift) & this.setMask;
    const way = this.chooseVictim(set);
    const slot = set * this.ways + way;
    const old = this.slotKey[slot];
    this.evictedDirtyHalves = 0;
    if (old !== INVALID) {
      this.stats.evictions++;
      const halves = dirtyHalves(this.slotDirty[slot]);
      if (halves > 0) {
        this.evictedDirtyHalves = halves;
        this.evictedPhysical = this.slotPhys[slot];
        this.stats.writeBacks += halves;
      }
      this.index.delete(old);
    }
    const key = this.keyOf(indexAddress, tagAddress);
    this.slotKey[slot] = key;
    this.slotPhys[slot] = (physAddress & ~(this.lineBytes - 1)) >>> 0;
    this.slotDirty[slot] = 0;
    this.index.set(key, slot);
    this.hint[key & this.hintMask] = slot;
    this.memoKey = key;
    this.memoSlot = slot;
    this.stats.lineFills++;
    return slot;
  }

  private chooseVictim(set: number): number {
    const base = this.lockBase;
    // A c9 write points every set's victim at the base; the next fill uses it even under random
    // replacement (ARM920T TRM, register 9), which is what makes the lockdown procedure work.
    if (this.roundRobin || this.victimPinned[set]) {
      this.victimPinned[set] = 0;
      let v = this.victims[set];
      if (v < base || v >= this.ways) v = base;
      this.victims[set] = v + 1 >= this.ways ? base : v + 1;
      return v;
    }
    return base + (this.lfsr.next() % (this.ways - base));
  }

  private dropSlot(slot: number): void {
    const key = this.slotKey[slot];
    if (key === INVALID) return;
    this.index.delete(key);
    if (key === this.memoKey) this.memoKey = INVALID;
    this.slotKey[slot] = INVALID;
    this.slotDirty[slot] = 0;
    this.stats.invalidations++;
  }

  /** Writes back a slot's dirty halves (clean); returns how many. */
  private cleanSlotAt(slot: number): number {
    const halves = dirtyHalves(this.slotDirty[slot]);
    this.slotDirty[slot] = 0;
    this.stats.writeBacks += halves;
    return halves;
  }

  /** Invalidate everything (dirty lines are discarded: a guest that skips the clean loses nothing here, see class note). */
  invalidateAll(): void {
    for (let s = 0; s < this.slotKey.length; s++) if (this.slotKey[s] !== INVALID) this.stats.invalidations++;
    this.slotKey.fill(INVALID);
    this.slotDirty.fill(0);
    this.index.clear();
    this.memoKey = INVALID;
  }

  invalidateLine(indexAddress: number, tagAddress: number): boolean {
    const slot = this.probe(indexAddress, tagAddress);
    if (slot < 0) return false;
    this.dropSlot(slot);
    return true;
  }

  /** Clean by address: returns dirty halves written back. */
  cleanLine(indexAddress: number, tagAddress: number): number {
    const slot = this.probe(indexAddress, tagAddress);
    return slot < 0 ? 0 : this.cleanSlotAt(slot);
  }

  cleanInvalidateLine(indexAddress: number, tagAddress: number): number {
    const slot = this.probe(indexAddress, tagAddress);
    if (slot < 0) return 0;
    const halves = this.cleanSlotAt(slot);
    this.dropSlot(slot);
    return halves;
  }

  /** Clean by set/way (ARM920T: segment and index). */
  cleanSetWay(set: number, way: number): number {
    return this.cleanSlotAt((set & this.setMask) * this.ways + (way & (this.ways - 1)));
  }

  /** Invalidate by set/way without writing back (dirty data is discarded). */
  invalidateSetWay(set: number, way: number): void {
    this.dropSlot((set & this.setMask) * this.ways + (way & (this.ways - 1)));
  }

  cleanInvalidateSetWay(set: number, way: number): number {
    const slot = (set & this.setMask) * this.ways + (way & (this.ways - 1));
    const halves = this.cleanSlotAt(slot);
    this.dropSlot(slot);
    return halves;
  }

  /** Decodes a set/way operand in the ARM920T layout: way (index) in the top bits, set (segment) above the line offset. */
  setWayOf(operand: number): { set: number; way: number } {
    return { set: (operand >>> this.lineShift) & this.setMask, way: this.wayShift >= 32 ? 0 : operand >>> this.wayShift };
  }

  cleanAll(): number {
    let halves = 0;
    for (let s = 0; s < this.slotDirty.length; s++) if (this.slotDirty[s] !== 0) halves += this.cleanSlotAt(s);
    return halves;
  }

  cleanInvalidateAll(): number {
    const halves = this.cleanAll();
    this.invalidateAll();
    return halves;
  }

  /** Ways below the base are locked (c9 lockdown); setting it also points every set's victim at it. */
  get lockdownBase(): number {
    return this.lockBase;
  }
  set lockdownBase(base: number) {
    this.lockBase = Math.max(0, Math.min(base, this.ways - 1));
    this.victims.fill(this.lockBase);
    this.victimPinned.fill(1);
  }

  validLines(): number {
    let n = 0;
    for (let s = 0; s < this.slotKey.length; s++) if (this.slotKey[s] !== INVALID) n++;
    return n;
  }

  dirtyLines(): number {
    let n = 0;
    for (let s = 0; s < this.slotDirty.length; s++) if (this.slotDirty[s] !== 0) n++;
    return n;
  }

  dirtyHalfLines(): number {
    let n = 0;
    for (let s = 0; s < this.slotDirty.length; s++) n += dirtyHalves(this.slotDirty[s]);
    return n;
  }

  /** The way holding a line, or -1 (tests and debuggers). */
  wayOf(indexAddress: number, tagAddress: number): number {
    const slot = this.probe(indexAddress, tagAddress);
    return slot < 0 ? -1 : slot % this.ways;
  }

  /** Physical line address kept for the slot (for write-back). */
  physicalOf(indexAddress: number, tagAddress: number): number | undefined {
    const slot = this.probe(indexAddress, tagAddress);
    return slot < 0 ? undefined : this.slotPhys[slot];
  }

  reset(): void {
    this.invalidateAll();
    this.lockBase = 0;
    this.victims.fill(0);
    this.victimPinned.fill(0);
    this.lfsr.reset();
    this.roundRobin = false;
  }

  resetStats(): void {
    const s = this.stats;
    s.readHits = s.readMisses = s.writeHits = s.writeMisses = s.lineFills = s.evictions = s.writeBacks = s.invalidations = 0;
  }
}

function dirtyHalves(bits: number): number {
  return (bits & 1) + ((bits >>> 1) & 1);
}
