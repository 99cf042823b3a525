import { Arm920tCp15, Arm920tControl, type Arm920tMemoryControl } from '../cp15/arm920t-cp15.js';
import { ARM920T_TIMING, type Arm920tTiming } from '../timing/arm920t.js';
import { FaultStatus, faultStatusName } from './fault-status.js';
import { MemorySystemBase, type Side } from './memory-system-base.js';
import { AP_TABLE, Mapping, Perm, neededPermission, walkV5 } from './page-table.js';
import { TLB_FLAG, type Tlb } from './tlb.js';
import type { AccessKind, MemorySystemOptions, Translation } from './memory-types.js';
import { translateWithoutSideEffects, type TranslationContext } from './virtual-access.js';

/**
 * The ARM920T memory system behind the core: alignment check, FCSE, MMU (I/D TLBs, v4/v5 table walks,
 * domains, permissions), VIVT I and D caches, the write buffer and their timing, with CP15 in `.cp15`.
 * The hot paths, timing and cost-meter hooks are shared with the ARM1176 (`MemorySystemBase`).
 *
 * Faults are recorded in CP15 (data: FSR + FAR = MVA; prefetch: instruction FSR only) before a
 * `MemoryFault` is thrown; the fault's `address` is the VA the core used.
 */
export class MemorySystem extends MemorySystemBase implements Arm920tMemoryControl, TranslationContext {
  readonly cp15: Arm920tCp15;
  declare readonly timingTable: Arm920tTiming['memory'];
  private readonly walkResult = new Mapping();
  private readonly debugMapping = new Mapping();
  private srBits = 0;

  constructor(options: MemorySystemOptions) {
    super({ bus: options.bus, clock: options.clock, timing: options.timing, timingTable: options.timingTable ?? ARM920T_TIMING.memory, cacheTag: 'virtual' });
    this.cp15 = new Arm920tCp15({
      memory: this,
      guestErrors: options.guestErrors,
      onWaitForInterrupt: options.onWaitForInterrupt,
      onControlChange: options.onControlChange,
    });
    this.controlChanged();
  }

  // ---- translation (slow path) ----------------------------------------------------------------------

  /** Domain, then AP (with S/R) checks; the entry's perm bits or -1 with the fault set. */
  protected entryPermission(tlb: Tlb, i: number, flags: number, domain: number, mva: number, write: boolean): number {
    const page = (flags & TLB_FLAG.PAGE) !== 0;
    const perm = this.accessPermissions(domain, tlb.apBitsOf(i), tlb.subpageShiftOf(i), mva);
    if (perm < 0) {
      this.fail(page ? FaultStatus.DOMAIN_PAGE : FaultStatus.DOMAIN_SECTION, domain);
      return -1;
    }
    if ((perm & neededPermission(this.privileged, write)) === 0) {
      this.fail(page ? FaultStatus.PERMISSION_PAGE : FaultStatus.PERMISSION_SECTION, domain);
      return -1;
    }
    return perm;
  }

