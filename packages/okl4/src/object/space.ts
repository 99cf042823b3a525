import type { Tcb } from './tcb.js';

/**
 * An address space: its own first-level table (indexed by VA) and coarse tables in the kernel heap, the
 * FCSE PID and FASS domain on ARMv5 (or the ASID on ARMv6), and its UTCB section.
 */
export class Space {
  readonly threads = new Set<Tcb>();
  /** Physical address of the 16 KB first-level table. */
  l1Pa = 0;
  /** Coarse tables by first-level index: physical address of each 1 KB table. */
  readonly coarse = new Map<number, number>();
  /** FCSE PID (0–111); 0 = no relocation. */
  pid = 0;
  /** FASS domain (1–15), or 0 when the space holds none at the moment. */
  domain = 0;
  /** ARMv6 ASID, or -1 when none is assigned. */
  asid = -1;
  /** UTCB area section for this space: VA of its 1 MB section. */
  utcbSection = 0;
  /** UTCB slots in use (index → thread). */
  readonly utcbSlots = new Map<number, Tcb>();
  /** Physical pages backing the UTCB section, by 4 KB page index. */
  readonly utcbPages = new Map<number, number>();
  maxPriority = 255;
  privileged = false;
  /** Physical address and kernel alias of the space's kernel object. */
  pa = 0;
  kva = 0;
  /** Resource word as given to SpaceControl (PID in the low bits, vspace from bit 16). */
  resources = 0;

  constructor(readonly id: number) {}
}
