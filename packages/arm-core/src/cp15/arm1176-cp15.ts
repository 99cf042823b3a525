import type { GuestErrorSink } from '../bus/device.js';
import type { Coprocessor, CoprocessorOperands } from '../cpu/coprocessor.js';
import { fsrValueV6 } from '../memory/fault-status.js';
import { cacheOperation, tlbOperation, type Arm1176MemoryControl, type MaintenanceContext } from './arm1176-maintenance.js';
import { lockdownSide } from './maintenance.js';
import {
  ARM1176_AUX_CONTROL_RESET,
  ARM1176_CACHE_TYPE,
  ARM1176_CONTROL_READS_AS_ONE,
  ARM1176_CONTROL_WRITABLE,
  ARM1176_FEATURES,
  ARM1176_ID,
  ARM1176_ISA_FEATURES,
  ARM1176_TCM_STATUS,
  ARM1176_TLB_TYPE,
  Arm1176Bank,
  Arm1176Control,
  Nsacr,
  Scr,
} from './arm1176-registers.js';

export type { Arm1176MemoryControl } from './arm1176-maintenance.js';

export interface Arm1176Cp15Options {
  readonly memory: Arm1176MemoryControl;
  /** c7,c0,4 (and c7,c0,4 only): the machine stops the core until an interrupt. */
  readonly onWaitForInterrupt?: () => void;
  /** After every write of the regime's SCTLR or of ACTLR, a world switch and reset, with the regime's SCTLR (U, EE, Z…). */
  readonly onControlChange?: (control: number) => void;
  /** Exception vector base (VBAR, or 0xFFFF0000 with V = 1) and Monitor vector base (MVBAR) when either may have changed. */
  readonly onVectorsChange?: (vectorBase: number, monitorVectorBase: number) => void;
  /** c7,c5,6 / c7,c5,7 / c7,c5,0: the branch target cache is flushed. */
  readonly onFlushBranchTargets?: () => void;
  readonly guestErrors?: GuestErrorSink;
}

const HIGH_VECTORS = 0xffff0000;

/**
 * CP15 of the ARM1176JZF-S with the TrustZone Security Extensions.
 *
 * Banked registers (`Arm1176Bank`): SCTLR, TTBR0/1, TTBCR, DACR, DFSR/IFSR, FAR/WFAR/IFAR, VBAR, FCSE PID,
 * Context ID, PRRR/NMRR, thread IDs, PAR. MRC/MCR reach the copy SCR.NS selects (also in Monitor mode, as
 * the monitor's way to reach the Non-secure copies). The memory system translates with the copy of the
 * current security state — Secure in Monitor mode, else !SCR.NS — the "regime". Secure-only: SCR, SDER,
 * MVBAR (UNDEFINED from the Non-secure world); NSACR and the auxiliary control register are read-only
 * there; cache and TLB lockdown need NSACR.CL/TL.
 *
 * User mode reaches only c13,c0,2 (RW), c13,c0,3 (RO) and the barriers c7,c5,4 / c7,c10,4 / c7,c10,5;
 * everything else, and every unimplemented encoding, is UNDEFINED. Reset: Secure, SVC (the core's part).
 *
 * TypeScript kernels use the typed accessors; they act like the MCRs (same bank selection, masks and
 * notifications). `bank(secure)` reaches either copy directly (monitors, tests).
 */
export class Arm1176Cp15 implements Coprocessor {
  private readonly banks: readonly [Arm1176Bank, Arm1176Bank] = [new Arm1176Bank(), new Arm1176Bank()];
  private scrValue = 0;
  private sderValue = 0;
  private nsacrValue = 0;
  private mvbarValue = 0;
  private cpacrValue = 0;
  private auxValue = ARM1176_AUX_CONTROL_RESET;
  /** TCM region and selection registers: kept, TCMs not modelled. */
  private readonly tcm = [0, 0, 0];
  private monitor = false;
  onWaitForInterrupt: (() => void) | undefined;
  onControlChange: ((control: number) => void) | undefined;
  onVectorsChange: ((vectorBase: number, monitorVectorBase: number) => void) | undefined;
  onFlushBranchTargets: (() => void) | undefined;
  private readonly memory: Arm1176MemoryControl;
  private readonly guestErrors: GuestErrorSink | undefined;
  /** What the c7/c8 operations need (see arm1176-maintenance.ts). */
  private readonly maintenance: MaintenanceContext;

