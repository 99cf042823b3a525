/**
 * Helpers shared by the program generators (arm-generator.ts, thumb-generator.ts, arm1176-generator.ts):
 * bit fields, the buffer-interval bookkeeping of base registers, and the draw-until-placed loop.
 */
import type { Prng } from '../../src/isa/prng.js';
import type { SkipStats } from './skip-list.js';
import { BUFFER, BUFFER_SIZE } from './test-image.js';

/** `alu`: no memory accesses, all registers free; `mem`: adds loads and stores through base registers. */
export type Profile = 'alu' | 'mem';

/** The possible values of a base register at some point of the block. */
export type Interval = { lo: number; hi: number };

/** What every generator tracks while it places a block (ARM and Thumb states extend it). */
export interface BlockState {
  readonly rng: Prng;
  readonly profile: Profile;
  readonly stats: SkipStats;
  /** Registers an instruction may write. */
  readonly dests: readonly number[];
  /** Possible values of each base register at this point of the block. */
  readonly bases: Map<number, Interval>;
  /** The value of the fixed index register (mem profile). */
  readonly indexValue: number;
  /** Index in the block of the unit being placed, and the block's length. */
  index: number;
  readonly length: number;
  /** Units before this index may be skipped by a forward branch: their writeback is uncertain. */
  skippableUntil: number;
}

/** Bits [shift + width - 1 : shift] of `w`. */
export const field = (w: number, shift: number, width: number): number => (w >>> shift) & ((1 << width) - 1);

/** `w` with bits [shift + width - 1 : shift] replaced by `v` (unsigned). */
export const setField = (w: number, shift: number, width: number, v: number): number => {
  const m = ((1 << width) - 1) << shift;
  return ((w & ~m) | ((v << shift) & m)) >>> 0;
};

export const popcount = (x: number): number => {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
};

/** Can an access of `size` bytes at every base value in `iv` plus `off` stay inside the buffer? */
export function fits(iv: Interval, off: number, size: number): boolean {
  return iv.lo + off >= BUFFER && iv.hi + off + size <= BUFFER + BUFFER_SIZE;
}

/**
 * Moves base register `reg` by `delta`: exactly when the instruction certainly runs (`definite`), else the
 * interval widens to cover both the old and the moved values.
 */
export function moveInterval(bases: Map<number, Interval>, reg: number, delta: number, definite: boolean): void {
  const iv = bases.get(reg)!;
  const moved = { lo: iv.lo + delta, hi: iv.hi + delta };
  bases.set(reg, definite ? moved : { lo: Math.min(iv.lo, moved.lo), hi: Math.max(iv.hi, moved.hi) });
}

/**
 * Fills a block of `length` code units: draws candidates from `draw` and lets `place` keep (one or more
 * units), rewrite or refuse (undefined) each, with `state.index` at the next unit. Throws `failure` after
 * `maxDraws` draws.
 */
export function fillBlock<S extends { index: number }>(
  state: S,
  length: number,
  maxDraws: number,
  failure: string,
  draw: () => number,
  place: (state: S, candidate: number) => number | readonly number[] | undefined,
): number[] {
  const code: number[] = [];
  let draws = 0;
  while (code.length < length) {
    if (++draws > maxDraws) throw new Error(failure);
    state.index = code.length;
    const placed = place(state, draw());
    if (placed === undefined) continue;
    if (typeof placed === 'number') code.push(placed);
    else code.push(...placed);
  }
  return code;
}
