import { Arm1176Cp15, type Arm1176MemoryControl } from '../cp15/arm1176-cp15.js';
import { Arm1176Control } from '../cp15/arm1176-registers.js';
import { MemoryFault } from '../cpu/fault.js';
import { Mode } from '../cpu/modes.js';
import { ARM1176_TIMING, type Arm1176Timing } from '../timing/arm1176.js';
import { FaultStatusV6, faultStatusNameV6 } from './fault-status.js';
import { MainTlb } from './main-tlb.js';
import { MemorySystemBase, type Side } from './memory-system-base.js';
import { AP_TABLE_V6, walkV6, type V6TranslationRegime } from './page-table-v6.js';
import { Mapping, Perm, neededPermission } from './page-table.js';
import { TLB_FLAG, type Tlb, type TlbStatistics } from './tlb.js';
import type { AccessKind, MemoryStatistics, MemorySystemOptions, Translation } from './memory-types.js';
import { translateWithoutSideEffects, type TranslationContext } from './virtual-access.js';

export interface Arm1176MemorySystemOptions extends Omit<MemorySystemOptions, 'timingTable'> {
  /** Defaults to ARM1176_TIMING.memory. */
  readonly timingTable?: Arm1176Timing['memory'];
  readonly onVectorsChange?: (vectorBase: number, monitorVectorBase: number) => void;
  readonly onFlushBranchTargets?: () => void;
}

export interface Arm1176MemoryStatistics extends MemoryStatistics {
  readonly mainTlb: TlbStatistics;
}

/**
 * The ARM1176JZF-S memory system: FCSE, the ARMv6 MMU (TTBR0/TTBR1/TTBCR, extended and ARMv5-compatible
 * descriptors, APX/XN/nG, domains, TEX memory types), ASID- and world-tagged I/D micro TLBs in front of
 * the main TLB, VIPT 4-way I and D caches, the write buffer and unaligned access (c1.U), with the
 * TrustZone CP15 in `.cp15`.
 *
 * The translation regime is the CP15 bank of the current security state; the core reports mode changes
 * (`modeChanged`) so Monitor mode translates as Secure. Faults: DFSR (FS[4] in bit 10, domain, WnR) + FAR
 * = MVA for data, IFSR + IFAR for prefetch aborts, in the regime's bank; the thrown fault's `status` is
 * FS[4:0].
 *
 * Everything here is little-endian (bus order): BE-8 data (CPSR.E) is the core's business — the executors
 * swap bytes on `cpu.bigEndianData` (exec/data-access.ts). Unaligned: read16/read32/write16/write32 fault
 * on a misaligned address when A or U is set (what LDM, LDRD, SWP… want); with U = 1 the executors send
 * unaligned LDR/STR/LDRH/STRH to the `*Unaligned*` forms, which do what A/U say (A wins).
 */
export class Arm1176MemorySystem extends MemorySystemBase implements Arm1176MemoryControl, TranslationContext {
  readonly cp15: Arm1176Cp15;
  readonly mainTlb: MainTlb;
  declare readonly timingTable: Arm1176Timing['memory'];
  private readonly walkResult = new Mapping();
  private readonly debugMapping = new Mapping();
  private readonly regimeState: V6TranslationRegime = { ttbr0: 0, ttbr1: 0, ttbcrN: 0, pd0: false, pd1: false, xp: false, texRemap: false, prrr: 0, nmrr: 0 };
  private mainTlbCycles = 0;
  private alignCheck = false;
  private unalignedOn = false;
  private forceAp = false;
  /** (FA << 5) | (S << 3) | (R << 2): the AP_TABLE_V6 index bits from c1. */
  private permBits = 0;
  private dacr = 0;
  private asidValue = 0;
  private nonSecure = false;