  constructor(options: Arm1176Cp15Options) {
    this.memory = options.memory;
    this.maintenance = {
      memory: options.memory,
      isSecure: () => this.secure,
      waitForInterrupt: () => this.onWaitForInterrupt?.(),
      flushBranchTargets: () => this.onFlushBranchTargets?.(),
      setPar: (value) => (this.selected.par = value),
    };
    this.onWaitForInterrupt = options.onWaitForInterrupt;
    this.onControlChange = options.onControlChange;
    this.onVectorsChange = options.onVectorsChange;
    this.onFlushBranchTargets = options.onFlushBranchTargets;
    this.guestErrors = options.guestErrors;
  }

  // ---- security state -------------------------------------------------------------------------------

  /** Current security state: Secure in Monitor mode, else SCR.NS = 0. */
  get secure(): boolean {
    return this.monitor || (this.scrValue & Scr.NS) === 0;
  }
  /** For boot logs: "Booting in secure world" when software never cleared NS. */
  describeSecurityState(): string {
    return this.secure ? 'secure world' : 'non-secure world';
  }
  get monitorMode(): boolean {
    return this.monitor;
  }
  /** Set by the memory system when the core enters or leaves Monitor mode. */
  setMonitorMode(on: boolean): void {
    if (on === this.monitor) return;
    const before = this.secure;
    this.monitor = on;
    if (this.secure !== before) this.worldChanged();
  }
  /** The copy of the banked registers the memory system translates with. */
  get regime(): Arm1176Bank {
    return this.banks[this.secure ? 0 : 1];
  }
  /** The copy MRC/MCR and the typed accessors reach (SCR.NS selects). */
  private get selected(): Arm1176Bank {
    return this.banks[this.scrValue & Scr.NS];
  }
  /** Either copy, directly. */
  bank(secure: boolean): Arm1176Bank {
    return this.banks[secure ? 0 : 1];
  }

  private worldChanged(): void {
    this.memory.regimeChanged();
    this.onControlChange?.(this.regime.sctlr);
    this.updateVectors();
  }

  private updateVectors(): void {
    const r = this.regime;
    this.onVectorsChange?.((r.sctlr & Arm1176Control.V) !== 0 ? HIGH_VECTORS : r.vbar, this.mvbarValue);
  }

  /** After a write to `bank`: tell the memory system if it is the regime's copy. */
  private touched(bank: Arm1176Bank, what: 'regime' | 'context'): void {
    if (bank !== this.regime) return;
    if (what === 'regime') this.memory.regimeChanged();
    else this.memory.contextChanged();
  }

  // ---- typed accessors (the SCR.NS-selected copy, like MRC/MCR) -----------------------------------------

