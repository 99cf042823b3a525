import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse } from './timing.js';
import { undefinedArm } from './branch.js';

/**
 * ARMv5T/v5TE/v5TEJ/v6Z additions outside the DSP and load/store groups: CLZ, BLX (register and immediate),
 * BXJ, BKPT, PLD and SMC (ARM ARM A4.1.13, A4.1.9, A4.1.10, A4.1.7, A4.1.45; TrustZone SMC).
 */

/** CLZ Rd, Rm: leading zeros of Rm (32 for 0). */
export function CLZ(cpu: Cpu, instr: number): void {
  const rm = instr & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rm);
  cpu.writeReg((instr >>> 12) & 15, Math.clz32(cpu.r[rm]));
}

/** BLX Rm: LR = the next instruction, then BX Rm. */
export function BLX_reg(cpu: Cpu, instr: number): void {
  const rm = instr & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rm);
  const target = cpu.r[rm];
  cpu.r[14] = (cpu.currentPc + 4) >>> 0;
  cpu.branchExchange(target);
  cpu.extraCycles += PIPELINE.pipelineRefill;
}

/**
 * BLX label (cond = 1111): LR = the next instruction; PC = this + 8 + imm24 × 4 + H × 2, in Thumb state.
 */
export function BLX_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.r[14] = (cpu.currentPc + 4) >>> 0;
  cpu.thumb = true;
  cpu.nextPc = (cpu.r[15] + ((instr << 8) >> 6) + ((instr >>> 23) & 2)) >>> 0;
  cpu.extraCycles += PIPELINE.pipelineRefill;
}

/** BXJ Rm: Jazelle is never enabled here (JMCR.JE = 0), so BXJ is BX (the architecture's trivial implementation). */
export function BXJ(cpu: Cpu, instr: number): void {
  const rm = instr & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rm);
  cpu.branchExchange(cpu.r[rm]);
  cpu.extraCycles += PIPELINE.pipelineRefill;
}

/**
 * BKPT: with no debugger attached (halting debug off, monitor debug disabled) the breakpoint is taken as a
 * prefetch abort at this instruction (LR_abt = BKPT + 4), as the ARM ARM specifies.
 */
export function BKPT(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.extraCycles += PIPELINE.exceptionEntry;
  takeBreakpoint(cpu, instr);
}

/**
 * Takes a BKPT's prefetch abort; a memory system that keeps the fault registers records it as a debug event
 * (IFSR status 0b00010) first.
 */
export function takeBreakpoint(cpu: Cpu, instr: number): void {
  const pc = cpu.currentPc;
  const fault = cpu.memory.debugEvent !== undefined ? cpu.memory.debugEvent('prefetch', pc, pc) : undefined;
  cpu.takeException('prefetch-abort', pc, instr, fault);
}

/** PLD: a preload hint. No cache effect is modelled and a PLD never faults, so it does nothing. */
export function PLD(cpu: Cpu): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
}

/** SMC #imm4 (TrustZone): Monitor mode through MVBAR; UNDEFINED in User mode. */
export function SMC(cpu: Cpu, instr: number): void {
  if (!cpu.privileged) {
    undefinedArm(cpu, instr);
    return;
  }
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.extraCycles += PIPELINE.exceptionEntry;
  cpu.takeException('smc', cpu.currentPc, instr);
}
