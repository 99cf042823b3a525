/**
 * ARMv5TE/ARMv6 test blocks for the ARM1176 differential tests. Words come from the encoding tables'
 * random generator (arch v6Z); a classifier written from the ARM ARM's encoding diagrams (not from the
 * tables) sorts each word: ARMv4T words go through the ARMv4T constraints (arm-generator.ts /
 * thumb-generator.ts), the ARMv5/ARMv6 ones through the rules here (ARM1176 skip list). Every block ends
 * with SETEND LE so the epilogue dumps registers little-endian.
 */
import type { Prng } from '../../src/isa/prng.js';
import { armTraits, thumbTraits } from '../../src/isa/traits.js';
import { BASE_REGS, INDEX_REG, constrainArm, definite, initialStateFor, updateBase, type ArmGenState, type Profile } from './arm-generator.js';
import { field, fillBlock, fits, setField } from './generator-utils.js';
import type { SkipStats } from './skip-list.js';
import type { InitialState } from './test-image.js';
import { constrainThumb, thumbRegistersFor, type ThumbGenState } from './thumb-generator.js';

export const SETEND_LE_ARM = 0xf1010000;
export const SETEND_LE_THUMB = 0xb650;

export interface Arm1176GenState extends ArmGenState {
  /** An LDREX… may have opened the monitor (conditions and skipping branches make it uncertain)… */
  exclusiveOpen: boolean;
  /** …with one of these access sizes (bits 1, 2, 4, 8 set). */
  exclusiveSizes: number;
}

/** Rewrites a destination field to a writable register. */
function fixDest(state: ArmGenState, w: number, shift: number): number {
  return state.dests.includes(field(w, shift, 4)) ? w : setField(w, shift, 4, state.rng.pick(state.dests));
}

export type Arm1176Class =
  | 'v4' | 'clz' | 'saturating' | 'multiply16' | 'dual' | 'exclusive' | 'umaal' | 'media' | 'media-multiply' | 'media-long'
  | 'usad' | 'hint' | 'wfi' | 'clrex' | 'setend' | 'cps' | 'pld' | 'branch-exchange' | 'exception' | 'coprocessor';

/** Sorts an ARM word by the ARMv5TE/ARMv6 encoding diagrams (ARM ARM A3); ARMv4T words are 'v4'. */
export function classifyArm1176(w: number): Arm1176Class {
  w >>>= 0;
  if (w >>> 28 === 0xf) {
    if (w === 0xf57ff01f) return 'clrex';
    if ((w & 0x0ffffdff) === 0x01010000) return 'setend';
    if ((w & 0x0ff1fe20) === 0x01000000) return 'cps';
    if ((w & 0x0d70f000) === 0x0550f000) return 'pld';
    if ((w & 0x0e000000) === 0x0a000000) return 'branch-exchange';
    if ((w & 0x0e000000) === 0x08000000) return 'exception'; // SRS, RFE
    return 'coprocessor';
  }
  if ((w & 0x0fff0ff0) === 0x016f0f10) return 'clz';
  if ((w & 0x0fffffe0) === 0x012fff20) return 'branch-exchange'; // BXJ, BLX register
  if ((w & 0x0f9000f0) === 0x01000070) return 'exception'; // BKPT, SMC
  if ((w & 0x0f9000f0) === 0x01000050) return 'saturating';
  if ((w & 0x0f900090) === 0x01000080) return 'multiply16';
  if ((w & 0x0e1000d0) === 0x000000d0) return 'dual';
  if ((w & 0x0f8000f0) === 0x01800090) return 'exclusive';
  if ((w & 0x0ff000f0) === 0x00400090) return 'umaal';
  if ((w & 0x0e000010) === 0x06000010) {
    if ((w & 0x01800000) === 0x01000000) return field(w, 20, 3) === 4 ? 'media-long' : 'media-multiply';
    if ((w & 0x01f00000) === 0x01800000) return 'usad';
    return 'media';
  }
  if ((w & 0x0fffff00) === 0x0320f000 && (w & 0xff) <= 4) return (w & 0xff) === 3 ? 'wfi' : 'hint';
  if ((w & 0x0fe00000) === 0x0c400000) return 'coprocessor'; // MCRR, MRRC
  return 'v4';
}

const EXCLUDED: Partial<Record<Arm1176Class, string>> = {
  'branch-exchange': 'arm1176.branch-exchange',
  exception: 'arm1176.exception',
  coprocessor: 'arm1176.coprocessor',
  wfi: 'arm1176.wfi',
};

const STORE_CLASSES = new Set(['store', 'store-multiple', 'atomic']);

