/**
 * Seeded deterministic pseudo-random numbers for test generation: xoshiro128** (Blackman & Vigna), state
 * seeded through splitmix32 so that nearby seeds give unrelated streams. 32-bit integer arithmetic only,
 * so the sequence is identical on every JavaScript engine. Never use Math.random in the simulator.
 */
export class Prng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** Restarts the stream from `seed` (any number; only its low 32 bits matter). */
  seed(seed: number): void {
    let x = seed >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // xoshiro's state must not be all zero.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The full state, to resume a stream later (e.g. to record where a failing case came from). */
  get state(): readonly [number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3];
  }
  set state(s: readonly [number, number, number, number]) {
    if ((s[0] | s[1] | s[2] | s[3]) === 0) throw new Error('Prng: state must not be all zero');
    [this.s0, this.s1, this.s2, this.s3] = [s[0] >>> 0, s[1] >>> 0, s[2] >>> 0, s[3] >>> 0];
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform integer with `width` random bits (0–32). */
  bits(width: number): number {
    if (width <= 0) return 0;
    const v = this.uint32();
    return width >= 32 ? v : v >>> (32 - width);
  }

  /** Uniform integer in [0, n) without modulo bias; n in 1..2^32. */
  below(n: number): number {
    if (!(n >= 1 && n <= 0x100000000) || !Number.isInteger(n)) throw new Error(`Prng.below: bad bound ${n}`);
    if (n === 1) return 0;
    // Reject the top partial block of 2^32 so every value is equally likely.
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const v = this.uint32();
      if (v < limit) return v % n;
    }
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** Uniform float in [0, 1) with 32 bits of randomness. */
  float(): number {
    return this.uint32() / 0x100000000;
  }

  bool(): boolean {
    return (this.uint32() & 0x80000000) !== 0;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Prng.pick: empty list');
    return items[this.below(items.length)];
  }

  /** An independent stream derived from this one (for sub-generators that must not disturb the parent). */
  fork(): Prng {
    return new Prng(this.uint32());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export function createPrng(seed: number): Prng {
  return new Prng(seed);
}
