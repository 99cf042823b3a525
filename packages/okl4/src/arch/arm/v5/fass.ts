import { Arm920tControl, FaultStatus, MemorySystem, coarseTableDescriptor, sectionDescriptor, smallPageDescriptor } from '@l4lab/arm-core';
import { FCSE_WINDOW, KERNEL_BASE, KernelRegion, PAGE, UTCB_POINTER_PAGE } from '../../../layout.js';
import type { Space } from '../../../object/space.js';
import type { KernelMemory } from '../kernel-memory.js';
import type { AddressSpaceMmu, FaultOutcome } from '../mmu.js';

const DOMAINS = 16;
const CLIENT = 1;
/** Domain the kernel's entries use; user spaces get 1–15 (FASS) or 1 (flush-on-switch). */
export const KERNEL_DOMAIN = 0;
const USER_DOMAIN_NO_FASS = 1;

/**
 * ARMv5 address spaces (reference/okl4.md §5). With FASS: one shared caching page directory (CPD) is
 * always in the TTB; each space's first-level entries are copied into it on demand (domain faults and
 * empty-entry faults), tagged with the space's domain; the FCSE PID relocates the bottom 32 MB into a
 * per-space slot; a switch writes only DACR and the PID. Domains run out at 15 spaces: a victim is
 * recycled (prefer a clean one), its CPD entries cleared, and the caches and TLBs flushed only if it was
 * dirty. Without FASS (`fass: false`), each space's own table is loaded and every switch cleans and
 * invalidates the VIVT caches and flushes the TLBs, as a classic ARMv5 kernel must.
 */
export class ArmV5Mmu implements AddressSpaceMmu {
  readonly name: string;
  readonly stats = { switches: 0, flushes: 0, domainFaults: 0, recycles: 0 };
  current: Space | undefined;
  private readonly cpdPa: number;
  /** CPD index → owning domain, or -1 (empty or kernel). */
  private readonly cpdOwner = new Int8Array(4096).fill(-1);
  private readonly domainSpace: (Space | undefined)[] = new Array(DOMAINS).fill(undefined);
  private readonly domainSections: Set<number>[] = Array.from({ length: DOMAINS }, () => new Set<number>());
  private readonly domainDirty = new Array<boolean>(DOMAINS).fill(false);
  /** Kernel first-level entries (index → descriptor) every table must carry. */
  private readonly kernelEntries = new Map<number, number>();
  private readonly spaces = new Set<Space>();
  /** Victim choice when no domain is clean: a deterministic rotor (OKL4 uses a pseudo-random pick). */
  private rotor = 1;

  /** The ARM920T memory system (FASS and the v4/v5 formats are ARMv5 features). */
  private readonly memory: MemorySystem;

  constructor(
    private readonly kmem: KernelMemory,
    readonly fass: boolean,
  ) {
    const memory = kmem.machine.memory;
    if (!(memory instanceof MemorySystem)) throw new Error(`kernel: the ARMv5 MMU code needs an ARMv5 core (ARM920T), not ${kmem.machine.configuration.cpu}; ARMv6 cores use ArmV6Mmu (v6/asid.ts)`);
    this.memory = memory;
    this.name = fass ? 'ARMv5 FASS (CPD, 16 domains, FCSE PIDs)' : 'ARMv5 without FASS (flush on switch)';
    this.cpdPa = kmem.ramBase + KernelRegion.cpd;
  }

  get userDomain(): number {
    return this.fass ? 0 : USER_DOMAIN_NO_FASS;
  }

