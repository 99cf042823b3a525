import type { InstructionHandler } from '../cpu/cpu.js';
import type { ArmDisasm } from '../isa/arm-encodings.js';
import { fieldValue, type DecodeTable } from '../isa/pattern.js';
import { conditionExpression, hex, reg, type Emitted, type ExitSites, type InstructionContext } from './emit-common.js';
import { emitDataProcessing, emitMultiply } from './emit-data-processing.js';
import { emitBlockTransfer, emitSingleTransfer } from './emit-memory.js';

/**
 * Translates a run of ARM instructions (a block) into the body of a JavaScript function, from the same
 * encoding table the interpreter decodes with: the entry's name picks the emitter. What no emitter takes
 * ends the block before it; the interpreter runs it. A block is a pure function of its start address and
 * its words, so one translation serves every machine and every mapping that shows the same words there.
 *
 * The generated function `run(budget)` executes the block, repeatedly when its last instruction branches
 * back to its start and the budget allows another pass, and returns the number of instructions it executed
 * (0 if it left before the first); its exits update the PC, the counters and r15 exactly as the
 * interpreter would have after the last instruction executed.
 */

export interface TranslatorOptions {
  /** What STR/STM of r15 store past the instruction's address (ARM9TDMI 12, ARMv6 8). */
  readonly storedPcOffset: number;
  /** Loads into r15 interwork (ARMv5T and later). */
  readonly interworkingLoads: boolean;
  /** Most instructions in one block. */
  readonly maxLength: number;
}

export interface Translation {
  /** Number of instructions in the block. */
  readonly length: number;
  /** The function body (see block-factory.ts for the names it uses). */
  readonly body: string;
  /** Interpreter handlers the body calls as `h0`, `h1`… (register-only instructions). */
  readonly handlers: readonly InstructionHandler[];
}

/**
 * Instructions that read and write only general registers and flags (no memory, no PC, no mode): the
 * generated code calls their interpreter handler, provided none of their register fields is r15.
 */
const REGISTER_ONLY = new Set([
  'UMULL', 'UMLAL', 'SMULL', 'SMLAL', 'CLZ', 'QADD', 'QSUB', 'QDADD', 'QDSUB', 'SMLAxy', 'SMLAWy', 'SMULWy',
  'SMLALxy', 'SMULxy', 'UMAAL', 'SEL', 'PKHBT', 'PKHTB', 'SSAT', 'USAT', 'SSAT16', 'USAT16', 'SXTAB16', 'SXTB16',
  'SXTAB', 'SXTB', 'SXTAH', 'SXTH', 'UXTAB16', 'UXTB16', 'UXTAB', 'UXTB', 'UXTAH', 'UXTH', 'REV', 'REV16',
  'REVSH', 'SMLAD', 'SMUAD', 'SMLSD', 'SMUSD', 'SMLALD', 'SMLSLD', 'SMMLA', 'SMMUL', 'SMMLS', 'USADA8', 'USAD8',
  'NOP',
  ...['S', 'Q', 'SH', 'U', 'UQ', 'UH'].flatMap((p) => ['ADD16', 'ASX', 'SAX', 'SUB16', 'ADD8', 'SUB8'].map((o) => p + o)),
]);
const REGISTER_FIELDS = ['d', 'n', 'm', 's', 'h', 'l', 'a'];

const DATA_PROCESSING = /^(AND|EOR|SUB|RSB|ADD|ADC|SBC|RSC|TST|TEQ|CMP|CMN|ORR|MOV|BIC|MVN)_(imm|reg|rsr)$/;
const SINGLE_TRANSFER = /^(LDR|LDRB|STR|STRB|LDRH|STRH|LDRSB|LDRSH)_(imm|reg)$/;

type ArmTable = DecodeTable<InstructionHandler, ArmDisasm>;

/**
 * Translates the block starting at `start`; `wordAt(i)` is its i-th word, `available` how many words may
 * be read (to the end of the page the fetch path maps). Undefined when the first instruction is not
 * translatable.
 */
export function translateArmBlock(table: ArmTable, start: number, wordAt: (i: number) => number, available: number, options: TranslatorOptions): Translation | undefined {
  // First pass: how far the block goes; second: the code, now that the length (the loop bound and the
  // self-modifying-code range) is known.
  const length = emitInstructions(table, start, wordAt, Math.min(available, options.maxLength), options, 0).pieces.length;
  if (length === 0) return undefined;
  const { pieces, handlers } = emitInstructions(table, start, wordAt, length, options, length);
  const end = (start + 4 * length) >>> 0;
  const lines: string[] = [];
  // The block runs only while its words are still the ones translated (stores, loaders, remapping).
  lines.push(`if (${pieces.map((p, i) => `W[wi + ${i}] !== ${hex(p.word)}`).join(' || ')}) return -1;`);
  // n: instructions executed by earlier passes; lp: the branch that started this pass.
  lines.push('let n = 0;', 'let lp = 0;', 'for (;;) {');
  pieces.forEach((p, k) => {
    const code = p.emitted.code;
    lines.push(`// ${hex((start + 4 * k) >>> 0)}: ${p.name}`);
    lines.push(p.cond === 0xe ? `{ ${code} }` : `if (${conditionExpression(p.cond)}) { ${code} }`);
  });
  const last = pieces[length - 1];
  if (!(last.emitted.leaves && last.cond === 0xe)) lines.push(`return env.X(n + ${length}, ${hex(end)}, ${hex(end - 4)});`);
  lines.push('}');
  return { length, body: lines.join('\n'), handlers };
}

