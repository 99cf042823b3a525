import { BusFault } from '../bus/device.js';
import type { PhysicalBus } from '../bus/physical-bus.js';
import { MemoryFault } from '../cpu/fault.js';
import type { MemoryPort } from '../cpu/memory-port.js';
import type { Clock } from '../sched/scheduler.js';
import { Cache } from './cache.js';
import { BUFFERABLE, CACHEABLE, FastPath } from './fast-path.js';
import { FaultStatus } from './fault-status.js';
import { Perm, neededPermission, uniformAp } from './page-table.js';
import { TLB_FLAG, Tlb } from './tlb.js';
import type { AccessKind, MemoryStatistics, MemoryTimingTable, StallCycles, TimingMode, Translation } from './memory-types.js';
import { readBytesVirtual, readVirtual, writeBytesVirtual, writeVirtual } from './virtual-access.js';
import { WriteBuffer } from './write-buffer.js';

export type Side = 'instruction' | 'data';

export interface MemorySystemBaseOptions {
  readonly bus: PhysicalBus;
  readonly clock: Clock;
  readonly timing: TimingMode;
  readonly timingTable: MemoryTimingTable;
  /** VIVT (ARM920T: index and tag by MVA) or VIPT (ARM1176: index by MVA, tag by PA). */
  readonly cacheTag: 'virtual' | 'physical';
  /** Options for the I and D TLBs the base owns (the ARM1176's micro TLBs are tagged). */
  readonly tlbTagged?: boolean;
}

/**
 * What the ARM920T and ARM1176 memory systems share: the MemoryPort hot paths through per-side fast paths,
 * caches and write buffer timing, bus and external-abort handling, the cost-meter hooks, maintenance on
 * the cache models, side-effect-free virtual access and statistics. A core's subclass supplies translation
 * (`resolve`, `translate`), fault recording (`recordFault`) and its fault-status vocabulary.
 *
 * `functional` mode translates and faults exactly as `cycle` mode does (TLBs included) but adds no stalls
 * and bypasses the cache and write-buffer models. `cycle` mode adds stalls to `clock.cycles`: line fills,
 * uncached accesses, walk reads, dirty half-line write-backs and write-buffer waits, each in bus cycles ×
 * `coreCyclesPerBusCycle`.
 *
 * Data always moves through the bus at once (see `Cache`): the models decide only what accesses cost.
 */
export abstract class MemorySystemBase implements MemoryPort {
  privileged = true;
  readonly bus: PhysicalBus;
  readonly clock: Clock;
  readonly timingMode: TimingMode;
  readonly itlb: Tlb;
  readonly dtlb: Tlb;
  readonly icache: Cache;
  readonly dcache: Cache;
  readonly writeBuffer: WriteBuffer;
  readonly stalls: StallCycles = { lineFill: 0, uncached: 0, tableWalk: 0, writeBack: 0, writeBuffer: 0 };
  fetches = 0;
  reads = 0;
  writes = 0;
  /** The memory timing constants in use (bus cycles). */
  readonly timingTable: MemoryTimingTable;

  protected readonly cycle: boolean;
  protected readonly ifp = new FastPath();
  /** With a spare: data often alternates between two sections (stack and heap), see `resolveData`. */
  protected readonly dfp = new FastPath(true);
  /** VIPT: caches are tagged with the physical address. */
  protected readonly physicalTags: boolean;
  private ratio = 1;
  protected lineFillCycles = 0;
  protected uncachedCycles = 0;
  protected walkReadCycles = 0;
  private halfWriteBackCycles = 0;
  private wbFirstWordCycles = 0;
  private wbNextWordCycles = 0;
  // Control state, decoded by the subclass from its CP15.
  protected mmuOn = false;
  /** Misaligned read16/read32/write16/write32 fault (ARM920T: A; ARM1176: A or U). */
  protected alignStrict = false;
  protected dcacheOn = false;
  protected icacheOn = false;
  /** FCSE PID register value ([31:25]). */
  protected pid = 0;
  // FCSE PID fetch lag (ARM920T): fetches still to translate with `lagPid`, and the VA the next one must
  // have to be the prefetched sequential instruction (-1: not known yet). Handled in the fetch slow path
  // only: the I fast path stays empty while the lag lasts.
  protected fetchLag = 0;
  private lagPid = 0;
  private lagVa = -1;
  private readonly lineMask: number;
  // Details of the last translation failure (slow path only).
  protected faultStatus = 0;
  protected faultDomain = 0;

