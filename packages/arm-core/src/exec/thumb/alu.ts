import type { Cpu } from '../../cpu/cpu.js';
import { BRANCH_CYCLES, REGISTER_SHIFT_CYCLES, chargeLoadUse, multiplyExtraCycles } from './timing.js';

/*
 * Thumb data processing (ARMv4T formats 1–5, 12, 13). Handlers take fields straight from the halfword.
 * Register values are uint32 numbers from `cpu.r`; stores into `cpu.r` wrap modulo 2^32 by themselves.
 * Flags are 0/1. In `cycle` mode each handler charges the load-use interlock for the registers it reads.
 */

// ---- flag helpers ----------------------------------------------------------------------------------

/** a + b with N Z C V; a and b are uint32. */
export function addWithFlags(cpu: Cpu, a: number, b: number): number {
  const sum = a + b;
  const r = sum >>> 0;
  cpu.n = r >>> 31;
  cpu.z = r === 0 ? 1 : 0;
  cpu.c = sum > 0xffffffff ? 1 : 0;
  cpu.v = (~(a ^ b) & (a ^ r)) >>> 31;
  return r;
}

/** a - b with N Z C V (C = NOT borrow); a and b are uint32. */
export function subWithFlags(cpu: Cpu, a: number, b: number): number {
  const r = (a - b) >>> 0;
  cpu.n = r >>> 31;
  cpu.z = r === 0 ? 1 : 0;
  cpu.c = a >= b ? 1 : 0;
  cpu.v = ((a ^ b) & (a ^ r)) >>> 31;
  return r;
}

function setNZ(cpu: Cpu, r: number): void {
  cpu.n = r >>> 31;
  cpu.z = r === 0 ? 1 : 0;
}

/** Common tail of the two-register ALU forms: Rd = r with N Z set, then load-use on Rd and Rm (or Rs). */
function writeNZ(cpu: Cpu, rd: number, rm: number, r: number): void {
  cpu.r[rd] = r;
  setNZ(cpu, r);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << rm));
}

/** Common tail of the one-source forms (format 1, MVN): Rd = r with N Z set, then load-use on Rm only. */
function writeNZReadRm(cpu: Cpu, rd: number, rm: number, r: number): void {
  cpu.r[rd] = r;
  setNZ(cpu, r);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rm);
}

// ---- barrel shifter: shift by 1..255 with carry out (ARM rules for 32 and above) ------------------------
// Shared by the immediate (format 1) and register (format 4) shifts; the callers handle a shift of 0.

function lslC(cpu: Cpu, v: number, s: number): number {
  if (s < 32) {
    cpu.c = (v >>> (32 - s)) & 1;
    return (v << s) >>> 0;
  }
  cpu.c = s === 32 ? v & 1 : 0;
  return 0;
}

function lsrC(cpu: Cpu, v: number, s: number): number {
  if (s < 32) {
    cpu.c = (v >>> (s - 1)) & 1;
    return v >>> s;
  }
  cpu.c = s === 32 ? v >>> 31 : 0;
  return 0;
}

function asrC(cpu: Cpu, v: number, s: number): number {
  if (s < 32) {
    cpu.c = (v >>> (s - 1)) & 1;
    return (v >> s) >>> 0;
  }
  cpu.c = v >>> 31;
  return cpu.c === 1 ? 0xffffffff : 0;
}

function rorC(cpu: Cpu, v: number, s: number): number {
  const k = s & 31;
  // Multiples of 32 rotate back to the same value; C becomes bit 31.
  if (k === 0) {
    cpu.c = v >>> 31;
    return v;
  }
  cpu.c = (v >>> (k - 1)) & 1;
  return ((v >>> k) | (v << (32 - k))) >>> 0;
}

// ---- format 1: LSL/LSR/ASR Rd, Rm, #imm5 ---------------------------------------------------------

export function thumbLslImm(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7, imm = (instr >>> 6) & 31;
  const v = cpu.r[rm];
  // LSL #0 is MOVS: C unchanged.
  writeNZReadRm(cpu, rd, rm, imm === 0 ? v : lslC(cpu, v, imm));
}

export function thumbLsrImm(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7, imm = (instr >>> 6) & 31;
  // #0 encodes #32.
  writeNZReadRm(cpu, rd, rm, lsrC(cpu, cpu.r[rm], imm === 0 ? 32 : imm));
}

