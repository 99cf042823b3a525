import { coarseTableDescriptor, sectionDescriptor, smallPageDescriptor } from '@l4lab/arm-core';
import type { Space } from '../../../object/space.js';
import type { KernelMemory } from '../kernel-memory.js';
import type { SpaceMapResult, SpaceMapping } from '../mmu.js';
import { ArmPageTables, type DecodedDescriptor } from '../page-table.js';

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

/** A mapping found by `PageTables.lookup`. */
export type PageMapping = SpaceMapping;

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

export type MapResult = SpaceMapResult;

type Attributes = { readonly ap: number; readonly c: boolean; readonly b: boolean };

/**
 * ARMv4/v5 page tables of one space (the walking and mapping code is `ArmPageTables`): sections and
 * coarse tables of small pages in the ARMv5 formats, C/B from the memory attribute, AP from the rights.
 * Writes are charged at the tables' kernel aliases, each followed by a D-cache clean of its line (the
 * ARM920T walker reads memory); the line is named by its MVA (the ARM920T caches are virtually indexed).
 */
export class PageTables extends ArmPageTables<Attributes> {
  constructor(
    kmem: KernelMemory,
    /** Domain written into first-level descriptors of spaces (ignored by FASS, which re-tags in the CPD). */
    private readonly userDomain: number,
    /** Called after a first-level entry of `space` changes (FASS keeps the CPD in step). */
    private readonly onL1Change: (space: Space, index: number) => void,
  ) {
    super(kmem);
  }

  protected override l1Changed(space: Space, index: number): void {
    this.onL1Change(space, index);
  }

  protected cleanDescriptorLine(pa: number): void {
    const mem = this.kmem.machine.memory;
    mem.cleanDCacheLine(mem.mvaOf(this.kmem.kva(pa)));
  }

  protected userAttributes(rights: number, attribute: number): Attributes {
    return { ap: apOf(rights), ...cbOf(attribute) };
  }

  protected sectionDescriptor(pa: number, { ap, c, b }: Attributes): number {
    return sectionDescriptor(pa, { ap, domain: this.userDomain, c, b });
  }

  protected smallPageDescriptor(pa: number, { ap, c, b }: Attributes): number {
    return smallPageDescriptor(pa, { ap, c, b });
  }

  protected coarseTableDescriptor(table: number): number {
    return coarseTableDescriptor(table, this.userDomain);
  }

  protected isSection(l1: number): boolean {
    return (l1 & 3) === 2;
  }

  protected isSmallPage(l2: number): boolean {
    return (l2 & 3) === 2;
  }

  protected decodeSection(l1: number): DecodedDescriptor {
    return { rights: rightsOf((l1 >>> 10) & 3), attribute: attributeOf(l1) };
  }

  protected decodeSmallPage(l2: number): DecodedDescriptor {
    return { rights: rightsOf((l2 >>> 4) & 3), attribute: attributeOf(l2) };
  }
}
