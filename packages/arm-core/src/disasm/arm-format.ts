/**
 * Formatters that print one ARM instruction in GNU objdump syntax (binutils 2.40 `objdump -d`, UAL
 * mnemonics), one per instruction class. Differences from objdump's text: a single space separates the
 * mnemonic from the operands and the comment; branch and PC-relative targets print as `0x<hex>` instead of
 * `<hex> <symbol>`; `<UNPREDICTABLE>` annotations are not printed.
 */

export const CONDITION_NAMES = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', '', ''] as const;
export const REGISTER_NAMES = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'sl', 'fp', 'ip', 'sp', 'lr', 'pc'] as const;
const SHIFT_NAMES = ['lsl', 'lsr', 'asr', 'ror'] as const;
const DATA_PROCESSING_NAMES = ['and', 'eor', 'sub', 'rsb', 'add', 'adc', 'sbc', 'rsc', 'tst', 'teq', 'cmp', 'cmn', 'orr', 'mov', 'bic', 'mvn'] as const;

const I_BIT = 1 << 25;
const P_BIT = 1 << 24;
const U_BIT = 1 << 23;
const B_BIT = 1 << 22;
const W_BIT = 1 << 21;
const S_BIT = 1 << 20;
const L_BIT = 1 << 20;

export function conditionOf(instr: number): string {
  return CONDITION_NAMES[instr >>> 28];
}

export function registerName(n: number): string {
  return REGISTER_NAMES[n & 15];
}

export function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

/** objdump's trailing value comment: shown for values above 32 or below -16. */
export function valueComment(value: number): string {
  const signed = value | 0;
  return signed > 32 || signed < -16 ? ` @ ${hex(value)}` : '';
}

function addressComment(address: number): string {
  return ` @ ${hex(address)}`;
}

/** `#imm8 ROR rot` as objdump prints it: the value, or `#imm8, rot` when the rotation is not the canonical one. */
function rotatedImmediate(instr: number): { text: string; value: number } {
  const rotate = (instr >>> 7) & 0x1e;
  const imm8 = instr & 0xff;
  const value = ((imm8 >>> rotate) | (imm8 << (32 - rotate))) >>> 0;
  let canonical = 0;
  while (canonical < 32 && ((value << canonical) | (value >>> (32 - canonical))) >>> 0 > 0xff) canonical += 2;
  return canonical !== rotate ? { text: `#${imm8}, ${rotate}`, value } : { text: `#${value | 0}`, value };
}

/** Register operand with its shift: `rm`, `rm, lsl #3`, `rm, lsr #32`, `rm, rrx`, `rm, ror rs`. */
function shiftedRegister(instr: number): string {
  const rm = registerName(instr & 15);
  const type = (instr >>> 5) & 3;
  if ((instr & 0x10) !== 0) return `${rm}, ${SHIFT_NAMES[type]} ${registerName((instr >>> 8) & 15)}`;
  const amount = (instr >>> 7) & 31;
  if (amount === 0) {
    if (type === 0) return rm;
    if (type === 3) return `${rm}, rrx`;
    return `${rm}, ${SHIFT_NAMES[type]} #32`;
  }
  return `${rm}, ${SHIFT_NAMES[type]} #${amount}`;
}

function registerList(list: number): string {
  const names: string[] = [];
  for (let i = 0; i < 16; i++) if ((list >>> i) & 1) names.push(REGISTER_NAMES[i]);
  return `{${names.join(', ')}}`;
}

function popcount(list: number): number {
  let n = 0;
  for (let m = list; m !== 0; m &= m - 1) n++;
  return n;
}

// ---- data processing ----

/** MOV with a shifted register prints as the shift: `lsl r0, r1, #2`, `rrx r0, r1`, `asr r0, r1, r2`. */
function formatMoveShift(instr: number, s: string, c: string, rd: string): string {
  const rm = registerName(instr & 15);
  const type = (instr >>> 5) & 3;
  if ((instr & 0x10) !== 0) return `${SHIFT_NAMES[type]}${s}${c} ${rd}, ${rm}, ${registerName((instr >>> 8) & 15)}`;
  const amount = (instr >>> 7) & 31;
  if (amount === 0) {
    if (type === 0) return instr >>> 0 === 0xe1a00000 ? 'nop @ (mov r0, r0)' : `mov${s}${c} ${rd}, ${rm}`;
    if (type === 3) return `rrx${s}${c} ${rd}, ${rm}`;
    return `${SHIFT_NAMES[type]}${s}${c} ${rd}, ${rm}, #32`;
  }
  return `${SHIFT_NAMES[type]}${s}${c} ${rd}, ${rm}, #${amount}`;
}

