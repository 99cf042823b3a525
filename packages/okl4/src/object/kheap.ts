import { hex } from '../layout.js';

/**
 * The kernel heap: physical memory carved from RAM for TCBs, page tables and UTCB pages. Blocks are
 * power-of-two sized and naturally aligned (page tables need it); freed blocks go to a per-size free list.
 * Every block has a physical address and the kernel virtual alias `kva(pa)` the cost meter charges.
 */
export class KernelHeap {
  private next: number;
  private readonly freeLists = new Map<number, number[]>();
  used = 0;

  constructor(
    readonly base: number,
    readonly end: number,
    private readonly zero: (pa: number, bytes: number) => void,
  ) {
    this.next = base;
  }

  /** Allocates `size` bytes (a power of two ≥ 256), zeroed; undefined when the heap is exhausted. */
  alloc(size: number): number | undefined {
    if (size < 256 || (size & (size - 1)) !== 0) throw new Error(`kernel heap: size ${size} is not a power of two ≥ 256`);
    const list = this.freeLists.get(size);
    let pa = list?.pop();
    if (pa === undefined) {
      const aligned = Math.ceil(this.next / size) * size;
      if (aligned + size > this.end) return undefined;
      // Keep the alignment gap usable by smaller blocks.
      for (let gap = this.next; gap < aligned; ) {
        let s = 256;
        while (gap % (s * 2) === 0 && gap + s * 2 <= aligned) s *= 2;
        this.release(gap, s);
        gap += s;
      }
      pa = aligned;
      this.next = aligned + size;
    }
    this.zero(pa, size);
    this.used += size;
    return pa;
  }

  free(pa: number, size: number): void {
    this.used -= size;
    this.release(pa, size);
  }

  private release(pa: number, size: number): void {
    if (pa < this.base || pa + size > this.end) throw new Error(`kernel heap: ${hex(pa)} is outside the heap`);
    let list = this.freeLists.get(size);
    if (!list) this.freeLists.set(size, (list = []));
    list.push(pa);
  }
}
