import type { Cpu } from '../../cpu/cpu.js';
import { chargeLoadUse } from './timing.js';

/**
 * ARMv6 media instructions on whole registers (ARM ARM A4.1): sign/zero extension with rotation and the
 * accumulate forms (SXTAB… add Rn; the plain forms are Rn = 1111), PKHBT/PKHTB, SSAT/USAT (shifted operand,
 * Q on saturation), SSAT16/USAT16, REV/REV16/REVSH. Fields: Rn [19:16], Rd [15:12], rotation [11:10] × 8,
 * Rm [3:0]; SSAT/USAT: saturate position [20:16], shift [11:7], shift type [6], Rn [3:0].
 */

function rd(instr: number): number {
  return (instr >>> 12) & 15;
}

/** ROR(Rm, 8 × rotate). */
function rotatedRm(cpu: Cpu, instr: number): number {
  const value = cpu.r[instr & 15];
  const rotate = (instr >>> 7) & 0x18;
  return rotate === 0 ? value : (value >>> rotate) | (value << (32 - rotate));
}

function readsExtend(instr: number): number {
  return 1 << (instr & 15);
}
function readsExtendAdd(instr: number): number {
  return (1 << (instr & 15)) | (1 << ((instr >>> 16) & 15));
}

// ---- extend ------------------------------------------------------------------------------------------

export function SXTB(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  cpu.writeReg(rd(instr), ((rotatedRm(cpu, instr) << 24) >> 24) >>> 0);
}
export function SXTH(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  cpu.writeReg(rd(instr), ((rotatedRm(cpu, instr) << 16) >> 16) >>> 0);
}
export function UXTB(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  cpu.writeReg(rd(instr), rotatedRm(cpu, instr) & 0xff);
}
export function UXTH(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  cpu.writeReg(rd(instr), rotatedRm(cpu, instr) & 0xffff);
}
/** Bytes 0 and 2, each sign-extended into its halfword. */
export function SXTB16(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  const v = rotatedRm(cpu, instr);
  cpu.writeReg(rd(instr), ((((v << 24) >> 24) & 0xffff) | (((v << 8) >> 24) << 16)) >>> 0);
}
export function UXTB16(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  cpu.writeReg(rd(instr), (rotatedRm(cpu, instr) & 0x00ff00ff) >>> 0);
}

export function SXTAB(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtendAdd(instr));
  cpu.writeReg(rd(instr), (cpu.r[(instr >>> 16) & 15] + ((rotatedRm(cpu, instr) << 24) >> 24)) >>> 0);
}
export function SXTAH(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtendAdd(instr));
  cpu.writeReg(rd(instr), (cpu.r[(instr >>> 16) & 15] + ((rotatedRm(cpu, instr) << 16) >> 16)) >>> 0);
}
export function UXTAB(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtendAdd(instr));
  cpu.writeReg(rd(instr), (cpu.r[(instr >>> 16) & 15] + (rotatedRm(cpu, instr) & 0xff)) >>> 0);
}
export function UXTAH(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtendAdd(instr));
  cpu.writeReg(rd(instr), (cpu.r[(instr >>> 16) & 15] + (rotatedRm(cpu, instr) & 0xffff)) >>> 0);
}
/** Each halfword of Rn plus the (sign-/zero-extended) byte below it in the rotated Rm; halfwords wrap. */
export function SXTAB16(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtendAdd(instr));
  const n = cpu.r[(instr >>> 16) & 15];
  const v = rotatedRm(cpu, instr);
  const low = (n + ((v << 24) >> 24)) & 0xffff;
  const high = ((n >>> 16) + ((v << 8) >> 24)) & 0xffff;
  cpu.writeReg(rd(instr), (low | (high << 16)) >>> 0);
}
export function UXTAB16(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtendAdd(instr));
  const n = cpu.r[(instr >>> 16) & 15];
  const v = rotatedRm(cpu, instr);
  const low = (n + (v & 0xff)) & 0xffff;
  const high = ((n >>> 16) + ((v >>> 16) & 0xff)) & 0xffff;
  cpu.writeReg(rd(instr), (low | (high << 16)) >>> 0);
}

// ---- pack ----------------------------------------------------------------------------------------------

