import { hex, readOperand, reg, shiftImmediate, type Emitted, type InstructionContext } from './emit-common.js';

/**
 * Loads and stores that hit RAM through the D-side fast path, matching exec/arm/load-store.ts,
 * load-store-extra.ts and block-transfer.ts together with MemorySystemBase's read/write methods in
 * functional timing. Anything else — a fast-path miss, a device, an unaligned address — leaves the block
 * *before* the instruction, which the interpreter then executes (translation, faults, rotation and all).
 * A store into the block's own code leaves the block after the store, so the next fetch sees the new word.
 */

const P = 1 << 24;
const U = 1 << 23;
const W = 1 << 21;

type Size = 1 | 2 | 4;
const ARRAY: Record<Size, string> = { 1: 'bytes', 2: 'halves', 4: 'words' };
const INDEX_SHIFT: Record<Size, number> = { 1: 0, 2: 1, 4: 2 };

/** The element of region `g<k>`'s typed array holding the datum at physical address `pa<k>`. */
function element(k: number, size: Size): string {
  const index = INDEX_SHIFT[size] === 0 ? `pa${k} - g${k}.base` : `(pa${k} - g${k}.base) >>> ${INDEX_SHIFT[size]}`;
  return `g${k}.${ARRAY[size]}[${index}]`;
}

/**
 * Statements checking that `span` bytes (one datum of `size`, or an LDM/STM's words) from `address` are
 * aligned and in a RAM page of the D fast path with permission `perm` (RP or WP); bind `g<k>` (the region)
 * and `pa<k>`. A fast-path miss calls M (MemorySystemBase.translateData with the interpreter's state for
 * this instruction, so a fault is taken exactly as the interpreter takes it); anything still not a plain
 * RAM access leaves before instruction k.
 */
function hit(ctx: InstructionContext, address: string, size: Size, perm: 'RP' | 'WP', span: number = size): string {
  const k = ctx.k;
  const before = ctx.exits.before(k);
  const extra = span - size;
  const outside = `((${address} - D.base) >>> 0)${extra === 0 ? '' : ` + ${extra}`} >= D.size`;
  return [
    size === 1 ? '' : `if ((${address} & ${size - 1}) !== 0) ${before}`,
    `if (${outside} || (D.perm & ${perm}) === 0) { env.M(${address}, ${perm === 'WP'}, n + ${k}, ${hex(ctx.pc)}); ${extra === 0 ? '' : `if (${outside}) ${before}`} }`,
    `const g${k} = D.region; if (g${k} === undefined) ${before}`,
    `const pa${k} = (${address} + D.delta) >>> 0;`,
  ].join(' ');
}

/** After a store of `bytes` at `pa`: leave if it overlapped the block's code (self-modifying code). */
function codeCheck(ctx: InstructionContext, pa: string, bytes: number): string {
  return `if (((${pa} - ipa) >>> 0) < ${ctx.blockBytes} || ((ipa - ${pa}) >>> 0) < ${bytes}) ${ctx.exits.after(ctx.k, hex(ctx.pc + 4))}`;
}

/** Writes a loaded value into r15 (v4T: branch; v5T+: interworking), leaving the block. */
function loadPc(ctx: InstructionContext, value: string): string {
  if (!ctx.interworkingLoads) return ctx.exits.after(ctx.k, `(${value} & ~3) >>> 0`);
  return `cpu.thumb = (${value} & 1) !== 0; ${ctx.exits.after(ctx.k, `(${value} & (cpu.thumb ? ~1 : ~3)) >>> 0`)}`;
}

