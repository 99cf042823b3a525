import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse, noteLoad, storedPcValue } from './timing.js';
import { addressing, transferAddress, writesBack } from './addressing.js';
import { undefinedArm } from './branch.js';
import { loadWordAligned, storeWordAligned } from '../data-access.js';

/**
 * LDRD/STRD (ARMv5TE, ARM ARM A4.1.26/A4.1.102, addressing mode 3): Rd and Rd+1 from/to [address] and
 * [address + 4]. An odd Rd is UNDEFINED (as QEMU and later ARM ARMs make it); Rd = r14 (r15 as the second
 * register) is UNPREDICTABLE and writes PC as a plain branch. Each word is an aligned access: with c1.U = 1
 * (or A = 1) the memory system faults a word-unaligned address; the ARMv6 legacy (U = 0, A = 1) doubleword
 * alignment check is not modelled. Both words are read (or checked) before any register changes, so an abort
 * leaves the registers as they were.
 */

function offsetOf(cpu: Cpu, instr: number): number {
  return (instr & (1 << 22)) !== 0 ? ((instr >>> 4) & 0xf0) | (instr & 0xf) : cpu.r[instr & 15];
}

function readsOf(instr: number, store: boolean): number {
  const rd = (instr >>> 12) & 15;
  let mask = 1 << ((instr >>> 16) & 15);
  if ((instr & (1 << 22)) === 0) mask |= 1 << (instr & 15);
  if (store) mask |= (1 << rd) | (1 << ((rd + 1) & 15));
  return mask;
}

function dual(cpu: Cpu, instr: number, store: boolean): void {
  const rd = (instr >>> 12) & 15;
  if ((rd & 1) !== 0) {
    undefinedArm(cpu, instr);
    return;
  }
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsOf(instr, store));
  const address = transferAddress(cpu, instr, offsetOf(cpu, instr));
  const second = (address + 4) >>> 0;
  if (store) {
    storeWordAligned(cpu, address, cpu.r[rd]);
    storeWordAligned(cpu, second, rd === 14 ? storedPcValue(cpu) : cpu.r[rd + 1]);
    if (writesBack(instr)) cpu.writeReg((instr >>> 16) & 15, addressing.writeback);
  } else {
    const low = loadWordAligned(cpu, address);
    const high = loadWordAligned(cpu, second);
    if (writesBack(instr)) cpu.writeReg((instr >>> 16) & 15, addressing.writeback);
    cpu.r[rd] = low;
    cpu.writeReg(rd + 1, high);
    noteLoad(cpu, rd + 1, PIPELINE.loadUseInterlock);
  }
  // Two data cycles.
  cpu.extraCycles += 1;
}

export function LDRD(cpu: Cpu, instr: number): void {
  dual(cpu, instr, false);
}

export function STRD(cpu: Cpu, instr: number): void {
  dual(cpu, instr, true);
}