  get control(): number {
    return this.selected.sctlr >>> 0;
  }
  set control(value: number) {
    if ((value & Arm1176Control.B) !== 0) this.guestErrors?.guestError('CP15 c1: BE-32 (B) is not supported; use CPSR.E (BE-8) for big-endian data');
    const bank = this.selected;
    bank.sctlr = ((value & ARM1176_CONTROL_WRITABLE) | ARM1176_CONTROL_READS_AS_ONE) >>> 0;
    if (bank !== this.regime) return;
    this.memory.regimeChanged();
    this.onControlChange?.(bank.sctlr);
    this.updateVectors();
  }
  get mmuEnabled(): boolean {
    return (this.regime.sctlr & Arm1176Control.M) !== 0;
  }
  get ttbr0(): number {
    return this.selected.ttbr0;
  }
  /** Writing a TTBR does not flush the TLBs (as on hardware). */
  set ttbr0(value: number) {
    this.selected.ttbr0 = value >>> 0;
    this.touched(this.selected, 'regime');
  }
  /** TTBR0 under its ARMv5 name (with TTBCR.N = 0 it is the only table), so code written for either core reads the same. */
  get ttb(): number {
    return this.ttbr0;
  }
  set ttb(value: number) {
    this.ttbr0 = value;
  }
  get ttbr1(): number {
    return this.selected.ttbr1;
  }
  set ttbr1(value: number) {
    this.selected.ttbr1 = (value & 0xffffc01f) >>> 0;
    this.touched(this.selected, 'regime');
  }
  get ttbcr(): number {
    return this.selected.ttbcr;
  }
  set ttbcr(value: number) {
    this.selected.ttbcr = value & 0x37;
    this.touched(this.selected, 'regime');
  }
  get dacr(): number {
    return this.selected.dacr;
  }
  set dacr(value: number) {
    this.selected.dacr = value >>> 0;
    this.touched(this.selected, 'context');
  }
  get fcsePid(): number {
    return this.selected.fcsePid;
  }
  set fcsePid(value: number) {
    this.selected.fcsePid = (value & 0xfe000000) >>> 0;
    this.touched(this.selected, 'context');
  }
  /** Context ID register: PROCID [31:8], ASID [7:0]. Changing it needs no TLB flush. */
  get contextId(): number {
    return this.selected.contextId;
  }
  set contextId(value: number) {
    this.selected.contextId = value >>> 0;
    this.touched(this.selected, 'context');
  }
  get asid(): number {
    return this.selected.contextId & 0xff;
  }
  set asid(value: number) {
    this.contextId = (this.selected.contextId & ~0xff) | (value & 0xff);
  }
  get vbar(): number {
    return this.selected.vbar;
  }
  set vbar(value: number) {
    this.selected.vbar = (value & 0xffffffe0) >>> 0;
    this.updateVectors();
  }
  get prrr(): number {
    return this.selected.prrr;
  }
  set prrr(value: number) {
    this.selected.prrr = value >>> 0;
    this.touched(this.selected, 'regime');
  }
  get nmrr(): number {
    return this.selected.nmrr;
  }
  set nmrr(value: number) {
    this.selected.nmrr = value >>> 0;
    this.touched(this.selected, 'regime');
  }
  get dfsr(): number {
    return this.selected.dfsr;
  }
  get ifsr(): number {
    return this.selected.ifsr;
  }
  get far(): number {
    return this.selected.far;
  }
  get ifar(): number {
    return this.selected.ifar;
  }
  get wfar(): number {
    return this.selected.wfar;
  }
  get mvbar(): number {
    return this.mvbarValue;
  }
  set mvbar(value: number) {
    this.mvbarValue = (value & 0xffffffe0) >>> 0;
    this.updateVectors();
  }
  get scr(): number {
    return this.scrValue;
  }
  /** SCR: writing NS switches the world (and the regime, outside Monitor mode). */
  set scr(value: number) {
    const before = this.secure;
    this.scrValue = value & 0x7f;
    if (this.secure !== before) this.worldChanged();
  }
  get sder(): number {
    return this.sderValue;
  }
  get nsacr(): number {
    return this.nsacrValue;
  }
  set nsacr(value: number) {
    this.nsacrValue = value & Nsacr.MASK;
  }
  get cpacr(): number {
    return this.cpacrValue;
  }
  get auxControl(): number {
    return this.auxValue;
  }
  /** Auxiliary control (branch prediction enables RS/DB/SB…); a write is reported like a c1 write. */
  set auxControl(value: number) {
    this.auxValue = value >>> 0;
    this.onControlChange?.(this.regime.sctlr);
  }
  /** SCR routing bits, for the core's exception entry (IRQ/FIQ/external abort to Monitor mode). */
  get irqToMonitor(): boolean {
    return (this.scrValue & Scr.IRQ) !== 0;
  }
  get fiqToMonitor(): boolean {
    return (this.scrValue & Scr.FIQ) !== 0;
  }
  get externalAbortToMonitor(): boolean {
    return (this.scrValue & Scr.EA) !== 0;
  }

  // ---- fault recording (regime's copy: faults belong to the current security state) --------------------

  /** Data abort: DFSR ← status (FS[4] in bit 10), domain, WnR; FAR ← MVA. */
  recordDataAbort(status: number, domain: number, mva: number, write: boolean): void {
    const r = this.regime;
    r.dfsr = fsrValueV6(status, domain, write);
    r.far = mva >>> 0;
  }
  /** Prefetch abort: IFSR ← status; IFAR ← VA. */
  recordPrefetchAbort(status: number, va: number): void {
    const r = this.regime;
    r.ifsr = fsrValueV6(status, 0, false);
    r.ifar = va >>> 0;
  }
  /** Watchpoint: DFSR ← debug event, FAR ← MVA, WFAR ← the instruction's address + 8 (ARM) [TRM]. */
  recordWatchpoint(status: number, mva: number, write: boolean, instructionAddress: number): void {
    this.recordDataAbort(status, 0, mva, write);
    this.regime.wfar = (instructionAddress + 8) >>> 0;
  }

