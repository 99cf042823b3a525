import type { Space } from '../../object/space.js';

/** What the kernel does with an abort after the MMU code has looked at it. */
export type FaultOutcome = 'resolved' | 'page-fault';

/**
 * The architecture-specific half of address spaces: how the kernel's own mappings are installed, how a
 * space becomes current, and which faults the MMU code resolves itself (FASS domain faults) rather than
 * sending to the pager. ARMv5 implements it with FASS (or flush-on-switch), ARMv6 with ASIDs.
 */
export interface AddressSpaceMmu {
  readonly name: string;
  /** Builds the kernel's tables, enables the MMU and caches. */
  boot(): void;
  /** Called after a space's first-level table is allocated: install kernel entries it needs. */
  spaceCreated(space: Space): void;
  /** Releases the space's domain/ASID and CPD entries; caches are cleaned as needed. */
  spaceDeleted(space: Space): void;
  /** Makes `space` the current address space (TTB/DACR/FCSE PID or ASID), charging the switch. */
  activate(space: Space): void;
  readonly current: Space | undefined;
  /** A first-level entry of `space` changed (map/unmap). */
  l1Changed(space: Space, index: number): void;
  /** Mappings in [va, va+size) of `space` were removed or downgraded: caches and TLBs must forget them. */
  flushRange(space: Space, va: number, size: number): void;
  /** An abort in `space` at `va` with fault `status`: resolved here, or a real page fault. */
  fault(space: Space, va: number, status: number): FaultOutcome;
  /** Adds a kernel section (I/O window) to every table that needs it. */
  addKernelSection(index: number, descriptor: number): void;
  /** Whole-cache clean + invalidate and TLB flush (CacheControl, recycling). */
  flushAll(): void;
  /** Statistics for benchmarks and tests. */
  readonly stats: { switches: number; flushes: number; domainFaults: number; recycles: number };
}

/** A mapping found in a space's own tables (software walk). */
export interface SpaceMapping {
  readonly va: number;
  readonly pa: number;
  readonly size: number;
  /** fpage rights: read 4, write 2, execute 1. */
  readonly rights: number;
  /** Physical-descriptor attribute (MemoryAttribute). */
  readonly attribute: number;
}

export type SpaceMapResult = 'ok' | 'no-memory' | 'conflict';

/**
 * The per-space page tables the kernel builds in simulated RAM: ARMv4/v5 formats (v5/page-table.ts) or
 * ARMv6 extended formats with nG user mappings (v6/page-table.ts). Same operations, same charging.
 */
export interface SpacePageTables {
  map(space: Space, va: number, pa: number, size: number, rights: number, attribute: number): SpaceMapResult;
  /** Removes mappings in [va, va+size); returns how many entries were removed. */
  unmap(space: Space, va: number, size: number): number;
  lookup(space: Space, va: number): SpaceMapping | undefined;
  translate(space: Space, va: number): number | undefined;
  l1Entry(space: Space, va: number): number;
  destroy(space: Space): void;
}
