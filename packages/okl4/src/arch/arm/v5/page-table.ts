import { coarseIndex, coarseTableDescriptor, sectionDescriptor, smallPageDescriptor } from '@l4lab/arm-core';
import type { Space } from '../../../object/space.js';
import type { KernelMemory } from '../kernel-memory.js';
import { PAGE, SECTION } from '../../../layout.js';

/** Rights as in fpages: read 4, write 2, execute 1. */
export const Rights = { r: 4, w: 2, x: 1 } as const;

/** Cache attributes of a physical descriptor (low 6 bits). */
export const MemoryAttribute = {
  default: 0,
  cached: 1,
  uncached: 2,
  writeBack: 3,
  writeThrough: 4,
  writeCombining: 5,
} as const;

export interface PageMapping {
  readonly va: number;
  readonly pa: number;
  readonly size: number;
  readonly rights: number;
  readonly attribute: number;
}

function cbOf(attribute: number): { c: boolean; b: boolean } {
  switch (attribute) {
    case MemoryAttribute.uncached:
      return { c: false, b: false };
    case MemoryAttribute.writeThrough:
      return { c: true, b: false };
    case MemoryAttribute.writeCombining:
      return { c: false, b: true };
    default:
      return { c: true, b: true };
  }
}

function attributeOf(descriptor: number): number {
  const c = (descriptor & 8) !== 0, b = (descriptor & 4) !== 0;
  if (c && b) return MemoryAttribute.writeBack;
  if (c) return MemoryAttribute.writeThrough;
  if (b) return MemoryAttribute.writeCombining;
  return MemoryAttribute.uncached;
}

/** AP for user rights: writable → 11 (all RW), otherwise 10 (priv RW, user RO). ARMv5 has no execute-never. */
function apOf(rights: number): number {
  return rights & Rights.w ? 3 : 2;
}
function rightsOf(ap: number): number {
  return ap === 3 ? 7 : ap === 2 ? 5 : 0;
}

export type MapResult = 'ok' | 'no-memory' | 'conflict';

/**
 * ARMv4/v5 page tables of one space, built by the kernel in simulated RAM: a 16 KB first-level table
 * indexed by VA with 1 MB sections or 1 KB coarse tables of 4 KB small pages. The kernel picks the page
 * size (2.1): sections where VA, PA and length allow, small pages elsewhere. Writes are charged at the
 * tables' kernel aliases, each followed by a D-cache clean of its line (the ARM920T walker reads memory).
 */
export class PageTables {
  constructor(
    private readonly kmem: KernelMemory,
    /** Domain written into first-level descriptors of spaces (ignored by FASS, which re-tags in the CPD). */
    private readonly userDomain: number,
    /** Called after a first-level entry of `space` changes (FASS keeps the CPD in step). */
    private readonly l1Changed: (space: Space, index: number) => void,
  ) {}

  /** Writes a descriptor word and cleans its line so the table walker sees it. */
  writeDescriptor(pa: number, value: number): void {
    this.kmem.store(pa, value);
    const mem = this.kmem.machine.memory;
    mem.cleanDCacheLine(mem.mvaOf(this.kmem.kva(pa)));
    this.kmem.maintenanceOp();
  }

  l1Entry(space: Space, va: number): number {
    return this.kmem.read32(space.l1Pa + ((va >>> 20) << 2));
  }

  /** Maps [va, va+size) to [pa, pa+size) with `rights` and `attribute`. Both must be 4 KB aligned. */
  map(space: Space, va: number, pa: number, size: number, rights: number, attribute: number): MapResult {
    const { c, b } = cbOf(attribute);
    const ap = apOf(rights);
    let off = 0;
    while (off < size) {
      const v = (va + off) >>> 0, p = (pa + off) >>> 0;
      this.kmem.charge('mapControlPage');
      if (v % SECTION === 0 && p % SECTION === 0 && size - off >= SECTION) {
        const index = v >>> 20;
        const old = this.kmem.read32(space.l1Pa + index * 4);
        if ((old & 3) === 1) {
          if (!this.coarseEmpty(space, index)) return 'conflict';
          this.freeCoarse(space, index);
        }
        this.writeDescriptor(space.l1Pa + index * 4, sectionDescriptor(p, { ap, domain: this.userDomain, c, b }));
        this.l1Changed(space, index);
        off += SECTION;
        continue;
      }
      const table = this.coarseFor(space, v);
      if (table === 'conflict' || table === undefined) return table === undefined ? 'no-memory' : 'conflict';
      this.writeDescriptor(table + coarseIndex(v), smallPageDescriptor(p, { ap, c, b }));
      off += PAGE;
    }
    return 'ok';
  }

