/*
 * Formatters for Thumb disassembly in GNU objdump's unified syntax (`arm-none-eabi-objdump -d -M force-thumb`):
 * mnemonic, a tab, operands; objdump's trailing `@ …` comments are reproduced (hex for immediates above 32,
 * PC-relative targets). Branch targets print as absolute addresses (`0x…`), as objdump does without symbols.
 * Each formatter takes the halfword and its address.
 */

/** objdump's default ("std") register names. */
export const REGISTER_NAMES = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'sl', 'fp', 'ip', 'sp', 'lr', 'pc'] as const;
export const CONDITION_NAMES = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', '', ''] as const;

const R = REGISTER_NAMES;

export function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

/** `#n`, with objdump's hex comment when n > 32. */
function imm(value: number): string {
  return value > 32 ? `#${value}\t@ ${hex(value)}` : `#${value}`;
}

/** `[rn, #n]` followed by the hex comment, which objdump puts after the closing bracket. */
function immOffset(base: string, value: number): string {
  return value > 32 ? `[${base}, #${value}]\t@ ${hex(value)}` : `[${base}, #${value}]`;
}

function registerList(list: number, extra?: 'lr' | 'pc'): string {
  const names: string[] = [];
  for (let i = 0; i < 8; i++) if ((list >>> i) & 1) names.push(R[i]);
  if (extra) names.push(extra);
  return `{${names.join(', ')}}`;
}

const lo = (instr: number, shift: number): string => R[(instr >>> shift) & 7];

// ---- data processing ------------------------------------------------------------------------------------

export function fmtLslImm(instr: number): string {
  const n = (instr >>> 6) & 31;
  return n === 0 ? `movs\t${lo(instr, 0)}, ${lo(instr, 3)}` : `lsls\t${lo(instr, 0)}, ${lo(instr, 3)}, #${n}`;
}
export function fmtLsrImm(instr: number): string {
  return `lsrs\t${lo(instr, 0)}, ${lo(instr, 3)}, #${((instr >>> 6) & 31) || 32}`;
}
export function fmtAsrImm(instr: number): string {
  return `asrs\t${lo(instr, 0)}, ${lo(instr, 3)}, #${((instr >>> 6) & 31) || 32}`;
}

export const fmtAddSubReg = (mnemonic: string) => (instr: number): string =>
  `${mnemonic}\t${lo(instr, 0)}, ${lo(instr, 3)}, ${lo(instr, 6)}`;
export const fmtAddSubImm3 = (mnemonic: string) => (instr: number): string =>
  `${mnemonic}\t${lo(instr, 0)}, ${lo(instr, 3)}, #${(instr >>> 6) & 7}`;
export const fmtImm8 = (mnemonic: string) => (instr: number): string => `${mnemonic}\t${lo(instr, 8)}, ${imm(instr & 0xff)}`;
/** Format 4: `op Rd, Rm`. */
export const fmtAlu = (mnemonic: string) => (instr: number): string => `${mnemonic}\t${lo(instr, 0)}, ${lo(instr, 3)}`;

const hiD = (instr: number): string => R[((instr >>> 4) & 8) | (instr & 7)];
const hiM = (instr: number): string => R[(instr >>> 3) & 15];

export const fmtHi = (mnemonic: string) => (instr: number): string => `${mnemonic}\t${hiD(instr)}, ${hiM(instr)}`;
export function fmtMovHi(instr: number): string {
  // objdump's name for the canonical ARMv4T no-op.
  if ((instr & 0xffff) === 0x46c0) return 'nop\t\t\t@ (mov r8, r8)';
  return `mov\t${hiD(instr)}, ${hiM(instr)}`;
}
export function fmtBx(instr: number): string {
  return `bx\t${hiM(instr)}`;
}

