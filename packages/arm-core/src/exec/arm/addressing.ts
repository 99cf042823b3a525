import type { Cpu } from '../../cpu/cpu.js';
import { archAtLeast } from '../../cpu/arch.js';
import { PIPELINE } from './timing.js';

/** Bits shared by single and halfword transfers. */
export const P_BIT = 1 << 24;
export const U_BIT = 1 << 23;
export const W_BIT = 1 << 21;

/**
 * Base-register value after the last `transferAddress` call (Rn ± offset). A module slot so address
 * computation returns two values without allocating.
 */
export const addressing = { writeback: 0 };

/**
 * Addressing modes 2 and 3: returns the address to access (Rn ± offset when pre-indexed, else Rn) and
 * leaves Rn ± offset in `addressing.writeback`. Rn = r15 reads as the instruction's address + 8.
 */
export function transferAddress(cpu: Cpu, instr: number, offset: number): number {
  const base = cpu.r[(instr >>> 16) & 15];
  const offsetAddress = ((instr & U_BIT) !== 0 ? base + offset : base - offset) >>> 0;
  addressing.writeback = offsetAddress;
  return (instr & P_BIT) !== 0 ? offsetAddress : base;
}

/** True when the base register is written back: always post-indexed, or pre-indexed with W. */
export function writesBack(instr: number): boolean {
  return (instr & P_BIT) === 0 || (instr & W_BIT) !== 0;
}

/** ARMv4 unaligned word load: memory returns the aligned word; rotate it right by 8 × address[1:0]. */
export function rotateUnaligned(word: number, address: number): number {
  const rotate = (address & 3) << 3;
  return rotate === 0 ? word >>> 0 : ((word >>> rotate) | (word << (32 - rotate))) >>> 0;
}

/** A load into r15: v4T ignores bit 0 (no interworking); v5T and later interwork like BX. */
export function writeLoadedPc(cpu: Cpu, value: number): void {
  if (archAtLeast(cpu.arch, 'v5T')) cpu.branchExchange(value);
  else cpu.branchTo(value);
}

/** Cycle charge for a load into r15 (LDR pc: 5 cycles in all). */
export function chargeLoadPc(cpu: Cpu): void {
  cpu.extraCycles += PIPELINE.loadPc;
}