  boot(): void {
    const k = this.kmem;
    const ramSections = Math.ceil(k.ramSize / (1 << 20));
    for (let i = 0; i < ramSections; i++) {
      this.kernelEntries.set((KERNEL_BASE >>> 20) + i, sectionDescriptor(k.ramBase + i * (1 << 20), { ap: 1, domain: KERNEL_DOMAIN, c: true, b: true }));
    }
    // UTCB-pointer page: user read-only, kernel read-write, in a coarse table of its own.
    const high = k.ramBase + KernelRegion.highTable;
    const page = k.ramBase + KernelRegion.utcbPointerPage;
    k.machine.bus.writeBytes(high, new Uint8Array(1024));
    k.machine.bus.writeBytes(page, new Uint8Array(PAGE));
    k.write32(high + (((UTCB_POINTER_PAGE >>> 12) & 0xff) << 2), smallPageDescriptor(page, { ap: 2, c: true, b: true }));
    this.kernelEntries.set(UTCB_POINTER_PAGE >>> 20, coarseTableDescriptor(high, KERNEL_DOMAIN));
    k.machine.bus.writeBytes(this.cpdPa, new Uint8Array(16384));
    for (const [i, d] of this.kernelEntries) k.write32(this.cpdPa + i * 4, d);
    const cp15 = k.machine.memory.cp15;
    cp15.ttb = this.cpdPa;
    cp15.dacr = CLIENT << (KERNEL_DOMAIN * 2);
    cp15.fcsePid = 0;
    k.machine.memory.invalidateTlb('both');
    k.machine.memory.invalidateICache();
    k.machine.memory.invalidateDCache();
    cp15.control = cp15.control | Arm920tControl.M | Arm920tControl.C | Arm920tControl.I;
  }

  spaceCreated(space: Space): void {
    this.spaces.add(space);
    if (this.fass) return;
    for (const [i, d] of this.kernelEntries) this.kmem.store(space.l1Pa + i * 4, d);
  }

  spaceDeleted(space: Space): void {
    this.spaces.delete(space);
    if (this.fass) {
      if (space.domain) this.releaseDomain(space.domain);
    } else if (this.current === space) {
      this.flushAll();
    }
    if (this.current === space) this.current = undefined;
  }

  addKernelSection(index: number, descriptor: number): void {
    this.kernelEntries.set(index, descriptor);
    this.kmem.store(this.cpdPa + index * 4, descriptor);
    if (!this.fass) for (const s of this.spaces) this.kmem.store(s.l1Pa + index * 4, descriptor);
  }

  activate(space: Space): void {
    if (this.current === space) return;
    const k = this.kmem;
    const cp15 = k.machine.memory.cp15;
    this.stats.switches++;
    if (this.fass) {
      k.charge('spaceSwitchFass');
      k.load(space.pa);
      if (space.domain === 0) this.allocateDomain(space);
      this.domainDirty[space.domain] = true;
      cp15.dacr = ((CLIENT << (KERNEL_DOMAIN * 2)) | (CLIENT << (space.domain * 2))) >>> 0;
      cp15.fcsePid = (space.pid << 25) >>> 0;
    } else {
      k.charge('spaceSwitchFlush');
      this.flushAll();
      cp15.ttb = space.l1Pa;
      cp15.dacr = ((CLIENT << (KERNEL_DOMAIN * 2)) | (CLIENT << (USER_DOMAIN_NO_FASS * 2))) >>> 0;
      cp15.fcsePid = 0;
    }
    k.maintenanceOp(2);
    this.current = space;
  }

  flushAll(): void {
    const meter = this.kmem.meter;
    meter.cleanInvalidateDCache();
    meter.invalidateICache();
    meter.drainWriteBuffer();
    meter.flushTlbs();
    this.stats.flushes++;
    for (let d = 1; d < DOMAINS; d++) this.domainDirty[d] = false;
    if (this.current && this.current.domain) this.domainDirty[this.current.domain] = true;
  }

  /** MVA of a VA in `space` (FCSE relocation of the bottom 32 MB). */
  mvaIn(space: Space, va: number): number {
    return this.fass && va < FCSE_WINDOW ? (va | (space.pid << 25)) >>> 0 : va >>> 0;
  }

  l1Changed(space: Space, index: number): void {
    if (!this.fass || space.domain === 0) return;
    // Each CPD section a space's VA section can occupy: the MVA of that VA.
    const cpdIndex = this.mvaIn(space, index << 20) >>> 20;
    if (this.cpdOwner[cpdIndex] !== space.domain) return;
    const entry = this.kmem.read32(space.l1Pa + index * 4);
    this.kmem.meter.flushTlbs();
    if ((entry & 3) === 0) {
      this.clearCpd(cpdIndex);
    } else {
      this.kmem.store(this.cpdPa + cpdIndex * 4, this.retag(entry, space.domain));
    }
  }

