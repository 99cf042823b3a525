import { formatMHz, hex32, waitUntil, type BoardSupportPackage, type ConsoleDriver, type InterruptControllerDriver, type RegisterAccess, type TickTimerDriver } from '@l4lab/arm-core';
import type { PwmVariant } from './pwm.js';

/**
 * Driver routines for the Samsung IP blocks both SoCs share (PWM tick timer, UART console, watchdog reboot),
 * parameterised by the same variant descriptions as the models. Register accesses only.
 */

/** Prescaler (1..256), divider index and count for a periodic rate: exact if possible, else the closest. */
export function chooseTimerDivisors(
  inputHz: number,
  hz: number,
  dividers: readonly number[],
  maxCount: number,
): { prescaler: number; dividerIndex: number; count: number; hz: number } {
  if (!(hz > 0)) throw new Error(`tick timer: rate must be positive, got ${hz}`);
  let best: { prescaler: number; dividerIndex: number; count: number; hz: number } | undefined;
  for (let p = 1; p <= 256; p++) {
    for (let d = 0; d < dividers.length; d++) {
      if (!dividers[d]) continue;
      const exact = inputHz / (p * dividers[d] * hz);
      const count = Math.round(exact);
      if (count < 1 || count > maxCount) continue;
      const candidate = { prescaler: p, dividerIndex: d, count, hz: inputHz / (p * dividers[d] * count) };
      if (Math.abs(exact - count) < 1e-9) return candidate;
      if (!best || Math.abs(candidate.hz - hz) < Math.abs(best.hz - hz)) best = candidate;
    }
  }
  if (!best) throw new Error(`tick timer: ${hz} Hz cannot be reached from a ${formatMHz(inputHz)} input`);
  return best;
}

/** Periodic tick on PWM timer 4 (auto-reload, manual-update start sequence). */
export class PwmTickTimer implements TickTimerDriver {
  readonly name = 'PWM timer 4';
  hz = 0;
  /** How the rate was reached, for the boot log. */
  setting = '';
  private readonly tcfg0: number;
  private readonly tcfg1: number;
  private readonly tcon: number;
  private readonly tcntb4: number;
  private readonly cstat: number;

  constructor(
    private readonly a: RegisterAccess,
    base: number,
    readonly irq: number,
    private readonly variant: PwmVariant,
    private readonly pclk: () => number,
  ) {
    this.tcfg0 = base;
    this.tcfg1 = base + 0x04;
    this.tcon = base + 0x08;
    this.tcntb4 = base + 0x3c;
    this.cstat = base + 0x44;
  }

  start(hz: number): void {
    const a = this.a;
    const pclk = this.pclk();
    const d = chooseTimerDivisors(pclk, hz, this.variant.dividers, 2 ** this.variant.counterBits);
    a.write32(this.tcfg0, ((a.read32(this.tcfg0) & ~0xff00) | ((d.prescaler - 1) << 8)) >>> 0);
    a.write32(this.tcfg1, ((a.read32(this.tcfg1) & ~0xf0000) | (d.dividerIndex << 16)) >>> 0);
    a.write32(this.tcntb4, (d.count - 1) >>> 0);
    if (this.variant.intCstat) a.write32(this.cstat, (a.read32(this.cstat) & 0x1f) | (1 << 4));
    const tcon = a.read32(this.tcon) & ~0x700000;
    a.write32(this.tcon, tcon | (1 << 21) | (1 << 22)); // manual update + auto-reload
    a.write32(this.tcon, tcon | (1 << 20) | (1 << 22)); // start + auto-reload
    this.hz = d.hz;
    this.setting = `PCLK ${formatMHz(pclk)}/${d.prescaler}/${this.variant.dividers[d.dividerIndex]}, TCNTB4 ${d.count - 1}`;
  }

  stop(): void {
    this.a.write32(this.tcon, this.a.read32(this.tcon) & ~(1 << 20));
    this.hz = 0;
  }

