import type { Cpu } from '../../cpu/cpu.js';
import { ARM920T_TIMING } from '../../timing/arm920t.js';

/**
 * ARM9TDMI pipeline costs for Thumb instructions in `cycle` mode, added to `cpu.extraCycles` (the base
 * cycle is charged by the core). Thumb instructions are decompressed into their ARM equivalents, so they
 * cost what those cost [ARM9TDMI TRM ch. 7].
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
  const s = rs | 0;
  const top8 = s >> 8;
  if (top8 === 0 || top8 === -1) return P.multiplyBase;
  const top16 = s >> 16;
  if (top16 === 0 || top16 === -1) return P.multiplyBase + 1;
  const top24 = s >> 24;
  if (top24 === 0 || top24 === -1) return P.multiplyBase + 2;
  return P.multiplyBase + 3;
}

/** LDM/STM/PUSH/POP of n registers take n cycles; a single-register LDM takes 2. */
export function loadMultipleExtraCycles(count: number): number {
  return count <= 1 ? 1 : count - 1;
}
export function storeMultipleExtraCycles(count: number): number {
  return count <= 1 ? 0 : count - 1;
}

// ---- load-use interlock ------------------------------------------------------------------------------
// The register loaded by the previous instruction, kept here until Cpu gains its own field for it (the
// ARM-state executor adds one; rewiring then only touches these two functions). The instruction counter
// tells whether the load was the immediately preceding instruction, so nothing has to clear this state.
let loadCpu: Cpu | undefined;
let loadAt = -1;
let loadMask = 0;
let loadPenalty = 0;

/** Notes that the executing instruction loads `reg`; the next instruction stalls `penalty` cycles if it reads it. */
export function recordLoad(cpu: Cpu, reg: number, penalty: number): void {
  loadCpu = cpu;
  loadAt = cpu.instructions;
  loadMask = 1 << reg;
  loadPenalty = penalty;
}

/** Charges the interlock if the executing instruction reads (bit mask `reads`) the previous instruction's load. */
export function chargeLoadUse(cpu: Cpu, reads: number): void {
  if (loadCpu === cpu && loadAt === cpu.instructions - 1 && (reads & loadMask) !== 0) cpu.extraCycles += loadPenalty;
}

/** Forgets a pending load (tests; a core reset). */
export function clearLoadUse(): void {
  loadCpu = undefined;
  loadAt = -1;
  loadMask = 0;
}
