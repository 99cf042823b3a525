import type { Cpu } from '../../cpu/cpu.js';
import { Mode } from '../../cpu/modes.js';
import { PIPELINE, chargeLoadUse, noteLoad, storedPcValue } from './timing.js';
import { writeLoadedPc } from './addressing.js';
import { loadWordAligned, storeWordAligned } from '../data-access.js';

/**
 * LDM/STM (ARM ARM A4.1.20ff, addressing mode 4): IA/IB/DA/DB, write-back, and the ^ forms
 * (STM ^ and LDM ^ without r15 transfer User-mode registers; LDM ^ with r15 also copies SPSR to CPSR).
 *
 * UNPREDICTABLE cases, and what we do:
 * - Empty register list: as ARM7TDMI (ARMv4T) does — transfer r15 alone, with addresses and write-back as
 *   for 16 registers (Rn ± 0x40).
 * - STM with Rn in the list and write-back: the original Rn is stored if Rn is the first register
 *   transferred, else the written-back value (ARM7TDMI).
 * - LDM with Rn in the list and write-back: the loaded value wins.
 * - User-bank ^ forms (no r15 for LDM) with W = 1: no write-back.
 *
 * Loads read every word before writing any register, so a data abort leaves all registers unchanged
 * (ARM920T base-restored abort model). Stores write the base back only after the last word.
 */

const P_BIT = 1 << 24;
const U_BIT = 1 << 23;
const W_BIT = 1 << 21;

/** Words loaded by the current LDM, indexed by register (reused: no allocation per instruction). */
const loaded = new Uint32Array(16);

function popcount16(list: number): number {
  let v = list - ((list >>> 1) & 0x5555);
  v = (v & 0x3333) + ((v >>> 2) & 0x3333);
  v = (v + (v >>> 4)) & 0x0f0f;
  return (v + (v >>> 8)) & 0x1f;
}

/** Lowest address transferred for `slots` words. */
function lowestAddress(instr: number, base: number, slots: number): number {
  if ((instr & U_BIT) !== 0) return ((instr & P_BIT) !== 0 ? base + 4 : base) >>> 0;
  return ((instr & P_BIT) !== 0 ? base - 4 * slots : base - 4 * slots + 4) >>> 0;
}

function writebackValue(instr: number, base: number, slots: number): number {
  return ((instr & U_BIT) !== 0 ? base + 4 * slots : base - 4 * slots) >>> 0;
}

/** LDM/STM of n registers: n cycles, at least 2. */
function chargeTransfer(cpu: Cpu, registers: number): void {
  cpu.extraCycles += Math.max(registers, PIPELINE.blockTransferMinimum) - 1;
}

/** Reads the words for `list` (ascending registers from `address`) into `loaded`. */
function readWords(cpu: Cpu, list: number, address: number): void {
  for (let m = list; m !== 0; m &= m - 1) {
    loaded[31 - Math.clz32(m & -m)] = loadWordAligned(cpu, address);
    address = (address + 4) >>> 0;
  }
}

/** Register list, or r15 alone for the empty list; `slots` words of address space either way. */
function effectiveList(instr: number): number {
  const list = instr & 0xffff;
  return list === 0 ? 0x8000 : list;
}
function slotsOf(instr: number): number {
  const list = instr & 0xffff;
  return list === 0 ? 16 : popcount16(list);
}

/** Highest register below r15 in the list, for the load-use interlock (-1 if none). */
function lastLoadedRegister(list: number): number {
  const low = list & 0x7fff;
  return low === 0 ? -1 : 31 - Math.clz32(low);
}

export function LDM(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 16) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
  const list = effectiveList(instr);
  const slots = slotsOf(instr);
  const base = cpu.r[rn];
  readWords(cpu, list, lowestAddress(instr, base, slots));
  if ((instr & W_BIT) !== 0) cpu.writeReg(rn, writebackValue(instr, base, slots));
  for (let m = list & 0x7fff; m !== 0; m &= m - 1) {
    const i = 31 - Math.clz32(m & -m);
    cpu.r[i] = loaded[i];
  }
  chargeTransfer(cpu, popcount16(list));
  if ((list & 0x8000) !== 0) {
    writeLoadedPc(cpu, loaded[15]);
    cpu.extraCycles += PIPELINE.loadMultiplePc;
  } else {
    noteLoad(cpu, lastLoadedRegister(list), PIPELINE.loadUseInterlock);
  }
}

/** LDM ^ without r15: loads User-mode registers; no write-back. */
export function LDM_user(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 16) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
  const list = effectiveList(instr);
  const slots = slotsOf(instr);
  readWords(cpu, list, lowestAddress(instr, cpu.r[rn], slots));
  for (let m = list; m !== 0; m &= m - 1) {
    const i = 31 - Math.clz32(m & -m);
    cpu.writeBanked(i, Mode.USR, loaded[i]);
  }
  chargeTransfer(cpu, popcount16(list));
}

/** LDM ^ with r15: loads current-mode registers, then CPSR ← SPSR and branches (exception return). */
export function LDM_exception_return(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 16) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
  const list = instr & 0xffff;
  const slots = popcount16(list);
  const base = cpu.r[rn];
  readWords(cpu, list, lowestAddress(instr, base, slots));
  if ((instr & W_BIT) !== 0) cpu.writeReg(rn, writebackValue(instr, base, slots));
  for (let m = list & 0x7fff; m !== 0; m &= m - 1) {
    const i = 31 - Math.clz32(m & -m);
    cpu.r[i] = loaded[i];
  }
  cpu.restoreCpsrFromSpsr();
  cpu.branchTo(loaded[15]);
  chargeTransfer(cpu, slots);
  cpu.extraCycles += PIPELINE.loadMultiplePc;
}

export function STM(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 16) & 15;
  const list = effectiveList(instr);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, list | (1 << rn));
  const slots = slotsOf(instr);
  const base = cpu.r[rn];
  const newBase = writebackValue(instr, base, slots);
  const writeBack = (instr & W_BIT) !== 0;
  let address = lowestAddress(instr, base, slots);
  for (let m = list; m !== 0; m &= m - 1) {
    const i = 31 - Math.clz32(m & -m);
    let value: number;
    if (i === 15) value = storedPcValue(cpu);
    else if (i === rn && writeBack && m !== list) value = newBase;
    else value = cpu.r[i];
    storeWordAligned(cpu, address, value);
    address = (address + 4) >>> 0;
  }
  if (writeBack) cpu.writeReg(rn, newBase);
  chargeTransfer(cpu, popcount16(list));
}

/** STM ^: stores User-mode registers; no write-back. */
export function STM_user(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 16) & 15;
  const list = effectiveList(instr);
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, list | (1 << rn));
  const slots = slotsOf(instr);
  let address = lowestAddress(instr, cpu.r[rn], slots);
  for (let m = list; m !== 0; m &= m - 1) {
    const i = 31 - Math.clz32(m & -m);
    storeWordAligned(cpu, address, i === 15 ? storedPcValue(cpu) : cpu.readBanked(i, Mode.USR));
    address = (address + 4) >>> 0;
  }
  chargeTransfer(cpu, popcount16(list));
}