/** Applies the ARM1176 rules to one word; undefined = draw another. */
export function constrainArm1176(state: Arm1176GenState, word: number): number | undefined {
  const cls = classifyArm1176(word);
  const excluded = EXCLUDED[cls];
  if (excluded) {
    state.stats.note(excluded);
    return undefined;
  }
  let w: number | undefined = word >>> 0;
  switch (cls) {
    case 'v4':
      w = constrainArm(state, w);
      if (w !== undefined) w = misalign(state, w);
      if (w !== undefined && state.exclusiveOpen && STORE_CLASSES.has(armTraits(w, 'v6Z').class)) {
        state.stats.note('arm1176.store-while-exclusive');
        return undefined;
      }
      break;
    case 'clz':
    case 'saturating':
    case 'media':
      w = fixDest(state, w, 12);
      break;
    case 'multiply16':
      w = fixDest(state, w, 16);
      if (field(w, 21, 2) === 2) w = fixDest(state, w, 12); // SMLALxy: RdLo too
      break;
    case 'media-multiply':
    case 'usad':
      w = fixDest(state, w, 16);
      break;
    case 'media-long':
    case 'umaal':
      w = fixDest(state, fixDest(state, w, 16), 12);
      break;
    case 'dual':
      if (state.profile === 'alu') return undefined;
      w = placeDual(state, w);
      break;
    case 'exclusive':
      if (state.profile === 'alu') return undefined;
      w = placeExclusive(state, w);
      break;
    case 'clrex':
      if (state.index >= state.skippableUntil) {
        state.exclusiveOpen = false;
        state.exclusiveSizes = 0;
      }
      break;
    default:
      // hint, setend, cps, pld: no registers written, no memory touched.
      break;
  }
  if (w === undefined) return undefined;
  if (armTraits(w, 'v6Z').unpredictable) {
    state.stats.note('arm1176.unpredictable');
    return undefined;
  }
  return w;
}

/** LDRD/STRD into the buffer: even Rd, word-aligned offset, base writeback tracked. */
function placeDual(state: Arm1176GenState, word: number): number | undefined {
  const rng = state.rng;
  state.stats.note('arm1176.ldrd-placement');
  if (state.exclusiveOpen && (word & 0x20) !== 0) {
    state.stats.note('arm1176.store-while-exclusive');
    return undefined;
  }
  const load = (word & 0x20) === 0;
  const rn = rng.pick(BASE_REGS);
  let w = setField(word, 16, 4, rn);
  const pre = (w & (1 << 24)) !== 0;
  const writeback = !pre || (w & (1 << 21)) !== 0;
  const candidates = [0, 2, 4, 6, 8, 10, 12].filter((r) =>
    load ? state.dests.includes(r) && state.dests.includes(r + 1) : !(writeback && (r === rn || r + 1 === rn)),
  );
  if (candidates.length === 0) return undefined;
  w = setField(w, 12, 4, rng.pick(candidates));
  const immediate = (w & (1 << 22)) !== 0;
  let magnitude: number;
  if (immediate) {
    magnitude = 4 * rng.below(64);
    w = setField(setField(w, 8, 4, magnitude >> 4), 0, 4, magnitude & 15);
  } else {
    w = setField(setField(w, 8, 4, 0), 0, 4, INDEX_REG);
    magnitude = state.indexValue;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const off = (w & (1 << 23)) !== 0 ? magnitude : -magnitude;
    const iv = state.bases.get(rn)!;
    if (fits(iv, pre ? off : 0, 8) && (!writeback || fits(iv, off, 0))) {
      if (writeback) updateBase(state, rn, w, off);
      return w;
    }
    w ^= 1 << 23;
  }
  return undefined;
}

const EXCLUSIVE_SIZE = [4, 8, 1, 2] as const;

/** LDREX…/STREX… on an exactly known, aligned base; tracks whether the monitor may be open. */
function placeExclusive(state: Arm1176GenState, word: number): number | undefined {
  const rng = state.rng;
  const size = EXCLUSIVE_SIZE[field(word, 21, 2)];
  const load = (word & (1 << 20)) !== 0;
  const bases = BASE_REGS.filter((r) => {
    const iv = state.bases.get(r)!;
    return iv.lo === iv.hi && iv.lo % size === 0 && fits(iv, 0, size);
  });
  if (bases.length === 0) {
    state.stats.note('arm1176.exclusive-base');
    return undefined;
  }
  const rn = rng.pick(bases);
  let w = setField(word, 16, 4, rn);
  const evens = (r: number): boolean => (r & 1) === 0 && r !== 14;
  if (load) {
    const pool = size === 8 ? state.dests.filter((r) => evens(r) && state.dests.includes(r + 1)) : state.dests;
    if (pool.length === 0) return undefined;
    w = setField(w, 12, 4, rng.pick(pool));
    state.exclusiveSizes = definite(state, w) ? size : state.exclusiveSizes | size;
    state.exclusiveOpen = true;
    return w;
  }
  if (state.exclusiveOpen && state.exclusiveSizes !== size) {
    state.stats.note('arm1176.exclusive-size');
    return undefined;
  }
  const rmPool = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].filter((r) => size !== 8 || evens(r));
  const rm = rng.pick(rmPool);
  w = setField(w, 0, 4, rm);
  const status = state.dests.filter((r) => r !== rn && r !== rm && !(size === 8 && r === rm + 1));
  if (status.length === 0) return undefined;
  w = setField(w, 12, 4, rng.pick(status));
  if (definite(state, w)) {
    state.exclusiveOpen = false;
    state.exclusiveSizes = 0;
  }
  return w;
}

