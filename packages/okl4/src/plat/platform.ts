import { advanceCycles, sectionDescriptor, type BoardSupportPackage, type RegisterAccess } from '@l4lab/arm-core';
import { IO_WINDOW_BASE, IO_WINDOW_SECTIONS, hex } from '../layout.js';
import type { KernelMemory } from '../arch/arm/kernel-memory.js';
import type { AddressSpaceMmu } from '../arch/arm/mmu.js';

/** Builds the board's BSP over the register access the kernel provides (so the kernel pays for it). */
export type BspFactory = (access: RegisterAccess) => BoardSupportPackage;

/**
 * The kernel's only way to the hardware: a BSP driving registers through a `RegisterAccess` that charges
 * each access as an uncached access at the register's address in the kernel's I/O window (sections
 * mapped on first use). No SoC is imported here.
 */
export class Platform {
  readonly bsp: BoardSupportPackage;
  private readonly ioSlots = new Map<number, number>();
  private mmu: AddressSpaceMmu | undefined;
  /** Bytes the KDB console printed, for hosts that want a transcript beside the UART. */
  onConsoleByte: ((byte: number) => void) | undefined;

  constructor(
    private readonly kmem: KernelMemory,
    createBsp: BspFactory,
  ) {
    const machine = kmem.machine;
    const access: RegisterAccess = {
      read32: (pa) => {
        this.chargeIo(pa, false);
        return machine.bus.read32(pa) >>> 0;
      },
      write32: (pa, value) => {
        this.chargeIo(pa, true);
        machine.bus.write32(pa, value >>> 0);
      },
      // Busy-waits let simulated time run to the next device event, as the polling loop would.
      relax: () => {
        const s = machine.scheduler;
        const step = Number.isFinite(s.nextEventAt) ? Math.max(1, s.nextEventAt - machine.clock.cycles) : 64;
        advanceCycles(s, step);
      },
    };
    this.bsp = createBsp(access);
  }

  attachMmu(mmu: AddressSpaceMmu): void {
    this.mmu = mmu;
  }

  private chargeIo(pa: number, write: boolean): void {
    if (!this.mmu) return;
    const section = pa >>> 20;
    let slot = this.ioSlots.get(section);
    if (slot === undefined) {
      if (this.ioSlots.size >= IO_WINDOW_SECTIONS) throw new Error(`kernel: I/O window full mapping ${hex(pa)}`);
      slot = this.ioSlots.size;
      this.ioSlots.set(section, slot);
      this.mmu.addKernelSection((IO_WINDOW_BASE >>> 20) + slot, sectionDescriptor(section << 20, { ap: 1, domain: 0, c: false, b: false }));
    }
    const va = (IO_WINDOW_BASE + slot * (1 << 20) + (pa & 0xfffff)) >>> 0;
    if (write) this.kmem.meter.write(va);
    else this.kmem.meter.read(va);
  }

  putc(byte: number): void {
    this.bsp.console.putc(byte);
    this.onConsoleByte?.(byte);
  }

  puts(text: string): void {
    for (let i = 0; i < text.length; i++) this.putc(text.charCodeAt(i) & 0xff);
  }
}
