import { RegisterBlock, fields, getField, type AccessSize, type Clock, type Device, type GuestErrorSink, type RegisterSpec } from '@l4lab/arm-core';
import type { PeripheralClock } from '@l4lab/soc-s3c2440';

export const PLL_CON = fields({ SDIV: [0, 3], PDIV: [8, 6], MDIV: [16, 10], ENABLE: [31] });
export const EPLL_CON0 = fields({ SDIV: [0, 3], PDIV: [8, 6], MDIV: [16, 8], ENABLE: [31] });
export const CLK_SRC = fields({ APLL_SEL: [0], MPLL_SEL: [1], EPLL_SEL: [2] });
export const CLK_DIV0 = fields({ ARM_RATIO: [0, 4], MPLL_RATIO: [4], HCLK_RATIO: [8], HCLKX2_RATIO: [9, 3], PCLK_RATIO: [12, 4] });
/** OTHERS: SYNCMUXSEL selects the APLL for HCLKX2 [est]; SYNCACK reads back the synchronous mode [est]. */
export const OTHERS = fields({ SYNCMUXSEL: [6], SYNCMODE: [7], SYNCACK: [8, 4] });

/** SYS_ID of the S3C6410. */
export const S3C6410_SYS_ID = 0x36410101;
/** SW_RST: writing this value resets the chip. */
export const SW_RST_KEY = 0x6410;

/** RST_STAT bits [est]. */
export const RST_STAT = { HARDWARE: 1 << 0, WATCHDOG: 1 << 3, SOFTWARE: 1 << 5 } as const;

/** APLL/MPLL output: MDIV·Fin / (PDIV·2^SDIV). A disabled PLL is taken to pass Fin through [est]. */
export function s3c6410Pll(con: number, fin: number): number {
  if (!getField(con, PLL_CON.ENABLE)) return fin;
  const p = getField(con, PLL_CON.PDIV);
  return p ? (getField(con, PLL_CON.MDIV) * fin) / (p * (1 << getField(con, PLL_CON.SDIV))) : fin;
}

/** EPLL output: (MDIV + KDIV/65536)·Fin / (PDIV·2^SDIV) [est]. */
export function s3c6410Epll(con0: number, con1: number, fin: number): number {
  if (!getField(con0, EPLL_CON0.ENABLE)) return fin;
  const p = getField(con0, EPLL_CON0.PDIV);
  const m = getField(con0, EPLL_CON0.MDIV) + (con1 & 0xffff) / 65536;
  return p ? (m * fin) / (p * (1 << getField(con0, EPLL_CON0.SDIV))) : fin;
}

export interface S3C6410ClockRates {
  readonly fin: number;
  readonly apll: number;
  readonly mpll: number;
  readonly epll: number;
  readonly armclk: number;
  readonly hclkx2: number;
  readonly hclk: number;
  readonly pclk: number;
  /** The ARM1176's clock (ARMCLK). */
  readonly core: number;
}

/** The clock tree from register values: CLK_SRC muxes, CLK_DIV0 dividers, OTHERS sync mux. */
export function s3c6410Clocks(r: { apll: number; mpll: number; epll0: number; epll1: number; src: number; div0: number; others: number }, fin: number): S3C6410ClockRates {
  const apll = s3c6410Pll(r.apll, fin);
  const mpll = s3c6410Pll(r.mpll, fin);
  const epll = s3c6410Epll(r.epll0, r.epll1, fin);
  const moutApll = getField(r.src, CLK_SRC.APLL_SEL) ? apll : fin;
  const moutMpll = getField(r.src, CLK_SRC.MPLL_SEL) ? mpll : fin;
  const armclk = moutApll / (getField(r.div0, CLK_DIV0.ARM_RATIO) + 1);
  const hclkx2In = getField(r.others, OTHERS.SYNCMUXSEL) ? moutApll : moutMpll;
  const hclkx2 = hclkx2In / (getField(r.div0, CLK_DIV0.HCLKX2_RATIO) + 1);
  const hclk = hclkx2 / (getField(r.div0, CLK_DIV0.HCLK_RATIO) + 1);
  const pclk = hclkx2 / (getField(r.div0, CLK_DIV0.PCLK_RATIO) + 1);
  return { fin, apll, mpll, epll, armclk, hclkx2, hclk, pclk, core: armclk };
}

export interface SysconOptions {
  readonly clock: Clock;
  readonly errors: GuestErrorSink;
  /** Crystal (12 MHz on the SMDK6410). */
  readonly fin?: number;
  /** Called when software writes the SW_RST key. */
  readonly resetRequested?: () => void;
}

/**
 * S3C6410 system controller: PLLs, clock sources and dividers, gates, power-management and information
 * registers, SYS_ID. A rate change sets the core clock (ARMCLK) through `clock.setCoreHz` and then calls
 * the listeners, so timers, UARTs and the watchdog rebase at that cycle and the memory system can follow.
 * Lock times, gating and power modes are stored but not modelled; reset values are the manual's as
 * recalled [est].
 */
export class S3C6410Syscon implements Device, PeripheralClock {
  readonly regs: RegisterBlock;
  readonly fin: number;
  private current: S3C6410ClockRates;
  private readonly listeners: ((rates: S3C6410ClockRates) => void)[] = [];
  private readonly rstStat;

