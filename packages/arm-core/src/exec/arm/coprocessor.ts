import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse, storedPcValue } from './timing.js';
import { undefinedArm } from './branch.js';
import { loadWordAligned, storeWordAligned } from '../data-access.js';

/**
 * CDP/MCR/MRC/LDC/STC (ARM ARM A4.1.8ff) routed to `cpu.coprocessors[cp]`. A missing coprocessor, a missing
 * method, or an `undefined`/`false` answer makes the instruction UNDEFINED (the coprocessor did not accept
 * it), so CP15 decides itself which registers exist and what User mode may touch.
 *
 * LDC/STC are not timed: no ARM920T coprocessor implements them (they are UNDEFINED there).
 *
 * The operand object and LDC word list are reused between instructions (no allocation per instruction):
 * a coprocessor must copy what it wants to keep.
 */

const operands = { opc1: 0, crn: 0, crm: 0, opc2: 0, crd: 0 };
const transferWords: number[] = [];

const P_BIT = 1 << 24;
const U_BIT = 1 << 23;
const N_BIT = 1 << 22;
const W_BIT = 1 << 21;

function setRegisterOperands(instr: number, opc1: number): void {
  operands.opc1 = opc1;
  operands.crn = (instr >>> 16) & 15;
  operands.crd = (instr >>> 12) & 15;
  operands.opc2 = (instr >>> 5) & 7;
  operands.crm = instr & 15;
}

export function CDP(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  const coprocessor = cpu.coprocessors[(instr >>> 8) & 15];
  setRegisterOperands(instr, (instr >>> 20) & 15);
  if (!coprocessor?.cdp || !coprocessor.cdp(operands, cpu.privileged)) undefinedArm(cpu, instr);
}

/** MCR: Rd → coprocessor. r15 as Rd (UNPREDICTABLE) sends the stored-PC value, as STR would. */
export function MCR(cpu: Cpu, instr: number): void {
  const rd = (instr >>> 12) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rd);
  const coprocessor = cpu.coprocessors[(instr >>> 8) & 15];
  setRegisterOperands(instr, (instr >>> 21) & 7);
  const value = rd === 15 ? storedPcValue(cpu) : cpu.r[rd];
  if (!coprocessor || !coprocessor.mcr(operands, value, cpu.privileged)) {
    undefinedArm(cpu, instr);
    return;
  }
  cpu.extraCycles += PIPELINE.coprocessorTransfer;
}

/** MRC: coprocessor → Rd; with Rd = r15 the top four bits set N, Z, C, V. */
export function MRC(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  const coprocessor = cpu.coprocessors[(instr >>> 8) & 15];
  setRegisterOperands(instr, (instr >>> 21) & 7);
  const value = coprocessor ? coprocessor.mrc(operands, cpu.privileged) : undefined;
  if (value === undefined) {
    undefinedArm(cpu, instr);
    return;
  }
  const rd = (instr >>> 12) & 15;
  if (rd === 15) {
    cpu.n = (value >>> 31) & 1;
    cpu.z = (value >>> 30) & 1;
    cpu.c = (value >>> 29) & 1;
    cpu.v = (value >>> 28) & 1;
  } else {
    cpu.r[rd] = value >>> 0;
  }
  cpu.extraCycles += PIPELINE.coprocessorTransfer;
}

/**
 * Addressing mode 5: pre-indexed (P = 1), post-indexed (P = 0, W = 1) or unindexed (P = 0, W = 0, U = 1,
 * offset field = coprocessor option). How many words move is the coprocessor's business on real hardware;
 * the Coprocessor interface fixes it here: 1 word, or 2 with the N (long) bit.
 */
function coprocessorAddress(cpu: Cpu, instr: number): number {
  const base = cpu.r[(instr >>> 16) & 15];
  const offset = (instr & 0xff) << 2;
  const offsetAddress = ((instr & U_BIT) !== 0 ? base + offset : base - offset) >>> 0;
  return (instr & P_BIT) !== 0 ? offsetAddress : base;
}

function writeBackCoprocessorBase(cpu: Cpu, instr: number): void {
  if ((instr & W_BIT) === 0) return;
  const rn = (instr >>> 16) & 15;
  const offset = (instr & 0xff) << 2;
  const base = cpu.r[rn];
  cpu.writeReg(rn, ((instr & U_BIT) !== 0 ? base + offset : base - offset) >>> 0);
}

function wordCount(instr: number): number {
  return (instr & N_BIT) !== 0 ? 2 : 1;
}

export function LDC(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << ((instr >>> 16) & 15));
  const coprocessor = cpu.coprocessors[(instr >>> 8) & 15];
  if (!coprocessor?.ldc) {
    undefinedArm(cpu, instr);
    return;
  }
  const address = coprocessorAddress(cpu, instr);
  const count = wordCount(instr);
  transferWords.length = count;
  for (let i = 0; i < count; i++) transferWords[i] = loadWordAligned(cpu, (address + 4 * i) >>> 0);
  if (!coprocessor.ldc((instr >>> 12) & 15, transferWords, cpu.privileged)) {
    undefinedArm(cpu, instr);
    return;
  }
  writeBackCoprocessorBase(cpu, instr);
}

export function STC(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << ((instr >>> 16) & 15));
  const coprocessor = cpu.coprocessors[(instr >>> 8) & 15];
  const count = wordCount(instr);
  const words = coprocessor?.stcWords ? coprocessor.stcWords((instr >>> 12) & 15, count, cpu.privileged) : undefined;
  if (!words) {
    undefinedArm(cpu, instr);
    return;
  }
  const address = coprocessorAddress(cpu, instr);
  for (let i = 0; i < count; i++) storeWordAligned(cpu, (address + 4 * i) >>> 0, (words[i] ?? 0) >>> 0);
  writeBackCoprocessorBase(cpu, instr);
}
