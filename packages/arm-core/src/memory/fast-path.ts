import type { RamRegion } from '../bus/physical-bus.js';

export const CACHEABLE = 1;
export const BUFFERABLE = 2;

/**
 * The "last page" fast path of one side (I or D): a VA range with one translation and one permission
 * mask, derived from a TLB entry. Dropped whenever the TLB, DACR, PID or control register changes, so a
 * fast-path hit is always what a TLB hit would give.
 */
export class FastPath {
  base = 0;
  /** 0 = empty (nothing matches). */
  size = 0;
  /** pa = va + delta (mod 2^32). */
  delta = 0;
  /** mva = va + mvaDelta (the FCSE offset, or 0). */
  mvaDelta = 0;
  /** Perm bits for both privileges, after the domain check. */
  perm = 0;
  attr = 0;
  domain = 0;
  page = false;
  /** The RAM region behind the range, for direct typed-array access; undefined for devices and holes. */
  region: RamRegion | undefined = undefined;
  clear(): void {
    this.size = 0;
    this.perm = 0;
  }
}
