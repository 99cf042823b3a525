import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse } from './timing.js';

/**
 * ARMv5TE DSP instructions (ARM ARM A4.1.46ff, A4.1.74ff): saturating QADD/QSUB/QDADD/QDSUB and the
 * 16-bit multiplies SMULxy/SMLAxy/SMULWy/SMLAWy/SMLALxy. Q is sticky: set on saturation (or on overflow of
 * an accumulation), never cleared here. Register fields: Rd/RdHi [19:16], Rn/RdLo [15:12], Rs [11:8],
 * Rm [3:0]; for the Q forms Rn is [19:16] and Rd [15:12]. x = bit 5, y = bit 6 select the top halves.
 */

const MAX = 0x7fffffff;
const MIN = -0x80000000;

/** Saturates an exact (double) sum to int32, setting Q when it clips. */
function saturate(cpu: Cpu, value: number): number {
  if (value > MAX) {
    cpu.q = 1;
    return MAX;
  }
  if (value < MIN) {
    cpu.q = 1;
    return MIN;
  }
  return value;
}

function readsQ(instr: number): number {
  return (1 << (instr & 15)) | (1 << ((instr >>> 16) & 15));
}

/** QADD Rd, Rm, Rn: SignedSat(Rm + Rn). */
export function QADD(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsQ(instr));
  const sum = saturate(cpu, (cpu.r[instr & 15] | 0) + (cpu.r[(instr >>> 16) & 15] | 0));
  cpu.writeReg((instr >>> 12) & 15, sum >>> 0);
}

/** QSUB Rd, Rm, Rn: SignedSat(Rm - Rn). */
export function QSUB(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsQ(instr));
  const difference = saturate(cpu, (cpu.r[instr & 15] | 0) - (cpu.r[(instr >>> 16) & 15] | 0));
  cpu.writeReg((instr >>> 12) & 15, difference >>> 0);
}

/** QDADD Rd, Rm, Rn: SignedSat(Rm + SignedSat(2 × Rn)); Q if either saturates. */
export function QDADD(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsQ(instr));
  const doubled = saturate(cpu, 2 * (cpu.r[(instr >>> 16) & 15] | 0));
  cpu.writeReg((instr >>> 12) & 15, saturate(cpu, (cpu.r[instr & 15] | 0) + doubled) >>> 0);
}

/** QDSUB Rd, Rm, Rn: SignedSat(Rm - SignedSat(2 × Rn)). */
export function QDSUB(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsQ(instr));
  const doubled = saturate(cpu, 2 * (cpu.r[(instr >>> 16) & 15] | 0));
  cpu.writeReg((instr >>> 12) & 15, saturate(cpu, (cpu.r[instr & 15] | 0) - doubled) >>> 0);
}

// ---- 16-bit multiplies -------------------------------------------------------------------------------

/** Signed halfword of `value`: the top one when `top`. */
function half(value: number, top: boolean): number {
  return top ? value >> 16 : (value << 16) >> 16;
}

function readsMultiply(instr: number, accumulator: number): number {
  return (1 << (instr & 15)) | (1 << ((instr >>> 8) & 15)) | accumulator;
}

/** Rm.x × Rs.y: at most 2^30 in magnitude, exact. */
function product16(cpu: Cpu, instr: number): number {
  return half(cpu.r[instr & 15], (instr & 0x20) !== 0) * half(cpu.r[(instr >>> 8) & 15], (instr & 0x40) !== 0);
}

/** Bits [47:16] of Rm × Rs.y (a 48-bit product, exact in a double). */
function productWide(cpu: Cpu, instr: number): number {
  return Math.floor(((cpu.r[instr & 15] | 0) * half(cpu.r[(instr >>> 8) & 15], (instr & 0x40) !== 0)) / 0x10000);
}

/** Accumulates into a 32-bit register: wraps, and sets Q on signed overflow (no saturation). */
function accumulate(cpu: Cpu, product: number, addend: number): number {
  const sum = product + (addend | 0);
  if (sum > MAX || sum < MIN) cpu.q = 1;
  return sum >>> 0;
}

/** SMUL<x><y> Rd, Rm, Rs. */
export function SMULxy(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsMultiply(instr, 0));
  cpu.writeReg((instr >>> 16) & 15, product16(cpu, instr) >>> 0);
  cpu.extraCycles += PIPELINE.multiplyBase;
}

/** SMLA<x><y> Rd, Rm, Rs, Rn. */
export function SMLAxy(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 12) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsMultiply(instr, 1 << rn));
  cpu.writeReg((instr >>> 16) & 15, accumulate(cpu, product16(cpu, instr), cpu.r[rn]));
  cpu.extraCycles += PIPELINE.multiplyBase;
}

/** SMULW<y> Rd, Rm, Rs. */
export function SMULWy(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsMultiply(instr, 0));
  cpu.writeReg((instr >>> 16) & 15, productWide(cpu, instr) >>> 0);
  cpu.extraCycles += PIPELINE.multiplyBase;
}

/** SMLAW<y> Rd, Rm, Rs, Rn. */
export function SMLAWy(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 12) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsMultiply(instr, 1 << rn));
  cpu.writeReg((instr >>> 16) & 15, accumulate(cpu, productWide(cpu, instr), cpu.r[rn]));
  cpu.extraCycles += PIPELINE.multiplyBase;
}

/** SMLAL<x><y> RdLo, RdHi, Rm, Rs: 64-bit accumulate of a 16 × 16 product; no Q. */
export function SMLALxy(cpu: Cpu, instr: number): void {
  const rdLo = (instr >>> 12) & 15;
  const rdHi = (instr >>> 16) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsMultiply(instr, (1 << rdLo) | (1 << rdHi)));
  const low = cpu.r[rdLo] + product16(cpu, instr); // in (-2^30, 2^32 + 2^30)
  const carry = Math.floor(low / 0x100000000);
  const high = (cpu.r[rdHi] + carry) >>> 0;
  cpu.writeReg(rdLo, low >>> 0);
  cpu.writeReg(rdHi, high);
  cpu.extraCycles += PIPELINE.multiplyBase + PIPELINE.longMultiplyExtra;
}