export function thumbAsrImm(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7, imm = (instr >>> 6) & 31;
  // #0 encodes #32.
  writeNZReadRm(cpu, rd, rm, asrC(cpu, cpu.r[rm], imm === 0 ? 32 : imm));
}

// ---- format 2: ADD/SUB Rd, Rn, Rm|#imm3 ------------------------------------------------------------

export function thumbAddReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  cpu.r[rd] = addWithFlags(cpu, cpu.r[rn], cpu.r[rm]);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
}

export function thumbSubReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  cpu.r[rd] = subWithFlags(cpu, cpu.r[rn], cpu.r[rm]);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
}

export function thumbAddImm3(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7;
  cpu.r[rd] = addWithFlags(cpu, cpu.r[rn], (instr >>> 6) & 7);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
}

export function thumbSubImm3(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7;
  cpu.r[rd] = subWithFlags(cpu, cpu.r[rn], (instr >>> 6) & 7);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
}

// ---- format 3: MOV/CMP/ADD/SUB Rd, #imm8 -----------------------------------------------------------

export function thumbMovImm8(cpu: Cpu, instr: number): void {
  const imm = instr & 0xff;
  cpu.r[(instr >>> 8) & 7] = imm;
  cpu.n = 0;
  cpu.z = imm === 0 ? 1 : 0;
}

export function thumbCmpImm8(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 8) & 7;
  subWithFlags(cpu, cpu.r[rn], instr & 0xff);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
}

export function thumbAddImm8(cpu: Cpu, instr: number): void {
  const rd = (instr >>> 8) & 7;
  cpu.r[rd] = addWithFlags(cpu, cpu.r[rd], instr & 0xff);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rd);
}

export function thumbSubImm8(cpu: Cpu, instr: number): void {
  const rd = (instr >>> 8) & 7;
  cpu.r[rd] = subWithFlags(cpu, cpu.r[rd], instr & 0xff);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rd);
}

// ---- format 4: ALU Rd, Rm ----------------------------------------------------------------------------
// Rd is bits [2:0], Rm (or Rs) bits [5:3]. Logical ops leave C and V alone.

export function thumbAnd(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7;
  const r = (cpu.r[rd] & cpu.r[rm]) >>> 0;
  writeNZ(cpu, rd, rm, r);
}

export function thumbEor(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7;
  const r = (cpu.r[rd] ^ cpu.r[rm]) >>> 0;
  writeNZ(cpu, rd, rm, r);
}

export function thumbOrr(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7;
  const r = (cpu.r[rd] | cpu.r[rm]) >>> 0;
  writeNZ(cpu, rd, rm, r);
}

export function thumbBic(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7;
  const r = (cpu.r[rd] & ~cpu.r[rm]) >>> 0;
  writeNZ(cpu, rd, rm, r);
}

export function thumbMvn(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7;
  writeNZReadRm(cpu, rd, rm, ~cpu.r[rm] >>> 0);
}

export function thumbTst(cpu: Cpu, instr: number): void {
  const rn = instr & 7, rm = (instr >>> 3) & 7;
  setNZ(cpu, (cpu.r[rn] & cpu.r[rm]) >>> 0);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
}

export function thumbAdc(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7;
  const a = cpu.r[rd], b = cpu.r[rm];
  const sum = a + b + cpu.c;
  const r = sum >>> 0;
  cpu.c = sum > 0xffffffff ? 1 : 0;
  cpu.v = (~(a ^ b) & (a ^ r)) >>> 31;
  writeNZ(cpu, rd, rm, r);
}

export function thumbSbc(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7;
  const a = cpu.r[rd], b = cpu.r[rm];
  // Rd - Rm - NOT(C); C is NOT borrow.
  const diff = a - b - (1 - cpu.c);
  const r = diff >>> 0;
  cpu.c = diff >= 0 ? 1 : 0;
  cpu.v = ((a ^ b) & (a ^ r)) >>> 31;
  writeNZ(cpu, rd, rm, r);
}

export function thumbNeg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7;
  // RSBS Rd, Rm, #0
  cpu.r[rd] = subWithFlags(cpu, 0, cpu.r[rm]);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rm);
}

export function thumbCmpReg(cpu: Cpu, instr: number): void {
  const rn = instr & 7, rm = (instr >>> 3) & 7;
  subWithFlags(cpu, cpu.r[rn], cpu.r[rm]);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
}

export function thumbCmn(cpu: Cpu, instr: number): void {
  const rn = instr & 7, rm = (instr >>> 3) & 7;
  addWithFlags(cpu, cpu.r[rn], cpu.r[rm]);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
}