  // ---- Coprocessor ---------------------------------------------------------------------------------

  mrc(op: CoprocessorOperands, privileged: boolean): number | undefined {
    if (op.opc1 !== 0) return undefined;
    const { crn, crm, opc2 } = op;
    const b = this.selected;
    if (!privileged) {
      if (crn === 13 && crm === 0 && opc2 === 2) return b.tpidrurw;
      if (crn === 13 && crm === 0 && opc2 === 3) return b.tpidruro;
      return undefined;
    }
    switch (crn) {
      case 0:
        return this.idRegister(crm, opc2);
      case 1:
        if (crm === 0) return opc2 === 0 ? this.control : opc2 === 1 ? this.auxValue : opc2 === 2 ? this.cpacrValue : undefined;
        if (crm !== 1 || opc2 > 2) return undefined;
        if (opc2 === 2) return this.nsacrValue;
        if (!this.secure) return undefined;
        return opc2 === 0 ? this.scrValue : this.sderValue;
      case 2:
        if (crm !== 0) return undefined;
        return opc2 === 0 ? b.ttbr0 : opc2 === 1 ? b.ttbr1 : opc2 === 2 ? b.ttbcr : undefined;
      case 3:
        return crm === 0 && opc2 === 0 ? b.dacr : undefined;
      case 5:
        if (crm !== 0) return undefined;
        return opc2 === 0 ? b.dfsr : opc2 === 1 ? b.ifsr : undefined;
      case 6:
        if (crm !== 0) return undefined;
        return opc2 === 0 ? b.far : opc2 === 1 ? b.wfar : opc2 === 2 ? b.ifar : undefined;
      case 7:
        if (crm === 4 && opc2 === 0) return b.par;
        if (crm === 10 && opc2 === 6) return this.memory.dataCacheDirty() ? 1 : 0;
        return undefined;
      case 9:
        if (crm === 0 && opc2 <= 1) return this.lockdownAllowed(Nsacr.CL) ? this.memory.cacheLockdown(lockdownSide(opc2)) : undefined;
        if (crm === 1 && opc2 <= 1) return this.tcm[opc2];
        return crm === 2 && opc2 === 0 ? this.tcm[2] : undefined;
      case 10:
        if (crm === 0 && opc2 === 0) return this.lockdownAllowed(Nsacr.TL) ? this.memory.tlbLockdown() : undefined;
        if (crm === 2) return opc2 === 0 ? b.prrr : opc2 === 1 ? b.nmrr : undefined;
        return undefined;
      case 12:
        if (crm === 0 && opc2 === 0) return b.vbar;
        if (crm === 0 && opc2 === 1) return this.secure ? this.mvbarValue : undefined;
        return undefined;
      case 13:
        if (crm !== 0) return undefined;
        return [b.fcsePid, b.contextId, b.tpidrurw, b.tpidruro, b.tpidrprw][opc2];
      default:
        return undefined;
    }
  }

