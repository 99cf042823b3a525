import { RangeAllocator } from '../range-allocator.js';

export const PAGE = 4096;
/** Where a PD's run-time memsections (heaps, thread stacks) are placed: above the ELF, below the image's memsections and stacks. */
export const DYNAMIC_BASE = 0x00400000;
export const DYNAMIC_END = 0x01000000;

export type MemsectionKind = 'image' | 'lazy' | 'direct';

/** A contiguous range of a PD's virtual memory; `lazy` ones are backed page by page on faults. */
export class Memsection {
  /** Physical frames the server gave this memsection, by page VA (lazy and stack memsections). */
  readonly frames = new Map<number, number>();
  constructor(
    readonly base: number,
    readonly size: number,
    readonly kind: MemsectionKind,
    readonly rights: number,
    readonly name: string,
    /** Direct memsections: the physical base they map. */
    readonly phys?: number,
  ) {}
  contains(va: number): boolean {
    return va >= this.base && va < this.base + this.size;
  }
}

/** A protection domain: an L4 space, its threads and its memsections. */
export class ProtectionDomain {
  readonly threads = new Set<number>();
  readonly memsections: Memsection[] = [];
  readonly vspace = new RangeAllocator(DYNAMIC_BASE, DYNAMIC_END - DYNAMIC_BASE, 'vspace');
  /** Mutexes it created (deleted with it). */
  readonly mutexes = new Set<number>();
  constructor(
    readonly id: number,
    readonly name: string,
    readonly system: boolean,
  ) {}

  memsectionAt(va: number): Memsection | undefined {
    return this.memsections.find((m) => m.contains(va));
  }

  add(m: Memsection): void {
    this.memsections.push(m);
    this.memsections.sort((a, b) => a.base - b.base);
  }

  remove(m: Memsection): void {
    this.memsections.splice(this.memsections.indexOf(m), 1);
    if (m.base >= DYNAMIC_BASE && m.base + m.size <= DYNAMIC_END) this.vspace.release(m.base, m.size);
  }
}
