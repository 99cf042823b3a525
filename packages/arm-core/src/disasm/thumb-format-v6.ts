/*
 * Thumb formatters for the ARMv5T/ARMv6 additions, in objdump's unified syntax (see thumb-format.ts).
 */
import { REGISTER_NAMES, hex } from './thumb-format.js';

const lo = (instr: number, shift: number): string => REGISTER_NAMES[(instr >>> shift) & 7];

export function fmtBlxReg(instr: number): string {
  return `blx\t${REGISTER_NAMES[(instr >>> 3) & 15]}`;
}

/** A lone BLX second half (objdump shows BLX only as a pair; see disassembleThumb's `next`). */
export function fmtBlxSuffix(instr: number): string {
  return `.inst.n\t${hex(instr & 0xffff)}\t@ blx suffix: pc = (lr + ${hex((instr & 0x7ff) << 1)}) & ~3, ARM state`;
}

export function fmtBkpt(instr: number): string {
  return `bkpt\t0x${(instr & 0xff).toString(16).padStart(4, '0')}`;
}

export function fmtCps(instr: number): string {
  const flags = `${instr & 4 ? 'a' : ''}${instr & 2 ? 'i' : ''}${instr & 1 ? 'f' : ''}`;
  const name = `cps${(instr & 0x10) !== 0 ? 'id' : 'ie'}`;
  // No flags is UNPREDICTABLE; objdump prints the bare mnemonic.
  return flags ? `${name}\t${flags}` : name;
}

export function fmtSetend(instr: number): string {
  return `setend\t${(instr & 8) !== 0 ? 'be' : 'le'}`;
}

/** REV, SXTH… : `op Rd, Rm`. */
export const fmtRegisterPair = (mnemonic: string) => (instr: number): string => `${mnemonic}\t${lo(instr, 0)}, ${lo(instr, 3)}`;
