/**
 * The board-support interface a kernel written in TypeScript drives: the routines OKL4's platform port has
 * (interrupt controller, tick timer, console, reboot, boot-log description). Each SoC package implements it
 * with real register accesses through a `RegisterAccess`, so the kernel never touches device objects and
 * pays for every access when the accessor is its cost meter.
 */

/** How the BSP reaches the hardware: 32-bit physical accesses, in the real system metered by the kernel. */
export interface RegisterAccess {
  read32(pa: number): number;
  write32(pa: number, value: number): void;
  /**
   * Called on every turn of a busy-wait loop (like Linux's cpu_relax): lets simulated time pass, e.g. by
   * advancing to the next scheduled event. Without it, a wait that cannot complete fails after a bound.
   */
  relax?(): void;
}

/** Interrupt controller driver. IRQ numbers are the SoC's flat numbering (0..count-1). */
export interface InterruptControllerDriver {
  readonly count: number;
  /** A short name for the source ("TIMER4", "UART0"), or `irq<n>`. */
  name(irq: number): string;
  /** Masks and clears everything, all sources to IRQ (not FIQ). */
  init(): void;
  mask(irq: number): void;
  unmask(irq: number): void;
  /** Ends the controller's handling of `irq` (clears its pending/in-service state). Device-level status is the device driver's. */
  acknowledge(irq: number): void;
  /** The highest-priority pending, unmasked IRQ as the controller decodes it, or undefined. */
  pending(): number | undefined;
}

/** Periodic tick timer driver. */
export interface TickTimerDriver {
  readonly irq: number;
  /** What is used, e.g. "PWM timer 4". */
  readonly name: string;
  /** Programs and starts a periodic interrupt at `hz`; throws if no divider setting can reach it. */
  start(hz: number): void;
  stop(): void;
  /** Clears the timer's own interrupt status (if it has one); call before the controller's acknowledge. */
  acknowledge(): void;
  /** The rate actually programmed (0 when stopped). */
  readonly hz: number;
}

/** Console UART driver. */
export interface ConsoleDriver {
  /** The controller IRQ the console's receive interrupt arrives on. */
  readonly rxIrq: number;
  /** Programs the UART for `baud` 8N1 from the current peripheral clock, FIFOs on, interrupts off. */
  init(baud?: number): void;
  /** Polled transmit; '\n' is sent as "\r\n". */
  putc(byte: number): void;
  puts(text: string): void;
  /** Polled receive, waiting (through `relax`) for a byte. */
  getc(): number;
  getcNonBlocking(): number | undefined;
  /** Enables or disables the receive interrupt (device side and controller mask). */
  enableRxInterrupt(on: boolean): void;
  /** Clears the UART's own receive-interrupt status; call after draining, before the controller's acknowledge. */
  acknowledgeRx(): void;
}

export interface BoardSupportPackage {
  /** The SoC, e.g. "S3C2440A". */
  readonly soc: string;
  readonly interrupts: InterruptControllerDriver;
  readonly timer: TickTimerDriver;
  readonly console: ConsoleDriver;
  /** Stops the watchdog (as the boot loader would) and initialises the interrupt controller. */
  init(): void;
  /** Arms the watchdog to reset the chip shortly; returns (the reset arrives as simulated time passes). */
  reboot(): void;
  /** Lines for the boot log: chip, clocks, interrupt set-up, timer, console. */
  describe(): string[];
}

/** Default bound on busy-wait polls when the accessor has no `relax`. */
export const DEFAULT_SPIN_LIMIT = 1_000_000;

/**
 * Polls `ready` until it holds, calling `access.relax` between polls. A wait that never completes is a
 * configuration error of the kernel or board (e.g. a disabled transmitter), reported with `what`.
 */
export function waitUntil(access: RegisterAccess, ready: () => boolean, what: string, limit = DEFAULT_SPIN_LIMIT): void {
  for (let i = 0; i < limit; i++) {
    if (ready()) return;
    access.relax?.();
  }
  throw new Error(`${what}: still not ready after ${limit} polls`);
}

/** Frequency as the boot logs print it: "400.000 MHz". */
export function formatMHz(hz: number): string {
  return `${(hz / 1e6).toFixed(3)} MHz`;
}

/** Register value as boot logs print it: "0x0005c011". */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