  constructor(options: Arm1176MemorySystemOptions) {
    const t = options.timingTable ?? ARM1176_TIMING.memory;
    super({ bus: options.bus, clock: options.clock, timing: options.timing, timingTable: t, cacheTag: 'physical', tlbTagged: true });
    this.mainTlb = new MainTlb({ lockableEntries: t.mainTlbLockableEntries, entries: t.mainTlbEntries, ways: t.mainTlbWays });
    this.mainTlbCycles = t.mainTlbHitCycles;
    this.cp15 = new Arm1176Cp15({
      memory: this,
      guestErrors: options.guestErrors,
      onWaitForInterrupt: options.onWaitForInterrupt,
      onControlChange: options.onControlChange,
      onVectorsChange: options.onVectorsChange,
      onFlushBranchTargets: options.onFlushBranchTargets,
    });
    this.regimeChanged();
  }

  /** The core's mode changed: Monitor mode is always Secure. */
  modeChanged(mode: number): void {
    this.cp15.setMonitorMode(mode === Mode.MON);
  }

  get asid(): number {
    return this.asidValue;
  }
  /** The security state translations use (Secure in Monitor mode, else !SCR.NS). */
  get secure(): boolean {
    return !this.nonSecure;
  }

  // ---- unaligned access (c1.U) -------------------------------------------------------------------------

  /** LDRH/LDRSH: U = 1 any address; A = 1 alignment fault; U = A = 0 the aligned halfword (UNPREDICTABLE). */
  readUnaligned16(va: number): number {
    va >>>= 0;
    if ((va & 1) === 0 || !this.unalignedOn || this.alignCheck) return this.read16(va);
    return this.unalignedRead(va, 2);
  }
  /** LDR: U = 1 any address; A = 1 alignment fault; U = A = 0 the aligned word rotated (ARMv5 LDR result). */
  readUnaligned32(va: number): number {
    va >>>= 0;
    if ((va & 3) === 0 || this.alignCheck) return this.read32(va);
    if (!this.unalignedOn) {
      const v = this.read32(va);
      const s = (va & 3) << 3;
      return ((v >>> s) | (v << (32 - s))) >>> 0;
    }
    return this.unalignedRead(va, 4);
  }
  writeUnaligned16(va: number, value: number): void {
    va >>>= 0;
    if ((va & 1) === 0 || !this.unalignedOn || this.alignCheck) this.write16(va, value);
    else this.unalignedWrite(va, 2, value);
  }
  writeUnaligned32(va: number, value: number): void {
    va >>>= 0;
    if ((va & 3) === 0 || !this.unalignedOn || this.alignCheck) this.write32(va, value);
    else this.unalignedWrite(va, 4, value);
  }

  /** Bytes in the first word an unaligned access touches (the rest are in the next word). */
  private static firstPart(va: number, size: number): number {
    return Math.min(size, 4 - (va & 3));
  }

  /** One or two word accesses (two when the datum crosses a word boundary), each translated and timed. */
  private unalignedRead(va: number, size: 2 | 4): number {
    let value = 0;
    const first = Arm1176MemorySystem.firstPart(va, size);
    for (let done = 0; done < size; ) {
      const part = done === 0 ? first : size - first;
      const a = (va + done) >>> 0;
      const pa = this.dataAddress(a, false);
      const r = this.dfp.region;
      for (let i = 0; i < part; i++) value |= (r !== undefined ? r.bytes[pa + i - r.base] : this.deviceRead((pa + i) >>> 0, 1, a, false)) << ((done + i) << 3);
      this.reads++;
      if (this.cycle) this.dataReadTiming(a, pa);
      done += part;
    }
    return value >>> 0;
  }

  private unalignedWrite(va: number, size: 2 | 4, value: number): void {
    const first = Arm1176MemorySystem.firstPart(va, size);
    for (let done = 0; done < size; ) {
      const part = done === 0 ? first : size - first;
      const a = (va + done) >>> 0;
      const pa = this.dataAddress(a, true);
      const r = this.dfp.region;
      for (let i = 0; i < part; i++) {
        const byte = (value >>> ((done + i) << 3)) & 0xff;
        if (r !== undefined) {
          r.bytes[pa + i - r.base] = byte;
          this.bus.ramWriteObserver?.((pa + i) >>> 0, 1);
        } else this.deviceWrite((pa + i) >>> 0, byte, 1, a);
      }
      this.writes++;
      if (this.cycle) this.dataWriteTiming(a, pa, 4);
      done += part;
    }
  }

