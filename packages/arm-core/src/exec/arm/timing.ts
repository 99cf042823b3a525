import type { Cpu } from '../../cpu/cpu.js';
import { ARM920T_TIMING } from '../../timing/arm920t.js';

/**
 * Cycle-mode charges shared by the ARM (and Thumb) executors. Executors add to `cpu.extraCycles` what the
 * ARM9TDMI pipeline takes beyond one cycle; functional mode ignores it, so these are plain adds.
 */
export const PIPELINE = ARM920T_TIMING.pipeline;

/** Bits of `Cpu.pendingLoadUse` (see there). */
const STAMP_SHIFT = 18;
const STAMP_MASK = 0x1fff;

/**
 * Charges the load-use interlock if this instruction reads a register the immediately preceding
 * instruction loaded, and clears the pending interlock. Call only when `cpu.pendingLoadUse !== 0` (keeps the
 * common path to one compare). `readMask` has bit n set for each register n the instruction reads. The
 * instruction-count stamp drops an interlock left behind by a condition-failed instruction.
 */
export function chargeLoadUse(cpu: Cpu, readMask: number): void {
  const pending = cpu.pendingLoadUse;
  cpu.pendingLoadUse = 0;
  if ((pending & readMask & 0xffff) !== 0 && pending >>> STAMP_SHIFT === (cpu.instructions & STAMP_MASK)) {
    cpu.extraCycles += (pending >>> 16) & 3;
  }
}

/** Records (cycle mode only) that this instruction loaded register `rd`; the next one stalls `penalty` (1–3) cycles if it reads it. */
export function noteLoad(cpu: Cpu, rd: number, penalty: number): void {
  if (cpu.cycleTiming && rd !== 15) {
    cpu.pendingLoadUse = (((cpu.instructions + 1) & STAMP_MASK) << STAMP_SHIFT) | (penalty << 16) | (1 << rd);
  }
}

/**
 * Multiplier early termination: the ARM9TDMI multiplier retires 8 bits of Rs per cycle and stops when the
 * remaining bits are all zero (or, for signed multiplies, all one). Returns the number of 8-bit steps (1–4).
 */
export function multiplySteps(rs: number, signed: boolean): number {
  const high = rs >>> 8;
  if (high === 0 || (signed && high === 0xffffff)) return 1;
  const high16 = rs >>> 16;
  if (high16 === 0 || (signed && high16 === 0xffff)) return 2;
  const high24 = rs >>> 24;
  if (high24 === 0 || (signed && high24 === 0xff)) return 3;
  return 4;
}

/**
 * The value an STR/STM/MCR of r15 stores: the instruction's address plus the core's stored-PC offset
 * (ARM9TDMI: 12; ARMv6: 8). Read from the instruction set (see isa/instruction-set.ts).
 */
export function storedPcValue(cpu: Cpu): number {
  const offset = (cpu.isa as { readonly storedPcOffset?: number }).storedPcOffset ?? 12;
  return (cpu.currentPc + offset) >>> 0;
}
