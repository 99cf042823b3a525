/**
 * Turns random ARM words (from the encoding table's random-instruction generator) into a deterministic test
 * block: an independent classifier (written from the ARM ARM, not from the table under test) sorts each word,
 * drops or rewrites what the skip list names, and steers every memory access into the data buffer.
 *
 * Two profiles: `alu` (data processing, multiplies, PSR transfers; all of r0–r14 free) and `mem` (adds
 * loads/stores, SWP and LDM/STM; r12 and r13 are base registers into the buffer, r11 a fixed index register,
 * none of them written by the block except through base writeback, which the generator tracks).
 */
import type { Prng } from '../../src/isa/prng.js';
import { field, fillBlock, fits, moveInterval, popcount, setField, type BlockState, type Interval, type Profile } from './generator-utils.js';
import type { SkipStats } from './skip-list.js';
import { BLOCK, BUFFER, BUFFER_SIZE, IMAGE_BASE, IMAGE_END, type InitialState } from './test-image.js';

export type { Profile } from './generator-utils.js';

export const BASE_REGS = [12, 13] as const;
export const INDEX_REG = 11;

export interface ArmGenState extends BlockState {
  /** Keep STR/STM of PC (for a core configured to store PC + 8, as QEMU does). */
  readonly storePc: boolean;
}

export type ArmClass =
  | 'dp-imm' | 'dp-immshift' | 'dp-regshift' | 'mul' | 'mul-long' | 'swp' | 'mrs' | 'msr-reg' | 'msr-imm'
  | 'ldst-imm' | 'ldst-reg' | 'ldst-extra' | 'ldm' | 'branch' | 'bx' | 'swi' | 'coprocessor' | 'undefined' | 'newer' | 'nv';

/** Sorts an ARM word into the ARMv4T instruction classes (ARM ARM A3.1, figure A3-1). */
export function classifyArm(w: number): ArmClass {
  if (w >>> 28 === 0xf) return 'nv';
  switch ((w >>> 25) & 7) {
    case 0: {
      if ((w & 0x90) === 0x90) {
        if ((w & 0x60) === 0) {
          if ((w & 0x0fc000f0) === 0x00000090) return 'mul';
          if ((w & 0x0f8000f0) === 0x00800090) return 'mul-long';
          if ((w & 0x0fb000f0) === 0x01000090) return 'swp';
          return 'newer';
        }
        // Extra loads/stores: STRH, LDRH, LDRSB, LDRSH; L = 0 with SH ≠ 01 is LDRD/STRD (v5TE).
        if ((w & (1 << 20)) === 0 && (w & 0x60) !== 0x20) return 'newer';
        return 'ldst-extra';
      }
      if ((w & 0x01900000) === 0x01000000) {
        // Miscellaneous space (TST/TEQ/CMP/CMN without S).
        const low = (w >>> 4) & 15;
        if (low === 0) return (w & (1 << 21)) === 0 ? 'mrs' : 'msr-reg';
        if (low === 1 && ((w >>> 21) & 3) === 1) return 'bx';
        return 'newer';
      }
      return (w & 0x10) === 0 ? 'dp-immshift' : 'dp-regshift';
    }
    case 1:
      if ((w & 0x01900000) === 0x01000000) return (w & (1 << 21)) !== 0 ? 'msr-imm' : 'undefined';
      return 'dp-imm';
    case 2:
      return 'ldst-imm';
    case 3:
      return (w & 0x10) === 0 ? 'ldst-reg' : 'undefined';
    case 4:
      return 'ldm';
    case 5:
      return 'branch';
    case 6:
      return 'coprocessor';
    default:
      return (w & (1 << 24)) !== 0 ? 'swi' : 'coprocessor';
  }
}

const EXCLUDED: Partial<Record<ArmClass, string>> = {
  nv: 'arm.cond-nv',
  bx: 'arm.bx',
  swi: 'arm.swi',
  coprocessor: 'arm.coprocessor',
  undefined: 'arm.undefined',
  newer: 'arm.newer-arch',
};

const MEMORY_CLASSES: ReadonlySet<ArmClass> = new Set(['ldst-imm', 'ldst-reg', 'ldst-extra', 'ldm', 'swp']);

function redrawIf(state: ArmGenState, w: number, shift: number, bad: (r: number) => boolean, pool: readonly number[], skip: string): number {
  const r = field(w, shift, 4);
  if (!bad(r)) return w;
  state.stats.note(skip);
  const choices = pool.filter((x) => !bad(x));
  return setField(w, shift, 4, state.rng.pick(choices));
}