  constructor(options: MemorySystemBaseOptions) {
    this.bus = options.bus;
    this.clock = options.clock;
    this.timingMode = options.timing;
    this.cycle = options.timing === 'cycle';
    this.timingTable = options.timingTable;
    const t = this.timingTable;
    const tlbOptions = { tagged: options.tlbTagged ?? false };
    this.itlb = new Tlb(t.tlbEntries, 'I-TLB', tlbOptions);
    this.dtlb = new Tlb(t.tlbEntries, 'D-TLB', tlbOptions);
    this.itlb.onChange = () => this.ifp.clear();
    this.dtlb.onChange = () => this.dfp.clear();
    this.physicalTags = options.cacheTag === 'physical';
    const geometry = { sizeBytes: t.cacheBytes, ways: t.cacheWays, lineBytes: t.lineBytes, index: 'virtual', tag: options.cacheTag } as const;
    this.icache = new Cache({ name: 'I-cache', ...geometry });
    this.dcache = new Cache({ name: 'D-cache', ...geometry });
    this.lineMask = t.lineBytes - 1;
    this.writeBuffer = new WriteBuffer(t.writeBufferWords, t.writeBufferAddresses);
    this.coreCyclesPerBusCycle = t.coreCyclesPerBusCycle;
  }

  /** Core clock / bus clock: bus-cycle costs are multiplied by it. The SoC sets it from its clock dividers. */
  get coreCyclesPerBusCycle(): number {
    return this.ratio;
  }
  set coreCyclesPerBusCycle(ratio: number) {
    // Integral, so the clock stays an integer count of core cycles.
    if (!Number.isInteger(ratio) || ratio < 1) throw new Error(`MemorySystem: coreCyclesPerBusCycle must be a positive integer, got ${ratio}`);
    const t = this.timingTable;
    this.ratio = ratio;
    this.lineFillCycles = t.lineFillBusCycles * ratio;
    this.uncachedCycles = t.uncachedWordBusCycles * ratio;
    this.walkReadCycles = t.tableWalkReadBusCycles * ratio;
    this.halfWriteBackCycles = t.halfLineWriteBackBusCycles * ratio;
    this.wbFirstWordCycles = t.writeBufferWordBusCycles * ratio;
    this.wbNextWordCycles = t.writeBufferBurstWordBusCycles * ratio;
  }

  // ---- what a core's subclass provides ----------------------------------------------------------------

  /**
   * Perm bits of the side's TLB entry `i` for this access at `mva` (flags and domain read from it), or -1
   * with the fault set (`fail`) when the access faults on it: the core's access-control rules.
   */
  protected abstract entryPermission(tlb: Tlb, i: number, flags: number, domain: number, mva: number, write: boolean, instruction: boolean): number;
  /** After a miss in `tlb`: the index of the entry for `mva` it inserted (walk cost charged), or -1 with the fault set. */
  protected abstract refill(tlb: Tlb, mva: number): number;
  /** Records a fault in CP15 (FSR/FAR or IFSR) before it is thrown. */
  protected abstract recordFault(kind: 'prefetch' | 'data', status: number, domain: number, va: number, write: boolean): void;
  /** Status of an external abort on the access itself. */
  protected abstract externalAbortStatus(page: boolean, linefetch: boolean): number;
  abstract statusName(status: number): string;
  /** Side-effect-free translation (debuggers, kernels, loaders). */
  abstract translate(va: number, kind?: AccessKind, privileged?: boolean): Translation;
  /** Cache tag address for a maintenance operation by MVA, or -1 when it names no line (VIPT: unmapped). */
  protected maintenanceTag(mva: number): number {
    return mva;
  }

  /**
   * The I- and D-side fast paths, for code that reads RAM through them instead of calling fetch32/read32/…
   * (the fast loop's straight-line runs, translated blocks): only when a fast-path hit is all those methods
   * do — functional timing (no cache/TLB timing) and the base class's accessors. The caller must treat a
   * miss, a device page or an unaligned address by calling the methods, and must not write to the paths.
   */
  directPaths(): { readonly ifp: FastPath; readonly dfp: FastPath } | undefined {
    const base = MemorySystemBase.prototype;
    const plain =
      !this.cycle &&
      this.fetch32 === base.fetch32 &&
      this.read8 === base.read8 &&
      this.read16 === base.read16 &&
      this.read32 === base.read32 &&
      this.write8 === base.write8 &&
      this.write16 === base.write16 &&
      this.write32 === base.write32;
    return plain ? { ifp: this.ifp, dfp: this.dfp } : undefined;
  }

