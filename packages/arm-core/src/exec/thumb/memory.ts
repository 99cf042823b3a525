import type { Cpu } from '../../cpu/cpu.js';
import { LOAD_USE_CYCLES, SUBWORD_LOAD_USE_CYCLES, chargeLoadUse, noteLoad } from './timing.js';
import { loadHalfword, loadWord, loadWordAligned, storeHalfword, storeWord } from '../data-access.js';

/*
 * Thumb single loads and stores (ARMv4T formats 6–11). Accesses go through `cpu.memory`; a fault throws
 * MemoryFault out of the handler before any register is written, and the core takes the abort.
 * Word reads return the aligned word and ARMv4 rotates it by the address's low bits; stores ignore
 * them (the memory system aligns). Unaligned halfword loads return the aligned halfword (UNPREDICTABLE).
 * ARMv6 big-endian data (CPSR.E) and c1.U unaligned accesses are handled in exec/data-access.ts.
 */

/** Load-use penalty: a rotated (unaligned) word goes through the byte rotator like a byte load. */
function wordPenalty(address: number): number {
  return (address & 3) === 0 ? LOAD_USE_CYCLES : SUBWORD_LOAD_USE_CYCLES;
}

// ---- format 6: LDR Rd, [PC, #imm8*4] -------------------------------------------------------------------

export function thumbLdrPc(cpu: Cpu, instr: number): void {
  const rd = (instr >>> 8) & 7;
  const address = ((cpu.r[15] & ~3) + ((instr & 0xff) << 2)) >>> 0;
  cpu.r[rd] = loadWordAligned(cpu, address);
  noteLoad(cpu, rd, LOAD_USE_CYCLES);
}

// ---- formats 7, 8: [Rn, Rm] ------------------------------------------------------------------------------

export function thumbStrReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << rn) | (1 << rm));
  storeWord(cpu, (cpu.r[rn] + cpu.r[rm]) >>> 0, cpu.r[rd]);
}

export function thumbStrbReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << rn) | (1 << rm));
  cpu.memory.write8((cpu.r[rn] + cpu.r[rm]) >>> 0, cpu.r[rd] & 0xff);
}

export function thumbStrhReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << rn) | (1 << rm));
  storeHalfword(cpu, (cpu.r[rn] + cpu.r[rm]) >>> 0, cpu.r[rd]);
}

export function thumbLdrReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  const address = (cpu.r[rn] + cpu.r[rm]) >>> 0;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
  cpu.r[rd] = loadWord(cpu, address);
  noteLoad(cpu, rd, wordPenalty(address));
}

export function thumbLdrbReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
  cpu.r[rd] = cpu.memory.read8((cpu.r[rn] + cpu.r[rm]) >>> 0);
  noteLoad(cpu, rd, SUBWORD_LOAD_USE_CYCLES);
}

export function thumbLdrhReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
  cpu.r[rd] = loadHalfword(cpu, (cpu.r[rn] + cpu.r[rm]) >>> 0);
  noteLoad(cpu, rd, SUBWORD_LOAD_USE_CYCLES);
}

export function thumbLdrsbReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
  cpu.r[rd] = (cpu.memory.read8((cpu.r[rn] + cpu.r[rm]) >>> 0) << 24) >> 24;
  noteLoad(cpu, rd, SUBWORD_LOAD_USE_CYCLES);
}

export function thumbLdrshReg(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7, rm = (instr >>> 6) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm));
  cpu.r[rd] = (loadHalfword(cpu, (cpu.r[rn] + cpu.r[rm]) >>> 0) << 16) >> 16;
  noteLoad(cpu, rd, SUBWORD_LOAD_USE_CYCLES);
}

// ---- formats 9, 10: [Rn, #imm5 × size] --------------------------------------------------------------------

export function thumbStrImm(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << rn));
  storeWord(cpu, (cpu.r[rn] + ((instr >>> 4) & 0x7c)) >>> 0, cpu.r[rd]);
}

export function thumbLdrImm(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7;
  const address = (cpu.r[rn] + ((instr >>> 4) & 0x7c)) >>> 0;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
  cpu.r[rd] = loadWord(cpu, address);
  noteLoad(cpu, rd, wordPenalty(address));
}

export function thumbStrbImm(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << rn));
  cpu.memory.write8((cpu.r[rn] + ((instr >>> 6) & 31)) >>> 0, cpu.r[rd] & 0xff);
}

export function thumbLdrbImm(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
  cpu.r[rd] = cpu.memory.read8((cpu.r[rn] + ((instr >>> 6) & 31)) >>> 0);
  noteLoad(cpu, rd, SUBWORD_LOAD_USE_CYCLES);
}

export function thumbStrhImm(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << rn));
  storeHalfword(cpu, (cpu.r[rn] + ((instr >>> 5) & 0x3e)) >>> 0, cpu.r[rd]);
}

export function thumbLdrhImm(cpu: Cpu, instr: number): void {
  const rd = instr & 7, rn = (instr >>> 3) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
  cpu.r[rd] = loadHalfword(cpu, (cpu.r[rn] + ((instr >>> 5) & 0x3e)) >>> 0);
  noteLoad(cpu, rd, SUBWORD_LOAD_USE_CYCLES);
}

// ---- format 11: [SP, #imm8*4] ----------------------------------------------------------------------------

export function thumbStrSp(cpu: Cpu, instr: number): void {
  const rd = (instr >>> 8) & 7;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rd) | (1 << 13));
  storeWord(cpu, (cpu.r[13] + ((instr & 0xff) << 2)) >>> 0, cpu.r[rd]);
}

export function thumbLdrSp(cpu: Cpu, instr: number): void {
  const rd = (instr >>> 8) & 7;
  const address = (cpu.r[13] + ((instr & 0xff) << 2)) >>> 0;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << 13);
  cpu.r[rd] = loadWord(cpu, address);
  noteLoad(cpu, rd, wordPenalty(address));
}
