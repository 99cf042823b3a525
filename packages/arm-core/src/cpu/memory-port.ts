/**
 * The core's view of memory: virtual addresses in, values out. The memory system behind it applies FCSE,
 * the MMU (TLBs, table walks, domains, permissions), alignment checking, caches, the write buffer and
 * timing, and throws a `MemoryFault` (after recording FSR/FAR) when an access faults.
 *
 * Word and halfword reads return the naturally aligned datum containing the address (the core applies
 * ARMv4 rotation rules); with ARMv6 unaligned support the core uses `readUnaligned*` instead.
 */
export interface MemoryPort {
  /** Privilege used for permission checks. The core updates it on mode changes; LDRT/STRT clear it briefly. */
  privileged: boolean;
  fetch32(va: number): number;
  fetch16(va: number): number;
  read8(va: number): number;
  read16(va: number): number;
  read32(va: number): number;
  write8(va: number, value: number): void;
  write16(va: number, value: number): void;
  write32(va: number, value: number): void;
  /** ARMv6 unaligned accesses (U=1); may be absent on cores without them. */
  readUnaligned16?(va: number): number;
  readUnaligned32?(va: number): number;
  writeUnaligned16?(va: number, value: number): void;
  writeUnaligned32?(va: number, value: number): void;
}