export function fmtAddPc(instr: number, address: number): string {
  const offset = (instr & 0xff) << 2;
  const rd = lo(instr, 8);
  return `add\t${rd}, pc, #${offset}\t@ (adr ${rd}, ${hex(((address + 4) & ~3) + offset)})`;
}
export function fmtAddSpRd(instr: number): string {
  return `add\t${lo(instr, 8)}, sp, ${imm((instr & 0xff) << 2)}`;
}
export const fmtAdjustSp = (mnemonic: string) => (instr: number): string => `${mnemonic}\tsp, ${imm((instr & 0x7f) << 2)}`;

// ---- loads and stores ---------------------------------------------------------------------------------------

export function fmtLdrPc(instr: number, address: number): string {
  const offset = (instr & 0xff) << 2;
  return `ldr\t${lo(instr, 8)}, [pc, #${offset}]\t@ (${hex(((address + 4) & ~3) + offset)})`;
}
export const fmtRegOffset = (mnemonic: string) => (instr: number): string =>
  `${mnemonic}\t${lo(instr, 0)}, [${lo(instr, 3)}, ${lo(instr, 6)}]`;
/** Formats 9/10: imm5 scaled by the access size. */
export const fmtImmOffset = (mnemonic: string, scale: number) => (instr: number): string =>
  `${mnemonic}\t${lo(instr, 0)}, ${immOffset(lo(instr, 3), ((instr >>> 6) & 31) * scale)}`;
export const fmtSpOffset = (mnemonic: string) => (instr: number): string =>
  `${mnemonic}\t${lo(instr, 8)}, ${immOffset('sp', (instr & 0xff) << 2)}`;

export function fmtPush(instr: number): string {
  return `push\t${registerList(instr & 0xff, (instr & 0x100) !== 0 ? 'lr' : undefined)}`;
}
export function fmtPop(instr: number): string {
  return `pop\t${registerList(instr & 0xff, (instr & 0x100) !== 0 ? 'pc' : undefined)}`;
}
export function fmtStmia(instr: number): string {
  return `stmia\t${lo(instr, 8)}!, ${registerList(instr & 0xff)}`;
}
export function fmtLdmia(instr: number): string {
  const rn = (instr >>> 8) & 7;
  // With the base in the list there is no write-back, and objdump drops the `!`.
  const bang = ((instr >>> rn) & 1) !== 0 ? '' : '!';
  return `ldmia\t${R[rn]}${bang}, ${registerList(instr & 0xff)}`;
}

// ---- branches and exceptions --------------------------------------------------------------------------------

export function fmtBCond(instr: number, address: number): string {
  return `b${CONDITION_NAMES[(instr >>> 8) & 15]}.n\t${hex(address + 4 + ((instr << 24) >> 23))}`;
}
export function fmtB(instr: number, address: number): string {
  return `b.n\t${hex(address + 4 + ((instr << 21) >> 20))}`;
}
/** Target of a BL pair whose first half is at `address`. */
export function blTarget(first: number, second: number, address: number): number {
  return (address + 4 + ((first << 21) >> 9) + ((second & 0x7ff) << 1)) >>> 0;
}
/**
 * A lone BL half. objdump only shows BL as a 32-bit pair (see disassembleThumb's `next`); on its own a half
 * is shown as re-assemblable data with what it does.
 */
export function fmtBlPrefix(instr: number, address: number): string {
  return `.inst.n\t${hex(instr & 0xffff)}\t@ bl prefix: lr = ${hex(address + 4 + ((instr << 21) >> 9))}`;
}
export function fmtBlSuffix(instr: number): string {
  return `.inst.n\t${hex(instr & 0xffff)}\t@ bl suffix: pc = lr + ${hex((instr & 0x7ff) << 1)}`;
}
export function fmtSwi(instr: number): string {
  const n = instr & 0xff;
  return n > 32 ? `svc\t${n}\t@ ${hex(n)}` : `svc\t${n}`;
}
export function fmtUdf(instr: number): string {
  return `udf\t${imm(instr & 0xff)}`;
}
export function fmtUndefined(instr: number): string {
  return `@ <UNDEFINED> instruction: 0x${(instr & 0xffff).toString(16).padStart(4, '0')}`;
}
