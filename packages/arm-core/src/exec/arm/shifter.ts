import type { Cpu } from '../../cpu/cpu.js';

/**
 * The data-processing shifter operand (ARM ARM A5.1). Each form has a value-only function (arithmetic ops,
 * load/store offsets) and a `...Carry` function that also leaves the shifter carry-out in `shifterOut.carry`
 * (logical ops with S). A module-level result slot avoids allocating a pair per instruction.
 */
export const shifterOut = { carry: 0 };

/** `#imm8 ROR (2 * rot)`. */
export function immediateOperand(instr: number): number {
  const rotate = (instr >>> 7) & 0x1e;
  const imm8 = instr & 0xff;
  return ((imm8 >>> rotate) | (imm8 << (32 - rotate))) >>> 0;
}

/** Immediate operand; carry-out is bit 31 of the result when rotated, else the C flag. */
export function immediateOperandCarry(cpu: Cpu, instr: number): number {
  const rotate = (instr >>> 7) & 0x1e;
  const imm8 = instr & 0xff;
  const value = ((imm8 >>> rotate) | (imm8 << (32 - rotate))) >>> 0;
  shifterOut.carry = rotate === 0 ? cpu.c : value >>> 31;
  return value;
}

/** `Rm, <shift> #amount`: LSL #0 is no shift, LSR/ASR #0 mean #32, ROR #0 is RRX. Rm = r15 reads +8. */
export function shiftByImmediate(cpu: Cpu, instr: number): number {
  const rm = cpu.r[instr & 15];
  const amount = (instr >>> 7) & 31;
  switch ((instr >>> 5) & 3) {
    case 0:
      return (rm << amount) >>> 0;
    case 1:
      return amount === 0 ? 0 : rm >>> amount;
    case 2:
      return ((rm | 0) >> (amount === 0 ? 31 : amount)) >>> 0;
    default:
      return amount === 0 ? ((cpu.c << 31) | (rm >>> 1)) >>> 0 : ((rm >>> amount) | (rm << (32 - amount))) >>> 0;
  }
}

export function shiftByImmediateCarry(cpu: Cpu, instr: number): number {
  const rm = cpu.r[instr & 15];
  const amount = (instr >>> 7) & 31;
  switch ((instr >>> 5) & 3) {
    case 0:
      if (amount === 0) {
        shifterOut.carry = cpu.c;
        return rm;
      }
      shifterOut.carry = (rm >>> (32 - amount)) & 1;
      return (rm << amount) >>> 0;
    case 1:
      if (amount === 0) {
        shifterOut.carry = rm >>> 31;
        return 0;
      }
      shifterOut.carry = (rm >>> (amount - 1)) & 1;
      return rm >>> amount;
    case 2:
      if (amount === 0) {
        shifterOut.carry = rm >>> 31;
        return ((rm | 0) >> 31) >>> 0;
      }
      shifterOut.carry = (rm >>> (amount - 1)) & 1;
      return ((rm | 0) >> amount) >>> 0;
    default:
      if (amount === 0) {
        shifterOut.carry = rm & 1;
        return ((cpu.c << 31) | (rm >>> 1)) >>> 0;
      }
      shifterOut.carry = (rm >>> (amount - 1)) & 1;
      return ((rm >>> amount) | (rm << (32 - amount))) >>> 0;
  }
}

/** A register read by an instruction with a register-specified shift: r15 reads +12 (one cycle later). */
export function readRegLate(cpu: Cpu, n: number): number {
  return n === 15 ? (cpu.r[15] + 4) >>> 0 : cpu.r[n];
}

/** `Rm, <shift> Rs`: the amount is Rs[7:0]; 0 leaves Rm (and C) unchanged; 32 and above saturate. */
export function shiftByRegister(cpu: Cpu, instr: number): number {
  const rm = readRegLate(cpu, instr & 15);
  const amount = readRegLate(cpu, (instr >>> 8) & 15) & 0xff;
  switch ((instr >>> 5) & 3) {
    case 0:
      return amount >= 32 ? 0 : (rm << amount) >>> 0;
    case 1:
      return amount >= 32 ? 0 : rm >>> amount;
    case 2:
      return ((rm | 0) >> (amount >= 32 ? 31 : amount)) >>> 0;
    default: {
      const r = amount & 31;
      return r === 0 ? rm : ((rm >>> r) | (rm << (32 - r))) >>> 0;
    }
  }
}

export function shiftByRegisterCarry(cpu: Cpu, instr: number): number {
  const rm = readRegLate(cpu, instr & 15);
  const amount = readRegLate(cpu, (instr >>> 8) & 15) & 0xff;
  if (amount === 0) {
    shifterOut.carry = cpu.c;
    return rm;
  }
  switch ((instr >>> 5) & 3) {
    case 0:
      if (amount < 32) {
        shifterOut.carry = (rm >>> (32 - amount)) & 1;
        return (rm << amount) >>> 0;
      }
      shifterOut.carry = amount === 32 ? rm & 1 : 0;
      return 0;
    case 1:
      if (amount < 32) {
        shifterOut.carry = (rm >>> (amount - 1)) & 1;
        return rm >>> amount;
      }
      shifterOut.carry = amount === 32 ? rm >>> 31 : 0;
      return 0;
    case 2:
      if (amount < 32) {
        shifterOut.carry = (rm >>> (amount - 1)) & 1;
        return ((rm | 0) >> amount) >>> 0;
      }
      shifterOut.carry = rm >>> 31;
      return ((rm | 0) >> 31) >>> 0;
    default: {
      const r = amount & 31;
      if (r === 0) {
        shifterOut.carry = rm >>> 31;
        return rm;
      }
      const value = ((rm >>> r) | (rm << (32 - r))) >>> 0;
      shifterOut.carry = value >>> 31;
      return value;
    }
  }
}