interface Piece {
  readonly emitted: Emitted;
  readonly cond: number;
  readonly word: number;
  readonly name: string;
}

/** Emits up to `limit` instructions, stopping at the first untranslatable one or an unconditional exit. */
function emitInstructions(table: ArmTable, start: number, wordAt: (i: number) => number, limit: number, options: TranslatorOptions, length: number): { pieces: Piece[]; handlers: InstructionHandler[] } {
  const pieces: Piece[] = [];
  const handlers: InstructionHandler[] = [];
  const exits = exitSites(start);
  for (let k = 0; k < limit; k++) {
    const word = wordAt(k) >>> 0;
    const cond = word >>> 28;
    if (cond === 0xf) break;
    const entry = table.decode(word);
    if (entry === undefined) break;
    const ctx: InstructionContext = {
      word,
      k,
      pc: (start + 4 * k) >>> 0,
      name: entry.name,
      exits,
      storedPcOffset: options.storedPcOffset,
      interworkingLoads: options.interworkingLoads,
      blockBytes: 4 * length,
    };
    let emitted: Emitted | undefined;
    if (DATA_PROCESSING.test(entry.name)) emitted = emitDataProcessing(ctx);
    else if (entry.name === 'MUL' || entry.name === 'MLA') emitted = emitMultiply(ctx);
    else if (SINGLE_TRANSFER.test(entry.name)) emitted = emitSingleTransfer(ctx);
    else if (entry.name === 'LDM' || entry.name === 'STM') emitted = emitBlockTransfer(ctx);
    else if (entry.name === 'B' || entry.name === 'BL') emitted = emitBranch(ctx, start, length);
    else if (entry.name === 'BX') emitted = emitBranchExchange(ctx);
    else if (REGISTER_ONLY.has(entry.name)) {
      const registersOk = REGISTER_FIELDS.every((letter) => {
        const field = entry.compiled.fields.get(letter);
        return field === undefined || field.width !== 4 || fieldValue(field, word) !== 15;
      });
      if (registersOk) {
        emitted = { code: `h${handlers.length}(cpu, ${hex(word)});`, leaves: false };
        handlers.push(entry.exec);
      }
    }
    if (emitted === undefined) break;
    pieces.push({ emitted, cond, word, name: entry.name });
    if (emitted.leaves && cond === 0xe) break;
  }
  return { pieces, handlers };
}

/** Exit statements for the instructions of a block at `start` (see ExitSites). */
function exitSites(start: number): ExitSites {
  const pcOf = (k: number) => (start + 4 * k) >>> 0;
  return {
    before(k) {
      // Before the first instruction: nothing ran in this pass; after a loop pass, its back branch ran last.
      if (k === 0) return `{ if (n === 0) return 0; return env.X(n, ${hex(start)}, lp); }`;
      return `return env.X(n + ${k}, ${hex(pcOf(k))}, ${hex(pcOf(k - 1))});`;
    },
    after(k, nextPc) {
      return `return env.X(n + ${k + 1}, ${nextPc}, ${hex(pcOf(k))});`;
    },
  };
}

/**
 * B/BL. A B back to the block's start starts another pass while the budget allows a whole one (`length`
 * instructions, the longest a pass can be); `length` is 0 in the sizing pass.
 */
function emitBranch(ctx: InstructionContext, start: number, length: number): Emitted {
  const target = (ctx.pc + 8 + ((ctx.word << 8) >> 6)) >>> 0;
  const link = ctx.name === 'BL' ? `r[14] = ${hex(ctx.pc + 4)}; ` : '';
  if (target === start && ctx.name === 'B') {
    return {
      code: `n += ${ctx.k + 1}; lp = ${hex(ctx.pc)}; if (n + ${length} <= budget) continue; return env.X(n, ${hex(start)}, lp);`,
      leaves: true,
    };
  }
  return { code: `${link}${ctx.exits.after(ctx.k, hex(target))}`, leaves: true };
}

/** BX Rm: bit 0 selects Thumb (the dispatcher goes back to the interpreter's loop after a block). */
function emitBranchExchange(ctx: InstructionContext): Emitted | undefined {
  const rm = reg(ctx.word, 0);
  if (rm === 15) return undefined;
  return { code: `{ const t = r[${rm}]; cpu.thumb = (t & 1) !== 0; ${ctx.exits.after(ctx.k, `(t & (cpu.thumb ? ~1 : ~3)) >>> 0`)} }`, leaves: true };
}
