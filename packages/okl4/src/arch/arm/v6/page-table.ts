import { MemoryTypeV6, coarseIndex, coarseTableDescriptorV6, sectionDescriptorV6, smallPageDescriptorV6, type DescriptorAttributesV6 } from '@l4lab/arm-core';
import { PAGE, SECTION } from '../../../layout.js';
import type { Space } from '../../../object/space.js';
import type { KernelMemory } from '../kernel-memory.js';
import type { SpaceMapResult, SpaceMapping, SpacePageTables } from '../mmu.js';
import { MemoryAttribute, Rights } from '../v5/page-table.js';

type MemoryType = { readonly tex: number; readonly c: boolean; readonly b: boolean };

/** ARMv6 memory type of a physical-descriptor attribute (TEX remap off). */
function typeOf(attribute: number): MemoryType {
  switch (attribute) {
    case MemoryAttribute.uncached:
      // Device registers mapped by user drivers: strongly ordered, as the ARMv5 C=B=0 was.
      return MemoryTypeV6.stronglyOrdered;
    case MemoryAttribute.writeThrough:
      return MemoryTypeV6.writeThrough;
    case MemoryAttribute.writeCombining:
      return MemoryTypeV6.nonCacheable;
    default:
      return MemoryTypeV6.writeBack;
  }
}

function attributeOf(tex: number, c: boolean, b: boolean): number {
  if (tex === 0 && !c && !b) return MemoryAttribute.uncached;
  if (tex === 1 && !c && !b) return MemoryAttribute.writeCombining;
  if (c && !b) return MemoryAttribute.writeThrough;
  if (c && b) return MemoryAttribute.writeBack;
  return MemoryAttribute.uncached;
}

/**
 * User mapping attributes: AP 11 (all RW) for writable rights, else AP 10 (privileged RW, user RO), APX 0;
 * execute-never when the rights lack x (ARMv6 can say so, ARMv5 cannot); nG = 1 so the TLB tags the
 * entry with the ASID of the space that loaded it. Domain 0 (client) for everything: ARMv6 kernels do
 * not need domains for protection between spaces.
 */
function userAttributes(rights: number, attribute: number): DescriptorAttributesV6 {
  return { ap: rights & Rights.w ? 3 : 2, apx: false, domain: 0, xn: (rights & Rights.x) === 0, nG: true, ...typeOf(attribute) };
}

function rightsOf(ap: number, apx: boolean, xn: boolean): number {
  if (apx) return ap >= 2 ? 4 | (xn ? 0 : 1) : 0;
  const base = ap === 3 ? Rights.r | Rights.w : ap === 2 ? Rights.r : 0;
  return base === 0 ? 0 : base | (xn ? 0 : Rights.x);
}

const SUPERSECTION = 1 << 18;

/**
 * ARMv6 page tables of one space (c1.XP = 1, extended formats), built by the kernel in simulated RAM: a
 * 16 KB first-level table indexed by VA holding 1 MB sections or 1 KB coarse tables of extended small
 * pages. The kernel's own first-level entries in the same table are global (nG = 0) and are installed by
 * the MMU code (v6/asid.ts); every user mapping written here is not global (nG = 1). The kernel picks the
 * page size as on ARMv5. Each descriptor write is charged at the table's kernel alias and followed by a
 * D-cache clean of its line: the ARM1176 walker reads memory, not the L1 D-cache (Linux's
 * `flush_pmd_entry`/`set_pte` on ARMv6 do the same).
 */
export class PageTablesV6 implements SpacePageTables {
  constructor(private readonly kmem: KernelMemory) {}

  writeDescriptor(pa: number, value: number): void {
    this.kmem.store(pa, value);
    this.kmem.machine.memory.cleanDCacheLine(this.kmem.kva(pa));
    this.kmem.maintenanceOp();
  }

  l1Entry(space: Space, va: number): number {
    return this.kmem.read32(space.l1Pa + ((va >>> 20) << 2));
  }

  map(space: Space, va: number, pa: number, size: number, rights: number, attribute: number): SpaceMapResult {
    const a = userAttributes(rights, attribute);
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
        this.writeDescriptor(space.l1Pa + index * 4, sectionDescriptorV6(p, a));
        off += SECTION;
        continue;
      }
      const table = this.coarseFor(space, v);
      if (table === 'conflict') return 'conflict';
      if (table === undefined) return 'no-memory';
      this.writeDescriptor(table + coarseIndex(v), smallPageDescriptorV6(p, a));
      off += PAGE;
    }
    return 'ok';
  }

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
        }
        off += PAGE;
      } else {
        off += SECTION - (v % SECTION);
      }
    }
    return removed;
  }

  lookup(space: Space, va: number): SpaceMapping | undefined {
    va >>>= 0;
    const l1 = this.kmem.load(space.l1Pa + ((va >>> 20) << 2));
    if ((l1 & 3) === 2 && (l1 & SUPERSECTION) === 0) {
      return {
        va: (va & 0xfff00000) >>> 0,
        pa: (l1 & 0xfff00000) >>> 0,
        size: SECTION,
        rights: rightsOf((l1 >>> 10) & 3, (l1 & (1 << 15)) !== 0, (l1 & 0x10) !== 0),
        attribute: attributeOf((l1 >>> 12) & 7, (l1 & 8) !== 0, (l1 & 4) !== 0),
      };
    }
    if ((l1 & 3) !== 1) return undefined;
    const l2 = this.kmem.load((l1 & 0xfffffc00) + coarseIndex(va));
    if ((l2 & 2) === 0) return undefined;
    return {
      va: (va & 0xfffff000) >>> 0,
      pa: (l2 & 0xfffff000) >>> 0,
      size: PAGE,
      rights: rightsOf((l2 >>> 4) & 3, (l2 & (1 << 9)) !== 0, (l2 & 1) !== 0),
      attribute: attributeOf((l2 >>> 6) & 7, (l2 & 8) !== 0, (l2 & 4) !== 0),
    };
  }

  translate(space: Space, va: number): number | undefined {
    va >>>= 0;
    const l1 = this.kmem.read32(space.l1Pa + ((va >>> 20) << 2));
    if ((l1 & 3) === 2 && (l1 & SUPERSECTION) === 0) return ((l1 & 0xfff00000) | (va & 0xfffff)) >>> 0;
    if ((l1 & 3) !== 1) return undefined;
    const l2 = this.kmem.read32((l1 & 0xfffffc00) + coarseIndex(va));
    if ((l2 & 2) === 0) return undefined;
    return ((l2 & 0xfffff000) | (va & 0xfff)) >>> 0;
  }

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
    this.writeDescriptor(space.l1Pa + index * 4, coarseTableDescriptorV6(table, 0));
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
