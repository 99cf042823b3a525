/** Access width in bytes. */
export type AccessSize = 1 | 2 | 4;

/**
 * A memory-mapped device. Offsets are relative to the device's base address on the bus.
 * Reads return the value zero-extended to `size` bytes; writes receive the value truncated to `size`.
 */
export interface Device {
  read(offset: number, size: AccessSize): number;
  write(offset: number, value: number, size: AccessSize): void;
  reset?(): void;
  /** Access sizes the device answers; others are reported as guest errors. Default: all. */
  readonly accessSizes?: readonly AccessSize[];
}

/** Raised by the bus when a physical access hits nothing or a device refuses it (an external abort). */
export class BusFault extends Error {
  constructor(
    readonly address: number,
    readonly write: boolean,
    readonly size: AccessSize,
    readonly reason: string,
  ) {
    super(`external abort: ${write ? 'write' : 'read'} of ${size} byte(s) at 0x${(address >>> 0).toString(16).padStart(8, '0')}: ${reason}`);
    this.name = 'BusFault';
  }
}

/** Where guest errors (accesses a real chip would ignore or flag) are reported. */
export interface GuestErrorSink {
  guestError(message: string): void;
}

/** Policy for guest errors: warn (collect and optionally print) or fatal (throw, for tests). */
export class GuestErrorLog implements GuestErrorSink {
  readonly messages: string[] = [];
  constructor(
    public mode: 'warn' | 'fatal' | 'silent' = 'warn',
    private readonly print: (line: string) => void = () => {},
  ) {}
  guestError(message: string): void {
    if (this.mode === 'fatal') throw new Error(`guest error: ${message}`);
    this.messages.push(message);
    if (this.mode === 'warn') this.print(`guest error: ${message}`);
  }
}
