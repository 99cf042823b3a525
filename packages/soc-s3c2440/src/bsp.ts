import {
  formatMHz,
  hex32,
  waitUntil,
  type BoardSupportPackage,
  type ConsoleDriver,
  type InterruptControllerDriver,
  type RegisterAccess,
  type TickTimerDriver,
} from '@l4lab/arm-core';
import { CLKDIVN, s3c2440HclkDivisor, s3c2440Mpll } from './clock-power.js';
import { S3C2440_IRQ, S3C2440_IRQ_NAMES, S3C2440_SUBIRQ } from './interrupt-controller.js';
import { S3C2440_MAP as M } from './map.js';

const INTC = { SRCPND: M.INTC, INTMOD: M.INTC + 0x04, INTMSK: M.INTC + 0x08, PRIORITY: M.INTC + 0x0c, INTPND: M.INTC + 0x10, INTOFFSET: M.INTC + 0x14, SUBSRCPND: M.INTC + 0x18, INTSUBMSK: M.INTC + 0x1c };
const PWM = { TCFG0: M.PWM, TCFG1: M.PWM + 0x04, TCON: M.PWM + 0x08, TCNTB4: M.PWM + 0x3c };
const CLK = { MPLLCON: M.CLKPWR + 0x04, CLKDIVN: M.CLKPWR + 0x14, CAMDIVN: M.CLKPWR + 0x18 };
const UART = (base: number) => ({ ULCON: base, UCON: base + 4, UFCON: base + 8, UMCON: base + 0xc, UTRSTAT: base + 0x10, UTXH: base + 0x20, URXH: base + 0x24, UBRDIV: base + 0x28 });
const WDT = { WTCON: M.WATCHDOG, WTDAT: M.WATCHDOG + 4, WTCNT: M.WATCHDOG + 8 };
const GSTATUS1 = M.GPIO + 0xb0;

/** TCON bits of timer 4. */
const T4_START = 1 << 20, T4_MANUAL = 1 << 21, T4_RELOAD = 1 << 22, T4_BITS = 0x700000;

/** Clocks as the BSP computes them from the registers (it assumes the PLL has been programmed). */
export interface S3C2440BspClocks {
  readonly fclk: number;
  readonly hclk: number;
  readonly pclk: number;
}

/** Prescaler (1..256), divider and count (1..2^bits) for a periodic rate; exact if possible, else the finest. */
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

/**
 * Board support for the S3C2440A, the port OKL4's S3C2410 platform code corresponds to: interrupt controller
 * (INTMSK/SRCPND/INTPND/INTOFFSET), tick on PWM timer 4 (IRQ 14), console on UART0, reboot through the
 * watchdog. Every operation is register accesses through `access`.
 */
export class S3C2440Bsp implements BoardSupportPackage {
  readonly soc = 'S3C2440A';
  readonly interrupts: InterruptControllerDriver;
  readonly timer: TickTimerDriver & { readonly setting: string };
  readonly console: ConsoleDriver & { readonly baud: number };

  constructor(
    private readonly access: RegisterAccess,
    private readonly fin = 12e6,
  ) {
    this.interrupts = new Interrupts(access);
    this.timer = new Timer4(access, () => this.clocks().pclk);
    this.console = new Uart0Console(access, () => this.clocks().pclk, this.interrupts);
  }

  /** FCLK/HCLK/PCLK from MPLLCON, CLKDIVN and CAMDIVN. */
  clocks(): S3C2440BspClocks {
    const a = this.access;
    const fclk = s3c2440Mpll(a.read32(CLK.MPLLCON), this.fin);
    const clkdivn = a.read32(CLK.CLKDIVN);
    const hclk = fclk / s3c2440HclkDivisor(clkdivn, a.read32(CLK.CAMDIVN));
    return { fclk, hclk, pclk: (clkdivn & CLKDIVN.PDIVN.mask) !== 0 ? hclk / 2 : hclk };
  }

  init(): void {
    this.access.write32(WDT.WTCON, 0);
    this.interrupts.init();
  }

  reboot(): void {
    const a = this.access;
    a.write32(WDT.WTCON, 0);
    a.write32(WDT.WTDAT, 0x100);
    a.write32(WDT.WTCNT, 0x100);
    a.write32(WDT.WTCON, 0x21); // enable, reset, prescaler 0, /16: 256 ticks of PCLK/16
  }

  describe(): string[] {
    const a = this.access;
    const c = this.clocks();
    const lines = [
      `${this.soc} (GSTATUS1 ${hex32(a.read32(GSTATUS1))})`,
      `S3C244X: core ${formatMHz(c.fclk)}, memory ${formatMHz(c.hclk)}, peripheral ${formatMHz(c.pclk)} (MPLLCON ${hex32(a.read32(CLK.MPLLCON))}, CLKDIVN ${hex32(a.read32(CLK.CLKDIVN))})`,
      `interrupts: 32 sources + 15 sub-sources, INTMSK ${hex32(a.read32(INTC.INTMSK))}, INTSUBMSK ${hex32(a.read32(INTC.INTSUBMSK))}, PRIORITY ${hex32(a.read32(INTC.PRIORITY))}`,
    ];
    if (this.timer.hz) lines.push(`tick: ${this.timer.name} at ${this.timer.hz} Hz (${this.timer.setting}), IRQ ${this.timer.irq}`);
    if (this.console.baud) lines.push(`console: UART0 at ${this.console.baud} baud 8N1 (UBRDIV ${a.read32(UART(M.UART0).UBRDIV)})`);
    lines.push(`watchdog: ${a.read32(WDT.WTCON) & 0x20 ? 'running' : 'off'}`);
    return lines;
  }
}

