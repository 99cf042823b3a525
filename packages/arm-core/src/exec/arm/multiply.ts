import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse, multiplySteps } from './timing.js';

/**
 * Multiplies (ARM ARM A4.1.40 MUL, A4.1.34 MLA, UMULL/UMLAL/SMULL/SMLAL). With S they set N and Z;
 * C is UNPREDICTABLE on ARMv4 and the ARM920T leaves C (and V) unchanged, which is what we do.
 * RdHi = RdLo or Rd = Rm is UNPREDICTABLE: we write RdLo then RdHi, so RdHi wins.
 * Timing: early termination on Rs (8 bits per cycle), +1 accumulate, +1 long.
 */

const S_BIT = 1 << 20;

function readsMultiplyOperands(instr: number): number {
  return (1 << (instr & 15)) | (1 << ((instr >>> 8) & 15)) | (1 << ((instr >>> 12) & 15));
}

function setNZ(cpu: Cpu, result: number): void {
  cpu.n = result >>> 31;
  cpu.z = result === 0 ? 1 : 0;
}

/** MUL: Rd (bits 19:16) = Rm * Rs. */
export function MUL(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsMultiplyOperands(instr));
  const rs = cpu.r[(instr >>> 8) & 15];
  const result = Math.imul(cpu.r[instr & 15], rs) >>> 0;
  if ((instr & S_BIT) !== 0) setNZ(cpu, result);
  cpu.writeReg((instr >>> 16) & 15, result);
  cpu.extraCycles += PIPELINE.multiplyBase + multiplySteps(rs, true) - 1;
}

/** MLA: Rd = Rm * Rs + Rn (bits 15:12). */
export function MLA(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsMultiplyOperands(instr));
  const rs = cpu.r[(instr >>> 8) & 15];
  const result = (Math.imul(cpu.r[instr & 15], rs) + cpu.r[(instr >>> 12) & 15]) >>> 0;
  if ((instr & S_BIT) !== 0) setNZ(cpu, result);
  cpu.writeReg((instr >>> 16) & 15, result);
  cpu.extraCycles += PIPELINE.multiplyBase + multiplySteps(rs, true) - 1 + PIPELINE.accumulateExtra;
}

/** High word of the last `multiplyLong` (module slot: no allocation per instruction). */
let productHigh = 0;

/**
 * 64-bit product of two 32-bit values; returns the low word, leaves the high word in `productHigh`.
 * Exact with doubles by splitting into 16-bit halves; `signed` treats both operands as two's complement.
 */
export function multiplyLong(a: number, b: number, signed: boolean): number {
  const aLow = a & 0xffff;
  const aHigh = a >>> 16;
  const bLow = b & 0xffff;
  const bHigh = b >>> 16;
  const middle = aLow * bHigh + aHigh * bLow; // < 2^33
  const lowSum = aLow * bLow + (middle % 0x10000) * 0x10000; // < 2^33
  let high = aHigh * bHigh + Math.floor(middle / 0x10000) + Math.floor(lowSum / 0x100000000);
  if (signed) {
    // Signed high word = unsigned high word - (a < 0 ? b : 0) - (b < 0 ? a : 0), modulo 2^32.
    if ((a | 0) < 0) high -= b;
    if ((b | 0) < 0) high -= a;
  }
  productHigh = high >>> 0;
  return lowSum >>> 0;
}

/** The high word of the last `multiplyLong`. */
export function lastProductHigh(): number {
  return productHigh;
}

/** UMULL/UMLAL/SMULL/SMLAL: bit 22 = signed, bit 21 = accumulate; RdLo bits 15:12, RdHi bits 19:16. */
function longMultiply(cpu: Cpu, instr: number, signed: boolean, accumulate: boolean): void {
  const rdLo = (instr >>> 12) & 15;
  const rdHi = (instr >>> 16) & 15;
  if (cpu.pendingLoadUse !== 0) {
    chargeLoadUse(cpu, (1 << (instr & 15)) | (1 << ((instr >>> 8) & 15)) | (accumulate ? (1 << rdLo) | (1 << rdHi) : 0));
  }
  const rs = cpu.r[(instr >>> 8) & 15];
  let low = multiplyLong(cpu.r[instr & 15], rs, signed);
  let high = productHigh;
  if (accumulate) {
    const lowSum = low + cpu.r[rdLo];
    low = lowSum >>> 0;
    high = (high + cpu.r[rdHi] + (lowSum > 0xffffffff ? 1 : 0)) >>> 0;
  }
  if ((instr & S_BIT) !== 0) {
    cpu.n = high >>> 31;
    cpu.z = (high | low) === 0 ? 1 : 0;
  }
  cpu.writeReg(rdLo, low);
  cpu.writeReg(rdHi, high);
  cpu.extraCycles +=
    PIPELINE.multiplyBase + multiplySteps(rs, signed) - 1 + PIPELINE.longMultiplyExtra + (accumulate ? PIPELINE.accumulateExtra : 0);
}

export function UMULL(cpu: Cpu, instr: number): void {
  longMultiply(cpu, instr, false, false);
}
export function UMLAL(cpu: Cpu, instr: number): void {
  longMultiply(cpu, instr, false, true);
}
export function SMULL(cpu: Cpu, instr: number): void {
  longMultiply(cpu, instr, true, false);
}
export function SMLAL(cpu: Cpu, instr: number): void {
  longMultiply(cpu, instr, true, true);
}
