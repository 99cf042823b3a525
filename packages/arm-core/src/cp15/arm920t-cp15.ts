import type { GuestErrorSink } from '../bus/device.js';
import type { Coprocessor, CoprocessorOperands } from '../cpu/coprocessor.js';
import { CommonControl } from './control.js';
import {
  COMMON_CACHE_OPERATIONS,
  TLB_SIDES,
  lockdownSide,
  maintenanceTable,
  runMaintenance,
  type CacheMaintenanceTarget,
  type MaintenanceContextBase,
  type MaintenanceEntry,
} from './maintenance.js';

/** CP15 c1 control bits of the ARM920T (TRM DDI0184 §2.3). */
export const Arm920tControl = {
  ...CommonControl,
  NF: 1 << 30,
  IA: 1 << 31,
} as const;

/** Bits 3–6 (W, P, D, L on older cores) read as one on the ARM920T. */
const CONTROL_READS_AS_ONE = 0x78;
/** Bits software can change; all others read as zero (B is refused, see `Arm920tCp15`). */
const CONTROL_WRITABLE = (Arm920tControl.M | Arm920tControl.A | Arm920tControl.C | Arm920tControl.S | Arm920tControl.R | Arm920tControl.I | Arm920tControl.V | Arm920tControl.RR | Arm920tControl.NF | Arm920tControl.IA) >>> 0;

export const ARM920T_ID = 0x41129200;
export const ARM920T_CACHE_TYPE = 0x0d172172;

/**
 * What CP15 asks of the memory system: maintenance operations (the shared c7 set, `CacheMaintenanceTarget`;
 * `cleanDCacheIndex` operands in the c7 set/way layout: index [31:26], segment [7:5]) and notifications.
 * Addresses are MVAs.
 */
export interface Arm920tMemoryControl extends CacheMaintenanceTarget {
  /** c1 changed (M, A, C, S, R, I, RR). */
  controlChanged(): void;
  /** DACR or FCSE PID changed: fast paths derived from them must go (the TLBs stay). */
  translationChanged(): void;
  /**
   * An MCR wrote the FCSE PID (after `translationChanged`): the next two instructions were already
   * fetched with `previousPid` (TRM, "Changing the ProcID").
   */
  pidWrittenByMcr?(previousPid: number): void;
  invalidateTlb(side: 'instruction' | 'data' | 'both'): void;
  invalidateTlbEntry(side: 'instruction' | 'data', mva: number): void;
  /** c9 (cache lockdown) and c10 (TLB lockdown) registers. */
  cacheLockdown(side: 'instruction' | 'data'): number;
  setCacheLockdown(side: 'instruction' | 'data', value: number): void;
  tlbLockdown(side: 'instruction' | 'data'): number;
  setTlbLockdown(side: 'instruction' | 'data', value: number): void;
  /** Power-on state of TLBs, caches and write buffer. */
  resetState(): void;
}

type Arm920tMaintenanceContext = MaintenanceContextBase<Arm920tMemoryControl>;

/** c7: the shared ARMv4/v5 set (TRM DDI0184 §2.3.8). */
const CACHE_OPERATIONS = maintenanceTable<Arm920tMaintenanceContext>(COMMON_CACHE_OPERATIONS);

/** c8: invalidate a side's TLB (opc2 0, CRm 5–7) or one I/D entry by MVA (opc2 1, CRm 5–6). */
const TLB_OPERATIONS = maintenanceTable<Arm920tMaintenanceContext>([
  ...TLB_SIDES.map(([crm, side]): MaintenanceEntry<Arm920tMaintenanceContext> => [crm, 0, (c) => c.memory.invalidateTlb(side)]),
  [5, 1, (c, v) => c.memory.invalidateTlbEntry('instruction', v)],
  [6, 1, (c, v) => c.memory.invalidateTlbEntry('data', v)],
]);

export interface Arm920tCp15Options {
  readonly memory: Arm920tMemoryControl;
  /** c7,c0,4: the machine stops the core until an interrupt (cpu.waitingForInterrupt = true). */
  readonly onWaitForInterrupt?: () => void;
  /** After every c1 write and at reset, with the new value (the machine sets cpu.vectorBase from V). */
  readonly onControlChange?: (control: number) => void;
  /** Where the refused B bit is reported; without one it is refused silently. */
  readonly guestErrors?: GuestErrorSink;
}

/**
 * CP15 of the ARM920T. Registers: c0 ID/cache type, c1 control, c2 TTB, c3 DACR, c5 FSR (opc2 0 data,
 * 1 instruction), c6 FAR, c7 cache ops, c8 TLB ops, c9 cache lockdown, c10 TLB lockdown, c13 FCSE PID.
 * Anything else, opc1 ≠ 0, and every access from user mode are UNDEFINED.
 *
 * Big-endian (c1.B) is refused: the bit stays 0 and the attempt is reported as a guest error, since the
 * bus and every model here are little-endian.
 *
 * Kernels written in TypeScript use the typed accessors (`ttb`, `dacr`, `fcsePid`, `control`, …), which
 * behave like the MCRs (same masks, same notifications).
 */
export class Arm920tCp15 implements Coprocessor {
  private controlValue = CONTROL_READS_AS_ONE;
  private ttbValue = 0;
  private dacrValue = 0;
  private pidValue = 0;
  /** Data fault status (c5 opc2=0): domain [7:4], status [3:0]. */
  dataFsr = 0;
  /** Instruction fault status (c5 opc2=1), written by prefetch aborts. */
  instructionFsr = 0;
  /** Fault address (c6): the MVA of the last data abort. */
  far = 0;
  onWaitForInterrupt: (() => void) | undefined;
  onControlChange: ((control: number) => void) | undefined;
  private readonly memory: Arm920tMemoryControl;
  private readonly guestErrors: GuestErrorSink | undefined;
  /** What the c7/c8 operations need (see maintenance.ts). */
  private readonly maintenance: Arm920tMaintenanceContext;