const ALL_BUT_PC = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];

function isDest(state: ArmGenState, r: number): boolean {
  return state.dests.includes(r);
}

/** Rewrites a destination field to an allowed register; PC notes the skip-list entry. */
function fixDest(state: ArmGenState, w: number, shift: number, also: (r: number) => boolean = () => false): number {
  const r = field(w, shift, 4);
  if (isDest(state, r) && !also(r)) return w;
  if (r === 15) state.stats.note('arm.pc-write');
  const choices = state.dests.filter((x) => !also(x));
  return setField(w, shift, 4, state.rng.pick(choices));
}

function fixSbz(state: ArmGenState, w: number, mask: number, value: number): number {
  if (((w & mask) >>> 0) === (value >>> 0)) return w;
  state.stats.note('arm.sbz-sbo');
  return ((w & ~mask) | value) >>> 0;
}

/** Does `w` certainly run: condition AL and no earlier forward branch can skip it? */
export function definite(state: ArmGenState, w: number): boolean {
  return w >>> 28 === 0xe && state.index >= state.skippableUntil;
}

/** Base writeback of `delta` by the instruction `w` (exact if it certainly runs, else the interval widens). */
export function updateBase(state: ArmGenState, reg: number, w: number, delta: number): void {
  moveInterval(state.bases, reg, delta, definite(state, w));
}

/** The value of an immediate shift of the index register (LSL/LSR/ASR/ROR; RRX is refused). */
function shiftedIndex(value: number, type: number, imm: number): number | undefined {
  switch (type) {
    case 0:
      return (value << imm) >>> 0;
    case 1:
      return imm === 0 ? 0 : value >>> imm;
    case 2:
      return imm === 0 ? (value >> 31) >>> 0 : (value >> imm) >>> 0;
    default:
      return imm === 0 ? undefined : ((value >>> imm) | (value << (32 - imm))) >>> 0;
  }
}

/**
 * Places a single load/store (sizes 1, 2, 4) whose offset `off` (a signed byte count chosen by the caller)
 * must keep the access in the buffer and aligned. Returns false when it cannot.
 */
function accessOk(state: ArmGenState, rn: number, off: number, size: number, preIndexed: boolean, writeback: boolean): boolean {
  const iv = state.bases.get(rn)!;
  if (off % size !== 0) return false; // bases stay word-aligned, so this keeps the address aligned
  if (writeback && off % 4 !== 0) return false; // keep bases word-aligned
  return fits(iv, preIndexed ? off : 0, size) && (!writeback || fits(iv, off, 0));
}

/**
 * Applies the profile's constraints to one word. Returns the word to emit, or undefined to draw another.
 */
