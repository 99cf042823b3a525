/**
 * Thumb counterpart of arm-generator.ts: an independent classifier of Thumb halfwords (ARM ARM A5/A6, v4T
 * formats 1–19) that drops and rewrites per the skip list and keeps memory accesses inside the buffer.
 *
 * Profiles: `alu` (shifts, add/sub, immediates, ALU ops, high-register ops, ADD pc/sp, SP adjust: all
 * registers free) and `mem` (adds every load/store, PUSH/POP, LDMIA/STMIA; r7 is the low base register,
 * r6 a fixed index register, SP the stack base, none written by the block except through tracked writeback).
 */
import type { Prng } from '../../src/isa/prng.js';
import { randomRegisterValue } from './arm-generator.js';
import { field, fillBlock, fits, moveInterval, popcount, setField, type BlockState, type Interval, type Profile } from './generator-utils.js';
import type { SkipStats } from './skip-list.js';
import { BUFFER, BUFFER_SIZE, type InitialState } from './test-image.js';

export const THUMB_BASE = 7;
export const THUMB_INDEX = 6;
const SP = 13;

/** `dests` holds low and high registers; `index` counts halfwords. */
export interface ThumbGenState extends BlockState {
  /** Indices earlier branches go to: a BL suffix must not be one of them (it would run alone). */
  readonly targets: Set<number>;
}

export type ThumbClass =
  | 'shift-imm' | 'add-sub' | 'imm8' | 'alu' | 'mul' | 'hi-add' | 'hi-cmp' | 'hi-mov' | 'bx' | 'ldr-literal'
  | 'ldst-reg' | 'ldst-imm' | 'ldst-sp' | 'add-pc-sp' | 'adjust-sp' | 'push' | 'pop' | 'stmia' | 'ldmia'
  | 'b-cond' | 'b' | 'bl' | 'swi' | 'undefined';

/** Sorts a Thumb halfword into the ARMv4T formats. */
export function classifyThumb(h: number): ThumbClass {
  const i = h & 0xffff;
  if (i < 0x1800) return 'shift-imm';
  if (i < 0x2000) return 'add-sub';
  if (i < 0x4000) return 'imm8';
  if (i < 0x4400) return ((i >>> 6) & 15) === 13 ? 'mul' : 'alu';
  if (i < 0x4800) return (['hi-add', 'hi-cmp', 'hi-mov', 'bx'] as const)[(i >>> 8) & 3];
  if (i < 0x5000) return 'ldr-literal';
  if (i < 0x6000) return 'ldst-reg';
  if (i < 0x9000) return 'ldst-imm';
  if (i < 0xa000) return 'ldst-sp';
  if (i < 0xb000) return 'add-pc-sp';
  if (i < 0xc000) {
    const sub = (i >>> 8) & 15;
    if (sub === 0) return 'adjust-sp';
    if (sub === 4 || sub === 5) return (i & 0x1ff) === 0 ? 'undefined' : 'push';
    if (sub === 12 || sub === 13) return (i & 0x1ff) === 0 ? 'undefined' : 'pop';
    return 'undefined';
  }
  if (i < 0xd000) return (i & 0xff) === 0 ? 'undefined' : i & 0x0800 ? 'ldmia' : 'stmia';
  if (i < 0xe000) {
    const cond = (i >>> 8) & 15;
    return cond === 15 ? 'swi' : cond === 14 ? 'undefined' : 'b-cond';
  }
  if (i < 0xe800) return 'b';
  if (i < 0xf000) return 'undefined'; // BLX suffix: v5T
  return 'bl'; // BL prefix/suffix
}

const EXCLUDED: Partial<Record<ThumbClass, string>> = { bx: 'thumb.bx', swi: 'thumb.swi', undefined: 'thumb.undefined' };
const MEMORY: ReadonlySet<ThumbClass> = new Set(['ldst-reg', 'ldst-imm', 'ldst-sp', 'push', 'pop', 'stmia', 'ldmia']);

function move(state: ThumbGenState, reg: number, delta: number): void {
  moveInterval(state.bases, reg, delta, state.index >= state.skippableUntil);
}

function lowDests(state: ThumbGenState): number[] {
  return state.dests.filter((r) => r < 8);
}

/** Rewrites a 3-bit low destination field to an allowed register. */
function fixLowDest(state: ThumbGenState, h: number, shift: number): number {
  const r = field(h, shift, 3);
  if (state.dests.includes(r)) return h;
  return setField(h, shift, 3, state.rng.pick(lowDests(state)));
}

/**
 * Forward branch inside the block: B, Bcc or a BL pair (prefix + suffix) to a later halfword (at most
 * `span` ahead) or the block's end.
 */
