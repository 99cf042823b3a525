/**
 * GNU objdump formatters (binutils 2.40, `-m armv6kz`) for the ARMv5T–ARMv6K/Z additions to the ARM
 * instruction set, in the same style as arm-format.ts (a single space after the mnemonic, `0x…` targets).
 * Known, deliberate difference: SSAT/USAT with `asr #32` print that (objdump prints the unassemblable
 * `asr #0`).
 */
import {
  conditionOf,
  formatCdp,
  formatCoprocessorLoadStore,
  formatCoprocessorRegisterTransfer,
  hex,
  registerName,
  valueComment,
} from './arm-format.js';

const r = registerName;
const rd = (instr: number): string => r((instr >>> 12) & 15);
const rn16 = (instr: number): string => r((instr >>> 16) & 15);
const rm = (instr: number): string => r(instr & 15);
const rs = (instr: number): string => r((instr >>> 8) & 15);

// ---- ARMv5 -------------------------------------------------------------------------------------------

export function formatClz(instr: number): string {
  return `clz${conditionOf(instr)} ${rd(instr)}, ${rm(instr)}`;
}

export function formatBlxRegister(instr: number): string {
  return `blx${conditionOf(instr)} ${rm(instr)}`;
}

export function formatBxj(instr: number): string {
  return `bxj${conditionOf(instr)} ${rm(instr)}`;
}

export function formatBlxImmediate(instr: number, address: number): string {
  return `blx ${hex(address + 8 + ((instr << 8) >> 6) + ((instr >>> 23) & 2))}`;
}

export function formatBkpt(instr: number): string {
  const imm16 = ((instr >>> 4) & 0xfff0) | (instr & 0xf);
  return `bkpt${conditionOf(instr)} 0x${imm16.toString(16).padStart(4, '0')}`;
}

export function formatSmc(instr: number): string {
  return `smc${conditionOf(instr)} ${instr & 15}`;
}

const SHIFT_NAMES = ['lsl', 'lsr', 'asr', 'ror'] as const;

/** PLD [Rn, #±imm12] or [Rn, ±Rm{, shift}]; a PC base gets the target address as its comment. */
export function formatPld(instr: number, address: number): string {
  const base = rn16(instr);
  const sign = (instr & (1 << 23)) !== 0 ? '' : '-';
  if ((instr & (1 << 25)) === 0) {
    const offset = instr & 0xfff;
    const signed = sign ? -offset : offset;
    const comment = ((instr >>> 16) & 15) === 15 ? ` @ ${hex(address + 8 + signed)}` : valueComment(signed);
    return `pld [${base}, #${sign}${offset}]${comment}`;
  }
  const type = (instr >>> 5) & 3;
  const amount = (instr >>> 7) & 31;
  let shift = '';
  if (amount !== 0 || type !== 0) shift = type === 3 && amount === 0 ? ', rrx' : `, ${SHIFT_NAMES[type]} #${amount === 0 ? 32 : amount}`;
  return `pld [${base}, ${sign}${rm(instr)}${shift}]`;
}

export function formatMcrr(instr: number): string {
  const name = (instr & (1 << 20)) !== 0 ? 'mrrc' : 'mcrr';
  const two = instr >>> 28 === 0xf ? '2' : '';
  return `${name}${two}${conditionOf(instr)} ${(instr >>> 8) & 15}, ${(instr >>> 4) & 15}, ${rd(instr)}, ${rn16(instr)}, cr${instr & 15}`;
}

/** QADD/QSUB/QDADD/QDSUB Rd, Rm, Rn (op in bits [22:21]). */
export function formatSaturatingArithmetic(instr: number): string {
  const name = ['qadd', 'qsub', 'qdadd', 'qdsub'][(instr >>> 21) & 3];
  return `${name}${conditionOf(instr)} ${rd(instr)}, ${rm(instr)}, ${rn16(instr)}`;
}

