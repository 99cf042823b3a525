import type { ArchVersion } from '../cpu/arch.js';

/** A field named by a letter in a pattern string: bits [shift + width - 1 : shift]. Runs of one letter join, high first. */
export interface PatternField {
  readonly letter: string;
  /** Bit runs from most to least significant: [shift, width]. */
  readonly runs: readonly (readonly [number, number])[];
  readonly width: number;
}

export interface CompiledPattern {
  readonly pattern: string;
  readonly bits: 16 | 32;
  readonly mask: number;
  readonly value: number;
  readonly fields: ReadonlyMap<string, PatternField>;
  /** Number of fixed bits: more means more specific. */
  readonly specificity: number;
}

/**
 * Compiles a pattern string such as `cccc0010100Snnnnddddrrrrvvvvvvvv`: '0'/'1' are fixed bits, '-' is a
 * bit that must be ignored, letters are fields. A letter may appear in several runs (joined high first).
 */
export function compilePattern(pattern: string): CompiledPattern {
  const text = pattern.replace(/[\s_]/g, '');
  if (text.length !== 32 && text.length !== 16) throw new Error(`pattern "${pattern}" must have 16 or 32 bits, has ${text.length}`);
  const bits = text.length as 16 | 32;
  let mask = 0;
  let value = 0;
  const runs = new Map<string, [number, number][]>();
  for (let i = 0; i < bits; i++) {
    const ch = text[i];
    const bit = bits - 1 - i;
    if (ch === '0' || ch === '1') {
      mask |= 1 << bit;
      if (ch === '1') value |= 1 << bit;
    } else if (ch !== '-') {
      if (!/^[A-Za-z]$/.test(ch)) throw new Error(`pattern "${pattern}": bad character '${ch}'`);
      const list = runs.get(ch) ?? [];
      const last = list[list.length - 1];
      if (last && last[0] === bit + 1) {
        last[0] = bit;
        last[1]++;
      } else list.push([bit, 1]);
      runs.set(ch, list);
    }
  }
  const fields = new Map<string, PatternField>();
  for (const [letter, r] of runs) fields.set(letter, { letter, runs: r, width: r.reduce((s, [, w]) => s + w, 0) });
  let specificity = 0;
  for (let m = mask >>> 0; m; m &= m - 1) specificity++;
  return { pattern: text, bits, mask: mask >>> 0, value: value >>> 0, fields, specificity };
}

/** Extracts a field's value from an instruction word. */
export function fieldValue(field: PatternField, instr: number): number {
  let v = 0;
  for (const [shift, width] of field.runs) v = (v * (1 << width)) + ((instr >>> shift) & ((1 << width) - 1));
  return v >>> 0;
}

/** All fields of an instruction as letter → value. */
export function extractFields(p: CompiledPattern, instr: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [letter, f] of p.fields) out[letter] = fieldValue(f, instr);
  return out;
}

/** Places a field value into an instruction word (for the random-instruction generator and assemblers in tests). */
export function insertField(field: PatternField, instr: number, value: number): number {
  let remaining = value >>> 0;
  for (let i = field.runs.length - 1; i >= 0; i--) {
    const [shift, width] = field.runs[i];
    const m = (1 << width) - 1;
    instr = (instr & ~(m << shift)) | ((remaining & m) << shift);
    remaining = Math.floor(remaining / (1 << width));
  }
  return instr >>> 0;
}

export function matches(p: CompiledPattern, instr: number): boolean {
  return ((instr & p.mask) >>> 0) === p.value;
}

/**
 * One entry of an encoding table: the single source for execution, disassembly and random generation.
 * `H` is the execution handler type, `D` the disassembly formatter type.
 */
export interface Encoding<H, D> {
  /** Unique id, e.g. `ADD_reg` or `thumb_LSL_imm`. */
  readonly name: string;
  readonly pattern: string;
  /** First architecture version with this encoding. */
  readonly since: ArchVersion;
  readonly exec: H;
  readonly disasm: D;
  /**
   * Optional constraint beyond the pattern (e.g. "not when Rd = 15" or "UNPREDICTABLE combos"): the generator
   * only emits words satisfying it, and the decoder only selects the entry when it holds.
   */
  readonly when?: (instr: number) => boolean;
}

export interface CompiledEncoding<H, D> extends Encoding<H, D> {
  readonly compiled: CompiledPattern;
}

/**
 * A lookup built from an encoding table: entries filtered by architecture, sorted most specific first,
 * bucketed by `indexOf(instr)` (e.g. ARM bits [27:20]:[7:4]); `decode` returns the first matching entry.
 */
export class DecodeTable<H, D> {
  readonly entries: CompiledEncoding<H, D>[];
  private readonly buckets: CompiledEncoding<H, D>[][];

  constructor(
    table: readonly Encoding<H, D>[],
    readonly accept: (since: ArchVersion) => boolean,
    private readonly indexOf: (instr: number) => number,
    bucketCount: number,
    /** Every instruction word that falls into bucket i has these bits, for pre-filtering. */
    representativesOf: (bucket: number) => { mask: number; value: number },
  ) {
    const seen = new Set<string>();
    this.entries = table
      .filter((e) => accept(e.since))
      .map((e) => {
        if (seen.has(e.name)) throw new Error(`duplicate encoding name ${e.name}`);
        seen.add(e.name);
        return { ...e, compiled: compilePattern(e.pattern) };
      })
      .sort((a, b) => b.compiled.specificity - a.compiled.specificity);
    this.buckets = [];
    for (let i = 0; i < bucketCount; i++) {
      const { mask, value } = representativesOf(i);
      // An entry can match words of this bucket unless it fixes a bucket bit to the other value.
      this.buckets.push(this.entries.filter((e) => ((e.compiled.value ^ value) & e.compiled.mask & mask) === 0));
    }
  }

  decode(instr: number): CompiledEncoding<H, D> | undefined {
    const bucket = this.buckets[this.indexOf(instr)];
    for (let i = 0; i < bucket.length; i++) {
      const e = bucket[i];
      if (((instr & e.compiled.mask) >>> 0) === e.compiled.value && (!e.when || e.when(instr))) return e;
    }
    return undefined;
  }
}
