import type { Cpu } from '../cpu/cpu.js';

/**
 * Data accesses as the ARM and Thumb executors make them, with the two ARMv6 twists the memory port does not
 * know about:
 * - CPSR.E (SETEND, `cpu.bigEndianData`): BE-8 data, so halfwords and words are byte-swapped between the
 *   little-endian memory and the registers; bytes and instruction fetches are unaffected.
 * - c1.U (`cpu.unalignedAccess`): LDR/STR/LDRH/STRH (and their Thumb forms) at an unaligned address make a
 *   true unaligned access through the port's `*Unaligned*` methods (or byte accesses when the port has none);
 *   with U = 0 they keep the ARMv4 behaviour (LDR rotates the aligned word, the rest use the aligned datum).
 * Everything that must stay aligned (LDM/STM, LDRD/STRD, SWP, LDREX/STREX, SRS/RFE, PUSH/POP) uses the
 * `*Aligned` helpers: the memory system raises the alignment fault (A = 1, or U = 1 on ARMv6) or aligns.
 */

export function byteSwap32(value: number): number {
  return ((value << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | (value >>> 24)) >>> 0;
}

export function byteSwap16(value: number): number {
  return ((value & 0xff) << 8) | ((value >>> 8) & 0xff);
}

/** ARMv4 unaligned LDR: the aligned word rotated right by 8 × address[1:0]. */
function rotated(word: number, address: number): number {
  const rotate = (address & 3) << 3;
  return rotate === 0 ? word >>> 0 : ((word >>> rotate) | (word << (32 - rotate))) >>> 0;
}

function readBytes32(cpu: Cpu, address: number): number {
  const m = cpu.memory;
  return (m.read8(address) | (m.read8((address + 1) >>> 0) << 8) | (m.read8((address + 2) >>> 0) << 16) | (m.read8((address + 3) >>> 0) << 24)) >>> 0;
}

// Each access has a small fast path (aligned, little-endian: what almost every access is) that V8 inlines
// into the handlers, and a slow path for the rest.

/** LDR/LDRT/Thumb LDR: a word from any address (see the module comment). */
export function loadWord(cpu: Cpu, address: number): number {
  if ((address & 3) === 0 && !cpu.bigEndianData) return cpu.memory.read32(address) >>> 0;
  return loadWordSlow(cpu, address);
}

function loadWordSlow(cpu: Cpu, address: number): number {
  const memory = cpu.memory;
  let value: number;
  if ((address & 3) === 0) value = memory.read32(address);
  else if (!cpu.unalignedAccess) value = rotated(memory.read32(address), address);
  else value = memory.readUnaligned32 !== undefined ? memory.readUnaligned32(address) : readBytes32(cpu, address);
  return cpu.bigEndianData ? byteSwap32(value) : value >>> 0;
}

/** STR/STRT/Thumb STR. */
export function storeWord(cpu: Cpu, address: number, value: number): void {
  if ((address & 3) === 0 && !cpu.bigEndianData) cpu.memory.write32(address, value);
  else storeWordSlow(cpu, address, value);
}

function storeWordSlow(cpu: Cpu, address: number, value: number): void {
  const memory = cpu.memory;
  if (cpu.bigEndianData) value = byteSwap32(value);
  if ((address & 3) === 0 || !cpu.unalignedAccess) memory.write32(address, value >>> 0);
  else if (memory.writeUnaligned32 !== undefined) memory.writeUnaligned32(address, value >>> 0);
  else for (let i = 0; i < 4; i++) memory.write8((address + i) >>> 0, (value >>> (8 * i)) & 0xff);
}

/** LDRH/LDRSH (zero-extended here; the caller sign-extends). */
export function loadHalfword(cpu: Cpu, address: number): number {
  if ((address & 1) === 0 && !cpu.bigEndianData) return cpu.memory.read16(address) & 0xffff;
  return loadHalfwordSlow(cpu, address);
}

function loadHalfwordSlow(cpu: Cpu, address: number): number {
  const memory = cpu.memory;
  let value: number;
  if ((address & 1) === 0 || !cpu.unalignedAccess) value = memory.read16(address) & 0xffff;
  else if (memory.readUnaligned16 !== undefined) value = memory.readUnaligned16(address) & 0xffff;
  else value = memory.read8(address) | (memory.read8((address + 1) >>> 0) << 8);
  return cpu.bigEndianData ? byteSwap16(value) : value;
}

export function storeHalfword(cpu: Cpu, address: number, value: number): void {
  if ((address & 1) === 0 && !cpu.bigEndianData) cpu.memory.write16(address, value & 0xffff);
  else storeHalfwordSlow(cpu, address, value);
}

function storeHalfwordSlow(cpu: Cpu, address: number, value: number): void {
  const memory = cpu.memory;
  value &= 0xffff;
  if (cpu.bigEndianData) value = byteSwap16(value);
  if ((address & 1) === 0 || !cpu.unalignedAccess) memory.write16(address, value);
  else if (memory.writeUnaligned16 !== undefined) memory.writeUnaligned16(address, value);
  else {
    memory.write8(address, value & 0xff);
    memory.write8((address + 1) >>> 0, value >>> 8);
  }
}

/** A word that must be aligned (LDM, LDRD, SWP, LDREX…): the datum the memory returns, endian-corrected. */
export function loadWordAligned(cpu: Cpu, address: number): number {
  const value = cpu.memory.read32(address);
  return cpu.bigEndianData ? byteSwap32(value) : value >>> 0;
}

export function storeWordAligned(cpu: Cpu, address: number, value: number): void {
  cpu.memory.write32(address, cpu.bigEndianData ? byteSwap32(value) : value >>> 0);
}

/** LDREXH/STREXH: halfwords that must be aligned. */
export function loadHalfwordAligned(cpu: Cpu, address: number): number {
  const value = cpu.memory.read16(address) & 0xffff;
  return cpu.bigEndianData ? byteSwap16(value) : value;
}

export function storeHalfwordAligned(cpu: Cpu, address: number, value: number): void {
  cpu.memory.write16(address, cpu.bigEndianData ? byteSwap16(value & 0xffff) : value & 0xffff);
}
