import type { Cpu } from '../../cpu/cpu.js';
import { BRANCH_CYCLES, EXCEPTION_CYCLES, chargeLoadUse } from './timing.js';

/*
 * Thumb branches, BX, SWI and the UNDEFINED space (ARMv4T formats 5 (BX), 16–19). r15 reads as this
 * instruction's address + 4. A taken branch refills the pipeline (+2 cycles).
 */

/** BX Rm: bit 0 of Rm selects Thumb (1) or ARM (0) state. BX PC goes to ARM state at this address + 4. */
export function thumbBx(cpu: Cpu, instr: number): void {
  const rm = (instr >>> 3) & 15;
  cpu.branchExchange(cpu.r[rm]);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rm);
  cpu.extraCycles += BRANCH_CYCLES;
}

/** B<cond> label: offset = SignExtend(imm8) << 1. Conditions 1110 and 1111 are other encodings. */
export function thumbBCond(cpu: Cpu, instr: number): void {
  if (!cpu.conditionPassed((instr >>> 8) & 15)) return;
  cpu.branchTo(cpu.r[15] + ((instr << 24) >> 23));
  cpu.extraCycles += BRANCH_CYCLES;
}

/** B label: offset = SignExtend(imm11) << 1. */
export function thumbB(cpu: Cpu, instr: number): void {
  cpu.branchTo(cpu.r[15] + ((instr << 21) >> 20));
  cpu.extraCycles += BRANCH_CYCLES;
}

/**
 * First half of BL (H = 10): LR = PC + (SignExtend(imm11) << 12). Executes on its own, as on the ARM7TDMI
 * and ARM9TDMI, so an interrupt between the halves is harmless.
 */
export function thumbBlPrefix(cpu: Cpu, instr: number): void {
  cpu.r[14] = cpu.r[15] + ((instr << 21) >> 9);
}

/** Second half of BL (H = 11): PC = LR + (imm11 << 1), LR = address of the next instruction | 1. */
export function thumbBlSuffix(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << 14);
  const target = cpu.r[14] + ((instr & 0x7ff) << 1);
  cpu.r[14] = (cpu.r[15] - 2) | 1;
  cpu.branchTo(target);
  cpu.extraCycles += BRANCH_CYCLES;
}

/** SWI imm8: the comment field is left for the handler to read (it gets the instruction word). */
export function thumbSwi(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.extraCycles += EXCEPTION_CYCLES;
  cpu.takeException('swi', cpu.currentPc, instr);
}

/** Any UNDEFINED Thumb encoding (and the UNPREDICTABLE empty register lists; see the encoding table). */
export function thumbUndefined(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.extraCycles += EXCEPTION_CYCLES;
  cpu.undefinedInstruction(instr);
}
