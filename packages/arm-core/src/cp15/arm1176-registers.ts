/**
 * ARM1176JZF-S CP15 constants and the TrustZone-banked register set. Values from the ARM1176JZF-S TRM
 * DDI0301 ch. 3 and reference/hardware.md §4; estimates say [est].
 */

import { CommonControl } from './control.js';

/** c1 System Control Register bits. */
export const Arm1176Control = {
  ...CommonControl,
  /** Program flow prediction. */
  Z: 1 << 11,
  /** L4: loads to PC do not interwork (ARMv4 behaviour). */
  L4: 1 << 15,
  /** FI: low-latency interrupts. */
  FI: 1 << 21,
  /** Unaligned data access support. */
  U: 1 << 22,
  /** Extended (ARMv6) page-table formats; subpage AP disabled. */
  XP: 1 << 23,
  /** Vectored interrupts (VIC supplies the IRQ address). */
  VE: 1 << 24,
  /** CPSR.E on exception entry (big-endian exceptions). */
  EE: 1 << 25,
  /** TEX remap through PRRR/NMRR. */
  TR: 1 << 28,
  /** Force AP: AP[0] is an access flag. */
  FA: 1 << 29,
} as const;

/** Bits 3–6, 16 and 18 read as one; reset value 0x00050078 [est: TRM with the U/VINITHI/BIGENDINIT pins low]. */
export const ARM1176_CONTROL_READS_AS_ONE = 0x00050078;
export const ARM1176_CONTROL_RESET = ARM1176_CONTROL_READS_AS_ONE;
/** Bits software can change (B is refused: the buses are little-endian; BE-8 goes through CPSR.E). */
export const ARM1176_CONTROL_WRITABLE = (Arm1176Control.M | Arm1176Control.A | Arm1176Control.C | Arm1176Control.S | Arm1176Control.R |
  Arm1176Control.Z | Arm1176Control.I | Arm1176Control.V | Arm1176Control.RR | Arm1176Control.L4 | Arm1176Control.FI | Arm1176Control.U |
  Arm1176Control.XP | Arm1176Control.VE | Arm1176Control.EE | Arm1176Control.TR | Arm1176Control.FA) >>> 0;

/** c1,c1,0 Secure Configuration Register bits. */
export const Scr = {
  /** Non-secure: the current state outside Monitor mode. */
  NS: 1 << 0,
  /** IRQ, FIQ and external aborts taken to Monitor mode. */
  IRQ: 1 << 1,
  FIQ: 1 << 2,
  EA: 1 << 3,
  /** F and A bits modifiable in the Non-secure world. */
  FW: 1 << 4,
  AW: 1 << 5,
  /** Non-secure early termination (multiplier). */
  nET: 1 << 6,
} as const;

/** NSACR: coprocessor access [13:0], CL 16 (cache lockdown), TL 17 (TLB lockdown), DMA 18. */
export const Nsacr = { CL: 1 << 16, TL: 1 << 17, DMA: 1 << 18, MASK: 0x73fff } as const;

/** c1,c0,1 Auxiliary Control: RS (return stack) 0, DB (dynamic prediction) 1, SB (static prediction) 2. */
export const AuxControl = { RS: 1 << 0, DB: 1 << 1, SB: 1 << 2 } as const;
/** Reset: all three predictors on [est: TRM reset value 0x00000007]. */
export const ARM1176_AUX_CONTROL_RESET = 0x00000007;

/** Main ID as on S3C6410 boot logs ("ARMv6-compatible processor [410fb766]") [hw]. */
export const ARM1176_ID = 0x410fb766;
/** Cache type for 16 KB + 16 KB, 4-way, 32-byte lines, write-back, format C lockdown [hw: est]. */
export const ARM1176_CACHE_TYPE = 0x1d152152;
/** TCM status: one data and one instruction TCM bank [est]. */
export const ARM1176_TCM_STATUS = 0x00010001;
/** TLB type: unified main TLB with 8 lockable entries (DLsize [15:8]) [est]. */
export const ARM1176_TLB_TYPE = 0x00000800;

/**
 * CPUID feature registers c0,c1,0–7 (ID_PFR0, ID_PFR1, ID_DFR0, ID_AFR0, ID_MMFR0–3) and c0,c2,0–5
 * (ID_ISAR0–5): plausible ARM1176JZF-S values (ARM, Thumb, Jazelle; Security Extensions; VMSAv6 with
 * TrustZone; ARMv6 + v5TE instructions) [est].
 */
export const ARM1176_FEATURES: readonly number[] = [
  0x00000111, 0x00000011, 0x00000033, 0x00000000, 0x01130003, 0x10030302, 0x01222100, 0x00000000,
];
export const ARM1176_ISA_FEATURES: readonly number[] = [0x00140011, 0x12002111, 0x11231121, 0x01102131, 0x00001141, 0x00000000];

/** PRRR/NMRR reset values [est: TRM]. */
export const ARM1176_PRRR_RESET = 0x000a81a8;
export const ARM1176_NMRR_RESET = 0x44e048e0;

/**
 * The CP15 registers TrustZone banks between the Secure and Non-secure worlds. Raw values; the Arm1176Cp15
 * writes them with their masks and tells the memory system when the translation regime's copy changes.
 */
export class Arm1176Bank {
  sctlr = ARM1176_CONTROL_RESET;
  ttbr0 = 0;
  ttbr1 = 0;
  /** N [2:0], PD0 4, PD1 5. */
  ttbcr = 0;
  dacr = 0;
  /** Data FSR: status [3:0] + bit 10, domain [7:4], WnR 11. */
  dfsr = 0;
  /** Instruction FSR: status [3:0] + bit 10. */
  ifsr = 0;
  /** Fault address of the last data abort (MVA). */
  far = 0;
  /** Watchpoint fault address: the instruction that hit a watchpoint. */
  wfar = 0;
  /** Instruction fault address of the last prefetch abort (VA) [est: c6,c0,2]. */
  ifar = 0;
  vbar = 0;
  /** FCSE PID [31:25]. */
  fcsePid = 0;
  /** Context ID: ASID [7:0], PROCID [31:8]. */
  contextId = 0;
  prrr = ARM1176_PRRR_RESET;
  nmrr = ARM1176_NMRR_RESET;
  /** Thread ID registers: user RW (c13,c0,2), user RO (c13,c0,3), privileged only (c13,c0,4). */
  tpidrurw = 0;
  tpidruro = 0;
  tpidrprw = 0;
  /** Physical address register (c7,c4,0), written by the VA-to-PA operations. */
  par = 0;

  reset(): void {
    this.sctlr = ARM1176_CONTROL_RESET;
    this.ttbr0 = this.ttbr1 = this.ttbcr = this.dacr = 0;
    this.dfsr = this.ifsr = this.far = this.wfar = this.ifar = 0;
    this.vbar = this.fcsePid = this.contextId = 0;
    this.prrr = ARM1176_PRRR_RESET;
    this.nmrr = ARM1176_NMRR_RESET;
    this.tpidrurw = this.tpidruro = this.tpidrprw = this.par = 0;
  }
}
