import { BusFault } from '../bus/device.js';
import type { PhysicalBus } from '../bus/physical-bus.js';
import { Arm920tCp15, Arm920tControl, type Arm920tMemoryControl } from '../cp15/arm920t-cp15.js';
import { MemoryFault } from '../cpu/fault.js';
import type { MemoryPort } from '../cpu/memory-port.js';
import type { Clock } from '../sched/scheduler.js';
import { ARM920T_TIMING, type Arm920tTiming } from '../timing/arm920t.js';
import { Cache } from './cache.js';
import { BUFFERABLE, CACHEABLE, FastPath } from './fast-path.js';
import { FaultStatus, faultStatusName } from './fault-status.js';
import { AP_TABLE, Mapping, Perm, neededPermission, uniformAp, walkV5 } from './page-table.js';
import { TLB_FLAG, Tlb } from './tlb.js';
import type { AccessKind, MemoryStatistics, MemorySystemOptions, StallCycles, TimingMode, Translation } from './memory-types.js';
import { readBytesVirtual, readVirtual, translateWithoutSideEffects, writeBytesVirtual, writeVirtual, type TranslationContext } from './virtual-access.js';
import { WriteBuffer } from './write-buffer.js';

type Side = 'instruction' | 'data';

/**
 * The ARM920T memory system behind the core: alignment check, FCSE, MMU (I/D TLBs, v4/v5 table walks,
 * domains, permissions), VIVT I and D caches, the write buffer and their timing, with CP15 in `.cp15`.
 *
 * `functional` mode translates and faults exactly as `cycle` mode does (TLBs included) but adds no stalls
 * and bypasses the cache and write-buffer models. `cycle` mode adds stalls to `clock.cycles`: line fills,
 * uncached accesses, walk reads, dirty half-line write-backs and write-buffer waits, each in bus cycles ×
 * `coreCyclesPerBusCycle`.
 *
 * Data always moves through the bus at once (see `Cache`): the models decide only what accesses cost.
 * Faults are recorded in CP15 (data: FSR + FAR = MVA; prefetch: instruction FSR only) before a
 * `MemoryFault` is thrown; the fault's `address` is the VA the core used.
 */
export class MemorySystem implements MemoryPort, Arm920tMemoryControl, TranslationContext {
  privileged = true;
  readonly bus: PhysicalBus;
  readonly clock: Clock;
  readonly timingMode: TimingMode;
  readonly cp15: Arm920tCp15;
  readonly itlb: Tlb;
  readonly dtlb: Tlb;
  readonly icache: Cache;
  readonly dcache: Cache;
  readonly writeBuffer: WriteBuffer;
  readonly stalls: StallCycles = { lineFill: 0, uncached: 0, tableWalk: 0, writeBack: 0, writeBuffer: 0 };
  fetches = 0;
  reads = 0;
  writes = 0;

  private readonly cycle: boolean;
  /** The memory timing constants in use (bus cycles; see ARM920T_TIMING.memory). */
  readonly timingTable: Arm920tTiming['memory'];
  private readonly ifp = new FastPath();
  private readonly dfp = new FastPath();
  private readonly walkResult = new Mapping();
  private readonly debugMapping = new Mapping();
  private ratio = 1;
  private lineFillCycles = 0;
  private uncachedCycles = 0;
  private walkReadCycles = 0;
  private halfWriteBackCycles = 0;
  private wbFirstWordCycles = 0;
  private wbNextWordCycles = 0;
  // Control register, decoded.
  private mmuOn = false;
  private alignCheck = false;
  private dcacheOn = false;
  private icacheOn = false;
  private srBits = 0;
  private pid = 0;
  private lineMask = 0;
  // Details of the last translation failure (slow path only).
  private faultStatus = 0;
  private faultDomain = 0;