export function formatDataProcessing(instr: number): string {
  const op = (instr >>> 21) & 15;
  const c = conditionOf(instr);
  const s = (instr & S_BIT) !== 0 ? 's' : '';
  const rdNumber = (instr >>> 12) & 15;
  const rd = registerName(rdNumber);
  const rn = registerName((instr >>> 16) & 15);
  let operand: string;
  let comment = '';
  if ((instr & I_BIT) !== 0) {
    const immediate = rotatedImmediate(instr);
    operand = immediate.text;
    comment = valueComment(immediate.value);
  } else {
    if (op === 13) return formatMoveShift(instr, s, c, rd);
    operand = shiftedRegister(instr);
  }
  const name = DATA_PROCESSING_NAMES[op];
  // Compares always set flags; Rd = r15 is the 26-bit-era "P" form, which objdump still names.
  if (op >= 8 && op <= 11) return `${name}${rdNumber === 15 ? 'p' : ''}${c} ${rn}, ${operand}${comment}`;
  if (op === 13 || op === 15) return `${name}${s}${c} ${rd}, ${operand}${comment}`;
  return `${name}${s}${c} ${rd}, ${rn}, ${operand}${comment}`;
}

// ---- multiply, swap, PSR, branch, SWI ----

export function formatMultiply(instr: number): string {
  const c = conditionOf(instr);
  const s = (instr & S_BIT) !== 0 ? 's' : '';
  const rd = registerName((instr >>> 16) & 15);
  const rm = registerName(instr & 15);
  const rs = registerName((instr >>> 8) & 15);
  if ((instr & (1 << 21)) !== 0) return `mla${s}${c} ${rd}, ${rm}, ${rs}, ${registerName((instr >>> 12) & 15)}`;
  return `mul${s}${c} ${rd}, ${rm}, ${rs}`;
}

export function formatMultiplyLong(instr: number): string {
  const name = ['umull', 'umlal', 'smull', 'smlal'][(instr >>> 21) & 3];
  const s = (instr & S_BIT) !== 0 ? 's' : '';
  const rdLo = registerName((instr >>> 12) & 15);
  const rdHi = registerName((instr >>> 16) & 15);
  return `${name}${s}${conditionOf(instr)} ${rdLo}, ${rdHi}, ${registerName(instr & 15)}, ${registerName((instr >>> 8) & 15)}`;
}

export function formatSwap(instr: number): string {
  const b = (instr & B_BIT) !== 0 ? 'b' : '';
  return `swp${b}${conditionOf(instr)} ${registerName((instr >>> 12) & 15)}, ${registerName(instr & 15)}, [${registerName((instr >>> 16) & 15)}]`;
}

export function formatMrs(instr: number): string {
  return `mrs${conditionOf(instr)} ${registerName((instr >>> 12) & 15)}, ${(instr & B_BIT) !== 0 ? 'SPSR' : 'CPSR'}`;
}

export function formatMsr(instr: number): string {
  const psr = (instr & B_BIT) !== 0 ? 'SPSR' : 'CPSR';
  const mask = (instr >>> 16) & 15;
  const fields = `${mask & 8 ? 'f' : ''}${mask & 4 ? 's' : ''}${mask & 2 ? 'x' : ''}${mask & 1 ? 'c' : ''}`;
  if ((instr & I_BIT) !== 0) {
    const immediate = rotatedImmediate(instr);
    return `msr${conditionOf(instr)} ${psr}_${fields}, ${immediate.text}${valueComment(immediate.value)}`;
  }
  return `msr${conditionOf(instr)} ${psr}_${fields}, ${registerName(instr & 15)}`;
}

