import { hex, readOperand, reg, shiftImmediate, type Emitted, type InstructionContext } from './emit-common.js';

/**
 * Data processing (all 16 operations, three operand forms) and MUL/MLA as straight JavaScript, matching
 * exec/arm/data-processing.ts and multiply.ts: operands are read first, then the carry-in, then the flags
 * and the result are written. Rd = r15 with S = 0 is a branch that leaves the block; Rd = r15 with S = 1
 * (exception return) and register-specified shifts naming r15 are not translated.
 */

const LOGICAL: Record<number, (a: string, b: string) => string> = {
  0x0: (a, b) => `((${a} & ${b}) >>> 0)`,
  0x1: (a, b) => `((${a} ^ ${b}) >>> 0)`,
  0xc: (a, b) => `((${a} | ${b}) >>> 0)`,
  0xd: (_a, b) => b,
  0xe: (a, b) => `((${a} & ~${b}) >>> 0)`,
  0xf: (_a, b) => `(~${b} >>> 0)`,
};

/** Operation → [reverse operands, carry-in: 0 | 1 | 'C'] for the arithmetic ones. */
const ADDS: Record<number, 'C' | 0> = { 0x4: 0, 0x5: 'C' };
const SUBTRACTS: Record<number, { reverse: boolean; carryIn: 'C' | 1 }> = {
  0x2: { reverse: false, carryIn: 1 },
  0x3: { reverse: true, carryIn: 1 },
  0x6: { reverse: false, carryIn: 'C' },
  0x7: { reverse: true, carryIn: 'C' },
};

const NZ = (res: string) => `cpu.n = ${res} >>> 31; cpu.z = ${res} === 0 ? 1 : 0;`;

export function emitDataProcessing(ctx: InstructionContext): Emitted | undefined {
  const { word, k } = ctx;
  const op = (word >>> 21) & 15;
  const s = (word & (1 << 20)) !== 0;
  const rd = reg(word, 12);
  const rn = reg(word, 16);
  const form = ctx.name.slice(ctx.name.indexOf('_') + 1);
  const compare = op >= 0x8 && op <= 0xb;
  const logical = op in LOGICAL || op === 0x8 || op === 0x9;
  if (rd === 15 && s && !compare) return undefined;
  const usesRn = op !== 0xd && op !== 0xf;
  // TST/TEQ always set C from the shifter; the other logical operations when S is set (Rd is not r15 here).
  const needCarry = op === 0x8 || op === 0x9 || (logical && s);
  const lines: string[] = [];
  const a = `a${k}`;
  const b = `b${k}`;
  const sc = `s${k}`;

  // Operand 2 (and the shifter carry-out for logical operations that set flags).
  if (form === 'imm') {
    const rotate = (word >>> 7) & 0x1e;
    const imm8 = word & 0xff;
    const value = ((imm8 >>> rotate) | (imm8 << (32 - rotate))) >>> 0;
    lines.push(`const ${b} = ${hex(value)};`);
    if (needCarry) lines.push(`const ${sc} = ${rotate === 0 ? 'cpu.c' : String(value >>> 31)};`);
  } else if (form === 'reg') {
    const x = readOperand(ctx, reg(word, 0));
    const { value, carry } = shiftImmediate(word, x);
    lines.push(`const ${b} = ${value};`);
    if (needCarry) lines.push(`const ${sc} = ${carry};`);
  } else {
    // Register-specified shift: the interpreter's shifter, which reads r15 as +12 (never translated here).
    if (reg(word, 0) === 15 || reg(word, 8) === 15 || (usesRn && rn === 15)) return undefined;
    if (needCarry) {
      lines.push(`const ${b} = shiftByRegisterCarry(cpu, ${hex(word)});`, `const ${sc} = shifterOut.carry;`);
    } else lines.push(`const ${b} = shiftByRegister(cpu, ${hex(word)});`);
  }
  if (usesRn) lines.push(`const ${a} = ${readOperand(ctx, rn)};`);

  const res = `v${k}`;
  if (logical) {
    const result = op === 0x8 ? LOGICAL[0x0](a, b) : op === 0x9 ? LOGICAL[0x1](a, b) : LOGICAL[op](a, b);
    lines.push(`const ${res} = ${result};`);
    if (needCarry) lines.push(`${NZ(res)} cpu.c = ${sc};`);
  } else if (op in ADDS || op === 0xb) {
    const carryIn = op === 0x5 ? 'cpu.c' : '0';
    const sum = `t${k}`;
    lines.push(`const ${sum} = ${a} + ${b} + ${carryIn};`, `const ${res} = ${sum} >>> 0;`);
    if (s || op === 0xb) {
      lines.push(`${NZ(res)} cpu.c = ${sum} > 0xffffffff ? 1 : 0; cpu.v = ((${a} ^ ${res}) & (${b} ^ ${res})) >>> 31;`);
    }
  } else {
    const { reverse, carryIn } = op === 0xa ? { reverse: false, carryIn: 1 as const } : SUBTRACTS[op];
    const [x, y] = reverse ? [b, a] : [a, b];
    const difference = `t${k}`;
    lines.push(`const ${difference} = ${x} - ${y} - ${carryIn === 1 ? '0' : '(1 - cpu.c)'};`, `const ${res} = ${difference} >>> 0;`);
    if (s || op === 0xa) {
      lines.push(`${NZ(res)} cpu.c = ${difference} >= 0 ? 1 : 0; cpu.v = ((${x} ^ ${y}) & (${x} ^ ${res})) >>> 31;`);
    }
  }

  if (compare) return { code: lines.join(' '), leaves: false };
  if (rd !== 15) {
    lines.push(`r[${rd}] = ${res};`);
    return { code: lines.join(' '), leaves: false };
  }
  // MOV pc, lr and friends (v4T: no interworking for data processing).
  lines.push(ctx.exits.after(k, `(${res} & ~3) >>> 0`));
  return { code: lines.join(' '), leaves: true };
}

/** MUL (Rd = Rm × Rs) and MLA (+ Rn); with S, N and Z (C and V unchanged, as the ARM920T). */
export function emitMultiply(ctx: InstructionContext): Emitted | undefined {
  const { word, k } = ctx;
  const rd = reg(word, 16);
  const rm = reg(word, 0);
  const rs = reg(word, 8);
  const rn = reg(word, 12);
  const accumulate = ctx.name === 'MLA';
  if (rd === 15 || rm === 15 || rs === 15 || (accumulate && rn === 15)) return undefined;
  const res = `v${k}`;
  const product = `Math.imul(r[${rm}], r[${rs}])`;
  const lines = [`const ${res} = ${accumulate ? `(${product} + r[${rn}]) >>> 0` : `${product} >>> 0`};`];
  if ((word & (1 << 20)) !== 0) lines.push(NZ(res));
  lines.push(`r[${rd}] = ${res};`);
  return { code: lines.join(' '), leaves: false };
}