function placeBranch(state: ThumbGenState, h: number, cls: 'b' | 'b-cond' | 'bl'): number[] | undefined {
  const size = cls === 'bl' ? 2 : 1;
  if (state.index + size > state.length) return undefined;
  if (cls === 'bl' && (!state.dests.includes(14) || state.targets.has(state.index + 1))) return undefined;
  state.stats.note('thumb.branch');
  const first = state.index + size;
  const target = first + state.rng.below(Math.min(8, state.length - first + 1));
  state.skippableUntil = Math.max(state.skippableUntil, target);
  state.targets.add(target);
  // PC reads as the branch's address + 4 (the prefix's, for BL): offset in halfwords from index + 2.
  const off = target - state.index - 2;
  if (cls === 'b-cond') return [(h & 0xff00) | (off & 0xff)];
  if (cls === 'b') return [0xe000 | (off & 0x7ff)];
  return [0xf000 | ((off >> 11) & 0x7ff), 0xf800 | (off & 0x7ff)];
}

/** Applies the profile's constraints to one halfword; undefined = draw another. A BL gives two halfwords. */
export function constrainThumb(state: ThumbGenState, half: number): number[] | undefined {
  const h = half & 0xffff;
  const cls = classifyThumb(h);
  if (cls === 'b' || cls === 'b-cond' || cls === 'bl') return placeBranch(state, h, cls);
  const one = constrainOne(state, h, cls);
  return one === undefined ? undefined : [one];
}

function constrainOne(state: ThumbGenState, half: number, cls: ThumbClass): number | undefined {
  let h = half;
  const excluded = EXCLUDED[cls];
  if (excluded) {
    state.stats.note(excluded);
    return undefined;
  }
  if (state.profile === 'alu' && MEMORY.has(cls)) return undefined;
  const rng = state.rng;
  switch (cls) {
    case 'shift-imm':
    case 'add-sub':
    case 'alu':
    case 'add-pc-sp':
      return fixLowDest(state, h, cls === 'add-pc-sp' ? 8 : 0);
    case 'imm8':
      // CMP (01) writes nothing.
      return field(h, 11, 2) === 1 ? h : fixLowDest(state, h, 8);
    case 'mul': {
      h = fixLowDest(state, h, 0);
      const rd = h & 7;
      if (field(h, 3, 3) === rd) {
        state.stats.note('thumb.mul-overlap');
        h = setField(h, 3, 3, rng.pick([0, 1, 2, 3, 4, 5, 6, 7].filter((r) => r !== rd)));
      }
      return h;
    }
    case 'hi-add':
    case 'hi-cmp':
    case 'hi-mov': {
      let rd = ((h >>> 4) & 8) | (h & 7);
      let rm = (h >>> 3) & 15;
      if (cls !== 'hi-cmp' && !state.dests.includes(rd)) {
        if (rd === 15) state.stats.note('thumb.pc-write');
        rd = rng.pick(state.dests);
      }
      if (cls === 'hi-cmp' && rd === 15) rd = rng.below(15); // CMP PC, Rm is UNPREDICTABLE
      if (rd < 8 && rm < 8) {
        state.stats.note('thumb.hi-lo-unpredictable');
        if (cls !== 'hi-cmp' && rng.bool()) {
          const high = state.dests.filter((r) => r >= 8);
          if (high.length) rd = rng.pick(high);
          else rm = 8 + rng.below(7);
        } else rm = 8 + rng.below(8);
      }
      if (cls === 'hi-cmp' && rm === 15) rm = 8 + rng.below(7);
      return (h & 0xff00) | ((rd & 8) << 4) | (rm << 3) | (rd & 7);
    }
    case 'ldr-literal':
      return fixLowDest(state, h, 8);
    case 'ldst-reg': {
      const op = field(h, 9, 3); // STR STRH STRB LDRSB LDR LDRH LDRB LDRSH
      if (op >= 3) h = fixLowDest(state, h, 0);
      const swap = rng.bool();
      h = setField(h, 3, 3, swap ? THUMB_INDEX : THUMB_BASE);
      h = setField(h, 6, 3, swap ? THUMB_BASE : THUMB_INDEX);
      const size = [4, 2, 1, 1, 4, 2, 1, 2][op];
      return fits(state.bases.get(THUMB_BASE)!, state.indexValue, size) ? h : undefined;
    }
    case 'ldst-imm': {
      const top = h >>> 11; // 01100 STR, 01101 LDR, 01110 STRB, 01111 LDRB, 10000 STRH, 10001 LDRH
      const load = (top & 1) === 1;
      if (load) h = fixLowDest(state, h, 0);
      h = setField(h, 3, 3, THUMB_BASE);
      const size = top < 0b01110 ? 4 : top < 0b10000 ? 1 : 2;
      const iv = state.bases.get(THUMB_BASE)!;
      for (let attempt = 0; attempt < 6; attempt++) {
        if (attempt > 0) h = setField(h, 6, 5, rng.below(32 >> attempt));
        if (fits(iv, field(h, 6, 5) * size, size)) return h;
      }
      return undefined;
    }
    case 'ldst-sp': {
      if (h & 0x0800) h = fixLowDest(state, h, 8);
      const iv = state.bases.get(SP)!;
      for (let attempt = 0; attempt < 8; attempt++) {
        if (attempt > 0) h = setField(h, 0, 8, rng.below(256 >> attempt));
        if (fits(iv, (h & 0xff) * 4, 4)) return h;
      }
      return undefined;
    }
    case 'adjust-sp': {
      if (state.profile === 'alu') return h;
      const iv = state.bases.get(SP)!;
      for (let attempt = 0; attempt < 8; attempt++) {
        if (attempt > 0) h = setField(h, 0, 7, rng.below(128 >> attempt));
        if (attempt >= 4) h ^= 0x80;
        const delta = (h & 0x7f) * 4 * (h & 0x80 ? -1 : 1);
        if (fits(iv, delta, 0)) {
          move(state, SP, delta);
          return h;
        }
      }
      return undefined;
    }
    case 'push': {
      const iv = state.bases.get(SP)!;
      const bytes = 4 * popcount(h & 0x1ff);
      if (!fits(iv, -bytes, bytes)) return undefined;
      move(state, SP, -bytes);
      return h;
    }
    case 'pop': {
      if (h & 0x100) {
        state.stats.note('thumb.pc-write');
        h &= ~0x100;
      }
      let list = h & 0xff;
      for (let r = 0; r < 8; r++) if (list & (1 << r) && !state.dests.includes(r)) list &= ~(1 << r);
      if (list === 0) {
        state.stats.note('thumb.ldm-empty');
        list = 1 << rng.pick(lowDests(state));
      }
      h = (h & 0xff00) | list;
      const bytes = 4 * popcount(list);
      const iv = state.bases.get(SP)!;
      if (!fits(iv, 0, bytes)) return undefined;
      move(state, SP, bytes);
      return h;
    }
    case 'stmia':
    case 'ldmia': {
      h = setField(h, 8, 3, THUMB_BASE);
      let list = h & 0xff;
      if (list & (1 << THUMB_BASE)) {
        state.stats.note('thumb.ldm-base-in-list');
        list &= ~(1 << THUMB_BASE);
      }
      if (cls === 'ldmia') for (let r = 0; r < 8; r++) if (list & (1 << r) && !state.dests.includes(r)) list &= ~(1 << r);
      if (list === 0) {
        state.stats.note('thumb.ldm-empty');
        list = 1 << rng.pick(cls === 'ldmia' ? lowDests(state) : [0, 1, 2, 3, 4, 5, 6]);
      }
      h = (h & 0xff00) | list;
      const bytes = 4 * popcount(list);
      const iv = state.bases.get(THUMB_BASE)!;
      if (!fits(iv, 0, bytes) || !fits(iv, bytes, 0)) return undefined;
      move(state, THUMB_BASE, bytes);
      return h;
    }
    default:
      return undefined;
  }
}

