import type { Cpu } from '../../cpu/cpu.js';
import { chargeLoadUse } from './timing.js';

/**
 * ARMv6 SIMD on packed halfwords and bytes (ARM ARM A4.1, "parallel add and subtract"): six prefixes × six
 * operations, plus SEL and USAD8/USADA8. Prefixes: S/U wrap and set GE per lane (signed: result ≥ 0;
 * unsigned: carry out of an addition, no borrow from a subtraction); Q/UQ saturate; SH/UH halve. ASX adds
 * the high lanes and subtracts the low ones crosswise (Rn.lo - Rm.hi, Rn.hi + Rm.lo); SAX the other way.
 * Fields: Rn [19:16], Rd [15:12], Rm [3:0]. Lane values are exact small integers, so no overflow in JS.
 */

const SIGNED = 0;
const SATURATING = 1;
const SIGNED_HALVING = 2;
const UNSIGNED = 3;
const UNSIGNED_SATURATING = 4;
const UNSIGNED_HALVING = 5;

const ADD16 = 0;
const ASX = 1;
const SAX = 2;
const SUB16 = 3;
const ADD8 = 4;
const SUB8 = 7;

/** GE bits gathered while a result is assembled (module slot: no allocation per instruction). */
let geOut = 0;

function readsRnRm(instr: number): number {
  return (1 << ((instr >>> 16) & 15)) | (1 << (instr & 15));
}

/** One 16-bit lane: `v` is the exact sum or difference; GE lanes are 2 bits wide, at `geShift`. */
function lane16(prefix: number, v: number, isAdd: boolean, geShift: number): number {
  switch (prefix) {
    case SIGNED:
      if (v >= 0) geOut |= 3 << geShift;
      return v & 0xffff;
    case UNSIGNED:
      if (isAdd ? v >= 0x10000 : v >= 0) geOut |= 3 << geShift;
      return v & 0xffff;
    case SATURATING:
      return (v > 0x7fff ? 0x7fff : v < -0x8000 ? -0x8000 : v) & 0xffff;
    case UNSIGNED_SATURATING:
      return v > 0xffff ? 0xffff : v < 0 ? 0 : v;
    default:
      return (v >> 1) & 0xffff;
  }
}

function lane8(prefix: number, v: number, isAdd: boolean, geBit: number): number {
  switch (prefix) {
    case SIGNED:
      if (v >= 0) geOut |= geBit;
      return v & 0xff;
    case UNSIGNED:
      if (isAdd ? v >= 0x100 : v >= 0) geOut |= geBit;
      return v & 0xff;
    case SATURATING:
      return (v > 0x7f ? 0x7f : v < -0x80 ? -0x80 : v) & 0xff;
    case UNSIGNED_SATURATING:
      return v > 0xff ? 0xff : v < 0 ? 0 : v;
    default:
      return (v >> 1) & 0xff;
  }
}

function parallel16(cpu: Cpu, instr: number, prefix: number, op: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRnRm(instr));
  const n = cpu.r[(instr >>> 16) & 15];
  const m = cpu.r[instr & 15];
  const signed = prefix <= SIGNED_HALVING;
  const nLo = signed ? (n << 16) >> 16 : n & 0xffff;
  const nHi = signed ? n >> 16 : n >>> 16;
  const mLo = signed ? (m << 16) >> 16 : m & 0xffff;
  const mHi = signed ? m >> 16 : m >>> 16;
  geOut = 0;
  let low: number;
  let high: number;
  switch (op) {
    case ADD16:
      low = lane16(prefix, nLo + mLo, true, 0);
      high = lane16(prefix, nHi + mHi, true, 2);
      break;
    case ASX:
      low = lane16(prefix, nLo - mHi, false, 0);
      high = lane16(prefix, nHi + mLo, true, 2);
      break;
    case SAX:
      low = lane16(prefix, nLo + mHi, true, 0);
      high = lane16(prefix, nHi - mLo, false, 2);
      break;
    default:
      low = lane16(prefix, nLo - mLo, false, 0);
      high = lane16(prefix, nHi - mHi, false, 2);
  }
  if (prefix === SIGNED || prefix === UNSIGNED) cpu.ge = geOut;
  cpu.writeReg((instr >>> 12) & 15, (low | (high << 16)) >>> 0);
}

