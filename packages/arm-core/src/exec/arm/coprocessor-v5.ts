import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse, storedPcValue } from './timing.js';
import { undefinedArm } from './branch.js';
import { CDP, LDC, MCR, MRC, STC } from './coprocessor.js';

/**
 * ARMv5TE MCRR/MRRC (two-register transfers: Rd [15:12] is the low word, Rn [19:16] the high word, opc1
 * [7:4], CRm [3:0]) and the ARMv5T/v6 cond = 1111 forms CDP2/LDC2/STC2/MCR2/MRC2/MCRR2/MRRC2, which reach
 * the coprocessor with the same operands. CP14 and CP15 define no *2 operations, so those are UNDEFINED;
 * other coprocessors decide themselves, and an absent one makes the instruction UNDEFINED.
 */

const SYSTEM_COPROCESSORS = (1 << 14) | (1 << 15);

function coprocessorNumber(instr: number): number {
  return (instr >>> 8) & 15;
}

export function MCRR(cpu: Cpu, instr: number): void {
  const rd = (instr >>> 12) & 15;
  const rn = (instr >>> 16) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << rn));
  const coprocessor = cpu.coprocessors[coprocessorNumber(instr)];
  const low = rd === 15 ? storedPcValue(cpu) : cpu.r[rd];
  const high = rn === 15 ? storedPcValue(cpu) : cpu.r[rn];
  if (!coprocessor?.mcrr || !coprocessor.mcrr((instr >>> 4) & 15, instr & 15, low, high, cpu.privileged)) {
    undefinedArm(cpu, instr);
    return;
  }
  cpu.extraCycles += PIPELINE.coprocessorTransfer;
}

export function MRRC(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  const coprocessor = cpu.coprocessors[coprocessorNumber(instr)];
  const pair = coprocessor?.mrrc ? coprocessor.mrrc((instr >>> 4) & 15, instr & 15, cpu.privileged) : undefined;
  if (!pair) {
    undefinedArm(cpu, instr);
    return;
  }
  // Rd = Rn is UNPREDICTABLE: the high word wins.
  cpu.writeReg((instr >>> 12) & 15, pair[0] >>> 0);
  cpu.writeReg((instr >>> 16) & 15, pair[1] >>> 0);
  cpu.extraCycles += PIPELINE.coprocessorTransfer;
}

function isSystem(instr: number): boolean {
  return ((SYSTEM_COPROCESSORS >>> coprocessorNumber(instr)) & 1) !== 0;
}

export function CDP2(cpu: Cpu, instr: number): void {
  if (isSystem(instr)) undefinedArm(cpu, instr);
  else CDP(cpu, instr);
}
export function MCR2(cpu: Cpu, instr: number): void {
  if (isSystem(instr)) undefinedArm(cpu, instr);
  else MCR(cpu, instr);
}
export function MRC2(cpu: Cpu, instr: number): void {
  if (isSystem(instr)) undefinedArm(cpu, instr);
  else MRC(cpu, instr);
}
export function LDC2(cpu: Cpu, instr: number): void {
  if (isSystem(instr)) undefinedArm(cpu, instr);
  else LDC(cpu, instr);
}
export function STC2(cpu: Cpu, instr: number): void {
  if (isSystem(instr)) undefinedArm(cpu, instr);
  else STC(cpu, instr);
}
export function MCRR2(cpu: Cpu, instr: number): void {
  if (isSystem(instr)) undefinedArm(cpu, instr);
  else MCRR(cpu, instr);
}
export function MRRC2(cpu: Cpu, instr: number): void {
  if (isSystem(instr)) undefinedArm(cpu, instr);
  else MRRC(cpu, instr);
}