export function formatBranch(instr: number, address: number): string {
  const l = (instr & (1 << 24)) !== 0 ? 'l' : '';
  const target = (address + 8 + ((instr << 8) >> 6)) >>> 0;
  return `b${l}${conditionOf(instr)} ${hex(target)}`;
}

export function formatBx(instr: number): string {
  return `bx${conditionOf(instr)} ${registerName(instr & 15)}`;
}

export function formatSwi(instr: number): string {
  return `svc${conditionOf(instr)} 0x${(instr & 0xffffff).toString(16).padStart(8, '0')}`;
}

export function formatUdf(instr: number): string {
  const imm16 = ((instr >>> 4) & 0xfff0) | (instr & 0xf);
  return `udf #${imm16}${valueComment(imm16)}`;
}

export function formatUndefined(instr: number): string {
  return `@ <UNDEFINED> instruction: 0x${(instr >>> 0).toString(16).padStart(8, '0')}`;
}

// ---- loads and stores ----

/** LDR/STR/LDRB/STRB and the T forms (addressing mode 2). */
export function formatSingleTransfer(instr: number, address: number): string {
  const pre = (instr & P_BIT) !== 0;
  const up = (instr & U_BIT) !== 0;
  const writeBack = (instr & W_BIT) !== 0;
  const t = !pre && writeBack ? 't' : '';
  const mnemonic = `${(instr & L_BIT) !== 0 ? 'ldr' : 'str'}${(instr & B_BIT) !== 0 ? 'b' : ''}${t}${conditionOf(instr)}`;
  const rd = registerName((instr >>> 12) & 15);
  const rnNumber = (instr >>> 16) & 15;
  const rn = registerName(rnNumber);
  const sign = up ? '' : '-';
  if ((instr & I_BIT) !== 0) {
    const offset = `${sign}${shiftedRegister(instr)}`;
    return `${mnemonic} ${rd}, ${pre ? `[${rn}, ${offset}]${writeBack ? '!' : ''}` : `[${rn}], ${offset}`}`;
  }
  const offset = instr & 0xfff;
  const operand = pre
    ? offset === 0 && up && !writeBack
      ? `[${rn}]`
      : `[${rn}, #${sign}${offset}]${writeBack ? '!' : ''}`
    : `[${rn}], #${sign}${offset}`;
  const comment =
    rnNumber === 15 ? addressComment(address + 8 + (pre ? (up ? offset : -offset) : 0)) : valueComment(up ? offset : -offset);
  return `${mnemonic} ${rd}, ${operand}${comment}`;
}

/** LDRH/STRH/LDRSB/LDRSH (addressing mode 3). */
export function formatHalfwordTransfer(instr: number, address: number): string {
  const pre = (instr & P_BIT) !== 0;
  const up = (instr & U_BIT) !== 0;
  const writeBack = (instr & W_BIT) !== 0;
  const kind = (instr >>> 5) & 3;
  const name = (instr & L_BIT) !== 0 ? ['', 'ldrh', 'ldrsb', 'ldrsh'][kind] : ['', 'strh', 'ldrd', 'strd'][kind];
  const mnemonic = `${name}${conditionOf(instr)}`;
  const rd = registerName((instr >>> 12) & 15);
  const rnNumber = (instr >>> 16) & 15;
  const rn = registerName(rnNumber);
  const sign = up ? '' : '-';
  if ((instr & B_BIT) === 0) {
    const offset = `${sign}${registerName(instr & 15)}`;
    return `${mnemonic} ${rd}, ${pre ? `[${rn}, ${offset}]${writeBack ? '!' : ''}` : `[${rn}], ${offset}`}`;
  }
  const offset = ((instr >>> 4) & 0xf0) | (instr & 0xf);
  if (rnNumber === 15) {
    // objdump treats a PC base as a literal: no '!', a target comment when pre-indexed, none when post-indexed.
    if (!pre) return `${mnemonic} ${rd}, [pc], #${sign}${offset}`;
    const literal = offset === 0 && up ? '[pc]' : `[pc, #${sign}${offset}]`;
    return `${mnemonic} ${rd}, ${literal}${addressComment(address + 8 + (up ? offset : -offset))}`;
  }
  const operand = pre
    ? offset === 0 && up && !writeBack
      ? `[${rn}]`
      : `[${rn}, #${sign}${offset}]${writeBack ? '!' : ''}`
    : `[${rn}], #${sign}${offset}`;
  return `${mnemonic} ${rd}, ${operand}${valueComment(up ? offset : -offset)}`;
}