  mcr(op: CoprocessorOperands, value: number, privileged: boolean): boolean {
    if (op.opc1 !== 0) return false;
    const { crn, crm, opc2 } = op;
    value >>>= 0;
    const b = this.selected;
    if (!privileged) {
      if (crn === 13 && crm === 0 && opc2 === 2) {
        b.tpidrurw = value;
        return true;
      }
      // Barriers are available to User mode on ARMv6.
      if (crn === 7 && ((crm === 5 && opc2 === 4) || (crm === 10 && (opc2 === 4 || opc2 === 5)))) return this.cacheOperation(crm, opc2, value);
      return false;
    }
    switch (crn) {
      case 1:
        return this.writeControlGroup(crm, opc2, value);
      case 2:
        if (crm !== 0 || opc2 > 2) return false;
        if (opc2 === 0) this.ttbr0 = value;
        else if (opc2 === 1) this.ttbr1 = value;
        else this.ttbcr = value;
        return true;
      case 3:
        if (crm !== 0 || opc2 !== 0) return false;
        this.dacr = value;
        return true;
      case 5:
        if (crm !== 0 || opc2 > 1) return false;
        if (opc2 === 0) b.dfsr = value & 0x1eff;
        else b.ifsr = value & 0x140f;
        return true;
      case 6:
        if (crm !== 0 || opc2 > 2) return false;
        if (opc2 === 0) b.far = value;
        else if (opc2 === 1) b.wfar = value;
        else b.ifar = value;
        return true;
      case 7:
        return this.cacheOperation(crm, opc2, value);
      case 8:
        return tlbOperation(this.maintenance, crm, opc2, value);
      case 9:
        return this.writeLockdownGroup(crm, opc2, value);
      case 10:
        if (crm === 0 && opc2 === 0) {
          if (!this.lockdownAllowed(Nsacr.TL)) return false;
          this.memory.setTlbLockdown(value);
          return true;
        }
        if (crm !== 2 || opc2 > 1) return false;
        if (opc2 === 0) this.prrr = value;
        else this.nmrr = value;
        return true;
      case 12:
        if (crm !== 0 || opc2 > 1) return false;
        if (opc2 === 0) this.vbar = value;
        else if (this.secure) this.mvbar = value;
        else return false;
        return true;
      case 13:
        return this.writeProcessGroup(crm, opc2, value);
      default:
        return false;
    }
  }

  private idRegister(crm: number, opc2: number): number {
    if (crm === 0) return [ARM1176_ID, ARM1176_CACHE_TYPE, ARM1176_TCM_STATUS, ARM1176_TLB_TYPE][opc2] ?? ARM1176_ID;
    if (crm === 1) return ARM1176_FEATURES[opc2];
    if (crm === 2) return ARM1176_ISA_FEATURES[opc2] ?? 0;
    return 0; // unallocated CPUID space reads as zero
  }

  private writeControlGroup(crm: number, opc2: number, value: number): boolean {
    if (crm === 0) {
      if (opc2 === 0) this.control = value;
      else if (opc2 === 1) {
        if (!this.secure) return false; // read-only in the Non-secure world
        this.auxControl = value;
      } else if (opc2 === 2) this.cpacrValue = value & 0x00f00000; // only CP10/CP11 (VFP) exist [est]
      else return false;
      return true;
    }
    if (crm !== 1 || opc2 > 2 || !this.secure) return false;
    if (opc2 === 0) this.scr = value;
    else if (opc2 === 1) this.sderValue = value & 3;
    else this.nsacr = value;
    return true;
  }

  private writeLockdownGroup(crm: number, opc2: number, value: number): boolean {
    if (crm === 0 && opc2 <= 1) {
      if (!this.lockdownAllowed(Nsacr.CL)) return false;
      this.memory.setCacheLockdown(lockdownSide(opc2), value);
      return true;
    }
    if ((crm === 1 && opc2 <= 1) || (crm === 2 && opc2 === 0)) {
      this.tcm[crm === 2 ? 2 : opc2] = value;
      return true;
    }
    return false;
  }

  private writeProcessGroup(crm: number, opc2: number, value: number): boolean {
    if (crm !== 0) return false;
    const b = this.selected;
    switch (opc2) {
      case 0:
        this.fcsePid = value;
        return true;
      case 1:
        this.contextId = value;
        return true;
      case 2:
        b.tpidrurw = value;
        return true;
      case 3:
        b.tpidruro = value;
        return true;
      case 4:
        b.tpidrprw = value;
        return true;
      default:
        return false;
    }
  }

  /** Lockdown registers: Secure always; Non-secure only with the NSACR bit. */
  private lockdownAllowed(bit: number): boolean {
    return this.secure || (this.nsacrValue & bit) !== 0;
  }

  private cacheOperation(crm: number, opc2: number, value: number): boolean {
    return cacheOperation(this.maintenance, crm, opc2, value);
  }

  /** Power-on state: Secure world, MMU and caches off, low vectors, both banks at their reset values. */
  reset(): void {
    for (const b of this.banks) b.reset();
    this.scrValue = this.sderValue = this.nsacrValue = this.mvbarValue = this.cpacrValue = 0;
    this.auxValue = ARM1176_AUX_CONTROL_RESET;
    this.tcm.fill(0);
    this.memory.resetState();
    this.memory.regimeChanged();
    this.onControlChange?.(this.regime.sctlr);
    this.updateVectors();
  }
}
