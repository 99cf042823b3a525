/**
 * First-fit allocator over an address range, with alignment, exact-address claims and coalescing frees.
 * Iguana carves memsections out of its virtual and physical pools with it.
 */
export class RangeAllocator {
  /** Free ranges sorted by base, never adjacent (always coalesced). */
  private free: { base: number; size: number }[];

  constructor(
    readonly base: number,
    readonly size: number,
    readonly name = 'pool',
  ) {
    if (!Number.isSafeInteger(base) || !Number.isSafeInteger(size) || base < 0 || size <= 0) {
      throw new RangeError(`${name}: invalid range base=${base} size=${size}`);
    }
    this.free = [{ base, size }];
  }

  /** Allocates `size` bytes aligned to `align` (a power of two); undefined when nothing fits. */
  allocate(size: number, align = 1): number | undefined {
    this.checkSize(size);
    if (align <= 0 || (align & (align - 1)) !== 0) throw new RangeError(`${this.name}: alignment ${align} is not a power of two`);
    for (let i = 0; i < this.free.length; i++) {
      const r = this.free[i];
      const start = Math.ceil(r.base / align) * align;
      if (start + size <= r.base + r.size) {
        this.carve(i, start, size);
        return start;
      }
    }
    return undefined;
  }

  /** Claims exactly [address, address+size); false when any part is not free. */
  claim(address: number, size: number): boolean {
    this.checkSize(size);
    const i = this.free.findIndex((r) => address >= r.base && address + size <= r.base + r.size);
    if (i < 0) return false;
    this.carve(i, address, size);
    return true;
  }

  release(address: number, size: number): void {
    this.checkSize(size);
    if (address < this.base || address + size > this.base + this.size) {
      throw new RangeError(`${this.name}: release of 0x${address.toString(16)}+0x${size.toString(16)} outside the pool`);
    }
    let i = 0;
    while (i < this.free.length && this.free[i].base < address) i++;
    const prev = this.free[i - 1];
    const next = this.free[i];
    if ((prev && prev.base + prev.size > address) || (next && address + size > next.base)) {
      throw new RangeError(`${this.name}: double release of 0x${address.toString(16)}+0x${size.toString(16)}`);
    }
    this.free.splice(i, 0, { base: address, size });
    if (next && address + size === next.base) {
      this.free[i].size += next.size;
      this.free.splice(i + 1, 1);
    }
    if (prev && prev.base + prev.size === address) {
      prev.size += this.free[i].size;
      this.free.splice(i, 1);
    }
  }

  get freeBytes(): number {
    return this.free.reduce((s, r) => s + r.size, 0);
  }

  freeRanges(): readonly { base: number; size: number }[] {
    return this.free.map((r) => ({ ...r }));
  }

  private carve(index: number, start: number, size: number): void {
    const r = this.free[index];
    const pieces = [];
    if (start > r.base) pieces.push({ base: r.base, size: start - r.base });
    if (start + size < r.base + r.size) pieces.push({ base: start + size, size: r.base + r.size - (start + size) });
    this.free.splice(index, 1, ...pieces);
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError(`${this.name}: size ${size} must be a positive integer`);
  }
}
