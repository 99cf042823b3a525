import type { Cpu } from '../../cpu/cpu.js';
import { changeState, setEndianness } from '../arm/v6-system.js';
import { takeBreakpoint } from '../arm/v5-misc.js';
import { BRANCH_CYCLES, EXCEPTION_CYCLES, chargeLoadUse } from './timing.js';

/*
 * Thumb additions of ARMv5T (BLX register, the BLX second half, BKPT) and ARMv6 (CPS, SETEND, REV/REV16/
 * REVSH, SXTH/SXTB/UXTH/UXTB). CPY is the ARMv4T high-register MOV with two low registers, which ARMv6
 * defines (exec/thumb/alu.ts). r15 reads as this instruction's address + 4.
 */

/** BLX Rm: LR = the next instruction | 1, then BX Rm. */
export function thumbBlxReg(cpu: Cpu, instr: number): void {
  const rm = (instr >>> 3) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rm);
  const target = cpu.r[rm];
  cpu.r[14] = ((cpu.currentPc + 2) | 1) >>> 0;
  cpu.branchExchange(target);
  cpu.extraCycles += BRANCH_CYCLES;
}

/**
 * Second half of BLX (H = 01), after a BL prefix put PC + (offset_hi << 12) in LR: PC = (LR + imm10 × 2)
 * word-aligned, in ARM state; LR = the next instruction | 1. An odd imm11 is UNDEFINED (the table leaves it out).
 */
export function thumbBlxSuffix(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << 14);
  const target = (cpu.r[14] + ((instr & 0x7ff) << 1)) & ~3;
  cpu.r[14] = ((cpu.r[15] - 2) | 1) >>> 0;
  cpu.thumb = false;
  cpu.nextPc = target >>> 0;
  cpu.extraCycles += BRANCH_CYCLES;
}

/** BKPT #imm8: a prefetch abort at this instruction when no debugger is attached (as in ARM state). */
export function thumbBkpt(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.extraCycles += EXCEPTION_CYCLES;
  takeBreakpoint(cpu, instr);
}

/** CPSIE/CPSID <aif>: bit 4 = disable; A I F in bits 2:0. No mode change in Thumb; no effect in User mode. */
export function thumbCps(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  changeState(cpu, (instr & 0x10) !== 0 ? 3 : 2, instr & 7, false, 0);
}

/** SETEND BE/LE: E is bit 3. */
export function thumbSetend(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  setEndianness(cpu, (instr & 8) !== 0);
}

// ---- reverse and extend: Rd = bits 2:0, Rm = bits 5:3 -------------------------------------------------

function source(cpu: Cpu, instr: number): number {
  const rm = (instr >>> 3) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rm);
  return cpu.r[rm];
}

export function thumbRev(cpu: Cpu, instr: number): void {
  const v = source(cpu, instr);
  cpu.r[instr & 7] = (v << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}
export function thumbRev16(cpu: Cpu, instr: number): void {
  const v = source(cpu, instr);
  cpu.r[instr & 7] = ((v << 8) & 0xff00ff00) | ((v >>> 8) & 0x00ff00ff);
}
export function thumbRevsh(cpu: Cpu, instr: number): void {
  const v = source(cpu, instr);
  cpu.r[instr & 7] = (((v & 0xff) << 24) >> 16) | ((v >>> 8) & 0xff);
}
export function thumbSxth(cpu: Cpu, instr: number): void {
  cpu.r[instr & 7] = (source(cpu, instr) << 16) >> 16;
}
export function thumbSxtb(cpu: Cpu, instr: number): void {
  cpu.r[instr & 7] = (source(cpu, instr) << 24) >> 24;
}
export function thumbUxth(cpu: Cpu, instr: number): void {
  cpu.r[instr & 7] = source(cpu, instr) & 0xffff;
}
export function thumbUxtb(cpu: Cpu, instr: number): void {
  cpu.r[instr & 7] = source(cpu, instr) & 0xff;
}