/** SMLA<x><y>, SMLAW<y>, SMULW<y>, SMLAL<x><y>, SMUL<x><y> (op in bits [22:21]). */
export function formatMultiply16(instr: number): string {
  const c = conditionOf(instr);
  const x = (instr & 0x20) !== 0 ? 't' : 'b';
  const y = (instr & 0x40) !== 0 ? 't' : 'b';
  const d = rn16(instr);
  const a = rd(instr);
  switch ((instr >>> 21) & 3) {
    case 0:
      return `smla${x}${y}${c} ${d}, ${rm(instr)}, ${rs(instr)}, ${a}`;
    case 1:
      if ((instr & 0x20) !== 0) return `smulw${y}${c} ${d}, ${rm(instr)}, ${rs(instr)}`;
      return `smlaw${y}${c} ${d}, ${rm(instr)}, ${rs(instr)}, ${a}`;
    case 2:
      return `smlal${x}${y}${c} ${a}, ${d}, ${rm(instr)}, ${rs(instr)}`;
    default:
      return `smul${x}${y}${c} ${d}, ${rm(instr)}, ${rs(instr)}`;
  }
}

// ---- coprocessor *2 forms: as the conditional ones with a '2' ---------------------------------------

export function formatCdp2(instr: number): string {
  return formatCdp(instr).replace(/^cdp/, 'cdp2');
}

export function formatCoprocessorRegisterTransfer2(instr: number): string {
  // objdump names r15 `pc` in MRC2 (`APSR_nzcv` only in MRC).
  return formatCoprocessorRegisterTransfer(instr).replace(/^(mcr|mrc)/, '$12').replace('APSR_nzcv', 'pc');
}

export function formatCoprocessorLoadStore2(instr: number, address: number): string {
  return formatCoprocessorLoadStore(instr, address).replace(/^(ldc|stc)/, '$12');
}

// ---- ARMv6 exclusives -----------------------------------------------------------------------------------

const EXCLUSIVE_SUFFIX = ['', 'd', 'b', 'h'] as const;

/**
 * LDREX{B,H,D} Rd, [Rn]: objdump shows only the first register of a pair, and names LDREX's Rd by number
 * (`r10`, not `sl`).
 */
export function formatLoadExclusive(instr: number): string {
  const size = (instr >>> 21) & 3;
  const target = size === 0 ? `r${(instr >>> 12) & 15}` : rd(instr);
  return `ldrex${EXCLUSIVE_SUFFIX[size]}${conditionOf(instr)} ${target}, [${rn16(instr)}]`;
}

/** STREX{B,H,D} Rd, Rm, [Rn]. */
export function formatStoreExclusive(instr: number): string {
  return `strex${EXCLUSIVE_SUFFIX[(instr >>> 21) & 3]}${conditionOf(instr)} ${rd(instr)}, ${rm(instr)}, [${rn16(instr)}]`;
}

export function formatClrex(): string {
  return 'clrex';
}

// ---- ARMv6 system -----------------------------------------------------------------------------------------

/**
 * CPS as objdump shows it: `cpsie`/`cpsid` with the flags (and `,#mode` with M), else `cps #mode` (which also
 * covers the UNPREDICTABLE forms: imod = 0x with flags, M = 0 with a mode).
 */
export function formatCps(instr: number): string {
  const imod = (instr >>> 18) & 3;
  const changeMode = (instr & (1 << 17)) !== 0;
  const mode = instr & 0x1f;
  const flags = `${instr & 0x100 ? 'a' : ''}${instr & 0x80 ? 'i' : ''}${instr & 0x40 ? 'f' : ''}`;
  if (imod >= 2 && (changeMode || mode === 0)) {
    const operands = `${flags}${changeMode ? `,#${mode}` : ''}`;
    return `cps${imod === 2 ? 'ie' : 'id'}${operands ? ` ${operands}` : ''}`;
  }
  return `cps #${mode}`;
}

export function formatSetend(instr: number): string {
  return `setend ${(instr & (1 << 9)) !== 0 ? 'be' : 'le'}`;
}

