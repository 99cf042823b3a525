import type { Cpu } from '../../cpu/cpu.js';
import { PIPELINE, chargeLoadUse, noteLoad } from './timing.js';
import { undefinedArm } from './branch.js';
import { loadHalfwordAligned, loadWordAligned, storeHalfwordAligned, storeWordAligned } from '../data-access.js';

/**
 * LDREX/STREX (ARMv6) and the ARMv6K byte, halfword and doubleword forms plus CLREX, with the core's local
 * exclusive monitor `cpu.exclusiveAddress` (-1 = Open Access). LDREX* tags the address; STREX* succeeds
 * (Rd = 0) only when the monitor holds the same address, and always leaves the monitor open. CLREX and
 * exception entry (Cpu.takeException) open it too. A failing STREX makes no memory access.
 * An address not aligned to the access size (8 for the doubleword forms) is an alignment fault whatever
 * c1.A/U say, raised through the port's `alignmentFault` (checked before the monitor, so a failing STREX
 * faults too); a port without it leaves the access to its own alignment rules.
 * Fields: Rn [19:16], Rd [15:12], Rm [3:0]; the doubleword forms need an even Rd/Rm (not r14), else UNDEFINED.
 */

const MONITOR_OPEN = -1;

function checkAlignment(cpu: Cpu, address: number, size: number, write: boolean): void {
  const memory = cpu.memory;
  if ((address & (size - 1)) !== 0 && memory.alignmentFault !== undefined) memory.alignmentFault(address, write);
}

function loadExclusive(cpu: Cpu, instr: number, size: 1 | 2 | 4 | 8): void {
  const rn = (instr >>> 16) & 15;
  const rd = (instr >>> 12) & 15;
  if (size === 8 && ((rd & 1) !== 0 || rd === 14)) {
    undefinedArm(cpu, instr);
    return;
  }
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
  const address = cpu.r[rn];
  checkAlignment(cpu, address, size, false);
  let value: number;
  if (size === 4) value = loadWordAligned(cpu, address);
  else if (size === 2) value = loadHalfwordAligned(cpu, address);
  else if (size === 1) value = cpu.memory.read8(address) & 0xff;
  else {
    value = loadWordAligned(cpu, address);
    cpu.r[rd + 1] = loadWordAligned(cpu, (address + 4) >>> 0);
  }
  cpu.exclusiveAddress = address;
  cpu.writeReg(rd, value);
  noteLoad(cpu, size === 8 ? rd + 1 : rd, size === 4 || size === 8 ? PIPELINE.loadUseInterlock : PIPELINE.subwordLoadUseInterlock);
}

function storeExclusive(cpu: Cpu, instr: number, size: 1 | 2 | 4 | 8): void {
  const rn = (instr >>> 16) & 15;
  const rd = (instr >>> 12) & 15;
  const rm = instr & 15;
  if (size === 8 && ((rm & 1) !== 0 || rm === 14)) {
    undefinedArm(cpu, instr);
    return;
  }
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, (1 << rn) | (1 << rm) | (size === 8 ? 1 << (rm + 1) : 0));
  const address = cpu.r[rn];
  checkAlignment(cpu, address, size, true);
  if (cpu.exclusiveAddress !== address) {
    cpu.exclusiveAddress = MONITOR_OPEN;
    cpu.writeReg(rd, 1);
    return;
  }
  const value = cpu.r[rm];
  if (size === 4) storeWordAligned(cpu, address, value);
  else if (size === 2) storeHalfwordAligned(cpu, address, value);
  else if (size === 1) cpu.memory.write8(address, value & 0xff);
  else {
    storeWordAligned(cpu, address, value);
    storeWordAligned(cpu, (address + 4) >>> 0, cpu.r[rm + 1]);
  }
  cpu.exclusiveAddress = MONITOR_OPEN;
  cpu.writeReg(rd, 0);
}

export function LDREX(cpu: Cpu, instr: number): void {
  loadExclusive(cpu, instr, 4);
}
export function LDREXB(cpu: Cpu, instr: number): void {
  loadExclusive(cpu, instr, 1);
}
export function LDREXH(cpu: Cpu, instr: number): void {
  loadExclusive(cpu, instr, 2);
}
export function LDREXD(cpu: Cpu, instr: number): void {
  loadExclusive(cpu, instr, 8);
}
export function STREX(cpu: Cpu, instr: number): void {
  storeExclusive(cpu, instr, 4);
}
export function STREXB(cpu: Cpu, instr: number): void {
  storeExclusive(cpu, instr, 1);
}
export function STREXH(cpu: Cpu, instr: number): void {
  storeExclusive(cpu, instr, 2);
}
export function STREXD(cpu: Cpu, instr: number): void {
  storeExclusive(cpu, instr, 8);
}

/** CLREX (ARMv6K): back to Open Access. */
export function CLREX(cpu: Cpu): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.exclusiveAddress = MONITOR_OPEN;
}