class Interrupts implements InterruptControllerDriver {
  readonly count = 32;
  constructor(private readonly a: RegisterAccess) {}
  name(irq: number): string {
    return S3C2440_IRQ_NAMES[irq] ?? `irq${irq}`;
  }
  init(): void {
    const a = this.a;
    a.write32(INTC.INTMSK, 0xffffffff);
    a.write32(INTC.INTSUBMSK, 0x7fff);
    a.write32(INTC.INTMOD, 0);
    a.write32(INTC.SUBSRCPND, 0x7fff);
    a.write32(INTC.SRCPND, 0xffffffff);
    a.write32(INTC.INTPND, a.read32(INTC.INTPND));
  }
  mask(irq: number): void {
    this.a.write32(INTC.INTMSK, this.a.read32(INTC.INTMSK) | (1 << irq));
  }
  unmask(irq: number): void {
    this.a.write32(INTC.INTMSK, this.a.read32(INTC.INTMSK) & ~(1 << irq));
  }
  acknowledge(irq: number): void {
    this.a.write32(INTC.SRCPND, (1 << irq) >>> 0);
    this.a.write32(INTC.INTPND, (1 << irq) >>> 0);
  }
  pending(): number | undefined {
    if (this.a.read32(INTC.INTPND) === 0) return undefined;
    return this.a.read32(INTC.INTOFFSET);
  }
  /** Sub-source mask for drivers of UARTs and the watchdog. */
  setSubMask(sub: number, masked: boolean): void {
    const v = this.a.read32(INTC.INTSUBMSK);
    this.a.write32(INTC.INTSUBMSK, masked ? v | (1 << sub) : v & ~(1 << sub));
  }
}

class Timer4 implements TickTimerDriver {
  readonly irq = S3C2440_IRQ.TIMER4;
  readonly name = 'PWM timer 4';
  hz = 0;
  setting = '';
  constructor(
    private readonly a: RegisterAccess,
    private readonly pclk: () => number,
  ) {}
  start(hz: number): void {
    const a = this.a;
    const pclk = this.pclk();
    const d = chooseTimerDivisors(pclk, hz, [2, 4, 8, 16], 0x10000);
    a.write32(PWM.TCFG0, (a.read32(PWM.TCFG0) & ~0xff00) | ((d.prescaler - 1) << 8));
    a.write32(PWM.TCFG1, (a.read32(PWM.TCFG1) & ~0xf0000) | (d.dividerIndex << 16));
    a.write32(PWM.TCNTB4, d.count - 1);
    const tcon = a.read32(PWM.TCON) & ~T4_BITS;
    a.write32(PWM.TCON, tcon | T4_MANUAL | T4_RELOAD);
    a.write32(PWM.TCON, tcon | T4_START | T4_RELOAD);
    this.hz = d.hz;
    this.setting = `PCLK ${formatMHz(pclk)}/${d.prescaler}/${[2, 4, 8, 16][d.dividerIndex]}, TCNTB4 ${d.count - 1}`;
  }
  stop(): void {
    this.a.write32(PWM.TCON, this.a.read32(PWM.TCON) & ~T4_START);
    this.hz = 0;
  }
  acknowledge(): void {
    // Timer interrupts are pulses latched in SRCPND: nothing to clear in the PWM block.
  }
}

class Uart0Console implements ConsoleDriver {
  readonly rxIrq = S3C2440_IRQ.UART0;
  baud = 0;
  private readonly r = UART(M.UART0);
  constructor(
    private readonly a: RegisterAccess,
    private readonly pclk: () => number,
    private readonly interrupts: InterruptControllerDriver,
  ) {}
  init(baud = 115200): void {
    const a = this.a, r = this.r;
    a.write32(r.UFCON, 0x7); // FIFOs on and reset; RX trigger 1 byte, TX trigger empty
    a.write32(r.UMCON, 0);
    a.write32(r.ULCON, 0x3); // 8N1
    a.write32(r.UCON, 0x3c5); // IRQ/poll modes, RX error + timeout, level-type interrupts, PCLK
    a.write32(r.UBRDIV, Math.max(0, Math.round(this.pclk() / (16 * baud)) - 1));
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
    waitUntil(this.a, () => (this.a.read32(this.r.UTRSTAT) & 1) !== 0, 'UART0 receive');
    return this.a.read32(this.r.URXH) & 0xff;
  }
  getcNonBlocking(): number | undefined {
    return this.a.read32(this.r.UTRSTAT) & 1 ? this.a.read32(this.r.URXH) & 0xff : undefined;
  }
  enableRxInterrupt(on: boolean): void {
    (this.interrupts as Interrupts).setSubMask(S3C2440_SUBIRQ.RXD0, !on);
    if (on) this.interrupts.unmask(this.rxIrq);
    else this.interrupts.mask(this.rxIrq);
  }
  acknowledgeRx(): void {
    this.a.write32(INTC.SUBSRCPND, 1 << S3C2440_SUBIRQ.RXD0);
  }
  private putRaw(byte: number): void {
    waitUntil(this.a, () => (this.a.read32(this.r.UTRSTAT) & 2) !== 0, 'UART0 transmit');
    this.a.write32(this.r.UTXH, byte);
  }
}