export function constrainArm(state: ArmGenState, word: number): number | undefined {
  let w = word >>> 0;
  const cls = classifyArm(w);
  const excluded = EXCLUDED[cls];
  if (excluded) {
    state.stats.note(excluded);
    return undefined;
  }
  if (state.profile === 'alu' && MEMORY_CLASSES.has(cls)) return undefined;
  const rng = state.rng;
  switch (cls) {
    case 'dp-imm':
    case 'dp-immshift':
    case 'dp-regshift': {
      const op = field(w, 21, 4);
      const compare = op >= 8 && op <= 11;
      if (compare) w = fixSbz(state, w, 0xf000, 0);
      else w = fixDest(state, w, 12);
      if (op === 13 || op === 15) w = fixSbz(state, w, 0xf0000, 0);
      if (cls === 'dp-regshift') {
        const usesRn = !(op === 13 || op === 15);
        if (usesRn) w = redrawIf(state, w, 16, (r) => r === 15, ALL_BUT_PC, 'arm.rsr-pc');
        w = redrawIf(state, w, 8, (r) => r === 15, ALL_BUT_PC, 'arm.rsr-pc');
        w = redrawIf(state, w, 0, (r) => r === 15, ALL_BUT_PC, 'arm.rsr-pc');
      }
      return w;
    }
    case 'mul': {
      w = fixDest(state, w, 16);
      const accumulate = (w & (1 << 21)) !== 0;
      if (accumulate) w = redrawIf(state, w, 12, (r) => r === 15, ALL_BUT_PC, 'arm.mul-overlap');
      else w = fixSbz(state, w, 0xf000, 0);
      w = redrawIf(state, w, 8, (r) => r === 15, ALL_BUT_PC, 'arm.mul-overlap');
      const rd = field(w, 16, 4);
      w = redrawIf(state, w, 0, (r) => r === 15 || r === rd, ALL_BUT_PC, 'arm.mul-overlap');
      return w;
    }
    case 'mul-long': {
      w = fixDest(state, w, 16);
      const hi = field(w, 16, 4);
      w = fixDest(state, w, 12, (r) => r === hi);
      if (field(w, 12, 4) === hi) state.stats.note('arm.mul-overlap');
      const lo = field(w, 12, 4);
      w = redrawIf(state, w, 8, (r) => r === 15, ALL_BUT_PC, 'arm.mul-overlap');
      w = redrawIf(state, w, 0, (r) => r === 15 || r === hi || r === lo, ALL_BUT_PC, 'arm.mul-overlap');
      return w;
    }
    case 'mrs':
      if (w & (1 << 22)) {
        state.stats.note('arm.psr-spsr-user');
        return undefined;
      }
      w = fixSbz(state, w, 0x000f0fff, 0x000f0000);
      return fixDest(state, w, 12);
    case 'msr-reg':
    case 'msr-imm':
      if (w & (1 << 22)) {
        state.stats.note('arm.psr-spsr-user');
        return undefined;
      }
      if (field(w, 16, 4) === 0) {
        state.stats.note('arm.msr-mask0');
        return undefined;
      }
      w = fixSbz(state, w, 0xf000, 0xf000);
      if (cls === 'msr-reg') {
        w = fixSbz(state, w, 0xff0, 0);
        w = redrawIf(state, w, 0, (r) => r === 15, ALL_BUT_PC, 'arm.rsr-pc');
      }
      return w;
    case 'swp': {
      const rn = rng.pick(BASE_REGS);
      w = setField(w, 16, 4, rn);
      w = fixSbz(state, w, 0xf00, 0);
      w = fixDest(state, w, 12);
      w = redrawIf(state, w, 0, (r) => r === 15 || r === rn, ALL_BUT_PC, 'arm.swp-overlap');
      const size = w & (1 << 22) ? 1 : 4;
      return accessOk(state, rn, 0, size, true, false) ? w : undefined;
    }
    case 'ldst-imm':
    case 'ldst-reg':
      return placeLoadStore(state, w, cls === 'ldst-reg');
    case 'ldst-extra':
      return placeExtraLoadStore(state, w);
    case 'ldm':
      return placeBlockTransfer(state, w);
    case 'branch':
      return placeBranch(state, w);
    default:
      return undefined;
  }
}

/**
 * B/BL stay inside the block: the target is redrawn to a later instruction of the block (or its end), so
 * the program still runs straight through and every instruction is reached at most once. BL writes LR.
 */
function placeBranch(state: ArmGenState, word: number): number | undefined {
  if (word & (1 << 24) && !state.dests.includes(14)) return undefined;
  state.stats.note('arm.branch');
  const target = state.index + 1 + state.rng.below(Math.min(8, state.length - state.index));
  state.skippableUntil = Math.max(state.skippableUntil, target);
  return ((word & 0xff000000) | ((target - state.index - 2) & 0xffffff)) >>> 0;
}

function fixDataRegister(state: ArmGenState, w: number, load: boolean, rn: number, writeback: boolean, wordStore = false): number {
  if (load) return fixDest(state, w, 12);
  const rd = field(w, 12, 4);
  if (wordStore && state.storePc && (rd === 15 || state.rng.below(3) === 0)) return setField(w, 12, 4, 15);
  if (rd === 15) {
    state.stats.note('arm.store-pc');
    w = setField(w, 12, 4, state.rng.pick(ALL_BUT_PC.filter((r) => !(writeback && r === rn))));
  } else if (writeback && rd === rn) {
    state.stats.note('arm.writeback-overlap');
    w = setField(w, 12, 4, state.rng.pick(ALL_BUT_PC.filter((r) => r !== rn)));
  }
  return w;
}