  /**
   * What a data access at `va` does before touching memory (alignment aside) when the D fast path misses:
   * refills it from the TLB or a walk; false when the access faults, the fault then pending for
   * `raiseDataFault`. For translated blocks, which read RAM through `directPaths().dfp`.
   */
  refillData(va: number, write: boolean): boolean {
    va >>>= 0;
    const fp = this.dfp;
    const need = neededPermission(this.privileged, write);
    if (((va - fp.base) >>> 0) < fp.size && (fp.perm & need) !== 0) return true;
    return this.resolveData(fp, va, write, need);
  }

  /** Raises the fault a failed `refillData` left pending, as the access itself does. */
  raiseDataFault(va: number, write: boolean): never {
    return this.raise('data', va >>> 0, write);
  }

  // ---- MemoryPort: hot paths -------------------------------------------------------------------------

  fetch32(va: number): number {
    va = (va & ~3) >>> 0;
    const fp = this.ifp;
    if (((va - fp.base) >>> 0) >= fp.size || (fp.perm & (this.privileged ? Perm.PRIV_READ : Perm.USER_READ)) === 0) this.fillFetch(va, false);
    const pa = (va + fp.delta) >>> 0;
    const r = fp.region;
    const value = r !== undefined ? r.words[(pa - r.base) >>> 2] : this.deviceRead(pa, 4, va, true);
    this.fetches++;
    if (this.cycle) this.fetchTiming1((va + fp.mvaDelta) >>> 0, pa);
    return value;
  }

  fetch16(va: number): number {
    va = (va & ~1) >>> 0;
    const fp = this.ifp;
    if (((va - fp.base) >>> 0) >= fp.size || (fp.perm & (this.privileged ? Perm.PRIV_READ : Perm.USER_READ)) === 0) this.fillFetch(va, true);
    const pa = (va + fp.delta) >>> 0;
    const r = fp.region;
    const value = r !== undefined ? r.halves[(pa - r.base) >>> 1] : this.deviceRead(pa, 2, va, true);
    this.fetches++;
    if (this.cycle) this.fetchTiming1((va + fp.mvaDelta) >>> 0, pa);
    return value;
  }

  read8(va: number): number {
    va >>>= 0;
    const pa = this.dataAddress(va, false);
    const r = this.dfp.region;
    const value = r !== undefined ? r.bytes[pa - r.base] : this.deviceRead(pa, 1, va, false);
    this.reads++;
    if (this.cycle) this.dataReadTiming(va, pa);
    return value;
  }

  read16(va: number): number {
    va >>>= 0;
    if ((va & 1) !== 0) va = this.misaligned(va, 1, false);
    const pa = this.dataAddress(va, false);
    const r = this.dfp.region;
    const value = r !== undefined ? r.halves[(pa - r.base) >>> 1] : this.deviceRead(pa, 2, va, false);
    this.reads++;
    if (this.cycle) this.dataReadTiming(va, pa);
    return value;
  }

  read32(va: number): number {
    va >>>= 0;
    if ((va & 3) !== 0) va = this.misaligned(va, 3, false);
    const pa = this.dataAddress(va, false);
    const r = this.dfp.region;
    const value = r !== undefined ? r.words[(pa - r.base) >>> 2] : this.deviceRead(pa, 4, va, false);
    this.reads++;
    if (this.cycle) this.dataReadTiming(va, pa);
    return value;
  }

  write8(va: number, value: number): void {
    va >>>= 0;
    const pa = this.dataAddress(va, true);
    const r = this.dfp.region;
    if (r !== undefined) {
      r.bytes[pa - r.base] = value;
      this.bus.ramWriteObserver?.(pa, 1);
    } else this.deviceWrite(pa, value, 1, va);
    this.writes++;
    if (this.cycle) this.dataWriteTiming(va, pa, 1);
  }

  write16(va: number, value: number): void {
    va >>>= 0;
    if ((va & 1) !== 0) va = this.misaligned(va, 1, true);
    const pa = this.dataAddress(va, true);
    const r = this.dfp.region;
    if (r !== undefined) {
      r.halves[(pa - r.base) >>> 1] = value;
      this.bus.ramWriteObserver?.(pa, 2);
    } else this.deviceWrite(pa, value, 2, va);
    this.writes++;
    if (this.cycle) this.dataWriteTiming(va, pa, 2);
  }

  write32(va: number, value: number): void {
    va >>>= 0;
    if ((va & 3) !== 0) va = this.misaligned(va, 3, true);
    const pa = this.dataAddress(va, true);
    const r = this.dfp.region;
    if (r !== undefined) {
      r.words[(pa - r.base) >>> 2] = value;
      this.bus.ramWriteObserver?.(pa, 4);
    } else this.deviceWrite(pa, value, 4, va);
    this.writes++;
    if (this.cycle) this.dataWriteTiming(va, pa, 4);
  }