  /** Removes mappings in [va, va+size); returns the ranges that were mapped (for cache/TLB maintenance). */
  unmap(space: Space, va: number, size: number): number {
    let removed = 0;
    let off = 0;
    while (off < size) {
      const v = (va + off) >>> 0;
      const index = v >>> 20;
      const l1pa = space.l1Pa + index * 4;
      const l1 = this.kmem.load(l1pa);
      this.kmem.charge('mapControlPage');
      if ((l1 & 3) === 2) {
        this.writeDescriptor(l1pa, 0);
        this.l1Changed(space, index);
        removed++;
        off += SECTION - (v % SECTION);
        continue;
      }
      if ((l1 & 3) === 1) {
        const table = l1 & 0xfffffc00;
        const e = table + coarseIndex(v);
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
        continue;
      }
      off += SECTION - (v % SECTION);
    }
    return removed;
  }

  /** The mapping at `va` (software walk of the space's own tables), charged as the kernel's reads. */
  lookup(space: Space, va: number): PageMapping | undefined {
    va >>>= 0;
    const l1 = this.kmem.load(space.l1Pa + ((va >>> 20) << 2));
    if ((l1 & 3) === 2) {
      return { va: (va & 0xfff00000) >>> 0, pa: (l1 & 0xfff00000) >>> 0, size: SECTION, rights: rightsOf((l1 >>> 10) & 3), attribute: attributeOf(l1) };
    }
    if ((l1 & 3) !== 1) return undefined;
    const l2 = this.kmem.load((l1 & 0xfffffc00) + coarseIndex(va));
    if ((l2 & 3) !== 2) return undefined;
    return { va: (va & 0xfffff000) >>> 0, pa: (l2 & 0xfffff000) >>> 0, size: PAGE, rights: rightsOf((l2 >>> 4) & 3), attribute: attributeOf(l2) };
  }

  /** Physical address for `va` in `space`, uncharged (kernel copies charge their own accesses). */
  translate(space: Space, va: number): number | undefined {
    va >>>= 0;
    const l1 = this.kmem.read32(space.l1Pa + ((va >>> 20) << 2));
    if ((l1 & 3) === 2) return ((l1 & 0xfff00000) | (va & 0xfffff)) >>> 0;
    if ((l1 & 3) !== 1) return undefined;
    const l2 = this.kmem.read32((l1 & 0xfffffc00) + coarseIndex(va));
    if ((l2 & 3) !== 2) return undefined;
    return ((l2 & 0xfffff000) | (va & 0xfff)) >>> 0;
  }

  private coarseFor(space: Space, va: number): number | 'conflict' | undefined {
    const index = va >>> 20;
    const existing = space.coarse.get(index);
    if (existing !== undefined) return existing;
    const l1 = this.kmem.read32(space.l1Pa + index * 4);
    if ((l1 & 3) !== 0) return 'conflict';
    const table = this.kmem.heap.alloc(1024);
    if (table === undefined) return undefined;
    space.coarse.set(index, table);
    this.writeDescriptor(space.l1Pa + index * 4, coarseTableDescriptor(table, this.userDomain));
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

  /** Frees every table of the space (its L1 included). */
  destroy(space: Space): void {
    for (const table of space.coarse.values()) this.kmem.heap.free(table, 1024);
    space.coarse.clear();
    if (space.l1Pa) this.kmem.heap.free(space.l1Pa, 16384);
    space.l1Pa = 0;
  }
}
