import type { Tcb } from '../object/tcb.js';

export const PRIORITIES = 256;

/**
 * 256 strict priorities, round-robin within each (reference/okl4.md §4). The current thread is not in a
 * queue; it goes back at the tail when its timeslice runs out or it yields, at the head when a higher
 * priority thread preempts it (it keeps the rest of its timeslice).
 */
export class ReadyQueues {
  private readonly queues: Tcb[][] = Array.from({ length: PRIORITIES }, () => []);
  /** Bitmap of non-empty priorities, 8 words of 32. */
  private readonly bitmap = new Uint32Array(PRIORITIES / 32);

  enqueue(t: Tcb, atHead = false): void {
    if (t.inReadyQueue) return;
    const q = this.queues[t.priority];
    if (atHead) q.unshift(t);
    else q.push(t);
    t.inReadyQueue = true;
    this.bitmap[t.priority >>> 5] |= 1 << (t.priority & 31);
  }

  remove(t: Tcb): void {
    if (!t.inReadyQueue) return;
    const q = this.queues[t.priority];
    const i = q.indexOf(t);
    if (i >= 0) q.splice(i, 1);
    t.inReadyQueue = false;
    if (q.length === 0) this.bitmap[t.priority >>> 5] &= ~(1 << (t.priority & 31));
  }

  /** Highest priority with a ready thread, or -1. */
  highest(): number {
    for (let w = this.bitmap.length - 1; w >= 0; w--) {
      const bits = this.bitmap[w];
      if (bits) return w * 32 + (31 - Math.clz32(bits));
    }
    return -1;
  }

  /** Removes and returns the first thread of the highest priority. */
  takeHighest(): Tcb | undefined {
    const p = this.highest();
    if (p < 0) return undefined;
    const t = this.queues[p][0];
    this.remove(t);
    return t;
  }

  /** Threads ready at `priority`, in order (for tests). */
  at(priority: number): readonly Tcb[] {
    return this.queues[priority];
  }

  /** Every ready thread, highest priority first. */
  all(): Tcb[] {
    const out: Tcb[] = [];
    for (let p = PRIORITIES - 1; p >= 0; p--) out.push(...this.queues[p]);
    return out;
  }
}