  /** BKPT (prefetch) or a watchpoint hit (data): records the debug event and returns the fault to take. */
  debugEvent(kind: 'prefetch' | 'data', va: number, instructionAddress: number): MemoryFault {
    va >>>= 0;
    if (kind === 'prefetch') this.cp15.recordPrefetchAbort(FaultStatusV6.DEBUG, this.mvaOf(va));
    else this.cp15.recordWatchpoint(FaultStatusV6.DEBUG, this.mvaOf(va), false, instructionAddress);
    return new MemoryFault(kind, FaultStatusV6.DEBUG, 0, va, false, kind === 'prefetch' ? 'debug event (breakpoint)' : 'debug event (watchpoint)');
  }

  // ---- translation (slow path) ----------------------------------------------------------------------

  /** Access flag, domain, AP/APX and XN checks; the entry's perm bits or -1 with the fault set. */
  protected entryPermission(tlb: Tlb, i: number, flags: number, domain: number, mva: number, write: boolean, instruction: boolean): number {
    const apBits = tlb.apBitsOf(i);
    const status = this.accessStatus(domain, apBits, tlb.subpageShiftOf(i), flags, mva, (flags & TLB_FLAG.PAGE) !== 0, instruction, write, this.privileged);
    if (status !== 0) {
      this.fail(status, domain);
      return -1;
    }
    return this.permissions(domain, apBits, tlb.subpageShiftOf(i), flags, mva, instruction);
  }

  /**
   * Perm bits of a mapping under the current DACR and c1 (S, R, FA), or -1 for a domain fault. Manager
   * domains ignore AP and XN; for a fetch from a client domain XN removes every permission.
   */
  private permissions(domain: number, apBits: number, subpageShift: number, flags: number, mva: number, instruction: boolean): number {
    const access = (this.dacr >>> (domain << 1)) & 3;
    if (access === 3) return Perm.ALL;
    if (access !== 1) return -1; // 00 no access, 10 reserved
    if (instruction && (flags & TLB_FLAG.XN) !== 0) return 0;
    const ap = (apBits >>> (((mva >>> subpageShift) & 3) << 1)) & 3;
    return AP_TABLE_V6[this.permBits | ((flags & TLB_FLAG.APX) !== 0 ? 16 : 0) | ap];
  }

  /** 0, or the fault an access takes: access flag, then domain, then permission (XN included). */
  private accessStatus(domain: number, apBits: number, subpageShift: number, flags: number, mva: number, page: boolean, instruction: boolean, write: boolean, privileged: boolean): number {
    if (this.forceAp && ((apBits >>> (((mva >>> subpageShift) & 3) << 1)) & 1) === 0) {
      return page ? FaultStatusV6.ACCESS_FLAG_PAGE : FaultStatusV6.ACCESS_FLAG_SECTION;
    }
    const perm = this.permissions(domain, apBits, subpageShift, flags, mva, instruction);
    if (perm < 0) return page ? FaultStatusV6.DOMAIN_PAGE : FaultStatusV6.DOMAIN_SECTION;
    if ((perm & neededPermission(privileged, write)) === 0) return page ? FaultStatusV6.PERMISSION_PAGE : FaultStatusV6.PERMISSION_SECTION;
    return 0;
  }