  acknowledge(): void {
    // S3C6410: write the status bit back with the enables; the 2440's timer pulses need nothing here.
    if (this.variant.intCstat) this.a.write32(this.cstat, (this.a.read32(this.cstat) & 0x1f) | (1 << 9));
  }
}

/** How a UART console's receive interrupt is enabled and cleared: at the controller (2440) or in the UART (6410). */
export interface UartConsoleHooks {
  /** Device-side enable (INTSUBMSK on the 2440, UINTM on the 6410) and controller mask. */
  enableRx(on: boolean): void;
  /** Clears the UART's receive-interrupt status (SUBSRCPND on the 2440, UINTP on the 6410). */
  acknowledgeRx(): void;
}

/** UCON for the console: IRQ/poll modes, RX error and timeout interrupts, level-type interrupts, PCLK. */
const CONSOLE_UCON = 0x3c5;
/** UDIVSLOT patterns for 0..15 slots, spreading the extra clocks over the 16 bit-clock phases. */
const DIVSLOT = [0x0000, 0x0080, 0x0808, 0x0888, 0x2222, 0x4924, 0x4a52, 0x54aa, 0x5555, 0xd555, 0xd5d5, 0xddd5, 0xdddd, 0xdfdd, 0xdfdf, 0xffdf];

/** Console on a Samsung UART: polled transmit waiting on UTRSTAT, polled or interrupt-driven receive. */
export class SamsungUartConsole implements ConsoleDriver {
  baud = 0;
  constructor(
    private readonly a: RegisterAccess,
    private readonly base: number,
    readonly rxIrq: number,
    private readonly pclk: () => number,
    private readonly fractional: boolean,
    private readonly hooks: UartConsoleHooks,
    readonly name = 'UART0',
  ) {}

  /** UBRDIV (and UDIVSLOT) for `baud` at PCLK `pclk`. */
  static divisors(pclk: number, baud: number, fractional: boolean): { ubrdiv: number; udivslot: number } {
    const exact = pclk / (16 * baud);
    if (!fractional) return { ubrdiv: Math.max(0, Math.round(exact) - 1), udivslot: 0 };
    const whole = Math.floor(exact);
    const slots = Math.min(15, Math.round((exact - whole) * 16));
    return { ubrdiv: Math.max(0, whole - 1), udivslot: DIVSLOT[slots] };
  }

  init(baud = 115200): void {
    const a = this.a, b = this.base;
    const d = SamsungUartConsole.divisors(this.pclk(), baud, this.fractional);
    a.write32(b + 0x08, 0x7); // UFCON: FIFOs on and reset; RX trigger 1 byte, TX trigger empty
    a.write32(b + 0x0c, 0); // UMCON
    a.write32(b + 0x00, 0x3); // ULCON: 8N1
    if (this.fractional) a.write32(b + 0x38, 0xf); // UINTM: all masked
    a.write32(b + 0x04, CONSOLE_UCON);
    a.write32(b + 0x28, d.ubrdiv);
    if (this.fractional) a.write32(b + 0x2c, d.udivslot);
    this.baud = baud;
  }

  putc(byte: number): void {
    if (byte === 0x0a) this.putRaw(0x0d);
    this.putRaw(byte);
  }

  puts(text: string): void {
    for (let i = 0; i < text.length; i++) this.putc(text.charCodeAt(i) & 0xff);
  }

  getc(): number {
    waitUntil(this.a, () => (this.a.read32(this.base + 0x10) & 1) !== 0, `${this.name} receive`);
    return this.a.read32(this.base + 0x24) & 0xff;
  }

  getcNonBlocking(): number | undefined {
    return this.a.read32(this.base + 0x10) & 1 ? this.a.read32(this.base + 0x24) & 0xff : undefined;
  }

  enableRxInterrupt(on: boolean): void {
    this.hooks.enableRx(on);
  }

  acknowledgeRx(): void {
    this.hooks.acknowledgeRx();
  }

