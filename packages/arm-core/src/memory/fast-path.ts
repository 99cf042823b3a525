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
  /** Index of the TLB entry the range came from; -1 with the MMU off. */
  entry = -1;
  /** A path holding an earlier range of the same side, dropped together with this one. */
  readonly spare: FastPath | undefined;

  constructor(withSpare = false) {
    this.spare = withSpare ? new FastPath() : undefined;
  }

  clear(): void {
    this.size = 0;
    this.perm = 0;
    if (this.spare !== undefined) this.spare.clear();
  }

  /** Exchanges the range with the spare's (fields are copied: holders of this object keep seeing the live path). */
  swapWithSpare(): void {
    const s = this.spare!;
    const base = this.base, size = this.size, delta = this.delta, mvaDelta = this.mvaDelta, perm = this.perm;
    const attr = this.attr, domain = this.domain, page = this.page, region = this.region, entry = this.entry;
    this.base = s.base;
    this.size = s.size;
    this.delta = s.delta;
    this.mvaDelta = s.mvaDelta;
    this.perm = s.perm;
    this.attr = s.attr;
    this.domain = s.domain;
    this.page = s.page;
    this.region = s.region;
    this.entry = s.entry;
    s.base = base;
    s.size = size;
    s.delta = delta;
    s.mvaDelta = mvaDelta;
    s.perm = perm;
    s.attr = attr;
    s.domain = domain;
    s.page = page;
    s.region = region;
    s.entry = entry;
  }

  /** Keeps the current range in the spare (before the path is loaded with another). */
  saveToSpare(): void {
    const s = this.spare!;
    s.base = this.base;
    s.size = this.size;
    s.delta = this.delta;
    s.mvaDelta = this.mvaDelta;
    s.perm = this.perm;
    s.attr = this.attr;
    s.domain = this.domain;
    s.page = this.page;
    s.region = this.region;
    s.entry = this.entry;
  }
}