  constructor(options: Arm920tCp15Options) {
    this.memory = options.memory;
    this.maintenance = { memory: options.memory, waitForInterrupt: () => this.onWaitForInterrupt?.() };
    this.onWaitForInterrupt = options.onWaitForInterrupt;
    this.onControlChange = options.onControlChange;
    this.guestErrors = options.guestErrors;
  }

  // ---- typed accessors -----------------------------------------------------------------------------

  get control(): number {
    return this.controlValue >>> 0;
  }
  set control(value: number) {
    if ((value & Arm920tControl.B) !== 0) this.guestErrors?.guestError('CP15 c1: big-endian (B) is not supported; the core stays little-endian');
    this.controlValue = ((value & CONTROL_WRITABLE) | CONTROL_READS_AS_ONE) >>> 0;
    this.memory.controlChanged();
    this.onControlChange?.(this.controlValue);
  }
  get mmuEnabled(): boolean {
    return (this.controlValue & Arm920tControl.M) !== 0;
  }
  get ttb(): number {
    return this.ttbValue;
  }
  /** Writing the TTB does not flush the TLBs (as on hardware). */
  set ttb(value: number) {
    this.ttbValue = (value & 0xffffc000) >>> 0;
  }
  get dacr(): number {
    return this.dacrValue;
  }
  set dacr(value: number) {
    this.dacrValue = value >>> 0;
    this.memory.translationChanged();
  }
  /** FCSE PID register value: PID in [31:25]; MVA = VA | value when VA[31:25] = 0. */
  get fcsePid(): number {
    return this.pidValue;
  }
  set fcsePid(value: number) {
    this.pidValue = (value & 0xfe000000) >>> 0;
    this.memory.translationChanged();
  }

  /** Records a data abort: FSR ← domain/status, FAR ← MVA. */
  recordDataAbort(status: number, domain: number, mva: number): void {
    this.dataFsr = ((domain & 15) << 4) | (status & 15);
    this.far = mva >>> 0;
  }

  /** Records a prefetch abort in the instruction FSR; FAR is left alone. */
  recordPrefetchAbort(status: number, domain: number): void {
    this.instructionFsr = ((domain & 15) << 4) | (status & 15);
  }

  // ---- Coprocessor ---------------------------------------------------------------------------------

  mrc(op: CoprocessorOperands, privileged: boolean): number | undefined {
    if (!privileged || op.opc1 !== 0) return undefined;
    const { crn, crm, opc2 } = op;
    switch (crn) {
      case 0:
        // Unimplemented c0 encodings return the main ID (ARM ARM).
        return opc2 === 1 ? ARM920T_CACHE_TYPE : ARM920T_ID;
      case 1:
        return this.control;
      case 2:
        return this.ttbValue;
      case 3:
        return this.dacrValue;
      case 5:
        if (opc2 === 0) return this.dataFsr;
        return opc2 === 1 ? this.instructionFsr : undefined;
      case 6:
        return this.far;
      case 9:
        if (crm !== 0 || opc2 > 1) return undefined;
        return this.memory.cacheLockdown(lockdownSide(opc2));
      case 10:
        if (crm !== 0 || opc2 > 1) return undefined;
        return this.memory.tlbLockdown(lockdownSide(opc2));
      case 13:
        return crm === 0 && opc2 === 0 ? this.pidValue : undefined;
      default:
        return undefined;
    }
  }

  mcr(op: CoprocessorOperands, value: number, privileged: boolean): boolean {
    if (!privileged || op.opc1 !== 0) return false;
    const { crn, crm, opc2 } = op;
    value >>>= 0;
    switch (crn) {
      case 0:
        return true; // read-only; writes are ignored
      case 1:
        this.control = value;
        return true;
      case 2:
        this.ttb = value;
        return true;
      case 3:
        this.dacr = value;
        return true;
      case 5:
        if (opc2 === 0) this.dataFsr = value & 0xff;
        else if (opc2 === 1) this.instructionFsr = value & 0xff;
        else return false;
        return true;
      case 6:
        this.far = value;
        return true;
      case 7:
        return runMaintenance(CACHE_OPERATIONS, this.maintenance, crm, opc2, value);
      case 8:
        return runMaintenance(TLB_OPERATIONS, this.maintenance, crm, opc2, value);
      case 9:
        if (crm !== 0 || opc2 > 1) return false;
        this.memory.setCacheLockdown(lockdownSide(opc2), value);
        return true;
      case 10:
        if (crm !== 0 || opc2 > 1) return false;
        this.memory.setTlbLockdown(lockdownSide(opc2), value);
        return true;
      case 13:
        if (crm !== 0 || opc2 !== 0) return false;
        {
          // Only the instruction lags; the typed accessor (TS kernels, loaders) applies at once.
          const previous = this.pidValue;
          this.fcsePid = value;
          this.memory.pidWrittenByMcr?.(previous);
        }
        return true;
      default:
        return false;
    }
  }

  /** Power-on state: MMU and caches off, low vectors, random replacement; TLBs and caches invalid. */
  reset(): void {
    this.controlValue = CONTROL_READS_AS_ONE;
    this.ttbValue = 0;
    this.dacrValue = 0;
    this.pidValue = 0;
    this.dataFsr = 0;
    this.instructionFsr = 0;
    this.far = 0;
    this.memory.resetState();
    this.memory.controlChanged();
    this.onControlChange?.(this.controlValue);
  }
}
