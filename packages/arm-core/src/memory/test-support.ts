/**
 * Test-only helpers for the memory-system tests: a bus with RAM, a clock, a MemorySystem and a small
 * page-table writer. Not exported from the package.
 */
import { PhysicalBus } from '../bus/physical-bus.js';
import { Arm920tControl } from '../cp15/arm920t-cp15.js';
import { Clock } from '../sched/scheduler.js';
import {
  coarseIndex,
  coarseTableDescriptor,
  fineIndex,
  fineTableDescriptor,
  firstLevelIndex,
  largePageDescriptor,
  sectionDescriptor,
  smallPageDescriptor,
  tinyPageDescriptor,
  type DescriptorAttributes,
  type PageAttributes,
} from './descriptors.js';
import { MemorySystem } from './memory-system.js';
import type { TimingMode } from './memory-types.js';

export const RAM_BASE = 0x30000000;
export const RAM_SIZE = 16 << 20;
/** First-level table at the start of RAM. */
export const TTB = RAM_BASE;
/** Second-level tables live from here. */
export const L2_AREA = RAM_BASE + 0x4000;

export interface TestMachine {
  readonly bus: PhysicalBus;
  readonly clock: Clock;
  readonly mem: MemorySystem;
  readonly tables: TableWriter;
}

/** A bus with `ramSize` bytes of RAM at `ramBase` and a clock at `hz` (shared with arm1176-test-support). */
export function busAndClock(ramBase: number, ramSize: number, hz: number): { bus: PhysicalBus; clock: Clock } {
  const bus = new PhysicalBus();
  bus.mapRam(ramBase, ramSize);
  return { bus, clock: new Clock(hz) };
}

export function makeMachine(timing: TimingMode = 'functional'): TestMachine {
  const { bus, clock } = busAndClock(RAM_BASE, RAM_SIZE, 400_000_000);
  const mem = new MemorySystem({ bus, clock, timing });
  mem.cp15.ttb = TTB;
  return { bus, clock, mem, tables: new TableWriter(bus, TTB) };
}

/** MMU on with the given extra control bits; DACR defaults to domain 0 client. */
export function enableMmu(mem: MemorySystem, bits = 0, dacr = 0b01): void {
  mem.cp15.dacr = dacr;
  mem.cp15.control = Arm920tControl.M | bits;
}

/** Writes descriptors of any format into guest memory: first-level entries, replicated entries, raw words. */
export class DescriptorWriter {
  constructor(
    protected readonly bus: PhysicalBus,
    readonly ttb: number,
  ) {}

  l1(va: number, descriptor: number): void {
    this.bus.write((this.ttb + firstLevelIndex(va)) >>> 0, descriptor, 4);
  }

  raw(address: number, value: number): void {
    this.bus.write(address, value, 4);
  }

  /** `count` copies of `descriptor` from byte offset `first` of the second-level table at `table`. */
  protected replicate(table: number, first: number, descriptor: number, count: number): void {
    for (let i = 0; i < count; i++) this.bus.write(table + first + 4 * i, descriptor, 4);
  }
}

/** Writes ARMv4/v5 descriptors into guest memory. */
export class TableWriter extends DescriptorWriter {

  section(va: number, pa: number, attr: DescriptorAttributes): void {
    this.l1(va, sectionDescriptor(pa, attr));
  }

  coarse(va: number, table: number, domain = 0): void {
    this.l1(va, coarseTableDescriptor(table, domain));
  }

  fine(va: number, table: number, domain = 0): void {
    this.l1(va, fineTableDescriptor(table, domain));
  }

  /** Small page in a coarse table. */
  small(table: number, va: number, pa: number, attr: PageAttributes): void {
    this.bus.write(table + coarseIndex(va), smallPageDescriptor(pa, attr), 4);
  }

  /** Large page in a coarse table: 16 replicated entries. */
  large(table: number, va: number, pa: number, attr: PageAttributes): void {
    this.replicate(table, coarseIndex(va & ~0xffff), largePageDescriptor(pa, attr), 16);
  }

  /** Small page in a fine table: 4 replicated entries. */
  fineSmall(table: number, va: number, pa: number, attr: PageAttributes): void {
    this.replicate(table, fineIndex(va & ~0xfff), smallPageDescriptor(pa, attr), 4);
  }

  /** Large page in a fine table: 64 replicated entries. */
  fineLarge(table: number, va: number, pa: number, attr: PageAttributes): void {
    this.replicate(table, fineIndex(va & ~0xffff), largePageDescriptor(pa, attr), 64);
  }

  tiny(table: number, va: number, pa: number, attr: DescriptorAttributes): void {
    this.bus.write(table + fineIndex(va), tinyPageDescriptor(pa, attr), 4);
  }
}

/** Runs `fn`, expecting a MemoryFault-like throw; returns it. */
export function catchFault(fn: () => unknown): { kind: string; status: number; domain: number; address: number; write: boolean; description: string } {
  try {
    fn();
  } catch (e) {
    return e as { kind: string; status: number; domain: number; address: number; write: boolean; description: string };
  }
  throw new Error('expected a fault');
}