const TRANSFER_MODES = ['da', 'ia', 'db', 'ib'] as const;

export function formatSrs(instr: number): string {
  return `srs${TRANSFER_MODES[(instr >>> 23) & 3]} sp${(instr & (1 << 21)) !== 0 ? '!' : ''}, #${instr & 0x1f}`;
}

export function formatRfe(instr: number): string {
  return `rfe${TRANSFER_MODES[(instr >>> 23) & 3]} ${rn16(instr)}${(instr & (1 << 21)) !== 0 ? '!' : ''}`;
}

const HINT_NAMES = ['nop', 'yield', 'wfe', 'wfi', 'sev'] as const;

/** The ARMv6K hints: objdump prints the plain NOP as `nop {0}`. */
export function formatHint(instr: number): string {
  const hint = instr & 0xff;
  if (hint === 0) return `nop${conditionOf(instr)} {0}`;
  return `${HINT_NAMES[hint]}${conditionOf(instr)}`;
}

// ---- ARMv6 media ---------------------------------------------------------------------------------------------

const PARALLEL_PREFIX = ['', 's', 'q', 'sh', '', 'u', 'uq', 'uh'] as const;
const PARALLEL_OP = ['add16', 'asx', 'sax', 'sub16', 'add8', '', '', 'sub8'] as const;

/** Parallel add/subtract: prefix [22:20], operation [7:5]; `op Rd, Rn, Rm`. */
export function formatParallel(instr: number): string {
  const name = `${PARALLEL_PREFIX[(instr >>> 20) & 7]}${PARALLEL_OP[(instr >>> 5) & 7]}`;
  return `${name}${conditionOf(instr)} ${rd(instr)}, ${rn16(instr)}, ${rm(instr)}`;
}

export function formatSel(instr: number): string {
  return `sel${conditionOf(instr)} ${rd(instr)}, ${rn16(instr)}, ${rm(instr)}`;
}

const EXTEND_NAMES: Record<number, string> = { 0: 'sxtb16', 2: 'sxtb', 3: 'sxth', 4: 'uxtb16', 6: 'uxtb', 7: 'uxth' };

/** SXTB, UXTH and the other extends (Rn = 1111), and their accumulate forms SXTAB…: op [22:20], rotation [11:10]. */
export function formatExtend(instr: number): string {
  const base = EXTEND_NAMES[(instr >>> 20) & 7];
  const rotation = (instr >>> 7) & 0x18;
  // objdump spells UXTAB16's `ror #24` in capitals.
  const upper = rotation === 24 && ((instr >>> 20) & 7) === 4 && ((instr >>> 16) & 15) !== 15;
  const ror = rotation === 0 ? '' : `, ${upper ? 'ROR' : 'ror'} #${rotation}`;
  const c = conditionOf(instr);
  if (((instr >>> 16) & 15) === 15) return `${base}${c} ${rd(instr)}, ${rm(instr)}${ror}`;
  return `${base.slice(0, 3)}a${base.slice(3)}${c} ${rd(instr)}, ${rn16(instr)}, ${rm(instr)}${ror}`;
}

export function formatPack(instr: number): string {
  const amount = (instr >>> 7) & 31;
  const c = conditionOf(instr);
  if ((instr & 0x40) === 0) return `pkhbt${c} ${rd(instr)}, ${rn16(instr)}, ${rm(instr)}${amount !== 0 ? `, lsl #${amount}` : ''}`;
  return `pkhtb${c} ${rd(instr)}, ${rn16(instr)}, ${rm(instr)}, asr #${amount === 0 ? 32 : amount}`;
}