function placeLoadStore(state: ArmGenState, word: number, registerOffset: boolean): number | undefined {
  const rng = state.rng;
  let w = word;
  if (!registerOffset && (w & (1 << 20)) !== 0 && rng.below(6) === 0) {
    const literal = placeLiteralLoad(state, w);
    if (literal !== undefined) return literal;
  }
  const rn = rng.pick(BASE_REGS);
  w = setField(w, 16, 4, rn);
  const pre = (w & (1 << 24)) !== 0;
  const writeback = !pre || (w & (1 << 21)) !== 0;
  const load = (w & (1 << 20)) !== 0;
  const size = w & (1 << 22) ? 1 : 4;
  w = fixDataRegister(state, w, load, rn, writeback, size === 4);
  for (let attempt = 0; attempt < 8; attempt++) {
    let magnitude: number | undefined;
    if (registerOffset) {
      w = setField(w, 0, 4, INDEX_REG);
      if (attempt > 0) {
        w = setField(w, 5, 2, 0); // LSL
        w = setField(w, 7, 5, rng.below(3));
      }
      magnitude = shiftedIndex(state.indexValue, field(w, 5, 2), field(w, 7, 5));
      if (magnitude === undefined) continue; // RRX: depends on C
    } else {
      if (attempt > 0 || field(w, 0, 12) >= 256) w = setField(w, 0, 12, rng.below(64) & (size === 4 || writeback ? ~3 : ~0));
      magnitude = field(w, 0, 12);
    }
    if (attempt >= 4) w ^= 1 << 23; // try the other direction
    const up = (w & (1 << 23)) !== 0;
    const off = up ? magnitude : -magnitude;
    if (Math.abs(off) < BUFFER_SIZE && accessOk(state, rn, off, size, pre, writeback)) {
      if (writeback) updateBase(state, rn, w, off);
      if (size === 4 && magnitude !== field(word, 0, 12) && !registerOffset && field(word, 0, 12) % 4 !== 0) state.stats.note('arm.unaligned-word');
      return w;
    }
  }
  return undefined; // cannot stay inside the buffer from here: draw another instruction
}

/**
 * LDR/LDRB rd, [pc, #±imm]: a literal load from the test image (code, epilogue or data page), which both
 * emulators hold identically while the block runs.
 */
function placeLiteralLoad(state: ArmGenState, word: number): number | undefined {
  const size = word & (1 << 22) ? 1 : 4;
  let w = setField(word, 16, 4, 15);
  w |= 1 << 24; // pre-indexed
  w &= ~(1 << 21); // no writeback
  w = fixDest(state, w, 12);
  const pc = BLOCK + 4 * state.index + 8;
  for (let attempt = 0; attempt < 4; attempt++) {
    const off = attempt === 0 ? field(w, 0, 12) : state.rng.below(0x1000);
    const up = attempt === 0 ? (w & (1 << 23)) !== 0 : state.rng.bool();
    const address = pc + (up ? off : -off);
    if (address >= IMAGE_BASE && address + size <= IMAGE_END && address % size === 0) {
      return setField(setField(w, 0, 12, off), 23, 1, up ? 1 : 0);
    }
  }
  return undefined;
}

function placeExtraLoadStore(state: ArmGenState, word: number): number | undefined {
  const rng = state.rng;
  let w = word;
  const rn = rng.pick(BASE_REGS);
  w = setField(w, 16, 4, rn);
  const pre = (w & (1 << 24)) !== 0;
  if (!pre && (w & (1 << 21)) !== 0) {
    state.stats.note('arm.halfword-post-writeback');
    w &= ~(1 << 21);
  }
  const writeback = !pre || (w & (1 << 21)) !== 0;
  const load = (w & (1 << 20)) !== 0;
  const size = field(w, 5, 2) === 2 ? 1 : 2;
  const immediate = (w & (1 << 22)) !== 0;
  w = fixDataRegister(state, w, load, rn, writeback);
  if (!immediate) w = fixSbz(state, w, 0xf00, 0);
  for (let attempt = 0; attempt < 8; attempt++) {
    let magnitude: number;
    if (immediate) {
      if (attempt > 0 || ((field(w, 8, 4) << 4) | field(w, 0, 4)) >= 128) {
        const v = rng.below(64) & (writeback ? ~3 : size === 2 ? ~1 : ~0);
        w = setField(setField(w, 8, 4, v >> 4), 0, 4, v & 15);
      }
      magnitude = (field(w, 8, 4) << 4) | field(w, 0, 4);
    } else {
      w = setField(w, 0, 4, INDEX_REG);
      magnitude = state.indexValue;
    }
    if (attempt >= 4) w ^= 1 << 23;
    const off = w & (1 << 23) ? magnitude : -magnitude;
    if (accessOk(state, rn, off, size, pre, writeback)) {
      if (writeback) updateBase(state, rn, w, off);
      return w;
    }
  }
  return undefined; // cannot stay inside the buffer from here: draw another instruction
}