/** LDR/LDRB/STR/STRB (immediate and scaled register offsets) and LDRH/STRH/LDRSB/LDRSH. */
export function emitSingleTransfer(ctx: InstructionContext): Emitted | undefined {
  const { word, k, name } = ctx;
  const rd = reg(word, 12);
  const rn = reg(word, 16);
  const halfwordSpace = /^(LDRH|STRH|LDRSB|LDRSH)_/.test(name);
  const load = name.startsWith('LDR');
  const size: Size = halfwordSpace ? (name.startsWith('LDRSB') ? 1 : 2) : name.startsWith('LDRB') || name.startsWith('STRB') ? 1 : 4;
  const writeBack = (word & P) === 0 || (word & W) !== 0;
  if (writeBack && rn === 15) return undefined;
  // A load into r15 from the halfword space is UNPREDICTABLE: left to the interpreter.
  if (load && rd === 15 && (halfwordSpace || size !== 4)) return undefined;

  let offset: string;
  if (name.endsWith('_imm')) offset = hex(halfwordSpace ? ((word >>> 4) & 0xf0) | (word & 0xf) : word & 0xfff);
  else {
    const rm = reg(word, 0);
    if (rm === 15) return undefined;
    offset = halfwordSpace ? `r[${rm}]` : shiftImmediate(word, `r[${rm}]`).value;
  }
  const base = `e${k}`;
  const offsetAddress = `o${k}`;
  const address = (word & P) !== 0 ? offsetAddress : base;
  const lines = [
    `const ${base} = ${readOperand(ctx, rn)};`,
    `const ${offsetAddress} = (${base} ${(word & U) !== 0 ? '+' : '-'} ${offset}) >>> 0;`,
    hit(ctx, address, size, load ? 'RP' : 'WP'),
  ];
  const datum = element(k, size);
  if (load) {
    let value = datum;
    if (name.startsWith('LDRSB')) value = `((${datum} << 24) >> 24) >>> 0`;
    else if (name.startsWith('LDRSH')) value = `((${datum} << 16) >> 16) >>> 0`;
    lines.push(`const v${k} = ${value};`, 'ms.reads++;');
    if (writeBack) lines.push(`r[${rn}] = ${offsetAddress};`);
    if (rd === 15) {
      lines.push(loadPc(ctx, `v${k}`));
      return { code: lines.join(' '), leaves: true };
    }
    lines.push(`r[${rd}] = v${k};`);
    return { code: lines.join(' '), leaves: false };
  }
  const stored = rd === 15 ? hex(ctx.pc + ctx.storedPcOffset) : `r[${rd}]`;
  const mask = size === 4 ? '' : size === 2 ? ' & 0xffff' : ' & 0xff';
  lines.push(
    `${datum} = ${stored}${mask};`,
    `{ const o = bus.ramWriteObserver; if (o !== undefined) o(pa${k}, ${size}); }`,
    'ms.writes++;',
  );
  if (writeBack) lines.push(`r[${rn}] = ${offsetAddress};`);
  lines.push(codeCheck(ctx, `pa${k}`, size));
  return { code: lines.join(' '), leaves: false };
}

function registersOf(list: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 16; i++) if ((list & (1 << i)) !== 0) out.push(i);
  return out;
}

/** LDM/STM without ^ and with a non-empty list (the empty list and the user-bank forms stay interpreted). */
export function emitBlockTransfer(ctx: InstructionContext): Emitted | undefined {
  const { word, k, name } = ctx;
  const rn = reg(word, 16);
  const list = word & 0xffff;
  if (rn === 15 || list === 0) return undefined;
  const registers = registersOf(list);
  const count = registers.length;
  const writeBack = (word & W) !== 0;
  const up = (word & U) !== 0;
  const pre = (word & P) !== 0;
  const base = `e${k}`;
  const low = `l${k}`;
  const lowOffset = up ? (pre ? 4 : 0) : pre ? -4 * count : -4 * count + 4;
  const newBase = `(${base} ${up ? '+' : '-'} ${4 * count}) >>> 0`;
  const lines = [`const ${base} = r[${rn}];`, `const ${low} = (${base} + ${lowOffset}) >>> 0;`, hit(ctx, low, 4, name === 'LDM' ? 'RP' : 'WP', 4 * count)];
  const index = `i${k}`;
  lines.push(`const ${index} = (pa${k} - g${k}.base) >>> 2; const m${k} = g${k}.words;`);
  if (name === 'LDM') {
    registers.forEach((n, j) => lines.push(`const w${k}_${n} = m${k}[${index} + ${j}];`));
    lines.push(`ms.reads += ${count};`);
    if (writeBack) lines.push(`r[${rn}] = ${newBase};`);
    for (const n of registers) if (n !== 15) lines.push(`r[${n}] = w${k}_${n};`);
    if ((list & 0x8000) !== 0) {
      lines.push(loadPc(ctx, `w${k}_15`));
      return { code: lines.join(' '), leaves: true };
    }
    return { code: lines.join(' '), leaves: false };
  }
  // STM: r15 stores its address + the core's offset; Rn written back and not first stores the new base.
  registers.forEach((n, j) => {
    const value = n === 15 ? hex(ctx.pc + ctx.storedPcOffset) : n === rn && writeBack && j > 0 ? newBase : `r[${n}]`;
    lines.push(`m${k}[${index} + ${j}] = ${value};`, `{ const o = bus.ramWriteObserver; if (o !== undefined) o((pa${k} + ${4 * j}) >>> 0, 4); }`);
  });
  lines.push(`ms.writes += ${count};`);
  if (writeBack) lines.push(`r[${rn}] = ${newBase};`);
  lines.push(codeCheck(ctx, `pa${k}`, 4 * count));
  return { code: lines.join(' '), leaves: false };
}
