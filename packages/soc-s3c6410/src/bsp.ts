import { hex32, type InterruptControllerDriver, type RegisterAccess } from '@l4lab/arm-core';
import { S3C6410_PWM, SamsungBsp, type SamsungBspLayout } from '@l4lab/soc-s3c2440';
import { S3C6410_IRQ, S3C6410_IRQ_NAMES, S3C6410_MAP as M } from './map.js';
import { s3c6410Clocks, type S3C6410ClockRates } from './syscon.js';

const VIC = { IRQSTATUS: 0x000, INTSELECT: 0x00c, INTENABLE: 0x010, INTENCLEAR: 0x014, SOFTINTCLEAR: 0x01c, SWPRIORITYMASK: 0x024, VECTADDR: 0x100, VECTPRIORITY: 0x200, ADDRESS: 0xf00 };
const SYS = { APLL_CON: 0x0c, MPLL_CON: 0x10, EPLL_CON0: 0x14, EPLL_CON1: 0x18, CLK_SRC: 0x1c, CLK_DIV0: 0x20, SYS_ID: 0x118, OTHERS: 0x900 };
const UINTP = 0x30, UINTM = 0x38;
const LAYOUT: SamsungBspLayout = {
  pwm: M.PWM, uart0: M.UART0, watchdog: M.WATCHDOG, timerIrq: S3C6410_IRQ.TIMER4, uartIrq: S3C6410_IRQ.UART0, pwmVariant: S3C6410_PWM, fractionalUart: true,
};

const vicOf = (irq: number) => (irq < 32 ? M.VIC0 : M.VIC1);
const bitOf = (irq: number) => (1 << (irq & 31)) >>> 0;

/**
 * VIC0/VIC1 driver. `init` programs each source's VECTADDR with its IRQ number, so `pending` decodes the
 * winner by reading VIC0's ADDRESS (which also puts it in service, VIC1 sources via the daisy chain);
 * `acknowledge` writes ADDRESS (VIC1's too for a VIC1 source) to end it. Every IRQ `pending` returns must be
 * acknowledged. All sources share priority 15, so ties go to the lower number and VIC1 comes after VIC0.
 */
export class S3C6410InterruptDriver implements InterruptControllerDriver {
  readonly count = 64;
  constructor(private readonly a: RegisterAccess) {}
  name(irq: number): string {
    return S3C6410_IRQ_NAMES[irq] ?? `irq${irq}`;
  }
  init(): void {
    const a = this.a;
    for (const [base, first] of [[M.VIC1, 32], [M.VIC0, 0]] as const) {
      a.write32(base + VIC.INTENCLEAR, 0xffffffff);
      a.write32(base + VIC.INTSELECT, 0);
      a.write32(base + VIC.SOFTINTCLEAR, 0xffffffff);
      a.write32(base + VIC.SWPRIORITYMASK, 0xffff);
      for (let n = 0; n < 32; n++) {
        a.write32(base + VIC.VECTADDR + 4 * n, first + n);
        a.write32(base + VIC.VECTPRIORITY + 4 * n, 0xf);
      }
      a.write32(base + VIC.ADDRESS, 0);
    }
  }
  mask(irq: number): void {
    this.a.write32(vicOf(irq) + VIC.INTENCLEAR, bitOf(irq));
  }
  unmask(irq: number): void {
    this.a.write32(vicOf(irq) + VIC.INTENABLE, bitOf(irq));
  }
  acknowledge(irq: number): void {
    if (irq >= 32) this.a.write32(M.VIC1 + VIC.ADDRESS, 0);
    this.a.write32(M.VIC0 + VIC.ADDRESS, 0);
  }
  pending(): number | undefined {
    const a = this.a;
    if (a.read32(M.VIC0 + VIC.IRQSTATUS) === 0 && a.read32(M.VIC1 + VIC.IRQSTATUS) === 0) return undefined;
    return a.read32(M.VIC0 + VIC.ADDRESS);
  }
}

/**
 * Board support for the S3C6410: VIC0/VIC1, tick on PWM timer 4 (IRQ 28, TINT_CSTAT), console on UART0
 * (IRQ 37, UINTM/UINTP), reboot through the watchdog. Every operation is register accesses through `access`.
 */
export class S3C6410Bsp extends SamsungBsp<S3C6410InterruptDriver, S3C6410ClockRates> {
  readonly soc = 'S3C6410';

  constructor(access: RegisterAccess, fin = 12e6) {
    super(access, fin, new S3C6410InterruptDriver(access), LAYOUT);
  }

  protected enableUartRx(on: boolean): void {
    const m = this.access.read32(M.UART0 + UINTM);
    this.access.write32(M.UART0 + UINTM, on ? m & ~1 : m | 1);
  }

  protected acknowledgeUartRx(): void {
    this.access.write32(M.UART0 + UINTP, 1);
  }

  /** The clock tree computed from APLL/MPLL/EPLL, CLK_SRC, CLK_DIV0 and OTHERS. */
  clocks(): S3C6410ClockRates {
    const r = (off: number) => this.access.read32(M.SYSCON + off);
    return s3c6410Clocks(
      { apll: r(SYS.APLL_CON), mpll: r(SYS.MPLL_CON), epll0: r(SYS.EPLL_CON0), epll1: r(SYS.EPLL_CON1), src: r(SYS.CLK_SRC), div0: r(SYS.CLK_DIV0), others: r(SYS.OTHERS) },
      this.fin,
    );
  }

  protected describeChip(): string[] {
    const c = this.clocks();
    const sys = (off: number) => hex32(this.access.read32(M.SYSCON + off));
    return [
      `${this.soc} (SYS_ID ${sys(SYS.SYS_ID)})`,
      `S3C64XX: PLL settings, A=${Math.round(c.apll)}, M=${Math.round(c.mpll)}, E=${Math.round(c.epll)}`,
      `S3C64XX: HCLK2=${Math.round(c.hclkx2)}, HCLK=${Math.round(c.hclk)}, PCLK=${Math.round(c.pclk)}`,
      `ARMCLK ${Math.round(c.armclk)} (APLL_CON ${sys(SYS.APLL_CON)}, CLK_SRC ${sys(SYS.CLK_SRC)}, CLK_DIV0 ${sys(SYS.CLK_DIV0)})`,
      `interrupts: VIC0 + VIC1 (PL192, VIC1 daisy-chained into VIC0), 64 sources, VECTADDR = IRQ number`,
    ];
  }
}