function parallel8(cpu: Cpu, instr: number, prefix: number, op: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRnRm(instr));
  const n = cpu.r[(instr >>> 16) & 15];
  const m = cpu.r[instr & 15];
  const signed = prefix <= SIGNED_HALVING;
  const add = op === ADD8;
  geOut = 0;
  let result = 0;
  for (let lane = 0; lane < 4; lane++) {
    const shift = 8 * lane;
    const a = signed ? (n << (24 - shift)) >> 24 : (n >>> shift) & 0xff;
    const b = signed ? (m << (24 - shift)) >> 24 : (m >>> shift) & 0xff;
    result |= lane8(prefix, add ? a + b : a - b, add, 1 << lane) << shift;
  }
  if (prefix === SIGNED || prefix === UNSIGNED) cpu.ge = geOut;
  cpu.writeReg((instr >>> 12) & 15, result >>> 0);
}

export function SADD16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SIGNED, ADD16);
}
export function SASX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SIGNED, ASX);
}
export function SSAX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SIGNED, SAX);
}
export function SSUB16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SIGNED, SUB16);
}
export function SADD8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, SIGNED, ADD8);
}
export function SSUB8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, SIGNED, SUB8);
}
export function QADD16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SATURATING, ADD16);
}
export function QASX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SATURATING, ASX);
}
export function QSAX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SATURATING, SAX);
}
export function QSUB16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SATURATING, SUB16);
}
export function QADD8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, SATURATING, ADD8);
}
export function QSUB8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, SATURATING, SUB8);
}
export function SHADD16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SIGNED_HALVING, ADD16);
}
export function SHASX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SIGNED_HALVING, ASX);
}
export function SHSAX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SIGNED_HALVING, SAX);
}
export function SHSUB16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, SIGNED_HALVING, SUB16);
}
export function SHADD8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, SIGNED_HALVING, ADD8);
}
export function SHSUB8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, SIGNED_HALVING, SUB8);
}
export function UADD16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED, ADD16);
}
export function UASX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED, ASX);
}
export function USAX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED, SAX);
}
export function USUB16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED, SUB16);
}
export function UADD8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, UNSIGNED, ADD8);
}
export function USUB8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, UNSIGNED, SUB8);
}
export function UQADD16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED_SATURATING, ADD16);
}
export function UQASX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED_SATURATING, ASX);
}
export function UQSAX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED_SATURATING, SAX);
}
export function UQSUB16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED_SATURATING, SUB16);
}
export function UQADD8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, UNSIGNED_SATURATING, ADD8);
}
export function UQSUB8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, UNSIGNED_SATURATING, SUB8);
}
export function UHADD16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED_HALVING, ADD16);
}
export function UHASX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED_HALVING, ASX);
}
export function UHSAX(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED_HALVING, SAX);
}
export function UHSUB16(cpu: Cpu, instr: number): void {
  parallel16(cpu, instr, UNSIGNED_HALVING, SUB16);
}
export function UHADD8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, UNSIGNED_HALVING, ADD8);
}
export function UHSUB8(cpu: Cpu, instr: number): void {
  parallel8(cpu, instr, UNSIGNED_HALVING, SUB8);
}

/** SEL Rd, Rn, Rm: byte i from Rn where GE[i] is set, else from Rm. */
export function SEL(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRnRm(instr));
  const ge = cpu.ge;
  const mask = (ge & 1 ? 0xff : 0) | (ge & 2 ? 0xff00 : 0) | (ge & 4 ? 0xff0000 : 0) | (ge & 8 ? 0xff000000 : 0);
  cpu.writeReg((instr >>> 12) & 15, ((cpu.r[(instr >>> 16) & 15] & mask) | (cpu.r[instr & 15] & ~mask)) >>> 0);
}

/** Sum of absolute byte differences of Rm [3:0] and Rs [11:8]. */
function absoluteDifferences(cpu: Cpu, instr: number): number {
  const a = cpu.r[instr & 15];
  const b = cpu.r[(instr >>> 8) & 15];
  let sum = 0;
  for (let shift = 0; shift < 32; shift += 8) {
    const d = ((a >>> shift) & 0xff) - ((b >>> shift) & 0xff);
    sum += d < 0 ? -d : d;
  }
  return sum;
}

/** USAD8 Rd, Rm, Rs: Rd [19:16]. */
export function USAD8(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << (instr & 15)) | (1 << ((instr >>> 8) & 15)));
  cpu.writeReg((instr >>> 16) & 15, absoluteDifferences(cpu, instr));
}

/** USADA8 Rd, Rm, Rs, Rn: plus the accumulator Rn [15:12], wrapping. */
export function USADA8(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 12) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << (instr & 15)) | (1 << ((instr >>> 8) & 15)) | (1 << rn));
  cpu.writeReg((instr >>> 16) & 15, (absoluteDifferences(cpu, instr) + cpu.r[rn]) >>> 0);
}
