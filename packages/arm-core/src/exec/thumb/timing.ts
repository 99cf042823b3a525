import { ARM920T_TIMING } from '../../timing/arm920t.js';
import { multiplySteps } from '../arm/timing.js';

/**
 * ARM9TDMI pipeline costs for Thumb instructions in `cycle` mode, added to `cpu.extraCycles` (the base
 * cycle is charged by the core; functional mode ignores `extraCycles`, so constant charges are plain adds).
 * Thumb instructions are decompressed into their ARM equivalents, so they cost what those cost
 * [ARM9TDMI TRM ch. 7].
 */
const P = ARM920T_TIMING.pipeline;

/** A write to PC refills the pipeline. */
export const BRANCH_CYCLES = P.pipelineRefill;
/** Thumb LSL/LSR/ASR/ROR by register are ARM register-specified shifts. */
export const REGISTER_SHIFT_CYCLES = P.registerShift;
/** Loading PC through LDM/POP. */
export const LOAD_PC_CYCLES = P.loadMultiplePc;
/** Load result needed by the next instruction: word, and byte/halfword/unaligned word (through the rotator). */
export const LOAD_USE_CYCLES = P.loadUseInterlock;
export const SUBWORD_LOAD_USE_CYCLES = P.subwordLoadUseInterlock;

/**
 * MUL early-terminates on the multiplier (ARM Rs; for Thumb MUL Rd, Rm that is Rd): one more cycle for
 * each further 8 bits that are not all sign bits. Total 2–5 cycles.
 */
export function multiplyExtraCycles(rs: number): number {
  return P.multiplyBase + multiplySteps(rs, true) - 1;
}

/** SWI and UNDEFINED enter the exception like a branch. */
export const EXCEPTION_CYCLES = P.exceptionEntry;

/** LDM/STM/PUSH/POP of n registers take n cycles, never fewer than 2 (as the ARM executor charges). */
export function blockTransferExtraCycles(count: number): number {
  return Math.max(count, P.blockTransferMinimum) - 1;
}

// ---- load-use interlock ------------------------------------------------------------------------------
// Shared with the ARM executor through `Cpu.pendingLoadUse`, so an interlock crosses a BX between states.
// Call `chargeLoadUse` only when `cpu.pendingLoadUse !== 0` and before this instruction's own `noteLoad`.
export { chargeLoadUse, noteLoad } from '../arm/timing.js';
