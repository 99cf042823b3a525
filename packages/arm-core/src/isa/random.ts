import { archAtLeast, type ArchVersion } from '../cpu/arch.js';
import { DecodeTable, compilePattern, insertField, type CompiledPattern, type Encoding } from './pattern.js';
import { Prng } from './prng.js';
import { armTraits, thumbTraits, type InstructionClass, type InstructionTraits } from './traits.js';

/**
 * Random instructions from an encoding table (ARM or Thumb): pick an encoding available on `arch`, fill its
 * fields with random bits, keep the word if it satisfies the entry's `when` and the options. Deterministic
 * for a given Prng state. Used by differential tests (against QEMU or a faster core), fuzzing and coverage.
 */
export interface RandomInstructionOptions<E extends AnyEncoding> {
  readonly arch: ArchVersion;
  readonly rng: Prng;
  /** Skip these encodings (by name). */
  readonly excludeEncodings?: Iterable<string>;
  /** Use only these encodings (by name). */
  readonly onlyEncodings?: Iterable<string>;
  /** Skip words that may change the flow of control (branches, writes to PC, SWI, UNDEFINED). */
  readonly excludePcWrites?: boolean;
  /** Skip words that access memory. */
  readonly excludeMemory?: boolean;
  /** Registers a word may not name, read or written (e.g. [13, 14, 15]). */
  readonly avoidRegisters?: readonly number[];
  /** Relative weight per instruction class; default 1 each, 0 leaves a class out. */
  readonly weights?: Partial<Record<InstructionClass, number>>;
  /** Keep UNPREDICTABLE operand combinations (default: skip them; oracles disagree on them). */
  readonly allowUnpredictable?: boolean;
  /** Any further condition on a word. */
  readonly filter?: (instr: number, encoding: E) => boolean;
  /**
   * Skip words that the table, decoded for `arch`, maps to another entry (default true). Tests of the table
   * itself turn this off to see shadowed encodings.
   */
  readonly verifyDecode?: boolean;
  /** Reads class/memory/PC/registers from a word; default by table width: `thumbTraits` or `armTraits`. */
  readonly traits?: (instr: number, arch: ArchVersion) => InstructionTraits;
  /** Drop an encoding after this many rejected words in a row (default 256). */
  readonly maxAttempts?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEncoding = Encoding<any, any>;

export interface RandomInstruction<E extends AnyEncoding> {
  readonly instr: number;
  readonly encoding: E;
}

export interface InstructionGenerator<E extends AnyEncoding> {
  next(): RandomInstruction<E>;
  /** Encodings still in play (an encoding is dropped when no word of it can satisfy the options). */
  readonly encodings: readonly E[];
}

interface Candidate<E> {
  readonly encoding: E;
  readonly compiled: CompiledPattern;
  readonly weight: number;
  readonly conditionField: boolean;
}

/** Generates `count` instructions; see RandomInstructionOptions. */
export function randomInstructions<E extends AnyEncoding>(
  table: readonly E[],
  options: RandomInstructionOptions<E> & { readonly count: number },
): RandomInstruction<E>[] {
  const gen = createInstructionGenerator(table, options);
  const out: RandomInstruction<E>[] = [];
  for (let k = 0; k < options.count; k++) out.push(gen.next());
  return out;
}

export function createInstructionGenerator<E extends AnyEncoding>(table: readonly E[], options: RandomInstructionOptions<E>): InstructionGenerator<E> {
  const { arch, rng } = options;
  const exclude = new Set(options.excludeEncodings ?? []);
  const only = options.onlyEncodings ? new Set(options.onlyEncodings) : undefined;
  const available = table.filter((e) => archAtLeast(arch, e.since) && !exclude.has(e.name) && (!only || only.has(e.name)));
  if (only) for (const name of only) if (!table.some((e) => e.name === name)) throw new Error(`randomInstructions: no encoding named ${name}`);
  if (available.length === 0) throw new Error(`randomInstructions: no encoding of the table is available on ${arch} with these options`);

  const compiled = available.map((e) => compilePattern(e.pattern));
  const bits = compiled[0].bits;
  if (compiled.some((c) => c.bits !== bits)) throw new Error('randomInstructions: the table mixes 16- and 32-bit patterns');
  const traitsOf = options.traits ?? (bits === 16 ? thumbTraits : armTraits);
  const decoder = options.verifyDecode === false ? undefined : decoderFor(table, arch, bits);
  const avoid = (options.avoidRegisters ?? []).reduce((m, r) => m | (1 << r), 0);
  const maxAttempts = options.maxAttempts ?? 256;

  // Weight each encoding by the class of a sample word; a private stream keeps `rng` untouched by set-up.
  const candidates: Candidate<E>[] = [];
  available.forEach((encoding, k) => {
    const c = compiled[k];
    const conditionField = isArmConditionField(c);
    const sample = sampleWord(encoding, c, conditionField, new Prng(k + 1));
    if (sample === undefined) return;
    const weight = options.weights?.[traitsOf(sample, arch).class] ?? 1;
    if (weight > 0) candidates.push({ encoding, compiled: c, weight, conditionField });
  });

  const accept = (instr: number, c: Candidate<E>): boolean => {
    const e = c.encoding;
    if (e.when && !e.when(instr)) return false;
    const t = traitsOf(instr, arch);
    if (options.excludePcWrites && t.writesPc) return false;
    if (options.excludeMemory && t.memory) return false;
    if ((t.registers & avoid) !== 0) return false;
    if (!options.allowUnpredictable && t.unpredictable) return false;
    if (decoder && decoder.decode(instr)?.name !== e.name) return false;
    return !options.filter || options.filter(instr, e);
  };

  let total = 0;
  const recount = (): void => {
    total = candidates.reduce((s, c) => s + c.weight, 0);
  };
  recount();

  const next = (): RandomInstruction<E> => {
    for (;;) {
      if (candidates.length === 0) throw new Error(`randomInstructions: no encoding can produce a word satisfying the options on ${arch}`);
      let pick = rng.float() * total;
      let index = candidates.length - 1;
      for (let k = 0; k < candidates.length; k++) {
        pick -= candidates[k].weight;
        if (pick < 0) {
          index = k;
          break;
        }
      }
      const c = candidates[index];
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const instr = fillFields(c.compiled, c.conditionField, rng);
        if (accept(instr, c)) return { instr, encoding: c.encoding };
      }
      // This encoding cannot (or practically never) satisfy the options: stop choosing it.
      candidates.splice(index, 1);
      recount();
    }
  };

