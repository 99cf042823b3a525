import { coarseIndex } from '@l4lab/arm-core';
import { PAGE, SECTION } from '../../layout.js';
import type { Space } from '../../object/space.js';
import type { KernelMemory } from './kernel-memory.js';
import type { SpaceMapResult, SpaceMapping, SpacePageTables } from './mmu.js';

/** Rights and cache attribute decoded from one descriptor. */
export interface DecodedDescriptor {
  readonly rights: number;
  readonly attribute: number;
}

/**
 * The page tables of one space as the kernel builds them in simulated RAM, common to ARMv5 and ARMv6: a
 * 16 KB first-level table indexed by VA holding 1 MB sections or 1 KB coarse tables of 256 small pages.
 * The kernel picks the page size (2.1): sections where VA, PA and length allow, small pages elsewhere.
 * The walking, allocation and mapping loops (and what they charge to the cost meter) live here; the
 * descriptor formats and the cache maintenance after a descriptor write are per architecture. `A` is the
 * architecture's descriptor attributes, computed once per `map` from rights and memory attribute.
 */
export abstract class ArmPageTables<A> implements SpacePageTables {
  constructor(protected readonly kmem: KernelMemory) {}

  /** User descriptor attributes for `rights` and physical-descriptor `attribute`. */
  protected abstract userAttributes(rights: number, attribute: number): A;
  protected abstract sectionDescriptor(pa: number, attributes: A): number;
  protected abstract smallPageDescriptor(pa: number, attributes: A): number;
  protected abstract coarseTableDescriptor(table: number): number;
  /** Whether a first-level entry is a 1 MB section this code maps (and so looks up). */
  protected abstract isSection(l1: number): boolean;
  /** Whether a second-level entry is a small page. */
  protected abstract isSmallPage(l2: number): boolean;
  protected abstract decodeSection(l1: number): DecodedDescriptor;
  protected abstract decodeSmallPage(l2: number): DecodedDescriptor;
  /** Cleans the D-cache line holding the descriptor at `pa` (the table walker reads memory). */
  protected abstract cleanDescriptorLine(pa: number): void;

  /** Called after a first-level entry of `space` changes; nothing by default. */
  protected l1Changed(_space: Space, _index: number): void {}

  /** Writes a descriptor word and cleans its line so the table walker sees it. */
  writeDescriptor(pa: number, value: number): void {
    this.kmem.store(pa, value);
    this.cleanDescriptorLine(pa);
    this.kmem.maintenanceOp();
  }

  l1Entry(space: Space, va: number): number {
    return this.kmem.read32(space.l1Pa + ((va >>> 20) << 2));
  }

  /** Maps [va, va+size) to [pa, pa+size) with `rights` and `attribute`. Both must be 4 KB aligned. */
  map(space: Space, va: number, pa: number, size: number, rights: number, attribute: number): SpaceMapResult {
    const a = this.userAttributes(rights, attribute);
    for (let off = 0; off < size; ) {
      const v = (va + off) >>> 0, p = (pa + off) >>> 0;
      this.kmem.charge('mapControlPage');
      if (v % SECTION === 0 && p % SECTION === 0 && size - off >= SECTION) {
        const index = v >>> 20;
        const old = this.kmem.read32(space.l1Pa + index * 4);
        if ((old & 3) === 1) {
          if (!this.coarseEmpty(space, index)) return 'conflict';
          this.freeCoarse(space, index);
        }
        this.writeDescriptor(space.l1Pa + index * 4, this.sectionDescriptor(p, a));
        this.l1Changed(space, index);
        off += SECTION;
        continue;
      }
      const table = this.coarseFor(space, v);
      if (table === 'conflict') return 'conflict';
      if (table === undefined) return 'no-memory';
      this.writeDescriptor(table + coarseIndex(v), this.smallPageDescriptor(p, a));
      off += PAGE;
    }
    return 'ok';
  }