  /** Physical address of a data access through the D fast path (filled from the D-TLB/walk on a miss). */
  protected dataAddress(va: number, write: boolean): number {
    const fp = this.dfp;
    const need = write ? (this.privileged ? Perm.PRIV_WRITE : Perm.USER_WRITE) : this.privileged ? Perm.PRIV_READ : Perm.USER_READ;
    if (((va - fp.base) >>> 0) >= fp.size || (fp.perm & need) === 0) {
      if (!this.resolveData(fp, va, write, need)) this.raise('data', va, write);
    }
    return (va + fp.delta) >>> 0;
  }

  /**
   * `resolve` for the D side, trying the spare first: a range loaded earlier is still what a TLB hit gives
   * (the spare is dropped with the path), so when `va` is in it with the permission needed, taking it back
   * does all `resolve` would: the same TLB lookup (its hint) and hit count, then the same fast path.
   * With the MMU off a refill is cheap and has no side effects, so there is no spare then.
   */
  private resolveData(fp: FastPath, va: number, write: boolean, need: number): boolean {
    if (!this.mmuOn) return this.resolveFlat(fp, va, false);
    const spare = fp.spare!;
    if (((va - spare.base) >>> 0) < spare.size && (spare.perm & need) !== 0) {
      const tlb = this.dtlb;
      if (tlb.lookup((va + spare.mvaDelta) >>> 0) === spare.entry) {
        tlb.stats.hits++;
        fp.swapWithSpare();
        return true;
      }
    }
    if (fp.size !== 0) fp.saveToSpare();
    return this.resolve(fp, va, write, false);
  }

  private fillFetch(va: number, thumb: boolean): void {
    if (this.fetchLag !== 0 && this.laggedFetch(va, thumb)) return;
    if (!this.resolve(this.ifp, va, false, true)) this.raise('prefetch', va, false);
  }

  /**
   * Starts the FCSE PID fetch lag: the next two sequential ARM fetches translate with `previousPid`
   * (they were in the pipeline when the MCR executed). The PID write has already emptied the fast paths.
   */
  protected startFetchLag(previousPid: number): void {
    this.fetchLag = previousPid === this.pid ? 0 : 2;
    this.lagPid = previousPid;
    this.lagVa = -1;
  }

  /** Prefetched instructions are discarded (exception entry or return): later fetches use the new PID. */
  protected cancelFetchLag(): void {
    this.fetchLag = 0;
  }

  /**
   * A fetch during the lag: true if it was translated (into the fast path, left empty) with the old PID.
   * A Thumb fetch or a jump means a branch was taken, which discards the prefetched instructions (the MCR
   * is ARM and the first fetch after it is the next word unless an exception intervened, see
   * `cancelFetchLag`). A branch to the very next word looks sequential here and keeps the old PID.
   */
  private laggedFetch(va: number, thumb: boolean): boolean {
    if (thumb || (this.lagVa !== -1 && va !== this.lagVa)) {
      this.fetchLag = 0;
      return false;
    }
    this.fetchLag--;
    this.lagVa = (va + 4) >>> 0;
    const pid = this.pid;
    this.pid = this.lagPid;
    let ok: boolean;
    try {
      ok = this.resolve(this.ifp, va, false, true);
    } finally {
      this.pid = pid;
    }
    // Valid for this fetch only (fetch32 and the abort path read it after this), so the next one misses.
    this.ifp.size = 0;
    if (!ok) this.raise('prefetch', va, false);
    return true;
  }

  /** Misaligned read16/read32/write16/write32: an alignment fault when strict, else the naturally aligned datum. */
  protected misaligned(va: number, mask: number, write: boolean): number {
    if (!this.alignStrict) return (va & ~mask) >>> 0;
    return this.alignmentFault(va, write);
  }

  /** Records and throws an alignment fault on a data access at `va` (also for instructions that always need alignment). */
  alignmentFault(va: number, write: boolean): never {
    this.faultStatus = FaultStatus.ALIGNMENT;
    this.faultDomain = 0;
    return this.raise('data', va >>> 0, write);
  }

  /** MVA of a VA: FCSE relocation of the bottom 32 MB (only with the MMU on in this model). */
  mvaOf(va: number): number {
    return this.mmuOn && (va & 0xfe000000) === 0 ? (va | this.pid) >>> 0 : va >>> 0;
  }