  return {
    next,
    get encodings() {
      return candidates.map((c) => c.encoding);
    },
  };
}

/** Fills every field of `p` with random bits; ignored ('-') bits stay 0 (they are SBZ in the manuals). */
function fillFields(p: CompiledPattern, conditionField: boolean, rng: Prng): number {
  let instr = p.value;
  for (const field of p.fields.values()) {
    // An ARM condition never takes 1111: that is the unconditional instruction space.
    const value = conditionField && field.letter === 'c' ? rng.below(15) : rng.bits(field.width);
    instr = insertField(field, instr, value);
  }
  return instr >>> 0;
}

function isArmConditionField(p: CompiledPattern): boolean {
  const c = p.fields.get('c');
  return p.bits === 32 && c !== undefined && c.runs.length === 1 && c.runs[0][0] === 28 && c.runs[0][1] === 4;
}

function sampleWord<E extends AnyEncoding>(e: E, p: CompiledPattern, conditionField: boolean, rng: Prng): number | undefined {
  for (let k = 0; k < 64; k++) {
    const instr = fillFields(p, conditionField, rng);
    if (!e.when || e.when(instr)) return instr;
  }
  return undefined;
}

/** A decoder over the whole table for `arch` (Thumb: bits [15:6]; ARM: bits [27:20]:[7:4]). */
function decoderFor<E extends AnyEncoding>(table: readonly E[], arch: ArchVersion, bits: 16 | 32): DecodeTable<unknown, unknown> {
  const accept = (since: ArchVersion): boolean => archAtLeast(arch, since);
  if (bits === 16) return new DecodeTable(table, accept, (i) => (i >>> 6) & 0x3ff, 1024, (b) => ({ mask: 0xffc0, value: b << 6 }));
  return new DecodeTable(
    table,
    accept,
    (i) => (((i >>> 16) & 0xff0) | ((i >>> 4) & 0xf)) >>> 0,
    4096,
    (b) => ({ mask: 0x0ff000f0, value: (((b & 0xff0) << 16) | ((b & 0xf) << 4)) >>> 0 }),
  );
}