function placeBlockTransfer(state: ArmGenState, word: number): number | undefined {
  let w = word;
  if (w & (1 << 22)) {
    state.stats.note('arm.ldm-user-bank');
    return undefined;
  }
  const rn = state.rng.pick(BASE_REGS);
  w = setField(w, 16, 4, rn);
  const load = (w & (1 << 20)) !== 0;
  const writeback = (w & (1 << 21)) !== 0;
  let list = w & 0xffff;
  if (state.storePc && !load && state.rng.bool()) list |= 0x8000;
  if (list & 0x8000 && !(state.storePc && !load)) {
    state.stats.note(load ? 'arm.pc-write' : 'arm.store-pc');
    list &= 0x7fff;
  }
  if (load) {
    let allowed = 0;
    for (const r of state.dests) allowed |= 1 << r;
    list &= allowed;
  }
  if (writeback && list & (1 << rn)) {
    state.stats.note('arm.ldm-base-in-list');
    list &= ~(1 << rn);
  }
  if (list === 0) {
    state.stats.note('arm.ldm-empty');
    const pool = load ? state.dests : ALL_BUT_PC.filter((r) => !(writeback && r === rn));
    list = 1 << state.rng.pick(pool);
  }
  w = ((w & ~0xffff) | list) >>> 0;
  const bytes = 4 * popcount(list);
  const pre = (w & (1 << 24)) !== 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    const up = (w & (1 << 23)) !== 0;
    const start = up ? (pre ? 4 : 0) : pre ? -bytes : -bytes + 4;
    const iv = state.bases.get(rn)!;
    if (fits(iv, start, bytes) && (!writeback || fits(iv, up ? bytes : -bytes, 0))) {
      if (writeback) updateBase(state, rn, w, up ? bytes : -bytes);
      return w;
    }
    w ^= 1 << 23;
  }
  return undefined;
}

/** Interesting register values: a mix of random words, small numbers (shift amounts) and edge values. */
export function randomRegisterValue(rng: Prng): number {
  const k = rng.below(10);
  if (k < 5) return rng.uint32();
  if (k < 7) return rng.below(40);
  if (k < 9) return rng.pick([0, 1, 2, 31, 32, 33, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe, 0xffff, 0x10000, 0xff]);
  return (rng.uint32() & 0xff) << (rng.below(25));
}

export interface GeneratedProgram {
  readonly code: number[];
  readonly initial: InitialState;
  readonly profile: Profile;
}

/** Draws an initial state for a profile: random registers, with base and index registers in the buffer. */
export function initialStateFor(rng: Prng, profile: Profile): { initial: InitialState; bases: Map<number, Interval>; indexValue: number; dests: number[] } {
  const regs = Array.from({ length: 15 }, () => randomRegisterValue(rng) >>> 0);
  const bases = new Map<number, Interval>();
  let indexValue = 0;
  let dests = ALL_BUT_PC;
  if (profile === 'mem') {
    for (const r of BASE_REGS) {
      const v = BUFFER + BUFFER_SIZE / 2 + 4 * (rng.below(65) - 32);
      regs[r] = v;
      bases.set(r, { lo: v, hi: v });
    }
    indexValue = 4 * rng.below(16);
    regs[INDEX_REG] = indexValue;
    dests = ALL_BUT_PC.filter((r) => r !== INDEX_REG && !(BASE_REGS as readonly number[]).includes(r));
  }
  return { initial: { regs, flags: rng.below(16), bufferSeed: rng.uint32() }, bases, indexValue, dests };
}

/**
 * Generates one ARM block of `length` instructions, drawing candidate words from `nextWord` until each
 * passes `constrainArm`.
 */
export function generateArmProgram(rng: Prng, profile: Profile, length: number, nextWord: () => number, stats: SkipStats, storePc = false): GeneratedProgram {
  const { initial, bases, indexValue, dests } = initialStateFor(rng, profile);
  const state: ArmGenState = { rng, profile, stats, dests, bases, indexValue, index: 0, length, skippableUntil: 0, storePc };
  const code = fillBlock(state, length, length * 400, `ARM generator: could not place ${length} instructions (profile ${profile})`, nextWord, constrainArm);
  return { code, initial, profile };
}
