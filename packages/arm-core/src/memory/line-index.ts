const EMPTY = -1;

/**
 * Maps a cache line key (a non-negative int32) to the slot holding it: open addressing with linear
 * probing and backward-shift deletion, in typed arrays, so a lookup in a 64-way cache costs a hash and a
 * probe or two instead of a 64-way scan, and allocates nothing.
 */
export class LineIndex {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(capacityHint: number) {
    let bits = 4;
    while (1 << bits < capacityHint * 2) bits++;
    this.keys = new Int32Array(1 << bits).fill(EMPTY);
    this.values = new Int32Array(1 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  get(key: number): number {
    const keys = this.keys;
    let i = this.home(key);
    for (;;) {
      const k = keys[i];
      if (k === key) return this.values[i];
      if (k === EMPTY) return -1;
      i = (i + 1) & this.mask;
    }
  }

  set(key: number, value: number): void {
    const keys = this.keys;
    let i = this.home(key);
    for (;;) {
      const k = keys[i];
      if (k === key || k === EMPTY) {
        keys[i] = key;
        this.values[i] = value;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  delete(key: number): void {
    const keys = this.keys;
    const mask = this.mask;
    let i = this.home(key);
    for (;;) {
      const k = keys[i];
      if (k === EMPTY) return;
      if (k === key) break;
      i = (i + 1) & mask;
    }
    // Backward shift: move later entries of the probe run into the hole when their home allows it.
    let hole = i;
    let j = (i + 1) & mask;
    for (;;) {
      const k = keys[j];
      if (k === EMPTY) break;
      const h = this.home(k);
      // Movable if its home is not cyclically in (hole, j].
      if (((j - h) & mask) >= ((j - hole) & mask)) {
        keys[hole] = k;
        this.values[hole] = this.values[j];
        hole = j;
      }
      j = (j + 1) & mask;
    }
    keys[hole] = EMPTY;
  }

  clear(): void {
    this.keys.fill(EMPTY);
  }
}
