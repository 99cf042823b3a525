import { Arm1176MemorySystem } from '@l4lab/arm-core';
import type { Space } from '../../object/space.js';
import type { KernelMemory } from './kernel-memory.js';
import type { AddressSpaceMmu, SpacePageTables } from './mmu.js';
import { ArmV5Mmu } from './v5/fass.js';
import { PageTables } from './v5/page-table.js';
import { ArmV6Mmu } from './v6/asid.js';
import { PageTablesV6 } from './v6/page-table.js';

/**
 * The address-space code for the machine's core: ARMv6 (ARM1176JZF-S) gets ASIDs and the extended page
 * formats; ARMv4T/v5 (ARM920T) gets FASS, or flush-on-switch with `fass: false`.
 */
export function createAddressSpaceMmu(kmem: KernelMemory, fass: boolean, l1Changed: (space: Space, index: number) => void): { mmu: AddressSpaceMmu; pageTables: SpacePageTables } {
  if (kmem.machine.memory instanceof Arm1176MemorySystem) return { mmu: new ArmV6Mmu(kmem), pageTables: new PageTablesV6(kmem) };
  const v5 = new ArmV5Mmu(kmem, fass);
  return { mmu: v5, pageTables: new PageTables(kmem, v5.userDomain, l1Changed) };
}
