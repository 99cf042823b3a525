import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse } from './timing.js';
import { lastProductHigh, multiplyLong } from './multiply.js';

/**
 * ARMv6 multiplies (ARM ARM A4.1): dual 16-bit SMUAD/SMUSD/SMLAD/SMLSD/SMLALD/SMLSLD (X swaps the halves of
 * the second operand), most-significant-word SMMUL/SMMLA/SMMLS (R rounds), and UMAAL.
 * Fields: Rd/RdHi [19:16], Ra/RdLo [15:12] (Ra = 1111: the non-accumulating form), Rm [11:8], Rn [3:0]
 * (objdump order `op Rd, Rn, Rm, Ra`). Q is set when the 32-bit result of SMUAD/SMLAD/SMLSD differs from
 * the exact one (the ARM ARM's infinite-precision rule, as QEMU implements it).
 */

const X_BIT = 1 << 5;
const TWO_32 = 0x100000000;

function readsOf(instr: number, accumulators: number): number {
  return (1 << (instr & 15)) | (1 << ((instr >>> 8) & 15)) | accumulators;
}

/** Products of the halves: `dualLow` = Rn.lo × Rm'.lo and the returned Rn.hi × Rm'.hi (each exact). */
let dualLow = 0;
function dualProducts(cpu: Cpu, instr: number): number {
  const n = cpu.r[instr & 15];
  let m = cpu.r[(instr >>> 8) & 15];
  if ((instr & X_BIT) !== 0) m = (m >>> 16) | (m << 16);
  dualLow = ((n << 16) >> 16) * ((m << 16) >> 16);
  return (n >> 16) * (m >> 16);
}

/** Writes an exact sum as a 32-bit register value, setting Q if it does not fit. */
function writeChecked(cpu: Cpu, rd: number, value: number): void {
  if (value > 0x7fffffff || value < -0x80000000) cpu.q = 1;
  cpu.writeReg(rd, value >>> 0);
}

function dual(cpu: Cpu, instr: number, subtract: boolean): void {
  const ra = (instr >>> 12) & 15;
  const accumulate = ra !== 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsOf(instr, accumulate ? 1 << ra : 0));
  const high = dualProducts(cpu, instr);
  let value = subtract ? dualLow - high : dualLow + high;
  if (accumulate) value += cpu.r[ra] | 0;
  writeChecked(cpu, (instr >>> 16) & 15, value);
  cpu.extraCycles += PIPELINE.multiplyBase;
}

/** SMLAD/SMUAD Rd, Rn, Rm{, Ra}. */
export function SMLAD(cpu: Cpu, instr: number): void {
  dual(cpu, instr, false);
}
/** SMLSD/SMUSD Rd, Rn, Rm{, Ra}. */
export function SMLSD(cpu: Cpu, instr: number): void {
  dual(cpu, instr, true);
}

function dualLong(cpu: Cpu, instr: number, subtract: boolean): void {
  const rdLo = (instr >>> 12) & 15;
  const rdHi = (instr >>> 16) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsOf(instr, (1 << rdLo) | (1 << rdHi)));
  const high = dualProducts(cpu, instr);
  const low = cpu.r[rdLo] + (subtract ? dualLow - high : dualLow + high); // exact: |products| ≤ 2^31
  cpu.writeReg(rdLo, low >>> 0);
  cpu.writeReg(rdHi, (cpu.r[rdHi] + Math.floor(low / TWO_32)) >>> 0);
  cpu.extraCycles += PIPELINE.multiplyBase + PIPELINE.longMultiplyExtra;
}

/** SMLALD RdLo, RdHi, Rn, Rm. */
export function SMLALD(cpu: Cpu, instr: number): void {
  dualLong(cpu, instr, false);
}
/** SMLSLD RdLo, RdHi, Rn, Rm. */
export function SMLSLD(cpu: Cpu, instr: number): void {
  dualLong(cpu, instr, true);
}

/**
 * SMMUL/SMMLA/SMMLS: the top word of (Ra << 32) ± Rn × Rm, plus 0x80000000 when R (bit 5) rounds.
 * `negate` gives SMMLS; Ra = 1111 (SMMUL) accumulates nothing.
 */
function mostSignificant(cpu: Cpu, instr: number, negate: boolean): void {
  const ra = (instr >>> 12) & 15;
  const accumulate = ra !== 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsOf(instr, accumulate ? 1 << ra : 0));
  let low = multiplyLong(cpu.r[instr & 15], cpu.r[(instr >>> 8) & 15], true);
  let high = lastProductHigh();
  if (negate) {
    // Two's complement of the 64-bit product.
    high = (~high + (low === 0 ? 1 : 0)) >>> 0;
    low = (TWO_32 - low) % TWO_32;
  }
  if ((instr & X_BIT) !== 0) high += Math.floor((low + 0x80000000) / TWO_32);
  if (accumulate) high += cpu.r[ra];
  cpu.writeReg((instr >>> 16) & 15, high >>> 0);
  cpu.extraCycles += PIPELINE.multiplyBase + PIPELINE.longMultiplyExtra;
}

export function SMMLA(cpu: Cpu, instr: number): void {
  mostSignificant(cpu, instr, false);
}
export function SMMLS(cpu: Cpu, instr: number): void {
  mostSignificant(cpu, instr, true);
}

/** UMAAL RdLo, RdHi, Rm, Rs: RdHi:RdLo = Rm × Rs + RdLo + RdHi (never overflows 64 bits). */
export function UMAAL(cpu: Cpu, instr: number): void {
  const rdLo = (instr >>> 12) & 15;
  const rdHi = (instr >>> 16) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsOf(instr, (1 << rdLo) | (1 << rdHi)));
  const low = multiplyLong(cpu.r[instr & 15], cpu.r[(instr >>> 8) & 15], false);
  const sum = low + cpu.r[rdLo] + cpu.r[rdHi]; // < 3 × 2^32: exact
  const high = (lastProductHigh() + Math.floor(sum / TWO_32)) >>> 0;
  cpu.writeReg(rdLo, sum >>> 0);
  cpu.writeReg(rdHi, high);
  cpu.extraCycles += PIPELINE.multiplyBase + PIPELINE.longMultiplyExtra + PIPELINE.accumulateExtra;
}