  constructor(options: MemorySystemOptions) {
    this.bus = options.bus;
    this.clock = options.clock;
    this.timingMode = options.timing;
    this.cycle = options.timing === 'cycle';
    this.timingTable = options.timingTable ?? ARM920T_TIMING.memory;
    const t = this.timingTable;
    this.itlb = new Tlb(t.tlbEntries, 'I-TLB');
    this.dtlb = new Tlb(t.tlbEntries, 'D-TLB');
    this.itlb.onChange = () => this.ifp.clear();
    this.dtlb.onChange = () => this.dfp.clear();
    const geometry = { sizeBytes: t.cacheBytes, ways: t.cacheWays, lineBytes: t.lineBytes, index: 'virtual', tag: 'virtual' } as const;
    this.icache = new Cache({ name: 'I-cache', ...geometry });
    this.dcache = new Cache({ name: 'D-cache', ...geometry });
    this.lineMask = t.lineBytes - 1;
    this.writeBuffer = new WriteBuffer(t.writeBufferWords, t.writeBufferAddresses);
    this.coreCyclesPerBusCycle = t.coreCyclesPerBusCycle;
    this.cp15 = new Arm920tCp15({
      memory: this,
      guestErrors: options.guestErrors,
      onWaitForInterrupt: options.onWaitForInterrupt,
      onControlChange: options.onControlChange,
    });
    this.controlChanged();
  }

