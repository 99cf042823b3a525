import type { Cpu } from '../../cpu/cpu.js';
import { shiftByImmediate } from './shifter.js';
import { PIPELINE, chargeLoadUse, noteLoad, storedPcValue } from './timing.js';
import { addressing, chargeLoadPc, transferAddress, writeLoadedPc, writesBack } from './addressing.js';
import { loadWord as readWord, storeWord as writeWord } from '../data-access.js';

/**
 * LDR/STR/LDRB/STRB and the user-mode (T) forms (ARM ARM A4.1.23ff, addressing mode 2): 12-bit immediate
 * or scaled-register offset, pre/post-indexed, write-back. The memory access happens before any register
 * is written, so a data abort leaves the registers as they were (the ARM920T's base-restored abort model).
 * A load with write-back and Rn = Rd leaves the loaded value in Rd. Words go through exec/data-access.ts
 * (ARMv6 big-endian data and c1.U unaligned accesses; ARMv4 rotation otherwise).
 */

function rdOf(instr: number): number {
  return (instr >>> 12) & 15;
}

function readsBase(instr: number): number {
  return 1 << ((instr >>> 16) & 15);
}
function readsBaseOffset(instr: number): number {
  return (1 << ((instr >>> 16) & 15)) | (1 << (instr & 15));
}
/** Stores also read Rd. */
function readsStoreImm(instr: number): number {
  return (1 << ((instr >>> 16) & 15)) | (1 << ((instr >>> 12) & 15));
}
function readsStoreReg(instr: number): number {
  return (1 << ((instr >>> 16) & 15)) | (1 << ((instr >>> 12) & 15)) | (1 << (instr & 15));
}

function finishLoad(cpu: Cpu, instr: number, value: number, penalty: number): void {
  if (writesBack(instr)) cpu.writeReg((instr >>> 16) & 15, addressing.writeback);
  const rd = rdOf(instr);
  if (rd === 15) {
    writeLoadedPc(cpu, value);
    chargeLoadPc(cpu);
  } else {
    cpu.r[rd] = value;
    noteLoad(cpu, rd, penalty);
  }
}

function loadWord(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  finishLoad(cpu, instr, readWord(cpu, address), PIPELINE.loadUseInterlock);
}

function loadByte(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  const value = cpu.memory.read8(address) & 0xff;
  finishLoad(cpu, instr, value, PIPELINE.subwordLoadUseInterlock);
}

function storeValue(cpu: Cpu, instr: number): number {
  const rd = rdOf(instr);
  return rd === 15 ? storedPcValue(cpu) : cpu.r[rd];
}

function storeWord(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  writeWord(cpu, address, storeValue(cpu, instr));
  if (writesBack(instr)) cpu.writeReg((instr >>> 16) & 15, addressing.writeback);
}

function storeByte(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  cpu.memory.write8(address, storeValue(cpu, instr) & 0xff);
  if (writesBack(instr)) cpu.writeReg((instr >>> 16) & 15, addressing.writeback);
}

// ---- user-mode (T) forms: always post-indexed; the access is checked as if from User mode ----

function loadWordUser(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  const memory = cpu.memory;
  const saved = memory.privileged;
  memory.privileged = false;
  let word: number;
  try {
    word = readWord(cpu, address);
  } finally {
    memory.privileged = saved;
  }
  finishLoad(cpu, instr, word, PIPELINE.loadUseInterlock);
}

function loadByteUser(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  const memory = cpu.memory;
  const saved = memory.privileged;
  memory.privileged = false;
  let value: number;
  try {
    value = memory.read8(address) & 0xff;
  } finally {
    memory.privileged = saved;
  }
  finishLoad(cpu, instr, value, PIPELINE.subwordLoadUseInterlock);
}

function storeWordUser(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  const memory = cpu.memory;
  const saved = memory.privileged;
  memory.privileged = false;
  try {
    writeWord(cpu, address, storeValue(cpu, instr));
  } finally {
    memory.privileged = saved;
  }
  cpu.writeReg((instr >>> 16) & 15, addressing.writeback);
}

function storeByteUser(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  const memory = cpu.memory;
  const saved = memory.privileged;
  memory.privileged = false;
  try {
    memory.write8(address, storeValue(cpu, instr) & 0xff);
  } finally {
    memory.privileged = saved;
  }
  cpu.writeReg((instr >>> 16) & 15, addressing.writeback);
}

// ---- handlers: _imm = 12-bit immediate offset, _reg = Rm shifted by an immediate ----

export function LDR_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsBase(instr));
  loadWord(cpu, instr, instr & 0xfff);
}
export function LDR_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsBaseOffset(instr));
  loadWord(cpu, instr, shiftByImmediate(cpu, instr));
}
export function LDRB_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsBase(instr));
  loadByte(cpu, instr, instr & 0xfff);
}
export function LDRB_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsBaseOffset(instr));
  loadByte(cpu, instr, shiftByImmediate(cpu, instr));
}
export function STR_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsStoreImm(instr));
  storeWord(cpu, instr, instr & 0xfff);
}
export function STR_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsStoreReg(instr));
  storeWord(cpu, instr, shiftByImmediate(cpu, instr));
}
export function STRB_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsStoreImm(instr));
  storeByte(cpu, instr, instr & 0xfff);
}
export function STRB_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsStoreReg(instr));
  storeByte(cpu, instr, shiftByImmediate(cpu, instr));
}
export function LDRT_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsBase(instr));
  loadWordUser(cpu, instr, instr & 0xfff);
}
export function LDRT_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsBaseOffset(instr));
  loadWordUser(cpu, instr, shiftByImmediate(cpu, instr));
}
export function LDRBT_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsBase(instr));
  loadByteUser(cpu, instr, instr & 0xfff);
}
export function LDRBT_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsBaseOffset(instr));
  loadByteUser(cpu, instr, shiftByImmediate(cpu, instr));
}
export function STRT_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsStoreImm(instr));
  storeWordUser(cpu, instr, instr & 0xfff);
}
export function STRT_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsStoreReg(instr));
  storeWordUser(cpu, instr, shiftByImmediate(cpu, instr));
}
export function STRBT_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsStoreImm(instr));
  storeByteUser(cpu, instr, instr & 0xfff);
}
export function STRBT_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsStoreReg(instr));
  storeByteUser(cpu, instr, shiftByImmediate(cpu, instr));
}