  flushRange(space: Space, va: number, size: number): void {
    const mem = this.memory;
    const live = this.fass ? space.domain !== 0 && this.domainDirty[space.domain] : this.current === space;
    if (!live) return;
    if (size > 16 * 1024) {
      this.flushAll();
      return;
    }
    const line = mem.lineBytes;
    for (let a = va; a < va + size; a += line) {
      const mva = this.fass ? this.mvaIn(space, a) : a;
      mem.cleanInvalidateDCacheLine(mva);
      mem.invalidateICacheLine(mva);
    }
    this.kmem.maintenanceOp((2 * size) / line);
    for (let a = va; a < va + size; a += PAGE) {
      const mva = this.fass ? this.mvaIn(space, a) : a;
      mem.invalidateTlbEntry('data', mva);
      mem.invalidateTlbEntry('instruction', mva);
    }
    mem.drainWriteBuffer();
  }

  fault(space: Space, va: number, status: number): FaultOutcome {
    if (!this.fass) return 'page-fault';
    const domainFault = status === FaultStatus.DOMAIN_SECTION || status === FaultStatus.DOMAIN_PAGE;
    if (!domainFault && status !== FaultStatus.TRANSLATION_SECTION) return 'page-fault';
    if (va >= KERNEL_BASE) return 'page-fault';
    const k = this.kmem;
    const entry = k.load(space.l1Pa + ((va >>> 20) << 2));
    if ((entry & 3) === 0) return 'page-fault';
    k.charge('domainFault');
    this.stats.domainFaults++;
    if (space.domain === 0) this.allocateDomain(space);
    const cpdIndex = this.mvaIn(space, va) >>> 20;
    const owner = this.cpdOwner[cpdIndex];
    if (owner === space.domain) {
      // Already ours: a stale TLB entry of an earlier owner of this section.
      k.meter.flushTlbs();
      return 'resolved';
    }
    if (owner > 0) {
      // Another space's section at the same MVA: take it; its cached lines alias ours if it was dirty.
      this.domainSections[owner].delete(cpdIndex);
      if (this.domainDirty[owner]) this.flushAll();
      else k.meter.flushTlbs();
    }
    k.store(this.cpdPa + cpdIndex * 4, this.retag(entry, space.domain));
    this.cpdOwner[cpdIndex] = space.domain;
    this.domainSections[space.domain].add(cpdIndex);
    return 'resolved';
  }

  private retag(entry: number, domain: number): number {
    return ((entry & ~(15 << 5)) | (domain << 5)) >>> 0;
  }

  private clearCpd(cpdIndex: number): void {
    const owner = this.cpdOwner[cpdIndex];
    if (owner > 0) this.domainSections[owner].delete(cpdIndex);
    this.cpdOwner[cpdIndex] = -1;
    this.kmem.store(this.cpdPa + cpdIndex * 4, 0);
  }

  private allocateDomain(space: Space): void {
    let d = 0;
    for (let i = 1; i < DOMAINS && !d; i++) if (!this.domainSpace[i]) d = i;
    if (!d) d = this.recycle();
    this.domainSpace[d] = space;
    this.domainDirty[d] = false;
    space.domain = d;
    this.kmem.store(space.pa, d);
  }

  /** Frees a domain held by another space: prefer a clean one, else rotate; never the current space's. */
  private recycle(): number {
    this.kmem.charge('domainRecycle');
    this.stats.recycles++;
    const cur = this.current?.domain ?? 0;
    let victim = 0;
    for (let i = 1; i < DOMAINS && !victim; i++) if (i !== cur && !this.domainDirty[i]) victim = i;
    if (!victim) {
      do {
        victim = this.rotor;
        this.rotor = (this.rotor % (DOMAINS - 1)) + 1;
      } while (victim === cur);
    }
    this.releaseDomain(victim);
    return victim;
  }

  private releaseDomain(d: number): void {
    for (const i of this.domainSections[d]) {
      this.cpdOwner[i] = -1;
      this.kmem.store(this.cpdPa + i * 4, 0);
    }
    this.domainSections[d].clear();
    const dirty = this.domainDirty[d];
    const victim = this.domainSpace[d];
    if (victim) victim.domain = 0;
    this.domainSpace[d] = undefined;
    // A reused domain number must not find the old owner's TLB entries; dirty lines must go too.
    if (dirty) this.flushAll();
    else this.kmem.meter.flushTlbs();
    this.domainDirty[d] = false;
  }
}
