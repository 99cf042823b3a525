import { Arm1176Control, Arm1176MemorySystem, MemoryTypeV6, coarseTableDescriptorV6, sectionDescriptorV6, smallPageDescriptorV6 } from '@l4lab/arm-core';
import { SpaceLayout } from '../../../costs.js';
import { KERNEL_BASE, KernelRegion, PAGE, UTCB_POINTER_PAGE, hex } from '../../../layout.js';
import type { Space } from '../../../object/space.js';
import type { KernelMemory } from '../kernel-memory.js';
import type { AddressSpaceMmu, FaultOutcome } from '../mmu.js';

/** ASIDs of the ARMv6 context ID register (ASID [7:0]). */
export const ARMV6_ASIDS = 256;
/** Above this many bytes, a range is forgotten with one invalidate-by-ASID instead of per-page operations. */
const PER_PAGE_LIMIT = 16 * PAGE;
const CLIENT = 1;

/**
 * ARMv6 address spaces with ASIDs (reference/okl4.md §5): each space has its own first-level table,
 * loaded into TTBR0 on a switch, and an 8-bit ASID written to the context ID register; user mappings are
 * not global (nG = 1), so the TLBs keep every space's entries apart and a switch flushes neither the TLBs
 * nor the caches (the ARM1176's caches are physically tagged). ASIDs are handed out round-robin: the
 * first free one from a rotor, else the rotor's holder loses its ASID (never the current space). An ASID
 * that may still have TLB entries is invalidated by ASID (c8,c7,2) when it is reused — only that ASID.
 *
 * Translation-table split: TTBCR.N = 0, one table per space that also carries the kernel's global
 * entries (RAM window, I/O window, UTCB-pointer page), copied in when the space is created and added to
 * every table when the I/O window grows. TTBR1 with N > 0 would need the per-space part below
 * 2^(32−N) ≤ 0x80000000, but this kernel's layout (shared with ARMv5) puts each space's UTCB section at
 * 0xE0000000 and user memory up to 0xE0000000, so no split fits without moving them; the copy costs 16 KB
 * per space (which the ARMv5 layout allocates anyway) and a few words per kernel section.
 *
 * Switch order, as Linux 2.6's ARMv6 `cpu_v6_switch_mm`: TTBR0, then CONTEXTIDR. Between the two the
 * kernel runs with the new table and the old ASID; it touches only global (kernel) mappings there, and the
 * ARM1176 makes no speculative data accesses, so no user entry is loaded under the wrong ASID.
 */
export class ArmV6Mmu implements AddressSpaceMmu {
  readonly name: string;
  readonly stats = { switches: 0, flushes: 0, domainFaults: 0, recycles: 0, asidFlushes: 0 };
  current: Space | undefined;
  private readonly memory: Arm1176MemorySystem;
  /** The kernel-only table in TTBR0 before any space runs (and after the current space is deleted). */
  private readonly bootTablePa: number;
  private readonly kernelEntries = new Map<number, number>();
  private readonly spaces = new Set<Space>();
  private readonly asidOwner: (Space | undefined)[];
  /** ASIDs that may have entries in the TLBs (used since their last invalidation). */
  private readonly asidUsed: Uint8Array;
  private rotor = 0;

  constructor(
    private readonly kmem: KernelMemory,
    /** ASIDs to use (256 on ARMv6; fewer only to exercise reuse in tests). */
    readonly asids = ARMV6_ASIDS,
  ) {
    const memory = kmem.machine.memory;
    if (!(memory instanceof Arm1176MemorySystem)) throw new Error(`kernel: the ARMv6 MMU code needs an ARMv6 core (ARM1176JZF-S), not ${kmem.machine.configuration.cpu}`);
    if (!Number.isInteger(asids) || asids < 1 || asids > ARMV6_ASIDS) throw new Error(`kernel: ASID count ${asids} is not in 1..${ARMV6_ASIDS}`);
    this.memory = memory;
    this.asidOwner = new Array<Space | undefined>(asids).fill(undefined);
    this.asidUsed = new Uint8Array(asids);
    this.name = `ARMv6 ASIDs (${asids}, round-robin; TTBR0 per space, TTBCR.N = 0, global kernel entries)`;
    this.bootTablePa = kmem.ramBase + KernelRegion.cpd;
  }

  boot(): void {
    const k = this.kmem;
    const kernel = { ap: 1, apx: false, domain: 0, xn: false, nG: false, ...MemoryTypeV6.writeBack };
    const ramSections = Math.ceil(k.ramSize / (1 << 20));
    for (let i = 0; i < ramSections; i++) this.kernelEntries.set((KERNEL_BASE >>> 20) + i, sectionDescriptorV6(k.ramBase + i * (1 << 20), kernel));
    // UTCB-pointer page: user read-only, kernel read-write, never executed; global (one page, every space).
    const high = k.ramBase + KernelRegion.highTable;
    const page = k.ramBase + KernelRegion.utcbPointerPage;
    k.machine.bus.writeBytes(high, new Uint8Array(1024));
    k.machine.bus.writeBytes(page, new Uint8Array(PAGE));
    k.write32(high + (((UTCB_POINTER_PAGE >>> 12) & 0xff) << 2), smallPageDescriptorV6(page, { ap: 2, xn: true, nG: false, ...MemoryTypeV6.writeBack }));
    this.kernelEntries.set(UTCB_POINTER_PAGE >>> 20, coarseTableDescriptorV6(high, 0));
    k.machine.bus.writeBytes(this.bootTablePa, new Uint8Array(16384));
    for (const [i, d] of this.kernelEntries) k.write32(this.bootTablePa + i * 4, d);
    const cp15 = this.memory.cp15;
    cp15.ttbcr = 0;
    cp15.ttbr0 = this.bootTablePa;
    cp15.contextId = 0;
    cp15.dacr = CLIENT;
    cp15.fcsePid = 0;
    this.memory.invalidateTlb('both');
    this.memory.invalidateICache();
    this.memory.invalidateDCache();
    // XP: ARMv6 formats (nG, XN, APX); Z: branch prediction, as Linux sets it on the ARM1176.
    cp15.control = cp15.control | Arm1176Control.M | Arm1176Control.C | Arm1176Control.I | Arm1176Control.XP | Arm1176Control.Z;
  }

