import { Arm1176MemorySystem, type CostMeter, type Machine } from '@l4lab/arm-core';
import { KERNEL_BASE, KERNEL_RAM_WINDOW, KernelRegion, hex } from '../../layout.js';
import { KernelHeap } from '../../object/kheap.js';
import { Costs, type CostPath, type KernelPipeline } from '../../costs.js';

/**
 * The kernel's view of simulated memory: data moves through the bus at physical addresses (the kernel
 * knows where its structures are), and every access is charged through the cost meter at the kernel
 * virtual alias, so the D-TLB, D-cache and write buffer see the real address stream.
 */
export class KernelMemory {
  readonly heap: KernelHeap;
  readonly ramEnd: number;
  /** Which stall budgets apply: the core's pipeline. */
  readonly pipeline: KernelPipeline;

  constructor(
    readonly machine: Machine,
    readonly meter: CostMeter,
    readonly ramBase: number,
    readonly ramSize: number,
    heapBytes: number,
  ) {
    if (ramSize > KERNEL_RAM_WINDOW) throw new Error(`kernel: RAM of ${ramSize} bytes does not fit the ${KERNEL_RAM_WINDOW}-byte kernel window`);
    this.ramEnd = ramBase + ramSize;
    this.pipeline = machine.memory instanceof Arm1176MemorySystem ? 'arm1176' : 'arm9tdmi';
    const heapBase = ramBase + KernelRegion.heap;
    this.heap = new KernelHeap(heapBase, heapBase + heapBytes, (pa, bytes) => machine.bus.writeBytes(pa, new Uint8Array(bytes)));
  }

  /** Kernel virtual alias of a RAM physical address. */
  kva(pa: number): number {
    if (pa < this.ramBase || pa >= this.ramEnd) throw new Error(`kernel: ${hex(pa)} is not RAM`);
    return (KERNEL_BASE + (pa - this.ramBase)) >>> 0;
  }

  isRam(pa: number, bytes = 1): boolean {
    return pa >= this.ramBase && pa + bytes <= this.ramEnd;
  }

  read32(pa: number): number {
    return this.machine.bus.read32(pa) >>> 0;
  }
  write32(pa: number, value: number): void {
    this.machine.bus.write32(pa, value >>> 0);
  }

  /** Charged read of a kernel structure word at `pa`. */
  load(pa: number): number {
    this.meter.read(this.kva(pa));
    return this.read32(pa);
  }
  /** Charged write. */
  store(pa: number, value: number): void {
    this.meter.write(this.kva(pa));
    this.write32(pa, value);
  }

  /** Charges a path's instruction budget and pipeline stalls. */
  charge(path: CostPath, times = 1): void {
    const c = Costs[path];
    const text = KERNEL_BASE + KernelRegion.text + c.text;
    for (let i = 0; i < times; i++) {
      this.meter.instructions(c.instructions, text);
      this.meter.stall(c.stall[this.pipeline]);
    }
  }

  /** Charges `count` word accesses at consecutive addresses from `pa` (a save area, an MR block). */
  chargeWords(pa: number, count: number, write: boolean): void {
    const kva = this.kva(pa);
    for (let i = 0; i < count; i++) {
      if (write) this.meter.write(kva + 4 * i);
      else this.meter.read(kva + 4 * i);
    }
  }

  /** Cycles one maintenance MCR costs beyond its effects (cycle mode). */
  maintenanceOp(count = 1): void {
    const m = this.machine.memory;
    if (m.timingMode === 'cycle') this.machine.clock.cycles += m.timingTable.cacheOperation * count;
  }
}