  /** Loads the fast path for the MMU off: flat 1 MB, data strongly ordered, instructions cacheable with I=1. */
  protected resolveFlat(fp: FastPath, va: number, instruction: boolean): true {
    fp.base = (va & 0xfff00000) >>> 0;
    fp.size = 1 << 20;
    fp.delta = 0;
    fp.mvaDelta = 0;
    fp.perm = Perm.ALL;
    fp.domain = 0;
    fp.page = false;
    fp.attr = instruction && this.icacheOn ? CACHEABLE : 0;
    fp.region = this.bus.ramAt(fp.base);
    fp.entry = -1;
    return true;
  }

  /** TLB entry index for `mva`, counting the hit or miss and refilling on a miss; -1 with the fault set. */
  protected entryFor(tlb: Tlb, mva: number): number {
    const i = tlb.lookup(mva);
    if (i >= 0) {
      tlb.stats.hits++;
      return i;
    }
    tlb.stats.misses++;
    return this.refill(tlb, mva);
  }

  /**
   * Translates `va` for an access and loads the side's fast path; false with faultStatus/faultDomain set
   * when the access faults. Walks (and their cost) happen here on TLB misses.
   */
  protected resolve(fp: FastPath, va: number, write: boolean, instruction: boolean): boolean {
    if (!this.mmuOn) return this.resolveFlat(fp, va, instruction);
    const tlb = instruction ? this.itlb : this.dtlb;
    const mva = this.mvaOf(va);
    const i = this.entryFor(tlb, mva);
    if (i < 0) return false;
    const flags = tlb.flagsOf(i);
    const domain = tlb.domainOf(i);
    const perm = this.entryPermission(tlb, i, flags, domain, mva, write, instruction);
    if (perm < 0) return false;
    return this.loadFromTlb(fp, tlb, i, va, mva, flags, domain, perm, instruction);
  }

  /**
   * Loads the fast path from TLB entry `i` (flags and domain already read, `perm` checked): the entry, or
   * one subpage of it when its subpages differ in AP; C/B from the entry and the side's cache enable.
   */
  private loadFromTlb(fp: FastPath, tlb: Tlb, i: number, va: number, mva: number, flags: number, domain: number, perm: number, instruction: boolean): true {
    const size = uniformAp(tlb.apBitsOf(i)) ? tlb.sizeOf(i) : 1 << tlb.subpageShiftOf(i);
    const mvaBase = (mva & ~(size - 1)) >>> 0;
    const pa = (tlb.physOf(i) + (mvaBase - tlb.mvaBaseOf(i))) >>> 0;
    fp.base = (va & ~(size - 1)) >>> 0;
    fp.size = size;
    fp.delta = pa - fp.base;
    fp.mvaDelta = mva - va;
    fp.perm = perm;
    fp.domain = domain;
    fp.page = (flags & TLB_FLAG.PAGE) !== 0;
    const c = (flags & TLB_FLAG.C) !== 0 && (instruction ? this.icacheOn : this.dcacheOn);
    fp.attr = (c ? CACHEABLE : 0) | (!instruction && (flags & TLB_FLAG.B) !== 0 ? BUFFERABLE : 0);
    fp.region = this.bus.ramAt(pa);
    fp.entry = i;
    return true;
  }

  protected fail(status: number, domain: number): false {
    this.faultStatus = status;
    this.faultDomain = domain;
    return false;
  }

  /** Records the pending fault in CP15 and throws it. */
  protected raise(kind: 'prefetch' | 'data', va: number, write: boolean, detail?: string): never {
    const status = this.faultStatus;
    const domain = this.faultDomain;
    this.recordFault(kind, status, domain, va, write);
    const what = kind === 'prefetch' ? 'instruction fetch' : write ? 'write' : 'read';
    throw new MemoryFault(kind, status, domain, va, write, `${this.statusName(status)} on ${what}${detail ? `: ${detail}` : ''}`);
  }

  protected deviceRead(pa: number, size: 1 | 2 | 4, va: number, instruction: boolean): number {
    try {
      return this.bus.read(pa, size);
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
      return this.externalAbort(e, va, false, instruction);
    }
  }

  protected deviceWrite(pa: number, value: number, size: 1 | 2 | 4, va: number): void {
    try {
      this.bus.write(pa, value, size);
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
      this.externalAbort(e, va, true, false);
    }
  }

  /** A bus error on the access itself: linefetch if it would have filled a cache line. Buffered writes abort precisely here. */
  private externalAbort(e: BusFault, va: number, write: boolean, instruction: boolean): never {
    const fp = instruction ? this.ifp : this.dfp;
    const mva = (va + fp.mvaDelta) >>> 0;
    const pa = (va + fp.delta) >>> 0;
    const cache = instruction ? this.icache : this.dcache;
    const linefetch = !write && (fp.attr & CACHEABLE) !== 0 && (!this.cycle || cache.probe(mva, this.physicalTags ? pa : mva) < 0);
    this.fail(this.externalAbortStatus(fp.page, linefetch), fp.domain);
    return this.raise(instruction ? 'prefetch' : 'data', va, write, e.reason);
  }

