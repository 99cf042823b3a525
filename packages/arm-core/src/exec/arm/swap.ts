import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse, noteLoad } from './timing.js';
import { rotateUnaligned } from './addressing.js';
import { byteSwap32 } from '../data-access.js';

/**
 * SWP/SWPB (ARM ARM A4.1.108): load from [Rn], store Rm there, then Rd ← loaded value. An unaligned SWP
 * rotates the loaded word like LDR. Rd is written last, so an abort on either access leaves it unchanged.
 */

function readsSwap(instr: number): number {
  return (1 << ((instr >>> 16) & 15)) | (1 << (instr & 15));
}

export function SWP(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsSwap(instr));
  const address = cpu.r[(instr >>> 16) & 15];
  const stored = cpu.r[instr & 15];
  const big = cpu.bigEndianData;
  const word = rotateUnaligned(cpu.memory.read32(address), address);
  const value = big ? byteSwap32(word) : word;
  cpu.memory.write32(address, big ? byteSwap32(stored) : stored);
  const rd = (instr >>> 12) & 15;
  cpu.writeReg(rd, value);
  cpu.extraCycles += PIPELINE.swap;
  noteLoad(cpu, rd, PIPELINE.loadUseInterlock);
}

export function SWPB(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsSwap(instr));
  const address = cpu.r[(instr >>> 16) & 15];
  const stored = cpu.r[instr & 15] & 0xff;
  const value = cpu.memory.read8(address) & 0xff;
  cpu.memory.write8(address, stored);
  const rd = (instr >>> 12) & 15;
  cpu.writeReg(rd, value);
  cpu.extraCycles += PIPELINE.swap;
  noteLoad(cpu, rd, PIPELINE.subwordLoadUseInterlock);
}
