import { formatMHz, hex32, type InterruptControllerDriver, type RegisterAccess } from '@l4lab/arm-core';
import { CLKDIVN, s3c2440HclkDivisor, s3c2440Mpll } from './clock-power.js';
import { S3C2440_IRQ, S3C2440_IRQ_NAMES, S3C2440_SUBIRQ } from './interrupt-controller.js';
import { S3C2440_MAP as M } from './map.js';
import { S3C2440_PWM } from './pwm.js';
import { SamsungBsp, type SamsungBspLayout } from './samsung-bsp.js';

const INTC = {
  SRCPND: M.INTC, INTMOD: M.INTC + 0x04, INTMSK: M.INTC + 0x08, PRIORITY: M.INTC + 0x0c, INTPND: M.INTC + 0x10,
  INTOFFSET: M.INTC + 0x14, SUBSRCPND: M.INTC + 0x18, INTSUBMSK: M.INTC + 0x1c,
};
const CLK = { MPLLCON: M.CLKPWR + 0x04, CLKDIVN: M.CLKPWR + 0x14, CAMDIVN: M.CLKPWR + 0x18 };
const GSTATUS1 = M.GPIO + 0xb0;
const LAYOUT: SamsungBspLayout = {
  pwm: M.PWM, uart0: M.UART0, watchdog: M.WATCHDOG, timerIrq: S3C2440_IRQ.TIMER4, uartIrq: S3C2440_IRQ.UART0, pwmVariant: S3C2440_PWM, fractionalUart: false,
};

/** Clocks as the BSP computes them from the registers (it assumes the boot loader programmed the PLL). */
export interface S3C2440BspClocks {
  readonly fclk: number;
  readonly hclk: number;
  readonly pclk: number;
}

/** Interrupt controller driver: INTMSK masking, SRCPND/INTPND acknowledge, INTOFFSET decode. */
export class S3C2440InterruptDriver implements InterruptControllerDriver {
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
    this.a.write32(INTC.INTMSK, (this.a.read32(INTC.INTMSK) | (1 << irq)) >>> 0);
  }
  unmask(irq: number): void {
    this.a.write32(INTC.INTMSK, (this.a.read32(INTC.INTMSK) & ~(1 << irq)) >>> 0);
  }
  acknowledge(irq: number): void {
    this.a.write32(INTC.SRCPND, (1 << irq) >>> 0);
    this.a.write32(INTC.INTPND, (1 << irq) >>> 0);
  }
  pending(): number | undefined {
    if (this.a.read32(INTC.INTPND) === 0) return undefined;
    return this.a.read32(INTC.INTOFFSET);
  }
  /** Sub-source mask (INTSUBMSK), for the UART and watchdog drivers. */
  setSubMask(sub: number, masked: boolean): void {
    const v = this.a.read32(INTC.INTSUBMSK);
    this.a.write32(INTC.INTSUBMSK, masked ? v | (1 << sub) : v & ~(1 << sub));
  }
}

/**
 * Board support for the S3C2440A, the port OKL4's S3C2410 platform code corresponds to: interrupt
 * controller, tick on PWM timer 4 (IRQ 14), console on UART0 (IRQ 28 via sub-source RXD0), reboot through
 * the watchdog. Every operation is register accesses through `access`.
 */
export class S3C2440Bsp extends SamsungBsp<S3C2440InterruptDriver, S3C2440BspClocks> {
  readonly soc = 'S3C2440A';

  constructor(access: RegisterAccess, fin = 12e6) {
    super(access, fin, new S3C2440InterruptDriver(access), LAYOUT);
  }

  protected enableUartRx(on: boolean): void {
    this.interrupts.setSubMask(S3C2440_SUBIRQ.RXD0, !on);
  }

  protected acknowledgeUartRx(): void {
    this.access.write32(INTC.SUBSRCPND, 1 << S3C2440_SUBIRQ.RXD0);
  }

  /** FCLK/HCLK/PCLK from MPLLCON, CLKDIVN and CAMDIVN. */
  clocks(): S3C2440BspClocks {
    const a = this.access;
    const fclk = s3c2440Mpll(a.read32(CLK.MPLLCON), this.fin);
    const clkdivn = a.read32(CLK.CLKDIVN);
    const hclk = fclk / s3c2440HclkDivisor(clkdivn, a.read32(CLK.CAMDIVN));
    return { fclk, hclk, pclk: (clkdivn & CLKDIVN.PDIVN.mask) !== 0 ? hclk / 2 : hclk };
  }

  protected describeChip(): string[] {
    const a = this.access;
    const c = this.clocks();
    return [
      `${this.soc} (GSTATUS1 ${hex32(a.read32(GSTATUS1))})`,
      `S3C244X: core ${formatMHz(c.fclk)}, memory ${formatMHz(c.hclk)}, peripheral ${formatMHz(c.pclk)} (MPLLCON ${hex32(a.read32(CLK.MPLLCON))}, CLKDIVN ${hex32(a.read32(CLK.CLKDIVN))})`,
      `interrupts: 32 sources + 15 sub-sources, INTMSK ${hex32(a.read32(INTC.INTMSK))}, INTSUBMSK ${hex32(a.read32(INTC.INTSUBMSK))}, PRIORITY ${hex32(a.read32(INTC.PRIORITY))}`,
    ];
  }
}