/**
 * Makes some word/halfword immediate-offset accesses (pre-indexed, no writeback, on a buffer base)
 * unaligned, to exercise c1.U = 1 accesses.
 */
function misalign(state: ArmGenState, w: number): number {
  if (state.profile === 'alu' || state.rng.below(2) !== 0) return w;
  const rn = field(w, 16, 4);
  if (!(BASE_REGS as readonly number[]).includes(rn)) return w;
  const pre = (w & (1 << 24)) !== 0 && (w & (1 << 21)) === 0;
  if (!pre) return w;
  const up = (w & (1 << 23)) !== 0;
  let size: number;
  let offset: number;
  let limit: number;
  const word = (w & 0x0e400000) === 0x04000000; // LDR/STR immediate, word
  const half = (w & 0x0e400090) === 0x00400090 && (field(w, 5, 2) === 1 || (field(w, 5, 2) === 3 && (w & (1 << 20)) !== 0));
  if (word) {
    size = 4;
    offset = w & 0xfff;
    limit = 0xfff;
  } else if (half) {
    size = 2;
    offset = (field(w, 8, 4) << 4) | field(w, 0, 4);
    limit = 0xff;
  } else return w;
  const signed = (up ? offset : -offset) + 1 + state.rng.below(size - 1);
  const magnitude = Math.abs(signed);
  if (magnitude > limit || !fits(state.bases.get(rn)!, signed, size)) return w;
  state.stats.note('arm1176.unaligned');
  let out = setField(w, 23, 1, signed >= 0 ? 1 : 0);
  out = word ? setField(out, 0, 12, magnitude) : setField(setField(out, 8, 4, magnitude >> 4), 0, 4, magnitude & 15);
  return out;
}

export interface Arm1176Program {
  readonly code: number[];
  readonly initial: InitialState;
  readonly profile: Profile;
}

/** One ARM block of `length` instructions plus the final SETEND LE. */
export function generateArm1176Program(rng: Prng, profile: Profile, length: number, nextWord: () => number, stats: SkipStats): Arm1176Program {
  const { initial, bases, indexValue, dests } = initialStateFor(rng, profile);
  const state: Arm1176GenState = {
    rng, profile, stats, dests, bases, indexValue, index: 0, length, skippableUntil: 0, storePc: true, exclusiveOpen: false, exclusiveSizes: 0,
  };
  const code = fillBlock(state, length, length * 1000, `ARM1176 generator: could not place ${length} instructions (profile ${profile})`, nextWord, constrainArm1176);
  stats.note('arm1176.final-setend');
  code.push(SETEND_LE_ARM);
  return { code, initial, profile };
}

// ---- Thumb ----------------------------------------------------------------------------------------------

/** The ARMv5T/ARMv6 Thumb halfwords; everything else goes to the ARMv4T rules. */
export function constrainThumb1176(state: ThumbGenState, half: number): number[] | undefined {
  const h = half & 0xffff;
  const lowDests = state.dests.filter((r) => r < 8);
  const fixLow = (x: number): number => (lowDests.includes(x & 7) ? x : (x & ~7) | state.rng.pick(lowDests));
  if ((h & 0xff00) === 0xb200 || ((h & 0xff00) === 0xba00 && (h & 0xc0) !== 0x80)) return [fixLow(h)]; // extends, REV*
  if ((h & 0xfff7) === 0xb650) return [h]; // SETEND
  if ((h & 0xffe8) === 0xb660) {
    if (thumbTraits(h, 'v6Z').unpredictable) {
      state.stats.note('thumb1176.unpredictable');
      return undefined;
    }
    return [h]; // CPS: no effect in User mode
  }
  if ((h & 0xff00) === 0xbe00) {
    state.stats.note('thumb1176.bkpt');
    return undefined;
  }
  if ((h & 0xff80) === 0x4780 || (h & 0xf800) === 0xe800) {
    state.stats.note('thumb1176.branch-exchange');
    return undefined;
  }
  if ((h & 0xffc0) === 0x4600) return [fixLow(h)]; // CPY: MOV with two low registers
  return constrainThumb(state, h);
}

/** One Thumb block of `length` halfwords plus the final SETEND LE (same initial state as thumb-generator.ts). */
export function generateThumb1176Program(rng: Prng, profile: Profile, length: number, nextHalf: () => number, stats: SkipStats): Arm1176Program {
  const { regs, bases, indexValue, dests } = thumbRegistersFor(rng, profile);
  const state: ThumbGenState = { rng, profile, stats, dests, bases, indexValue, index: 0, length, skippableUntil: 0, targets: new Set() };
  const code = fillBlock(state, length, length * 1000, `ARM1176 Thumb generator: could not place ${length} halfwords (profile ${profile})`, nextHalf, constrainThumb1176);
  stats.note('thumb1176.final-setend');
  code.push(SETEND_LE_THUMB);
  return { code, initial: { regs, flags: rng.below(16), bufferSeed: rng.uint32() }, profile };
}
