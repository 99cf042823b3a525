import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse } from './timing.js';

/** B, BL, BX, SWI and the UNDEFINED-instruction handler (ARM ARM A4.1.5, A4.1.10, A4.1.107). */

/** Branch target: PC (= address + 8) + signed 24-bit word offset. */
function branchTarget(cpu: Cpu, instr: number): number {
  return (cpu.r[15] + ((instr << 8) >> 6)) >>> 0;
}

export function B(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.branchTo(branchTarget(cpu, instr));
  cpu.extraCycles += PIPELINE.pipelineRefill;
}

export function BL(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.r[14] = (cpu.currentPc + 4) >>> 0;
  cpu.branchTo(branchTarget(cpu, instr));
  cpu.extraCycles += PIPELINE.pipelineRefill;
}

/** BX Rm: bit 0 of Rm selects Thumb state. */
export function BX(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << (instr & 15));
  cpu.branchExchange(cpu.r[instr & 15]);
  cpu.extraCycles += PIPELINE.pipelineRefill;
}

/** SWI: the supervisor-call exception; a kernel hook may own the vector. */
export function SWI(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.extraCycles += PIPELINE.exceptionEntry;
  cpu.takeException('swi', cpu.currentPc, instr);
}

/** Every word the instruction set does not define (and cond = 0b1111 on ARMv4T). */
export function undefinedArm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.extraCycles += PIPELINE.exceptionEntry;
  cpu.undefinedInstruction(instr);
}