  /** FCLK/HCLK: bus-cycle costs are multiplied by it. The SoC sets it from CLKDIVN. */
  get coreCyclesPerBusCycle(): number {
    return this.ratio;
  }
  set coreCyclesPerBusCycle(ratio: number) {
    // Integral, so the clock stays an integer count of core cycles (S3C2440 HCLK = FCLK / 1, 2, 3, 4, 6, 8).
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

  // ---- MemoryPort: hot paths -------------------------------------------------------------------------

  fetch32(va: number): number {
    va = (va & ~3) >>> 0;
    const fp = this.ifp;
    if (((va - fp.base) >>> 0) >= fp.size || (fp.perm & (this.privileged ? Perm.PRIV_READ : Perm.USER_READ)) === 0) this.fillFetch(va);
    const pa = (va + fp.delta) >>> 0;
    const r = fp.region;
    const value = r !== undefined ? r.words[(pa - r.base) >>> 2] : this.deviceRead(pa, 4, va, true);
    this.fetches++;
    if (this.cycle) this.fetchTiming((va + fp.mvaDelta) >>> 0, pa, 1);
    return value;
  }

  fetch16(va: number): number {
    va = (va & ~1) >>> 0;
    const fp = this.ifp;
    if (((va - fp.base) >>> 0) >= fp.size || (fp.perm & (this.privileged ? Perm.PRIV_READ : Perm.USER_READ)) === 0) this.fillFetch(va);
    const pa = (va + fp.delta) >>> 0;
    const r = fp.region;
    const value = r !== undefined ? r.halves[(pa - r.base) >>> 1] : this.deviceRead(pa, 2, va, true);
    this.fetches++;
    if (this.cycle) this.fetchTiming((va + fp.mvaDelta) >>> 0, pa, 1);
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
  private dataAddress(va: number, write: boolean): number {
    const fp = this.dfp;
    const need = write ? (this.privileged ? Perm.PRIV_WRITE : Perm.USER_WRITE) : this.privileged ? Perm.PRIV_READ : Perm.USER_READ;
    if (((va - fp.base) >>> 0) >= fp.size || (fp.perm & need) === 0) {
      if (!this.resolve(fp, this.dtlb, va, write, false)) this.raise('data', va, write);
    }
    return (va + fp.delta) >>> 0;
  }

  private fillFetch(va: number): void {
    if (!this.resolve(this.ifp, this.itlb, va, false, true)) this.raise('prefetch', va, false);
  }

  /** Unaligned data access: an alignment fault when A=1, else the naturally aligned datum. */
  private misaligned(va: number, mask: number, write: boolean): number {
    if (!this.alignCheck) return (va & ~mask) >>> 0;
    this.faultStatus = FaultStatus.ALIGNMENT;
    this.faultDomain = 0;
    return this.raise('data', va, write);
  }

  // ---- translation (slow path) ----------------------------------------------------------------------

  /** MVA of a VA: FCSE relocation of the bottom 32 MB (only with the MMU on in this model). */
  mvaOf(va: number): number {
    return this.mmuOn && (va & 0xfe000000) === 0 ? (va | this.pid) >>> 0 : va >>> 0;
  }

  /**
   * Translates `va` for an access and loads the side's fast path; false with faultStatus/faultDomain
   * set when the access faults. Walks (and their cost) happen here on TLB misses.
   */
  private resolve(fp: FastPath, tlb: Tlb, va: number, write: boolean, instruction: boolean): boolean {
    if (!this.mmuOn) {
      fp.base = (va & 0xfff00000) >>> 0;
      fp.size = 1 << 20;
      fp.delta = 0;
      fp.mvaDelta = 0;
      fp.perm = Perm.ALL;
      fp.domain = 0;
      fp.page = false;
      // MMU off: data is NCNB; instructions are cacheable when the I-cache is on.
      fp.attr = instruction && this.icacheOn ? CACHEABLE : 0;
      fp.region = this.bus.ramAt(fp.base);
      return true;
    }
    const mva = this.mvaOf(va);
    const i = this.entryFor(tlb, mva);
    if (i < 0) return false;
    const flags = tlb.flagsOf(i);
    const page = (flags & TLB_FLAG.PAGE) !== 0;
    const domain = tlb.domainOf(i);
    const perm = this.accessPermissions(domain, tlb.apBitsOf(i), tlb.subpageShiftOf(i), mva);
    if (perm < 0) return this.fail(page ? FaultStatus.DOMAIN_PAGE : FaultStatus.DOMAIN_SECTION, domain);
    if ((perm & neededPermission(this.privileged, write)) === 0) return this.fail(page ? FaultStatus.PERMISSION_PAGE : FaultStatus.PERMISSION_SECTION, domain);
    const entrySize = tlb.sizeOf(i);
    const size = uniformAp(tlb.apBitsOf(i)) ? entrySize : 1 << tlb.subpageShiftOf(i);
    const mvaBase = (mva & ~(size - 1)) >>> 0;
    const pa = (tlb.physOf(i) + (mvaBase - tlb.mvaBaseOf(i))) >>> 0;
    fp.base = (va & ~(size - 1)) >>> 0;
    fp.size = size;
    fp.delta = pa - fp.base;
    fp.mvaDelta = mva - va;
    fp.perm = perm;
    fp.domain = domain;
    fp.page = page;
    const c = (flags & TLB_FLAG.C) !== 0 && (instruction ? this.icacheOn : this.dcacheOn);
    fp.attr = (c ? CACHEABLE : 0) | (!instruction && (flags & TLB_FLAG.B) !== 0 ? BUFFERABLE : 0);
    fp.region = this.bus.ramAt(pa);
    return true;
  }

  private fail(status: number, domain: number): false {
    this.faultStatus = status;
    this.faultDomain = domain;
    return false;
  }

  /** TLB entry index for `mva`, walking and inserting on a miss; -1 (fault recorded) if the walk faults. */
  private entryFor(tlb: Tlb, mva: number): number {
    const i = tlb.lookup(mva);
    if (i >= 0) {
      tlb.stats.hits++;
      return i;
    }
    tlb.stats.misses++;
    const m = this.walkResult;
    const status = walkV5(this.bus, this.cp15.ttb, mva, m);
    tlb.stats.walkReads += m.reads;
    if (this.cycle) {
      const c = m.reads * this.walkReadCycles;
      this.stalls.tableWalk += c;
      this.clock.cycles += c;
    }
    if (status !== 0) {
      this.fail(status, m.domain);
      return -1;
    }
    return tlb.insert(m);
  }

  /** Perm bits for an entry at `mva` under the current DACR and S/R, or -1 for a domain fault. */
  accessPermissions(domain: number, apBits: number, subpageShift: number, mva: number): number {
    const access = (this.cp15.dacr >>> (domain << 1)) & 3;
    if (access === 3) return Perm.ALL;
    // 00 no access; 10 reserved, treated as no access.
    if (access !== 1) return -1;
    return AP_TABLE[this.srBits | ((apBits >>> (((mva >>> subpageShift) & 3) << 1)) & 3)];
  }

  /** Records the pending fault in CP15 and throws it. */
  private raise(kind: 'prefetch' | 'data', va: number, write: boolean, detail?: string): never {
    const status = this.faultStatus;
    const domain = this.faultDomain;
    const mva = this.mvaOf(va);
    if (kind === 'data') this.cp15.recordDataAbort(status, domain, mva);
    else this.cp15.recordPrefetchAbort(status, domain);
    const what = kind === 'prefetch' ? 'instruction fetch' : write ? 'write' : 'read';
    throw new MemoryFault(kind, status, domain, va, write, `${faultStatusName(status)} on ${what}${detail ? `: ${detail}` : ''}`);
  }

  private deviceRead(pa: number, size: 1 | 2 | 4, va: number, instruction: boolean): number {
    try {
      return this.bus.read(pa, size);
    } catch (e) {
      if (!(e instanceof BusFault)) throw e;
      return this.externalAbort(e, va, false, instruction);
    }
  }

  private deviceWrite(pa: number, value: number, size: 1 | 2 | 4, va: number): void {
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
    const cache = instruction ? this.icache : this.dcache;
    const linefetch = !write && (fp.attr & CACHEABLE) !== 0 && (!this.cycle || cache.probe(mva, mva) < 0);
    const status = linefetch
      ? fp.page ? FaultStatus.EXTERNAL_LINEFETCH_PAGE : FaultStatus.EXTERNAL_LINEFETCH_SECTION
      : fp.page ? FaultStatus.EXTERNAL_NON_LINEFETCH_PAGE : FaultStatus.EXTERNAL_NON_LINEFETCH_SECTION;
    this.fail(status, fp.domain);
    return this.raise(instruction ? 'prefetch' : 'data', va, write, e.reason);
  }

  // ---- timing (cycle mode) --------------------------------------------------------------------------

  /** `count` sequential fetches within one line: one cache access, the rest hit (or each pays uncached). */
  private fetchTiming(mva: number, pa: number, count: number): void {
    if ((this.ifp.attr & CACHEABLE) !== 0) {
      if (!this.icache.read(mva, mva, pa)) {
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

  private dataReadTiming(va: number, pa: number): void {
    const fp = this.dfp;
    if ((fp.attr & CACHEABLE) !== 0) {
      const mva = (va + fp.mvaDelta) >>> 0;
      if (this.dcache.read(mva, mva, pa)) return;
      let c = this.lineFillCycles;
      this.stalls.lineFill += c;
      const halves = this.dcache.evictedDirtyHalves;
      if (halves !== 0) {
        const w = halves * this.halfWriteBackCycles;
        this.stalls.writeBack += w;
        c += w;
      }
      this.clock.cycles += c;
      return;
    }
    // Uncached reads wait for buffered writes first (ordering), then go to the bus.
    this.drainWriteBuffer();
    this.stalls.uncached += this.uncachedCycles;
    this.clock.cycles += this.uncachedCycles;
  }

  private dataWriteTiming(va: number, pa: number, size: number): void {
    const attr = this.dfp.attr;
    if ((attr & CACHEABLE) !== 0) {
      const mva = (va + this.dfp.mvaDelta) >>> 0;
      const writeBack = (attr & BUFFERABLE) !== 0;
      // Write-back hit: the line takes it. Write-through (hit or miss) and write-back miss: write buffer.
      if (this.dcache.write(mva, mva, writeBack) && writeBack) return;
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

  private chargeWriteBack(halves: number): void {
    if (!this.cycle || halves === 0) return;
    const c = halves * this.halfWriteBackCycles;
    this.stalls.writeBack += c;
    this.clock.cycles += c;
  }

  // ---- CP15 hooks (Arm920tMemoryControl) ------------------------------------------------------------

  controlChanged(): void {
    const c = this.cp15.control;
    this.mmuOn = (c & Arm920tControl.M) !== 0;
    this.alignCheck = (c & Arm920tControl.A) !== 0;
    // The D-cache works only with the MMU on; the I-cache works with it off too. (Functional mode keeps
    // these for fault classification but never runs the cache models.)
    this.dcacheOn = this.mmuOn && (c & Arm920tControl.C) !== 0;
    this.icacheOn = (c & Arm920tControl.I) !== 0;
    this.srBits = ((c & Arm920tControl.S) !== 0 ? 8 : 0) | ((c & Arm920tControl.R) !== 0 ? 4 : 0);
    const rr = (c & Arm920tControl.RR) !== 0;
    this.icache.roundRobin = rr;
    this.dcache.roundRobin = rr;
    this.translationChanged();
  }

  translationChanged(): void {
    this.pid = this.cp15.fcsePid;
    this.ifp.clear();
    this.dfp.clear();
  }

  invalidateICache(): void {
    this.icache.invalidateAll();
  }
  invalidateICacheLine(mva: number): void {
    this.icache.invalidateLine(mva >>> 0, mva >>> 0);
  }
  invalidateDCache(): void {
    this.dcache.invalidateAll();
  }
  invalidateDCacheLine(mva: number): void {
    this.dcache.invalidateLine(mva >>> 0, mva >>> 0);
  }
  cleanDCacheLine(mva: number): void {
    this.chargeWriteBack(this.dcache.cleanLine(mva >>> 0, mva >>> 0));
  }
  cleanDCacheIndex(operand: number): void {
    const { set, way } = this.dcache.setWayOf(operand >>> 0);
    this.chargeWriteBack(this.dcache.cleanSetWay(set, way));
  }
  cleanInvalidateDCacheLine(mva: number): void {
    this.chargeWriteBack(this.dcache.cleanInvalidateLine(mva >>> 0, mva >>> 0));
  }
  cleanInvalidateDCacheIndex(operand: number): void {
    const { set, way } = this.dcache.setWayOf(operand >>> 0);
    this.chargeWriteBack(this.dcache.cleanInvalidateSetWay(set, way));
  }
  /** Whole D-cache clean (what a kernel's 8 × 64 clean-by-index loop does). */
  cleanDCacheAll(): void {
    this.chargeWriteBack(this.dcache.cleanAll());
  }
  cleanInvalidateDCacheAll(): void {
    this.chargeWriteBack(this.dcache.cleanInvalidateAll());
  }

  drainWriteBuffer(): void {
    if (!this.cycle) return;
    const wait = this.writeBuffer.drain(this.clock.cycles);
    if (wait > 0) {
      this.stalls.writeBuffer += wait;
      this.clock.cycles += wait;
    }
  }

  /** c7,c13,1: loads the line at `mva` into the I-cache (used to fill locked-down ways). Faults are ignored. */
  prefetchICacheLine(mva: number): void {
    if (!this.cycle || !this.icacheOn) return;
    mva >>>= 0;
    let pa = mva;
    if (this.mmuOn) {
      const i = this.entryFor(this.itlb, mva);
      if (i < 0 || (this.itlb.flagsOf(i) & TLB_FLAG.C) === 0) return;
      pa = (this.itlb.physOf(i) + (mva - this.itlb.mvaBaseOf(i))) >>> 0;
    }
    if (this.icache.probe(mva, mva) >= 0) return;
    this.icache.allocate(mva, mva, pa);
    this.stalls.lineFill += this.lineFillCycles;
    this.clock.cycles += this.lineFillCycles;
  }

  invalidateTlb(side: 'instruction' | 'data' | 'both'): void {
    if (side !== 'data') this.itlb.invalidateAll();
    if (side !== 'instruction') this.dtlb.invalidateAll();
  }
  invalidateTlbEntry(side: Side, mva: number): void {
    (side === 'instruction' ? this.itlb : this.dtlb).invalidateMva(mva >>> 0);
  }
  cacheLockdown(side: Side): number {
    return ((side === 'instruction' ? this.icache : this.dcache).lockdownBase << this.dcache.wayShift) >>> 0;
  }
  setCacheLockdown(side: Side, value: number): void {
    (side === 'instruction' ? this.icache : this.dcache).lockdownBase = value >>> this.dcache.wayShift;
  }
  tlbLockdown(side: Side): number {
    return (side === 'instruction' ? this.itlb : this.dtlb).lockdownRegister;
  }
  setTlbLockdown(side: Side, value: number): void {
    (side === 'instruction' ? this.itlb : this.dtlb).lockdownRegister = value;
  }

  resetState(): void {
    this.itlb.reset();
    this.dtlb.reset();
    this.icache.reset();
    this.dcache.reset();
    this.writeBuffer.reset();
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
      if (!this.resolve(fp, this.itlb, va, false, true)) throw this.meterError('instruction fetch', va);
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
      if (!this.resolve(fp, this.dtlb, va, write, false)) throw this.meterError(write ? 'write' : 'read', va);
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
    return new Error(`cost meter: ${what} at ${hex(va)} (MVA ${hex(this.mvaOf(va))}) faults: ${faultStatusName(this.faultStatus)}, domain ${this.faultDomain} — a kernel may only charge accesses to its own mapped structures`);
  }

  // ---- side-effect-free access for debuggers, kernels and loaders --------------------------------------

  /**
   * Translates `va` as an access of `kind` would, without side effects: no walk cost, no TLB fill, no
   * statistics, no FSR/FAR. The TLB is consulted first (it may hold stale entries, as the core would see).
   */
  translate(va: number, kind: AccessKind = 'read', privileged = this.privileged): Translation {
    return translateWithoutSideEffects(this, this.debugMapping, va, kind, privileged);
  }

  get mmuEnabled(): boolean {
    return this.mmuOn;
  }
  get ttb(): number {
    return this.cp15.ttb;
  }
  tlbFor(kind: AccessKind): Tlb {
    return kind === 'fetch' ? this.itlb : this.dtlb;
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