  /** TLB miss: walks and inserts; -1 (fault recorded) if the walk faults. */
  protected refill(tlb: Tlb, mva: number): number {
    const m = this.walkResult;
    const status = walkV5(this.bus, this.cp15.ttb, mva, m);
    tlb.stats.walkReads += m.reads;
    this.chargeWalk(m.reads);
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

  protected recordFault(kind: 'prefetch' | 'data', status: number, domain: number, va: number): void {
    if (kind === 'data') this.cp15.recordDataAbort(status, domain, this.mvaOf(va));
    else this.cp15.recordPrefetchAbort(status, domain);
  }

  protected externalAbortStatus(page: boolean, linefetch: boolean): number {
    if (linefetch) return page ? FaultStatus.EXTERNAL_LINEFETCH_PAGE : FaultStatus.EXTERNAL_LINEFETCH_SECTION;
    return page ? FaultStatus.EXTERNAL_NON_LINEFETCH_PAGE : FaultStatus.EXTERNAL_NON_LINEFETCH_SECTION;
  }

  statusName(status: number): string {
    return faultStatusName(status);
  }

  // ---- CP15 hooks (Arm920tMemoryControl) ------------------------------------------------------------

  controlChanged(): void {
    const c = this.cp15.control;
    this.mmuOn = (c & Arm920tControl.M) !== 0;
    this.alignStrict = (c & Arm920tControl.A) !== 0;
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
    this.clearFastPaths();
  }

  /**
   * TRM "Changing the ProcID": the two instructions after the MCR were fetched with the old PID. In the
   * 5-stage pipeline they sit in Fetch and Decode while the MCR executes; a taken branch or an exception
   * discards them, so the lag ends there (see `laggedFetch`, `modeChanged`). Data accesses use the new PID.
   */
  pidWrittenByMcr(previousPid: number): void {
    this.startFetchLag(previousPid);
  }

  /**
   * Every CPSR write (the core's hook): exception entry and return flush the pipeline, so the PID lag ends.
   * An MSR to the CPSR right after the MCR ends it too (it does not flush on the core; not modelled).
   */
  modeChanged(): void {
    this.cancelFetchLag();
  }

  invalidateTlb(side: Side | 'both'): void {
    if (side !== 'data') this.itlb.invalidateAll();
    if (side !== 'instruction') this.dtlb.invalidateAll();
  }
  invalidateTlbEntry(side: Side, mva: number): void {
    (side === 'instruction' ? this.itlb : this.dtlb).invalidateMva(mva >>> 0);
  }
  cacheLockdown(side: Side): number {
    return (this.cacheFor(side).lockdownBase << this.dcache.wayShift) >>> 0;
  }
  setCacheLockdown(side: Side, value: number): void {
    this.cacheFor(side).lockdownBase = value >>> this.dcache.wayShift;
  }
  tlbLockdown(side: Side): number {
    return (side === 'instruction' ? this.itlb : this.dtlb).lockdownRegister;
  }
  setTlbLockdown(side: Side, value: number): void {
    (side === 'instruction' ? this.itlb : this.dtlb).lockdownRegister = value;
  }

  resetState(): void {
    this.resetModels();
  }

  // ---- side-effect-free translation (TranslationContext) ------------------------------------------------

  /**
   * Translates `va` as an access of `kind` would, without side effects: no walk cost, no TLB fill, no
   * statistics, no FSR/FAR. The TLB is consulted first (it may hold stale entries, as the core would see).
   */
  translate(va: number, kind: AccessKind = 'read', privileged = this.privileged): Translation {
    return translateWithoutSideEffects(this, this.debugMapping, va, kind, privileged);
  }

  get ttb(): number {
    return this.cp15.ttb;
  }
  tlbFor(kind: AccessKind): Tlb {
    return kind === 'fetch' ? this.itlb : this.dtlb;
  }
  peekTlb(mva: number, kind: AccessKind, out: Mapping): boolean {
    const tlb = this.tlbFor(kind);
    const i = tlb.lookup(mva);
    if (i >= 0) tlb.read(i, out);
    return i >= 0;
  }
  peekWalk(mva: number, out: Mapping): number {
    return walkV5(this.bus, this.cp15.ttb, mva, out);
  }
  checkAccess(m: Mapping, mva: number, kind: AccessKind, privileged: boolean): number {
    const perm = this.accessPermissions(m.domain, m.apBits, m.subpageShift, mva);
    if (perm < 0) return m.page ? FaultStatus.DOMAIN_PAGE : FaultStatus.DOMAIN_SECTION;
    if ((perm & neededPermission(privileged, kind === 'write')) === 0) return m.page ? FaultStatus.PERMISSION_PAGE : FaultStatus.PERMISSION_SECTION;
    return 0;
  }
}