/** SSAT/USAT Rd, #sat, Rn{, lsl #n | asr #n}. */
export function formatSaturate(instr: number): string {
  const unsigned = (instr & (1 << 22)) !== 0;
  const sat = ((instr >>> 16) & 31) + (unsigned ? 0 : 1);
  const amount = (instr >>> 7) & 31;
  let shift = '';
  if ((instr & 0x40) !== 0) shift = `, asr #${amount === 0 ? 32 : amount}`;
  else if (amount !== 0) shift = `, lsl #${amount}`;
  return `${unsigned ? 'usat' : 'ssat'}${conditionOf(instr)} ${rd(instr)}, #${sat}, ${rm(instr)}${shift}`;
}

export function formatSaturate16(instr: number): string {
  const unsigned = (instr & (1 << 22)) !== 0;
  const sat = ((instr >>> 16) & 15) + (unsigned ? 0 : 1);
  return `${unsigned ? 'usat16' : 'ssat16'}${conditionOf(instr)} ${rd(instr)}, #${sat}, ${rm(instr)}`;
}

/** REV (bit 22 = 0, bit 7 = 0), REV16 (bit 22 = 0, bit 7 = 1), REVSH (bit 22 = 1). */
export function formatReverse(instr: number): string {
  const name = (instr & (1 << 22)) !== 0 ? 'revsh' : (instr & 0x80) !== 0 ? 'rev16' : 'rev';
  return `${name}${conditionOf(instr)} ${rd(instr)}, ${rm(instr)}`;
}

/** USAD8 Rd, Rn, Rm / USADA8 Rd, Rn, Rm, Ra (Rd [19:16], Ra [15:12], Rm [11:8], Rn [3:0]). */
export function formatUsad(instr: number): string {
  const c = conditionOf(instr);
  const ra = (instr >>> 12) & 15;
  if (ra === 15) return `usad8${c} ${rn16(instr)}, ${rm(instr)}, ${rs(instr)}`;
  return `usada8${c} ${rn16(instr)}, ${rm(instr)}, ${rs(instr)}, ${r(ra)}`;
}

/** SMLAD/SMUAD/SMLSD/SMUSD (bit 6 = subtract, X bit 5). */
export function formatDualMultiply(instr: number): string {
  const c = conditionOf(instr);
  const x = (instr & 0x20) !== 0 ? 'x' : '';
  const subtract = (instr & 0x40) !== 0;
  const ra = (instr >>> 12) & 15;
  if (ra === 15) return `${subtract ? 'smusd' : 'smuad'}${x}${c} ${rn16(instr)}, ${rm(instr)}, ${rs(instr)}`;
  return `${subtract ? 'smlsd' : 'smlad'}${x}${c} ${rn16(instr)}, ${rm(instr)}, ${rs(instr)}, ${r(ra)}`;
}

/** SMLALD/SMLSLD RdLo, RdHi, Rn, Rm. */
export function formatDualMultiplyLong(instr: number): string {
  const x = (instr & 0x20) !== 0 ? 'x' : '';
  const name = (instr & 0x40) !== 0 ? 'smlsld' : 'smlald';
  return `${name}${x}${conditionOf(instr)} ${rd(instr)}, ${rn16(instr)}, ${rm(instr)}, ${rs(instr)}`;
}

/** SMMUL/SMMLA (bits [7:6] = 00), SMMLS (11); R is bit 5. */
export function formatMostSignificantMultiply(instr: number): string {
  const c = conditionOf(instr);
  const round = (instr & 0x20) !== 0 ? 'r' : '';
  const ra = (instr >>> 12) & 15;
  if ((instr & 0xc0) === 0xc0) return `smmls${round}${c} ${rn16(instr)}, ${rm(instr)}, ${rs(instr)}, ${r(ra)}`;
  if (ra === 15) return `smmul${round}${c} ${rn16(instr)}, ${rm(instr)}, ${rs(instr)}`;
  return `smmla${round}${c} ${rn16(instr)}, ${rm(instr)}, ${rs(instr)}, ${r(ra)}`;
}

export function formatUmaal(instr: number): string {
  return `umaal${conditionOf(instr)} ${rd(instr)}, ${rn16(instr)}, ${rm(instr)}, ${rs(instr)}`;
}