export interface GeneratedThumbProgram {
  readonly code: number[];
  readonly initial: InitialState;
  readonly profile: Profile;
}

/**
 * Draws the registers of a Thumb block (the flags and buffer seed are drawn after the block): in `mem`, r7
 * and SP point into the buffer and r6 holds the index; `dests` are the registers the block may write.
 */
export function thumbRegistersFor(rng: Prng, profile: Profile): { regs: number[]; bases: Map<number, Interval>; indexValue: number; dests: number[] } {
  const regs = Array.from({ length: 15 }, () => randomRegisterValue(rng) >>> 0);
  const bases = new Map<number, Interval>();
  let indexValue = 0;
  let dests = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  if (profile === 'mem') {
    const base = BUFFER + 0x80 + 4 * rng.below(64);
    const sp = BUFFER + BUFFER_SIZE - 0x100 + 4 * (rng.below(33) - 16);
    regs[THUMB_BASE] = base;
    regs[SP] = sp;
    bases.set(THUMB_BASE, { lo: base, hi: base });
    bases.set(SP, { lo: sp, hi: sp });
    indexValue = 4 * rng.below(16);
    regs[THUMB_INDEX] = indexValue;
    dests = dests.filter((r) => r !== THUMB_BASE && r !== THUMB_INDEX && r !== SP);
  }
  return { regs, bases, indexValue, dests };
}

/** Generates one Thumb block of `length` halfwords, drawing candidates from `nextHalf`. */
export function generateThumbProgram(rng: Prng, profile: Profile, length: number, nextHalf: () => number, stats: SkipStats): GeneratedThumbProgram {
  const { regs, bases, indexValue, dests } = thumbRegistersFor(rng, profile);
  const state: ThumbGenState = { rng, profile, stats, dests, bases, indexValue, index: 0, length, skippableUntil: 0, targets: new Set() };
  const code = fillBlock(state, length, length * 400, `Thumb generator: could not place ${length} instructions (profile ${profile})`, nextHalf, constrainThumb);
  return { code, initial: { regs, flags: rng.below(16), bufferSeed: rng.uint32() }, profile };
}