/** PKHBT Rd, Rn, Rm, LSL #imm: bottom of Rn, top of the shifted Rm. */
export function PKHBT(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtendAdd(instr));
  const shifted = cpu.r[instr & 15] << ((instr >>> 7) & 31);
  cpu.writeReg(rd(instr), ((cpu.r[(instr >>> 16) & 15] & 0xffff) | (shifted & 0xffff0000)) >>> 0);
}

/** PKHTB Rd, Rn, Rm, ASR #imm (0 encodes 32): top of Rn, bottom of the shifted Rm. */
export function PKHTB(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtendAdd(instr));
  const amount = (instr >>> 7) & 31;
  const shifted = (cpu.r[instr & 15] | 0) >> (amount === 0 ? 31 : amount);
  cpu.writeReg(rd(instr), ((cpu.r[(instr >>> 16) & 15] & 0xffff0000) | (shifted & 0xffff)) >>> 0);
}

// ---- saturate ------------------------------------------------------------------------------------------

/** The SSAT/USAT operand: Rn LSL #imm, or ASR #imm (0 encodes 32). */
function saturateOperand(cpu: Cpu, instr: number): number {
  const value = cpu.r[instr & 15] | 0;
  const amount = (instr >>> 7) & 31;
  if ((instr & 0x40) === 0) return value << amount;
  return value >> (amount === 0 ? 31 : amount);
}

/** Signed saturation of an int32 to `bits` (1–32) bits; Q when it clips. */
function signedSaturate(cpu: Cpu, value: number, bits: number): number {
  const max = 2 ** (bits - 1) - 1;
  if (value > max) {
    cpu.q = 1;
    return max;
  }
  if (value < -max - 1) {
    cpu.q = 1;
    return -max - 1;
  }
  return value;
}

/** Unsigned saturation to `bits` (0–31) bits. */
function unsignedSaturate(cpu: Cpu, value: number, bits: number): number {
  const max = 2 ** bits - 1;
  if (value > max) {
    cpu.q = 1;
    return max;
  }
  if (value < 0) {
    cpu.q = 1;
    return 0;
  }
  return value;
}

/** SSAT Rd, #(sat + 1), Rn{, shift}. */
export function SSAT(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  cpu.writeReg(rd(instr), signedSaturate(cpu, saturateOperand(cpu, instr), ((instr >>> 16) & 31) + 1) >>> 0);
}

/** USAT Rd, #sat, Rn{, shift}. */
export function USAT(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  cpu.writeReg(rd(instr), unsignedSaturate(cpu, saturateOperand(cpu, instr), (instr >>> 16) & 31) >>> 0);
}

/** SSAT16 Rd, #(sat + 1), Rn: each signed halfword. */
export function SSAT16(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  const value = cpu.r[instr & 15];
  const bits = ((instr >>> 16) & 15) + 1;
  const low = signedSaturate(cpu, (value << 16) >> 16, bits) & 0xffff;
  const high = signedSaturate(cpu, value >> 16, bits) & 0xffff;
  cpu.writeReg(rd(instr), (low | (high << 16)) >>> 0);
}

/** USAT16 Rd, #sat, Rn: each signed halfword to an unsigned range. */
export function USAT16(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  const value = cpu.r[instr & 15];
  const bits = (instr >>> 16) & 15;
  const low = unsignedSaturate(cpu, (value << 16) >> 16, bits);
  const high = unsignedSaturate(cpu, value >> 16, bits);
  cpu.writeReg(rd(instr), (low | (high << 16)) >>> 0);
}

// ---- reverse -------------------------------------------------------------------------------------------

export function REV(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  const v = cpu.r[instr & 15];
  cpu.writeReg(rd(instr), ((v << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0);
}

/** REV16: bytes swapped within each halfword. */
export function REV16(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  const v = cpu.r[instr & 15];
  cpu.writeReg(rd(instr), (((v << 8) & 0xff00ff00) | ((v >>> 8) & 0x00ff00ff)) >>> 0);
}

/** REVSH: the low halfword byte-swapped and sign-extended. */
export function REVSH(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsExtend(instr));
  const v = cpu.r[instr & 15];
  cpu.writeReg(rd(instr), ((((v & 0xff) << 24) >> 16) | ((v >>> 8) & 0xff)) >>> 0);
}