  private putRaw(byte: number): void {
    waitUntil(this.a, () => (this.a.read32(this.base + 0x10) & 2) !== 0, `${this.name} transmit`);
    this.a.write32(this.base + 0x20, byte);
  }
}

/** Arms a Samsung watchdog to reset the chip after 256 ticks of PCLK/16 (a few tens of µs). */
export function watchdogReboot(a: RegisterAccess, base: number): void {
  a.write32(base, 0); // WTCON off while loading
  a.write32(base + 4, 0x100); // WTDAT
  a.write32(base + 8, 0x100); // WTCNT
  a.write32(base, 0x21); // enable + reset, prescaler 0, /16
}

/** Where a Samsung BSP finds its tick timer, console UART and watchdog, and how its console UART behaves. */
export interface SamsungBspLayout {
  /** Base addresses of the PWM timer block, UART0 and the watchdog. */
  readonly pwm: number;
  readonly uart0: number;
  readonly watchdog: number;
  /** The IRQs of PWM timer 4 and UART0. */
  readonly timerIrq: number;
  readonly uartIrq: number;
  readonly pwmVariant: PwmVariant;
  /** Whether the UART has UDIVSLOT (S3C6410). */
  readonly fractionalUart: boolean;
}

/**
 * What the S3C2440 and S3C6410 board support packages share: the tick on PWM timer 4, the console on UART0,
 * init (watchdog off, controller set up), reboot through the watchdog, and the tail of the boot-log lines.
 * A subclass brings the interrupt controller, the clock tree and the chip's own `describe` lines.
 */
export abstract class SamsungBsp<I extends InterruptControllerDriver, C extends { readonly pclk: number }> implements BoardSupportPackage {
  abstract readonly soc: string;
  readonly timer: PwmTickTimer;
  readonly console: SamsungUartConsole;

  protected constructor(
    protected readonly access: RegisterAccess,
    protected readonly fin: number,
    readonly interrupts: I,
    private readonly layout: SamsungBspLayout,
  ) {
    const pclk = () => this.clocks().pclk;
    const uartIrq = layout.uartIrq;
    this.timer = new PwmTickTimer(access, layout.pwm, layout.timerIrq, layout.pwmVariant, pclk);
    this.console = new SamsungUartConsole(access, layout.uart0, uartIrq, pclk, layout.fractionalUart, {
      enableRx: (on) => {
        this.enableUartRx(on);
        if (on) interrupts.unmask(uartIrq);
        else interrupts.mask(uartIrq);
      },
      acknowledgeRx: () => this.acknowledgeUartRx(),
    });
  }

  /** The clock tree computed from the chip's registers. */
  abstract clocks(): C;

  /** Device-side enable of the console's receive interrupt (the controller mask is done here, after it). */
  protected abstract enableUartRx(on: boolean): void;

  /** Clears the console UART's receive-interrupt status. */
  protected abstract acknowledgeUartRx(): void;

  /** The chip-specific boot-log lines: chip, clocks, interrupt controller. */
  protected abstract describeChip(): string[];

  init(): void {
    this.access.write32(this.layout.watchdog, 0);
    this.interrupts.init();
  }

  reboot(): void {
    watchdogReboot(this.access, this.layout.watchdog);
  }

  describe(): string[] {
    const a = this.access, { uart0, watchdog, fractionalUart } = this.layout;
    const lines = this.describeChip();
    if (this.timer.hz) lines.push(`tick: ${this.timer.name} at ${this.timer.hz} Hz (${this.timer.setting}), IRQ ${this.timer.irq}`);
    if (this.console.baud) {
      const slot = fractionalUart ? `, UDIVSLOT ${hex32(a.read32(uart0 + 0x2c))}` : '';
      lines.push(`console: UART0 at ${this.console.baud} baud 8N1 (UBRDIV ${a.read32(uart0 + 0x28)}${slot})`);
    }
    lines.push(`watchdog: ${a.read32(watchdog) & 0x20 ? 'running' : 'off'}`);
    return lines;
  }
}