  /** Removes mappings in [va, va+size); returns how many entries were removed (for cache/TLB maintenance). */
  unmap(space: Space, va: number, size: number): number {
    let removed = 0;
    for (let off = 0; off < size; ) {
      const v = (va + off) >>> 0;
      const index = v >>> 20;
      const l1pa = space.l1Pa + index * 4;
      const l1 = this.kmem.load(l1pa);
      this.kmem.charge('mapControlPage');
      const kind = l1 & 3;
      if (kind === 2) {
        this.writeDescriptor(l1pa, 0);
        this.l1Changed(space, index);
        removed++;
        off += SECTION - (v % SECTION);
      } else if (kind === 1) {
        const e = (l1 & 0xfffffc00) + coarseIndex(v);
        if ((this.kmem.load(e) & 3) !== 0) {
          this.writeDescriptor(e, 0);
          removed++;
        }
        if (this.coarseEmpty(space, index)) {
          this.writeDescriptor(l1pa, 0);
          this.freeCoarse(space, index);
          this.l1Changed(space, index);
        }
        off += PAGE;
      } else {
        off += SECTION - (v % SECTION);
      }
    }
    return removed;
  }

  /** The mapping at `va` (software walk of the space's own tables), charged as the kernel's reads. */
  lookup(space: Space, va: number): SpaceMapping | undefined {
    va >>>= 0;
    const l1 = this.kmem.load(space.l1Pa + ((va >>> 20) << 2));
    if (this.isSection(l1)) {
      return { va: (va & 0xfff00000) >>> 0, pa: (l1 & 0xfff00000) >>> 0, size: SECTION, ...this.decodeSection(l1) };
    }
    if ((l1 & 3) !== 1) return undefined;
    const l2 = this.kmem.load((l1 & 0xfffffc00) + coarseIndex(va));
    if (!this.isSmallPage(l2)) return undefined;
    return { va: (va & 0xfffff000) >>> 0, pa: (l2 & 0xfffff000) >>> 0, size: PAGE, ...this.decodeSmallPage(l2) };
  }

  /** Physical address for `va` in `space`, uncharged (kernel copies charge their own accesses). */
  translate(space: Space, va: number): number | undefined {
    va >>>= 0;
    const l1 = this.kmem.read32(space.l1Pa + ((va >>> 20) << 2));
    if (this.isSection(l1)) return ((l1 & 0xfff00000) | (va & 0xfffff)) >>> 0;
    if ((l1 & 3) !== 1) return undefined;
    const l2 = this.kmem.read32((l1 & 0xfffffc00) + coarseIndex(va));
    if (!this.isSmallPage(l2)) return undefined;
    return ((l2 & 0xfffff000) | (va & 0xfff)) >>> 0;
  }

  /** Frees every table of the space (its L1 included). */
  destroy(space: Space): void {
    for (const table of space.coarse.values()) this.kmem.heap.free(table, 1024);
    space.coarse.clear();
    if (space.l1Pa) this.kmem.heap.free(space.l1Pa, 16384);
    space.l1Pa = 0;
  }

  private coarseFor(space: Space, va: number): number | 'conflict' | undefined {
    const index = va >>> 20;
    const existing = space.coarse.get(index);
    if (existing !== undefined) return existing;
    if ((this.kmem.read32(space.l1Pa + index * 4) & 3) !== 0) return 'conflict';
    const table = this.kmem.heap.alloc(1024);
    if (table === undefined) return undefined;
    space.coarse.set(index, table);
    this.writeDescriptor(space.l1Pa + index * 4, this.coarseTableDescriptor(table));
    this.l1Changed(space, index);
    return table;
  }

  private coarseEmpty(space: Space, index: number): boolean {
    const table = space.coarse.get(index);
    if (table === undefined) return true;
    for (let i = 0; i < 256; i++) if ((this.kmem.read32(table + i * 4) & 3) !== 0) return false;
    return true;
  }

  private freeCoarse(space: Space, index: number): void {
    const table = space.coarse.get(index);
    if (table === undefined) return;
    space.coarse.delete(index);
    this.kmem.heap.free(table, 1024);
  }
}
