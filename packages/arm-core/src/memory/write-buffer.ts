export interface WriteBufferStatistics {
  /** Writes accepted (each store, merged or not). */
  writes: number;
  /** Writes that found the buffer full and waited. */
  fullStalls: number;
  /** Core cycles spent waiting: full buffer plus drains. */
  stallCycles: number;
  /** Drains that found writes still pending (c7,c10,4; uncached reads; unbuffered writes). */
  drains: number;
}

/**
 * Timing model of the ARM920T write buffer: 16 data words in at most 4 address entries. It holds no
 * data (writes reach the bus at once, see the cache model's note); it tracks when each entry will have
 * drained so that buffered stores stall only when the buffer is full, and drains cost what is left.
 *
 * Simplifications (documented, deliberate): a word store to the address right after the newest entry
 * merges into it while that entry has not started draining before this cycle (STM bursts, whose stores share
 * one cycle of the clock); entries drain one after another
 * from when they are written; line fills and walks do not wait for the buffer (bus contention is ignored).
 * Times are core cycles on the shared clock.
 */
export class WriteBuffer {
  private readonly nextAddress: Uint32Array;
  private readonly words: Uint8Array;
  private readonly startAt: Float64Array;
  private readonly doneAt: Float64Array;
  private head = 0;
  private count = 0;
  private totalWords = 0;
  readonly stats: WriteBufferStatistics = { writes: 0, fullStalls: 0, stallCycles: 0, drains: 0 };

  constructor(
    readonly maxWords = 16,
    readonly maxAddresses = 4,
  ) {
    this.nextAddress = new Uint32Array(maxAddresses);
    this.words = new Uint8Array(maxAddresses);
    this.startAt = new Float64Array(maxAddresses);
    this.doneAt = new Float64Array(maxAddresses);
  }

  /** Entries still draining at `now`. */
  occupancy(now: number): number {
    this.retire(now);
    return this.count;
  }

  /** Words still waiting at `now`. */
  wordsPending(now: number): number {
    this.retire(now);
    return this.totalWords;
  }

  private retire(now: number): void {
    while (this.count > 0 && this.doneAt[this.head] <= now) {
      this.totalWords -= this.words[this.head];
      this.head = this.wrap(this.head + 1);
      this.count--;
    }
  }

  /** `i` mod maxAddresses for 0 <= i < 2 * maxAddresses (a compare, not an integer division). */
  private wrap(i: number): number {
    return i >= this.maxAddresses ? i - this.maxAddresses : i;
  }

  /**
   * Buffers a store at `now` (a word, halfword or byte: one data slot). `firstWordCycles` is what draining
   * a new entry's first word takes, `nextWordCycles` each merged word. Returns the core cycles the store
   * waits for space (0 unless the buffer is full).
   */
  write(now: number, address: number, size: number, firstWordCycles: number, nextWordCycles: number): number {
    this.stats.writes++;
    this.retire(now);
    if (this.count > 0 && size === 4 && this.totalWords < this.maxWords) {
      const last = this.wrap(this.head + this.count - 1);
      if (this.nextAddress[last] === address >>> 0 && this.startAt[last] >= now) {
        this.words[last]++;
        this.totalWords++;
        this.nextAddress[last] = (address + 4) >>> 0;
        this.doneAt[last] += nextWordCycles;
        return 0;
      }
    }
    let stall = 0;
    if (this.count === this.maxAddresses || this.totalWords >= this.maxWords) {
      stall = this.doneAt[this.head] - now;
      this.stats.fullStalls++;
      this.stats.stallCycles += stall;
      now += stall;
      this.retire(now);
    }
    const previousDone = this.count > 0 ? this.doneAt[this.wrap(this.head + this.count - 1)] : now;
    const slot = this.wrap(this.head + this.count);
    const start = Math.max(now, previousDone);
    this.startAt[slot] = start;
    this.doneAt[slot] = start + firstWordCycles;
    this.nextAddress[slot] = ((address & ~3) + 4) >>> 0;
    this.words[slot] = 1;
    this.count++;
    this.totalWords++;
    return stall;
  }

  /** Waits for everything buffered to reach memory; returns the core cycles that takes from `now`. */
  drain(now: number): number {
    this.retire(now);
    if (this.count === 0) return 0;
    this.stats.drains++;
    const last = this.wrap(this.head + this.count - 1);
    const wait = Math.max(0, this.doneAt[last] - now);
    this.stats.stallCycles += wait;
    this.head = 0;
    this.count = 0;
    this.totalWords = 0;
    return wait;
  }

  /** True when nothing is waiting at `now` (no drain needed). */
  isEmpty(now: number): boolean {
    this.retire(now);
    return this.count === 0;
  }

  reset(): void {
    this.head = 0;
    this.count = 0;
    this.totalWords = 0;
  }

  resetStats(): void {
    const s = this.stats;
    s.writes = s.fullStalls = s.stallCycles = s.drains = 0;
  }
}