const BLOCK_MODES = ['da', 'ia', 'db', 'ib'] as const;

/** LDM/STM: objdump prints `ldm` for IA, `pop`/`push` for sp! full-descending lists (`ldmfd`/`stmfd` for one register). */
export function formatBlockTransfer(instr: number): string {
  const c = conditionOf(instr);
  const list = instr & 0xffff;
  const rnNumber = (instr >>> 16) & 15;
  const writeBack = (instr & W_BIT) !== 0;
  const userBank = (instr & B_BIT) !== 0;
  const mode = BLOCK_MODES[(instr >>> 23) & 3];
  const operands = `${registerName(rnNumber)}${writeBack ? '!' : ''}, ${registerList(list)}${userBank ? '^' : ''}`;
  const stackForm = rnNumber === 13 && writeBack && !userBank;
  if ((instr & L_BIT) !== 0) {
    if (stackForm && mode === 'ia') return popcount(list) === 1 ? `ldmfd${c} sp!, ${registerList(list)}` : `pop${c} ${registerList(list)}`;
    return `ldm${mode === 'ia' ? '' : mode}${c} ${operands}`;
  }
  if (stackForm && mode === 'db') return popcount(list) === 1 ? `stmfd${c} sp!, ${registerList(list)}` : `push${c} ${registerList(list)}`;
  return `stm${mode === 'ia' && !writeBack && !userBank ? '' : mode}${c} ${operands}`;
}

// ---- coprocessor ----

export function formatCdp(instr: number): string {
  return `cdp${conditionOf(instr)} ${(instr >>> 8) & 15}, ${(instr >>> 20) & 15}, cr${(instr >>> 12) & 15}, cr${(instr >>> 16) & 15}, cr${instr & 15}, {${(instr >>> 5) & 7}}`;
}

export function formatCoprocessorRegisterTransfer(instr: number): string {
  const load = (instr & L_BIT) !== 0;
  const rdNumber = (instr >>> 12) & 15;
  const rd = load && rdNumber === 15 ? 'APSR_nzcv' : registerName(rdNumber);
  return `${load ? 'mrc' : 'mcr'}${conditionOf(instr)} ${(instr >>> 8) & 15}, ${(instr >>> 21) & 7}, ${rd}, cr${(instr >>> 16) & 15}, cr${instr & 15}, {${(instr >>> 5) & 7}}`;
}

export function formatCoprocessorLoadStore(instr: number, address: number): string {
  const pre = (instr & P_BIT) !== 0;
  const up = (instr & U_BIT) !== 0;
  const writeBack = (instr & W_BIT) !== 0;
  const mnemonic = `${(instr & L_BIT) !== 0 ? 'ldc' : 'stc'}${(instr & B_BIT) !== 0 ? 'l' : ''}${conditionOf(instr)}`;
  const rnNumber = (instr >>> 16) & 15;
  const rn = registerName(rnNumber);
  const head = `${mnemonic} ${(instr >>> 8) & 15}, cr${(instr >>> 12) & 15}, `;
  const imm8 = instr & 0xff;
  if (!pre && !writeBack) return `${head}[${rn}], {${imm8}}${valueComment(imm8)}`;
  const offset = imm8 * 4;
  const sign = up ? '' : '-';
  // objdump drops a zero offset (and its '!') unless it is #-0.
  let operand: string;
  if (offset === 0) operand = up ? `[${rn}]` : pre ? `[${rn}, #-0]` : `[${rn}], #-0`;
  else operand = pre ? `[${rn}, #${sign}${offset}]${writeBack ? '!' : ''}` : `[${rn}], #${sign}${offset}`;
  const signedOffset = up ? offset : -offset;
  const comment = rnNumber === 15 ? addressComment(address + 8 + signedOffset) : valueComment(signedOffset);
  return `${head}${operand}${comment}`;
}