  constructor(private readonly o: SysconOptions) {
    this.fin = o.fin ?? 12e6;
    const update = () => this.update();
    const plain = (name: string, offset: number, reset = 0): RegisterSpec => ({ name, offset, reset });
    this.regs = new RegisterBlock(
      'S3C6410 SYSCON',
      [
        plain('APLL_LOCK', 0x00, 0xffff),
        plain('MPLL_LOCK', 0x04, 0xffff),
        plain('EPLL_LOCK', 0x08, 0xffff),
        { name: 'APLL_CON', offset: 0x0c, reset: 0x01900302, onWrite: update },
        { name: 'MPLL_CON', offset: 0x10, reset: 0x02140603, onWrite: update },
        { name: 'EPLL_CON0', offset: 0x14, reset: 0x00200102, onWrite: update },
        { name: 'EPLL_CON1', offset: 0x18, reset: 0x00009111, onWrite: update },
        { name: 'CLK_SRC', offset: 0x1c, onWrite: update },
        { name: 'CLK_DIV0', offset: 0x20, reset: 0x01051000, onWrite: update },
        plain('CLK_DIV1', 0x24),
        plain('CLK_DIV2', 0x28),
        plain('CLK_OUT', 0x2c),
        plain('HCLK_GATE', 0x30, 0xffffffff),
        plain('PCLK_GATE', 0x34, 0xffffffff),
        plain('SCLK_GATE', 0x38, 0xffffffff),
        plain('MEM0_CLK_GATE', 0x3c, 0xffffffff),
        plain('AHB_CON0', 0x100, 0x04000000),
        plain('AHB_CON1', 0x104),
        plain('AHB_CON2', 0x108),
        plain('SDMA_SEL', 0x110),
        { name: 'SW_RST', offset: 0x114, onWrite: (v) => this.softwareReset(v) },
        { name: 'SYS_ID', offset: 0x118, access: 'r', reset: S3C6410_SYS_ID },
        plain('MEM_SYS_CFG', 0x120, 0x80),
        plain('QOS_OVERRIDE0', 0x124),
        plain('QOS_OVERRIDE1', 0x128),
        { name: 'MEM_CFG_STAT', offset: 0x12c, access: 'r' },
        plain('PWR_CFG', 0x804),
        plain('EINT_MASK', 0x808),
        plain('NORMAL_CFG', 0x810, 0xffffff00),
        plain('STOP_CFG', 0x814),
        plain('SLEEP_CFG', 0x818),
        plain('STOP_MEM_CFG', 0x81c),
        plain('OSC_FREQ', 0x820, 0xf),
        plain('OSC_STABLE', 0x824, 0x1),
        plain('PWR_STABLE', 0x828, 0x1),
        plain('MTC_STABLE', 0x830),
        plain('MISC_CON', 0x838),
        { name: 'OTHERS', offset: 0x900, readOnly: OTHERS.SYNCACK.mask, onRead: (v) => this.others(v), onWrite: update },
        { name: 'RST_STAT', offset: 0x904, access: 'r', reset: RST_STAT.HARDWARE },
        plain('WAKEUP_STAT', 0x908),
        { name: 'BLK_PWR_STAT', offset: 0x90c, access: 'r', reset: 0x7f },
        plain('INFORM0', 0xa00),
        plain('INFORM1', 0xa04),
        plain('INFORM2', 0xa08),
        plain('INFORM3', 0xa0c),
      ],
      { errors: o.errors },
    );
    this.rstStat = this.regs.reg('RST_STAT');
    this.current = this.compute();
    o.clock.setCoreHz(this.current.core);
  }

  get rates(): S3C6410ClockRates {
    return this.current;
  }
  get pclk(): number {
    return this.current.pclk;
  }

  onChange(listener: (rates: S3C6410ClockRates) => void): void {
    this.listeners.push(listener);
  }

  read(offset: number, size: AccessSize): number {
    return this.regs.read(offset, size);
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.regs.write(offset, value, size);
  }

  /** Chip reset; RST_STAT reports the cause. */
  reset(cause: 'power-on' | 'watchdog' | 'software' = 'power-on'): void {
    this.regs.reset();
    this.rstStat.value = cause === 'watchdog' ? RST_STAT.WATCHDOG : cause === 'software' ? RST_STAT.SOFTWARE : RST_STAT.HARDWARE;
    this.update();
  }

  private others(stored: number): number {
    // SYNCACK follows SYNCMODE at once (the real handshake takes a few cycles) [est].
    return getField(stored, OTHERS.SYNCMODE) ? stored | OTHERS.SYNCACK.mask : stored & ~OTHERS.SYNCACK.mask;
  }

  private softwareReset(value: number): void {
    if ((value & 0xffff) === SW_RST_KEY) this.o.resetRequested?.();
  }

  private compute(): S3C6410ClockRates {
    const v = (name: string) => this.regs.reg(name).value;
    return s3c6410Clocks(
      { apll: v('APLL_CON'), mpll: v('MPLL_CON'), epll0: v('EPLL_CON0'), epll1: v('EPLL_CON1'), src: v('CLK_SRC'), div0: v('CLK_DIV0'), others: v('OTHERS') },
      this.fin,
    );
  }

  private update(): void {
    const next = this.compute();
    const prev = this.current;
    if ((Object.keys(next) as (keyof S3C6410ClockRates)[]).every((k) => next[k] === prev[k])) return;
    this.current = next;
    if (next.core !== this.o.clock.coreHz) this.o.clock.setCoreHz(next.core);
    for (const l of this.listeners) l(next);
  }
}