  // ---- timing (cycle mode) --------------------------------------------------------------------------

  /**
   * One fetch's timing. A read hit changes nothing in the cache but `readHits` (replacement state moves
   * on fills only), so a cacheable fetch the I-cache's memo or hint knows to hit is counted here; the
   * rest of the cacheable ones (rare) take `fetchTiming`.
   */
  protected fetchTiming1(mva: number, pa: number): void {
    if ((this.ifp.attr & CACHEABLE) === 0) {
      const c = this.uncachedCycles;
      this.stalls.uncached += c;
      this.clock.cycles += c;
      return;
    }
    const ic = this.icache;
    if (ic.quickSlot(ic.keyOf(mva, this.physicalTags ? pa : mva)) >= 0) ic.stats.readHits++;
    else this.fetchTiming(mva, pa, 1);
  }

  /** `count` sequential fetches within one line: one cache access, the rest hit (or each pays uncached). */
  protected fetchTiming(mva: number, pa: number, count: number): void {
    if ((this.ifp.attr & CACHEABLE) !== 0) {
      if (!this.icache.read(mva, this.physicalTags ? pa : mva, pa)) {
        this.stalls.lineFill += this.lineFillCycles;
        this.clock.cycles += this.lineFillCycles;
      }
      if (count > 1) this.icache.stats.readHits += count - 1;
    } else {
      const c = this.uncachedCycles * count;
      this.stalls.uncached += c;
      this.clock.cycles += c;
    }
  }

  /** A data read's timing; cacheable reads that miss the D-cache's memo and hint go to `cachedReadTiming`. */
  protected dataReadTiming(va: number, pa: number): void {
    const fp = this.dfp;
    if ((fp.attr & CACHEABLE) !== 0) {
      const dc = this.dcache;
      const mva = (va + fp.mvaDelta) >>> 0;
      if (dc.quickSlot(dc.keyOf(mva, this.physicalTags ? pa : mva)) >= 0) dc.stats.readHits++;
      else this.cachedReadTiming(mva, pa);
      return;
    }
    // Uncached reads wait for buffered writes first (ordering), then go to the bus.
    this.drainWriteBuffer();
    this.stalls.uncached += this.uncachedCycles;
    this.clock.cycles += this.uncachedCycles;
  }

  /** A cacheable read the quick check did not find: `Cache.read` (a fill on a miss) and its cost. */
  private cachedReadTiming(mva: number, pa: number): void {
    if (this.dcache.read(mva, this.physicalTags ? pa : mva, pa)) return;
    let c = this.lineFillCycles;
    this.stalls.lineFill += c;
    const halves = this.dcache.evictedDirtyHalves;
    if (halves !== 0) {
      const w = halves * this.halfWriteBackCycles;
      this.stalls.writeBack += w;
      c += w;
    }
    this.clock.cycles += c;
  }

  /** A data write's timing; write-back hits the D-cache's memo or hint knows are taken without `Cache.write`. */
  protected dataWriteTiming(va: number, pa: number, size: number): void {
    const attr = this.dfp.attr;
    if ((attr & CACHEABLE) !== 0) {
      const dc = this.dcache;
      const mva = (va + this.dfp.mvaDelta) >>> 0;
      const writeBack = (attr & BUFFERABLE) !== 0;
      if (writeBack) {
        const slot = dc.quickSlot(dc.keyOf(mva, this.physicalTags ? pa : mva));
        if (slot >= 0) {
          dc.writeHitAt(slot, mva, true);
          return;
        }
      }
      // Write-back hit: the line takes it. Write-through (hit or miss) and write-back miss: write buffer.
      if (dc.write(mva, this.physicalTags ? pa : mva, writeBack) && writeBack) return;
      this.bufferedWrite(pa, size);
    } else if ((attr & BUFFERABLE) !== 0) {
      this.bufferedWrite(pa, size);
    } else {
      this.drainWriteBuffer();
      this.stalls.uncached += this.uncachedCycles;
      this.clock.cycles += this.uncachedCycles;
    }
  }

  private bufferedWrite(pa: number, size: number): void {
    const stall = this.writeBuffer.write(this.clock.cycles, pa, size, this.wbFirstWordCycles, this.wbNextWordCycles);
    if (stall > 0) {
      this.stalls.writeBuffer += stall;
      this.clock.cycles += stall;
    }
  }

