import { MemoryTypeV6, coarseTableDescriptorV6, sectionDescriptorV6, smallPageDescriptorV6, type DescriptorAttributesV6 } from '@l4lab/arm-core';
import { ArmPageTables, type DecodedDescriptor } from '../page-table.js';
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
 * ARMv6 page tables of one space (c1.XP = 1, extended formats; the walking and mapping code is
 * `ArmPageTables`): 1 MB sections or 1 KB coarse tables of extended small pages. The kernel's own
 * first-level entries in the same table are global (nG = 0) and are installed by the MMU code
 * (v6/asid.ts); every user mapping written here is not global (nG = 1). The kernel picks the page size as
 * on ARMv5. Each descriptor write is charged at the table's kernel alias and followed by a D-cache clean
 * of its line: the ARM1176 walker reads memory, not the L1 D-cache (Linux's `flush_pmd_entry`/`set_pte`
 * on ARMv6 do the same).
 */
export class PageTablesV6 extends ArmPageTables<DescriptorAttributesV6> {
  protected cleanDescriptorLine(pa: number): void {
    this.kmem.machine.memory.cleanDCacheLine(this.kmem.kva(pa));
  }

  protected userAttributes(rights: number, attribute: number): DescriptorAttributesV6 {
    return userAttributes(rights, attribute);
  }

  protected sectionDescriptor(pa: number, attributes: DescriptorAttributesV6): number {
    return sectionDescriptorV6(pa, attributes);
  }

  protected smallPageDescriptor(pa: number, attributes: DescriptorAttributesV6): number {
    return smallPageDescriptorV6(pa, attributes);
  }

  protected coarseTableDescriptor(table: number): number {
    return coarseTableDescriptorV6(table, 0);
  }

  /** Supersections are not mapped by this code and not looked up. */
  protected isSection(l1: number): boolean {
    return (l1 & 3) === 2 && (l1 & SUPERSECTION) === 0;
  }

  /** Extended small page: bit 1 set (bit 0 is XN). */
  protected isSmallPage(l2: number): boolean {
    return (l2 & 2) !== 0;
  }

  protected decodeSection(l1: number): DecodedDescriptor {
    return {
      rights: rightsOf((l1 >>> 10) & 3, (l1 & (1 << 15)) !== 0, (l1 & 0x10) !== 0),
      attribute: attributeOf((l1 >>> 12) & 7, (l1 & 8) !== 0, (l1 & 4) !== 0),
    };
  }

  protected decodeSmallPage(l2: number): DecodedDescriptor {
    return {
      rights: rightsOf((l2 >>> 4) & 3, (l2 & (1 << 9)) !== 0, (l2 & 1) !== 0),
      attribute: attributeOf((l2 >>> 6) & 7, (l2 & 8) !== 0, (l2 & 4) !== 0),
    };
  }
}
