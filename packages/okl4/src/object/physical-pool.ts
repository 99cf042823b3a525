import { PAGE, hex } from '../layout.js';

/** Physical memory for user programs (the image's physical pool): 4 KB pages, naturally aligned runs. */
export class PhysicalPool {
  private next: number;
  private readonly freePages: number[] = [];

  constructor(
    readonly base: number,
    readonly end: number,
  ) {
    this.next = base;
  }

  /** Allocates `bytes` (rounded up to pages) aligned to `align`; undefined when exhausted. */
  alloc(bytes: number, align = PAGE): number | undefined {
    const size = Math.ceil(bytes / PAGE) * PAGE;
    if (size === PAGE && align <= PAGE && this.freePages.length) return this.freePages.pop();
    const start = Math.ceil(this.next / align) * align;
    if (start + size > this.end) return undefined;
    for (let p = this.next; p < start; p += PAGE) this.freePages.push(p);
    this.next = start + size;
    return start;
  }

  free(pa: number, bytes: number): void {
    if (pa < this.base || pa + bytes > this.end) throw new Error(`physical pool: ${hex(pa)} is outside the pool`);
    for (let p = pa; p < pa + bytes; p += PAGE) this.freePages.push(p);
  }

  get freeBytes(): number {
    return this.end - this.next + this.freePages.length * PAGE;
  }
}
