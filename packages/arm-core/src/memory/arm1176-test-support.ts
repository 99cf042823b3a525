/**
 * Test-only helpers for the ARM1176 memory-system tests: a bus with RAM at the S3C6410 SDRAM base, a
 * clock, an Arm1176MemorySystem and a writer for ARMv6 tables. Not exported from the package.
 */
import { Arm1176Control } from '../cp15/arm1176-registers.js';
import { Arm1176MemorySystem } from './arm1176-memory-system.js';
import { coarseIndex } from './descriptors.js';
import {
  coarseTableDescriptorV6,
  largePageDescriptorV6,
  sectionDescriptorV6,
  smallPageDescriptorV6,
  supersectionDescriptor,
  type DescriptorAttributesV6,
} from './descriptors-v6.js';
import type { TimingMode } from './memory-types.js';
import { DescriptorWriter, busAndClock } from './test-support.js';

export const RAM_BASE = 0x50000000;
export const RAM_SIZE = 32 << 20;
/** First-level tables: one 16 KB table per "process" from here. */
export const TTB = RAM_BASE;
export const TTB_B = RAM_BASE + 0x4000;
/** Second-level tables live from here. */
export const L2_AREA = RAM_BASE + 0x10000;

export function makeArm1176(timing: TimingMode = 'functional') {
  const { bus, clock } = busAndClock(RAM_BASE, RAM_SIZE, 532_000_000);
  const mem = new Arm1176MemorySystem({ bus, clock, timing });
  mem.cp15.ttbr0 = TTB;
  return { bus, clock, mem, tables: new TableWriterV6(bus, TTB) };
}

/** MMU on (ARMv6 formats unless `xp` is false) with extra c1 bits; DACR defaults to domain 0 client. */
export function enableMmuV6(mem: Arm1176MemorySystem, bits = 0, dacr = 0b01, xp = true): void {
  mem.cp15.dacr = dacr;
  mem.cp15.control = Arm1176Control.M | (xp ? Arm1176Control.XP : 0) | bits;
}

/** Writes ARMv6 descriptors into guest memory. */
export class TableWriterV6 extends DescriptorWriter {
  at(ttb: number): TableWriterV6 {
    return new TableWriterV6(this.bus, ttb);
  }

  section(va: number, pa: number, attr: DescriptorAttributesV6): void {
    this.l1(va, sectionDescriptorV6(pa, attr));
  }

  supersection(va: number, pa: number, attr: DescriptorAttributesV6): void {
    const d = supersectionDescriptor(pa, attr);
    for (let i = 0; i < 16; i++) this.l1((va & 0xff000000) + (i << 20), d);
  }

  coarse(va: number, table: number, domain = 0): void {
    this.l1(va, coarseTableDescriptorV6(table, domain));
  }

  small(table: number, va: number, pa: number, attr: DescriptorAttributesV6): void {
    this.bus.write(table + coarseIndex(va), smallPageDescriptorV6(pa, attr), 4);
  }

  large(table: number, va: number, pa: number, attr: DescriptorAttributesV6): void {
    this.replicate(table, coarseIndex(va & ~0xffff), largePageDescriptorV6(pa, attr), 16);
  }
}

/** CP15 operand shorthand. */
export const op = (crn: number, crm = 0, opc2 = 0, opc1 = 0) => ({ opc1, crn, crm, opc2 });