  protected chargeWriteBack(halves: number): void {
    if (!this.cycle || halves === 0) return;
    const c = halves * this.halfWriteBackCycles;
    this.stalls.writeBack += c;
    this.clock.cycles += c;
  }

  /** Adds `reads` descriptor reads of a table walk to the clock (cycle mode). */
  protected chargeWalk(reads: number): void {
    if (!this.cycle || reads === 0) return;
    const c = reads * this.walkReadCycles;
    this.stalls.tableWalk += c;
    this.clock.cycles += c;
  }

  // ---- maintenance on the models ------------------------------------------------------------------------

  invalidateICache(): void {
    this.icache.invalidateAll();
  }
  invalidateICacheLine(mva: number): void {
    const tag = this.maintenanceTag(mva >>> 0);
    if (tag >= 0) this.icache.invalidateLine(mva >>> 0, tag);
  }
  invalidateDCache(): void {
    this.dcache.invalidateAll();
  }
  invalidateDCacheLine(mva: number): void {
    const tag = this.maintenanceTag(mva >>> 0);
    if (tag >= 0) this.dcache.invalidateLine(mva >>> 0, tag);
  }
  cleanDCacheLine(mva: number): void {
    const tag = this.maintenanceTag(mva >>> 0);
    if (tag >= 0) this.chargeWriteBack(this.dcache.cleanLine(mva >>> 0, tag));
  }
  cleanDCacheIndex(operand: number): void {
    const { set, way } = this.dcache.setWayOf(operand >>> 0);
    this.chargeWriteBack(this.dcache.cleanSetWay(set, way));
  }
  cleanInvalidateDCacheLine(mva: number): void {
    const tag = this.maintenanceTag(mva >>> 0);
    if (tag >= 0) this.chargeWriteBack(this.dcache.cleanInvalidateLine(mva >>> 0, tag));
  }
  cleanInvalidateDCacheIndex(operand: number): void {
    const { set, way } = this.dcache.setWayOf(operand >>> 0);
    this.chargeWriteBack(this.dcache.cleanInvalidateSetWay(set, way));
  }
  /** Whole D-cache clean (a kernel's clean-by-index loop, or the ARM1176's c7,c10,0). */
  cleanDCacheAll(): void {
    this.chargeWriteBack(this.dcache.cleanAll());
  }
  cleanInvalidateDCacheAll(): void {
    this.chargeWriteBack(this.dcache.cleanInvalidateAll());
  }

  /** c7,c13,1: loads the line at `mva` into the I-cache (to fill locked-down ways). Faults are ignored. */
  prefetchICacheLine(mva: number): void {
    if (!this.cycle || !this.icacheOn) return;
    mva >>>= 0;
    let pa = mva;
    if (this.mmuOn) {
      const i = this.entryFor(this.itlb, mva);
      if (i < 0 || (this.itlb.flagsOf(i) & TLB_FLAG.C) === 0) return;
      pa = (this.itlb.physOf(i) + (mva - this.itlb.mvaBaseOf(i))) >>> 0;
    }
    const tag = this.physicalTags ? pa : mva;
    if (this.icache.probe(mva, tag) >= 0) return;
    this.icache.allocate(mva, tag, pa);
    this.stalls.lineFill += this.lineFillCycles;
    this.clock.cycles += this.lineFillCycles;
  }

  /** The I- or D-cache (c9 lockdown registers). */
  protected cacheFor(side: Side): Cache {
    return side === 'instruction' ? this.icache : this.dcache;
  }

  drainWriteBuffer(): void {
    if (!this.cycle) return;
    const wait = this.writeBuffer.drain(this.clock.cycles);
    if (wait > 0) {
      this.stalls.writeBuffer += wait;
      this.clock.cycles += wait;
    }
  }

  abstract invalidateTlb(side: Side | 'both'): void;

  /** Invalidates the TLB entries of one ASID (ARMv6 only; cores without ASIDs refuse). */
  invalidateTlbAsid(asid: number): void {
    throw new Error(`this core has no ASIDs (invalidateTlbAsid(${asid}))`);
  }

  protected resetModels(): void {
    this.itlb.reset();
    this.dtlb.reset();
    this.icache.reset();
    this.dcache.reset();
    this.writeBuffer.reset();
    this.ifp.clear();
    this.dfp.clear();
    this.fetchLag = 0;
  }

  /** Drops both fast paths (after a change of anything they were derived from). */
  protected clearFastPaths(): void {
    this.ifp.clear();
    this.dfp.clear();
  }

  // ---- cost-meter hooks: charge without moving data ---------------------------------------------------