/**
 * MUL Rd, Rm: Rd = Rm * Rd, N and Z set. C is UNPREDICTABLE after MULS on ARMv4 and unchanged from v5;
 * we leave it unchanged, as the ARM920T's multiplier does not drive the carry (and as QEMU does). V unchanged.
 */
export function thumbMul(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rm = (instr >>> 3) & 7;
  const rs = cpu.r[rd];
  const r = Math.imul(cpu.r[rm], rs) >>> 0;
  writeNZ(cpu, rd, rm, r);
  if (cpu.cycleTiming) cpu.extraCycles += multiplyExtraCycles(rs);
}

// Shifts by register use Rs[7:0]: 0 leaves value and C alone; 32 and above follow the ARM rules.

/** Common tail of the shifts by register: write Rd and N Z, load-use on Rd and Rs, the extra internal cycle. */
function writeShiftReg(cpu: Cpu, rd: number, rs: number, r: number): void {
  writeNZ(cpu, rd, rs, r);
  cpu.extraCycles += REGISTER_SHIFT_CYCLES;
}

export function thumbLslReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rs = (instr >>> 3) & 7;
  const s = cpu.r[rs] & 0xff, v = cpu.r[rd];
  writeShiftReg(cpu, rd, rs, s === 0 ? v : lslC(cpu, v, s));
}

export function thumbLsrReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rs = (instr >>> 3) & 7;
  const s = cpu.r[rs] & 0xff, v = cpu.r[rd];
  writeShiftReg(cpu, rd, rs, s === 0 ? v : lsrC(cpu, v, s));
}

export function thumbAsrReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rs = (instr >>> 3) & 7;
  const s = cpu.r[rs] & 0xff, v = cpu.r[rd];
  writeShiftReg(cpu, rd, rs, s === 0 ? v : asrC(cpu, v, s));
}

export function thumbRorReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rs = (instr >>> 3) & 7;
  const s = cpu.r[rs] & 0xff, v = cpu.r[rd];
  writeShiftReg(cpu, rd, rs, s === 0 ? v : rorC(cpu, v, s));
}

// ---- format 5: ADD/CMP/MOV with high registers -------------------------------------------------------
// Rd/Rn = H1:Rd (bits 7, 2:0), Rm = H2:Rm (bits 6:3). r15 reads as this instruction + 4. No interworking:
// writing PC keeps Thumb state (bit 0 ignored).

export function thumbAddHi(cpu: Cpu, instr: number): void {
  const rd = ((instr >>> 4) & 8) | (instr & 7), rm = (instr >>> 3) & 15;
  const r = (cpu.r[rd] + cpu.r[rm]) >>> 0;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << rm));
  if (rd === 15) {
    cpu.branchTo(r);
    cpu.extraCycles += BRANCH_CYCLES;
  } else cpu.r[rd] = r;
}

export function thumbCmpHi(cpu: Cpu, instr: number): void {
  const rn = ((instr >>> 4) & 8) | (instr & 7), rm = (instr >>> 3) & 15;
  subWithFlags(cpu, cpu.r[rn], cpu.r[rm]);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
}

export function thumbMovHi(cpu: Cpu, instr: number): void {
  const rd = ((instr >>> 4) & 8) | (instr & 7), rm = (instr >>> 3) & 15;
  const v = cpu.r[rm];
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rm);
  if (rd === 15) {
    cpu.branchTo(v);
    cpu.extraCycles += BRANCH_CYCLES;
  } else cpu.r[rd] = v;
}

// ---- formats 12, 13: address arithmetic on PC and SP (no flags) -----------------------------------------

/** ADD Rd, PC, #imm8*4 (ADR): PC is word-aligned first. */
export function thumbAddPc(cpu: Cpu, instr: number): void {
  cpu.r[(instr >>> 8) & 7] = (cpu.r[15] & ~3) + ((instr & 0xff) << 2);
}

export function thumbAddSpRd(cpu: Cpu, instr: number): void {
  cpu.r[(instr >>> 8) & 7] = cpu.r[13] + ((instr & 0xff) << 2);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << 13);
}

export function thumbAddSp(cpu: Cpu, instr: number): void {
  cpu.r[13] = cpu.r[13] + ((instr & 0x7f) << 2);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << 13);
}

export function thumbSubSp(cpu: Cpu, instr: number): void {
  cpu.r[13] = cpu.r[13] - ((instr & 0x7f) << 2);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << 13);
}
