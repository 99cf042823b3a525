import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse, noteLoad, storedPcValue } from './timing.js';
import { addressing, chargeLoadPc, transferAddress, writeLoadedPc, writesBack } from './addressing.js';
import { loadHalfword as readHalfword, storeHalfword as writeHalfword } from '../data-access.js';

/**
 * LDRH/STRH/LDRSB/LDRSH (ARM ARM addressing mode 3): split 8-bit immediate or register offset, pre/post
 * indexed, write-back. An unaligned halfword address is UNPREDICTABLE on ARMv4: we load the aligned
 * halfword the memory system returns, without rotation (ARMv6 with c1.U: a true unaligned access; CPSR.E:
 * big-endian data — see exec/data-access.ts). P = 0 with W = 1 is UNPREDICTABLE: treated as
 * post-indexed. As for LDR, memory is accessed before any register is written.
 */

function immediateOffset(instr: number): number {
  return ((instr >>> 4) & 0xf0) | (instr & 0xf);
}
function registerOffset(cpu: Cpu, instr: number): number {
  return cpu.r[instr & 15];
}

function readsImm(instr: number): number {
  return 1 << ((instr >>> 16) & 15);
}
function readsReg(instr: number): number {
  return (1 << ((instr >>> 16) & 15)) | (1 << (instr & 15));
}

function finishLoad(cpu: Cpu, instr: number, value: number): void {
  if (writesBack(instr)) cpu.writeReg((instr >>> 16) & 15, addressing.writeback);
  const rd = (instr >>> 12) & 15;
  if (rd === 15) {
    writeLoadedPc(cpu, value);
    chargeLoadPc(cpu);
  } else {
    cpu.r[rd] = value;
    noteLoad(cpu, rd, PIPELINE.subwordLoadUseInterlock);
  }
}

function loadHalfword(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  finishLoad(cpu, instr, readHalfword(cpu, address));
}

function loadSignedByte(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  finishLoad(cpu, instr, ((cpu.memory.read8(address) << 24) >> 24) >>> 0);
}

function loadSignedHalfword(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  finishLoad(cpu, instr, ((readHalfword(cpu, address) << 16) >> 16) >>> 0);
}

function storeHalfword(cpu: Cpu, instr: number, offset: number): void {
  const address = transferAddress(cpu, instr, offset);
  const rd = (instr >>> 12) & 15;
  writeHalfword(cpu, address, rd === 15 ? storedPcValue(cpu) : cpu.r[rd]);
  if (writesBack(instr)) cpu.writeReg((instr >>> 16) & 15, addressing.writeback);
}

export function LDRH_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsImm(instr));
  loadHalfword(cpu, instr, immediateOffset(instr));
}
export function LDRH_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsReg(instr));
  loadHalfword(cpu, instr, registerOffset(cpu, instr));
}
export function LDRSB_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsImm(instr));
  loadSignedByte(cpu, instr, immediateOffset(instr));
}
export function LDRSB_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsReg(instr));
  loadSignedByte(cpu, instr, registerOffset(cpu, instr));
}
export function LDRSH_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsImm(instr));
  loadSignedHalfword(cpu, instr, immediateOffset(instr));
}
export function LDRSH_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsReg(instr));
  loadSignedHalfword(cpu, instr, registerOffset(cpu, instr));
}
export function STRH_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsImm(instr) | (1 << ((instr >>> 12) & 15)));
  storeHalfword(cpu, instr, immediateOffset(instr));
}
export function STRH_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsReg(instr) | (1 << ((instr >>> 12) & 15)));
  storeHalfword(cpu, instr, registerOffset(cpu, instr));
}
