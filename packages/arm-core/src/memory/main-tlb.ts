import type { Mapping } from './page-table.js';
import { Tlb, type TlbEntryInfo, type TlbStatistics } from './tlb.js';

export interface MainTlbGeometry {
  readonly lockableEntries: number;
  readonly entries: number;
  readonly ways: number;
}

/**
 * The ARM1176 main TLB, behind the I and D micro TLBs: a small fully associative lockable region and a
 * set-associative RAM, both tagged with ASID, nG and world. Walk results go to the RAM, or — while the
 * lockdown P bit is set — to the lockable region at its victim, where they survive invalidate-all
 * (ARM1176 TRM §6.5). The RAM indexes each page size by its own MVA bits (see Tlb) [est].
 */
export class MainTlb {
  readonly lockable: Tlb;
  readonly ram: Tlb;
  readonly stats: TlbStatistics = { hits: 0, misses: 0, walkReads: 0, invalidations: 0 };

  constructor(geometry: MainTlbGeometry) {
    this.lockable = new Tlb(geometry.lockableEntries, 'main TLB (lockable)', { tagged: true });
    this.ram = new Tlb(geometry.entries, 'main TLB', { ways: geometry.ways, tagged: true });
  }

  setContext(asid: number, nonSecure: boolean): void {
    this.lockable.setContext(asid, nonSecure);
    this.ram.setContext(asid, nonSecure);
  }

  /** Copies the entry translating `mva` in the current context into `out`; false on a miss. No statistics. */
  peek(mva: number, out: Mapping): boolean {
    let i = this.lockable.lookup(mva);
    if (i >= 0) {
      this.lockable.read(i, out);
      return true;
    }
    i = this.ram.lookup(mva);
    if (i < 0) return false;
    this.ram.read(i, out);
    return true;
  }

  /** `peek` with hit/miss statistics. */
  lookup(mva: number, out: Mapping): boolean {
    const hit = this.peek(mva, out);
    if (hit) this.stats.hits++;
    else this.stats.misses++;
    return hit;
  }

  insert(m: Mapping, mva: number): void {
    if (this.lockable.preserve) this.lockable.insert(m, mva);
    else this.ram.insert(m, mva);
  }

  invalidateWorld(nonSecure: boolean): void {
    this.stats.invalidations += this.lockable.invalidateWorld(nonSecure) + this.ram.invalidateWorld(nonSecure);
  }
  invalidateMvaAsid(mva: number, asid: number, nonSecure: boolean): void {
    this.stats.invalidations += this.lockable.invalidateMvaAsid(mva, asid, nonSecure) + this.ram.invalidateMvaAsid(mva, asid, nonSecure);
  }
  invalidateAsid(asid: number, nonSecure: boolean): void {
    this.stats.invalidations += this.lockable.invalidateAsid(asid, nonSecure) + this.ram.invalidateAsid(asid, nonSecure);
  }

  /** c10,c0,0: victim [28:26] in the lockable region, P [0]. */
  get lockdownRegister(): number {
    return (((this.lockable.victim & 7) << 26) | (this.lockable.preserve ? 1 : 0)) >>> 0;
  }
  set lockdownRegister(value: number) {
    this.lockable.victim = ((value >>> 26) & 7) % this.lockable.entryCount;
    this.lockable.preserve = (value & 1) !== 0;
  }

  entries(): { lockable: TlbEntryInfo[]; ram: TlbEntryInfo[] } {
    return { lockable: this.lockable.entries(), ram: this.ram.entries() };
  }

  validCount(): number {
    return this.lockable.validCount() + this.ram.validCount();
  }

  reset(): void {
    this.lockable.reset();
    this.ram.reset();
  }

  resetStats(): void {
    this.stats.hits = this.stats.misses = this.stats.walkReads = this.stats.invalidations = 0;
  }
}