  /**
   * Micro-TLB miss: the main TLB (charged `mainTlbHitCycles`) and on a main miss a walk (charged per
   * descriptor read). -1 with the fault recorded if the walk faults.
   */
  protected refill(tlb: Tlb, mva: number): number {
    const m = this.walkResult;
    if (this.cycle) {
      this.stalls.tableWalk += this.mainTlbCycles;
      this.clock.cycles += this.mainTlbCycles;
    }
    if (!this.mainTlb.lookup(mva, m)) {
      const status = walkV6(this.bus, this.regimeState, mva, m);
      this.mainTlb.stats.walkReads += m.reads;
      tlb.stats.walkReads += m.reads;
      this.chargeWalk(m.reads);
      if (status !== 0) {
        this.fail(status, m.domain);
        return -1;
      }
      m.asid = this.asidValue;
      m.nonSecure = this.nonSecure;
      this.mainTlb.insert(m, mva);
    }
    return tlb.insert(m, mva);
  }

  protected recordFault(kind: 'prefetch' | 'data', status: number, domain: number, va: number, write: boolean): void {
    if (kind === 'data') this.cp15.recordDataAbort(status, domain, this.mvaOf(va), write);
    else this.cp15.recordPrefetchAbort(status, this.mvaOf(va));
  }

  protected externalAbortStatus(): number {
    return FaultStatusV6.PRECISE_EXTERNAL;
  }

  statusName(status: number): string {
    return faultStatusNameV6(status);
  }

  /** VIPT: the physical tag for a maintenance operation by MVA, through the D-side TLBs (a miss walks); -1 if unmapped. */
  protected override maintenanceTag(mva: number): number {
    if (!this.mmuOn) return mva;
    const i = this.entryFor(this.dtlb, mva);
    return i < 0 ? -1 : (this.dtlb.physOf(i) + (mva - this.dtlb.mvaBaseOf(i))) >>> 0;
  }

  // ---- CP15 hooks (Arm1176MemoryControl) ------------------------------------------------------------

  regimeChanged(): void {
    const cp = this.cp15;
    const r = cp.regime;
    const c = r.sctlr;
    this.mmuOn = (c & Arm1176Control.M) !== 0;
    this.alignCheck = (c & Arm1176Control.A) !== 0;
    this.unalignedOn = (c & Arm1176Control.U) !== 0;
    this.alignStrict = this.alignCheck || this.unalignedOn;
    this.dcacheOn = this.mmuOn && (c & Arm1176Control.C) !== 0;
    this.icacheOn = (c & Arm1176Control.I) !== 0;
    this.forceAp = (c & Arm1176Control.FA) !== 0;
    this.permBits = (this.forceAp ? 32 : 0) | ((c & Arm1176Control.S) !== 0 ? 8 : 0) | ((c & Arm1176Control.R) !== 0 ? 4 : 0);
    const rr = (c & Arm1176Control.RR) !== 0;
    this.icache.roundRobin = rr;
    this.dcache.roundRobin = rr;
    const g = this.regimeState;
    g.ttbr0 = r.ttbr0;
    g.ttbr1 = r.ttbr1;
    g.ttbcrN = r.ttbcr & 7;
    g.pd0 = (r.ttbcr & 0x10) !== 0;
    g.pd1 = (r.ttbcr & 0x20) !== 0;
    g.xp = (c & Arm1176Control.XP) !== 0;
    g.texRemap = (c & Arm1176Control.TR) !== 0;
    g.prrr = r.prrr;
    g.nmrr = r.nmrr;
    this.contextChanged();
  }

  contextChanged(): void {
    const cp = this.cp15;
    const r = cp.regime;
    this.pid = r.fcsePid;
    this.dacr = r.dacr;
    // With XP = 0 every mapping is global, so the ASID does not matter; keep it for tagging anyway.
    this.asidValue = r.contextId & 0xff;
    this.nonSecure = !cp.secure;
    this.itlb.setContext(this.asidValue, this.nonSecure);
    this.dtlb.setContext(this.asidValue, this.nonSecure);
    this.mainTlb.setContext(this.asidValue, this.nonSecure);
    this.clearFastPaths();
  }

  invalidateDCacheIndex(operand: number): void {
    const { set, way } = this.dcache.setWayOf(operand >>> 0);
    this.dcache.invalidateSetWay(set, way);
  }

