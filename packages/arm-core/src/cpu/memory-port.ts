import type { MemoryFault } from './fault.js';

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
  /** Called by the core after every CPSR write and at reset with the new mode (ARM1176: Monitor mode is Secure). */
  modeChanged?(mode: number): void;
  /** Records and throws an alignment fault at `va` (ARMv6 instructions that always need alignment: LDREX, STREX, …). */
  alignmentFault?(va: number, write: boolean): never;
  /** Records a debug event (BKPT: prefetch abort; watchpoint: data abort) and returns the fault to take. */
  debugEvent?(kind: 'prefetch' | 'data', va: number, instructionAddress: number): MemoryFault;
}