  spaceCreated(space: Space): void {
    this.spaces.add(space);
    for (const [i, d] of this.kernelEntries) this.kmem.store(space.l1Pa + i * 4, d);
  }

  spaceDeleted(space: Space): void {
    // The kernel never deletes the space that is current (SpaceControl refuses the caller's own space, and
    // every caller's space is current at its system call); a call for it is SpaceControl re-registering the
    // space after a resources change (FASS's PID move), which means nothing here: keep ASID and TTBR0.
    if (this.current === space) return;
    this.spaces.delete(space);
    if (space.asid >= 0) {
      // The ASID is free; its TLB entries are invalidated when it is handed out again.
      this.asidOwner[space.asid] = undefined;
      space.asid = -1;
    }
  }

  addKernelSection(index: number, descriptor: number): void {
    // Descriptors come in the ARMv5 section format (platform.ts): read as ARMv6 its bit 4 is XN — right
    // for device registers — and nG (bit 17) is clear, so the I/O window is global in every space.
    this.kernelEntries.set(index, descriptor);
    this.kmem.store(this.bootTablePa + index * 4, descriptor);
    for (const s of this.spaces) this.kmem.store(s.l1Pa + index * 4, descriptor);
  }

  activate(space: Space): void {
    if (this.current === space) return;
    const k = this.kmem;
    this.stats.switches++;
    k.charge('spaceSwitchAsid');
    k.load(space.pa + SpaceLayout.asid);
    k.load(space.pa + SpaceLayout.pageDirectory);
    if (space.asid < 0) this.allocateAsid(space);
    const cp15 = this.memory.cp15;
    cp15.ttbr0 = space.l1Pa;
    cp15.contextId = space.asid;
    k.maintenanceOp(2);
    this.asidUsed[space.asid] = 1;
    this.current = space;
  }

  /** Hands `space` an ASID: the first free one from the rotor, else the rotor's (not the current space's). */
  private allocateAsid(space: Space): void {
    const k = this.kmem;
    k.charge('asidAllocate');
    const n = this.asids;
    let asid = -1;
    for (let i = 0; i < n && asid < 0; i++) {
      const a = (this.rotor + i) % n;
      if (!this.asidOwner[a]) asid = a;
    }
    if (asid < 0) {
      asid = this.rotor;
      if (this.asidOwner[asid] === this.current) asid = (asid + 1) % n;
      const victim = this.asidOwner[asid];
      if (!victim || victim === this.current) throw new Error(`kernel: no ASID to reuse for space ${space.id} (kernel bug)`);
      victim.asid = -1;
      k.store(victim.pa + SpaceLayout.asid, 0xffffffff);
      this.stats.recycles++;
    }
    this.rotor = (asid + 1) % n;
    if (this.asidUsed[asid]) {
      k.meter.flushTlbAsid(asid);
      this.asidUsed[asid] = 0;
      this.stats.asidFlushes++;
    }
    this.asidOwner[asid] = space;
    space.asid = asid;
    k.store(space.pa + SpaceLayout.asid, asid);
  }

  /** The space holding `asid`, if any (tests, traces). */
  ownerOf(asid: number): Space | undefined {
    return this.asidOwner[asid];
  }

  flushAll(): void {
    const meter = this.kmem.meter;
    meter.cleanInvalidateDCache();
    meter.invalidateICache();
    meter.drainWriteBuffer();
    meter.flushTlbs();
    this.stats.flushes++;
    this.asidUsed.fill(0);
    if (this.current && this.current.asid >= 0) this.asidUsed[this.current.asid] = 1;
  }

  l1Changed(): void {
    // Each space's own table is the one the walker reads: nothing to keep in step.
  }

  /**
   * Mappings of `space` in [va, va+size) changed: its TLB entries there go (by MVA and ASID, or the whole
   * ASID for large ranges). The caches need nothing: they are physically tagged (VIPT, 4 KB per way on the
   * S3C6410, so no aliases), and the pages' contents stay coherent under any mapping.
   */
  flushRange(space: Space, va: number, size: number): void {
    const asid = space.asid;
    if (asid < 0 || !this.asidUsed[asid]) return;
    if (size > PER_PAGE_LIMIT) {
      this.kmem.meter.flushTlbAsid(asid);
      this.stats.asidFlushes++;
      if (this.current !== space) this.asidUsed[asid] = 0;
      return;
    }
    const nonSecure = !this.memory.secure;
    let ops = 0;
    for (let a = va >>> 0; a < va + size; a += PAGE, ops++) this.memory.invalidateTlbMvaAsid('both', a >>> 0, asid, nonSecure);
    this.kmem.maintenanceOp(ops);
  }

  fault(): FaultOutcome {
    // No domain faults to resolve on ARMv6: every abort is the pager's.
    return 'page-fault';
  }

  describe(): string {
    return `TTBR0 ${hex(this.memory.cp15.ttbr0)}, ASID ${this.memory.cp15.asid}`;
  }
}