  /**
   * Charges `count` sequential instruction fetches starting at `va` within one cache line, through the
   * I-TLB and I-cache at the current privilege. Used by CostMeter; a fault throws a plain Error.
   */
  chargeFetches(va: number, count: number): void {
    va = (va & ~3) >>> 0;
    const fp = this.ifp;
    if (((va - fp.base) >>> 0) >= fp.size || (fp.perm & (this.privileged ? Perm.PRIV_READ : Perm.USER_READ)) === 0) {
      // Charged fetches are a TypeScript kernel's code running: the guest's prefetched instructions are gone.
      this.fetchLag = 0;
      if (!this.resolve(fp, va, false, true)) throw this.meterError('instruction fetch', va);
    }
    this.fetches += count;
    if (this.cycle) this.fetchTiming((va + fp.mvaDelta) >>> 0, (va + fp.delta) >>> 0, count);
  }

  /** Charges one data access of `size` bytes at `va` through the D-TLB, D-cache and write buffer (CostMeter). */
  chargeData(va: number, size: 1 | 2 | 4, write: boolean): void {
    va = (va & ~(size - 1)) >>> 0;
    const fp = this.dfp;
    const need = neededPermission(this.privileged, write);
    if (((va - fp.base) >>> 0) >= fp.size || (fp.perm & need) === 0) {
      if (!this.resolve(fp, va, write, false)) throw this.meterError(write ? 'write' : 'read', va);
    }
    const pa = (va + fp.delta) >>> 0;
    if (write) {
      this.writes++;
      if (this.cycle) this.dataWriteTiming(va, pa, size);
    } else {
      this.reads++;
      if (this.cycle) this.dataReadTiming(va, pa);
    }
  }

  private meterError(what: string, va: number): Error {
    const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
    return new Error(`cost meter: ${what} at ${hex(va)} (MVA ${hex(this.mvaOf(va))}) faults: ${this.statusName(this.faultStatus)}, domain ${this.faultDomain} — a kernel may only charge accesses to its own mapped structures`);
  }

  // ---- side-effect-free access for debuggers, kernels and loaders --------------------------------------

  get mmuEnabled(): boolean {
    return this.mmuOn;
  }

  private physicalFor(va: number, kind: AccessKind, privileged: boolean): number {
    const t = this.translate(va, kind, privileged);
    if (!t.ok) throw new MemoryFault('data', t.status, t.domain, va >>> 0, kind === 'write', `${t.description} (side-effect-free ${kind})`);
    return t.physical;
  }

  /** Reads a naturally aligned datum at `va` without timing or side effects; throws an unrecorded MemoryFault. */
  readVirtual(va: number, size: 1 | 2 | 4 = 4, privileged = this.privileged): number {
    return readVirtual(this.bus, (a, k) => this.physicalFor(a, k, privileged), va, size);
  }

  writeVirtual(va: number, value: number, size: 1 | 2 | 4 = 4, privileged = this.privileged): void {
    writeVirtual(this.bus, (a, k) => this.physicalFor(a, k, privileged), va, value, size);
  }

  /** Copies bytes out of virtual memory without timing or side effects. */
  readBytesVirtual(va: number, length: number, privileged = this.privileged): Uint8Array {
    return readBytesVirtual(this.bus, (a, k) => this.physicalFor(a, k, privileged), va, length);
  }

  writeBytesVirtual(va: number, bytes: Uint8Array, privileged = this.privileged): void {
    writeBytesVirtual(this.bus, (a, k) => this.physicalFor(a, k, privileged), va, bytes);
  }

  // ---- statistics ---------------------------------------------------------------------------------------

  statistics(): MemoryStatistics {
    const s = this.stalls;
    return {
      timing: this.timingMode,
      fetches: this.fetches,
      reads: this.reads,
      writes: this.writes,
      itlb: { ...this.itlb.stats },
      dtlb: { ...this.dtlb.stats },
      icache: { ...this.icache.stats },
      dcache: { ...this.dcache.stats },
      writeBuffer: { ...this.writeBuffer.stats },
      stallCycles: { ...s, total: s.lineFill + s.uncached + s.tableWalk + s.writeBack + s.writeBuffer },
    };
  }

  resetStatistics(): void {
    this.fetches = this.reads = this.writes = 0;
    this.itlb.resetStats();
    this.dtlb.resetStats();
    this.icache.resetStats();
    this.dcache.resetStats();
    this.writeBuffer.resetStats();
    const s = this.stalls;
    s.lineFill = s.uncached = s.tableWalk = s.writeBack = s.writeBuffer = 0;
  }

  /** Line size of both caches (for callers stepping through ranges). */
  get lineBytes(): number {
    return this.lineMask + 1;
  }
}
