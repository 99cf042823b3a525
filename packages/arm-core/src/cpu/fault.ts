/**
 * A memory fault raised by the memory system during an access. The memory system has already
 * recorded the fault status and address in CP15 (FSR/FAR, or IFSR for prefetch aborts on ARMv6) when it
 * throws this; the core catches it and takes the prefetch or data abort exception.
 */
export class MemoryFault {
  constructor(
    readonly kind: 'prefetch' | 'data',
    /** Fault status code as the core reports it (ARMv4/v5 FSR[3:0]; ARMv6 FS[10,3:0]). */
    readonly status: number,
    readonly domain: number,
    readonly address: number,
    readonly write: boolean,
    readonly description: string,
  ) {}
  toString(): string {
    return `${this.kind} abort at 0x${(this.address >>> 0).toString(16).padStart(8, '0')}: ${this.description} (status 0x${this.status.toString(16)}, domain ${this.domain})`;
  }
}

/** Exception kinds, in the architecture's priority order (highest first). */
export type ExceptionKind = 'reset' | 'data-abort' | 'fiq' | 'irq' | 'prefetch-abort' | 'undefined' | 'swi' | 'smc';

/** Vector offsets from the vector base. */
export const VECTOR_OFFSET: Record<ExceptionKind, number> = {
  reset: 0x00,
  undefined: 0x04,
  swi: 0x08,
  smc: 0x08,
  'prefetch-abort': 0x0c,
  'data-abort': 0x10,
  irq: 0x18,
  fiq: 0x1c,
};