  dataCacheDirty(): boolean {
    return this.dcache.dirtyLines() > 0;
  }

  private microTlbs(side: Side | 'both'): Tlb[] {
    return side === 'instruction' ? [this.itlb] : side === 'data' ? [this.dtlb] : [this.itlb, this.dtlb];
  }

  /** Invalidate-all of one world: the side's micro TLB(s) and the unified main TLB. */
  invalidateTlbWorld(side: Side | 'both', nonSecure: boolean): void {
    for (const t of this.microTlbs(side)) t.invalidateWorld(nonSecure);
    this.mainTlb.invalidateWorld(nonSecure);
  }
  invalidateTlbMvaAsid(side: Side | 'both', mva: number, asid: number, nonSecure: boolean): void {
    for (const t of this.microTlbs(side)) t.invalidateMvaAsid(mva >>> 0, asid, nonSecure);
    this.mainTlb.invalidateMvaAsid(mva >>> 0, asid, nonSecure);
  }
  invalidateTlbAsidWorld(side: Side | 'both', asid: number, nonSecure: boolean): void {
    for (const t of this.microTlbs(side)) t.invalidateAsid(asid, nonSecure);
    this.mainTlb.invalidateAsid(asid, nonSecure);
  }
  /** Invalidate-all in the current world (c8,c5/6/7,0). */
  invalidateTlb(side: Side | 'both'): void {
    this.invalidateTlbWorld(side, this.nonSecure);
  }
  /** Invalidate by ASID in the current world, both sides (c8,c7,2). */
  override invalidateTlbAsid(asid: number): void {
    this.invalidateTlbAsidWorld('both', asid, this.nonSecure);
  }

  /** Format C: bit n locks way n. The model locks the lowest contiguous run of ways [est: covers the usual use]. */
  cacheLockdown(side: Side): number {
    const base = this.cacheFor(side).lockdownBase;
    return ((1 << base) - 1) >>> 0;
  }
  setCacheLockdown(side: Side, value: number): void {
    let base = 0;
    while (base < 4 && (value & (1 << base)) !== 0) base++;
    this.cacheFor(side).lockdownBase = base;
  }
  tlbLockdown(): number {
    return this.mainTlb.lockdownRegister;
  }
  setTlbLockdown(value: number): void {
    this.mainTlb.lockdownRegister = value;
  }

  resetState(): void {
    this.resetModels();
    this.mainTlb.reset();
  }

  // ---- side-effect-free translation (TranslationContext) ------------------------------------------------

  translate(va: number, kind: AccessKind = 'read', privileged = this.privileged): Translation {
    return translateWithoutSideEffects(this, this.debugMapping, va, kind, privileged);
  }
  peekTlb(mva: number, kind: AccessKind, out: Mapping): boolean {
    const tlb = kind === 'fetch' ? this.itlb : this.dtlb;
    const i = tlb.lookup(mva);
    if (i >= 0) {
      tlb.read(i, out);
      return true;
    }
    return this.mainTlb.peek(mva, out);
  }
  peekWalk(mva: number, out: Mapping): number {
    return walkV6(this.bus, this.regimeState, mva, out);
  }
  checkAccess(m: Mapping, mva: number, kind: AccessKind, privileged: boolean): number {
    const flags = (m.xn ? TLB_FLAG.XN : 0) | (m.apx ? TLB_FLAG.APX : 0);
    return this.accessStatus(m.domain, m.apBits, m.subpageShift, flags, mva, m.page, kind === 'fetch', kind === 'write', privileged);
  }

  // ---- statistics ---------------------------------------------------------------------------------------

  override statistics(): Arm1176MemoryStatistics {
    return { ...super.statistics(), mainTlb: { ...this.mainTlb.stats } };
  }
  override resetStatistics(): void {
    super.resetStatistics();
    this.mainTlb.resetStats();
  }
}
