import { RegisterBlock, fields, getField, type AccessSize, type Clock, type Device, type GuestErrorSink } from '@l4lab/arm-core';
import type { PeripheralClock } from './peripheral-clock.js';

export const PLLCON = fields({ SDIV: [0, 2], PDIV: [4, 6], MDIV: [12, 8] });
export const CLKDIVN = fields({ PDIVN: [0], HDIVN: [1, 2], DIVN_UPLL: [3] });
export const CAMDIVN = fields({ HCLK3_HALF: [8], HCLK4_HALF: [9] });
export const CLKSLOW = fields({ SLOW_VAL: [0, 3], SLOW_BIT: [4], MPLL_OFF: [5], UCLK_ON: [7] });

/** The S3C2440A's clocks in Hz. */
export interface S3C2440ClockRates {
  readonly fin: number;
  readonly fclk: number;
  readonly hclk: number;
  readonly pclk: number;
  readonly uclk: number;
  /** The ARM920T's clock: FCLK in asynchronous bus mode, HCLK in fast bus mode. */
  readonly core: number;
}

/** MPLL output: 2·(MDIV+8)·Fin / ((PDIV+2)·2^SDIV). */
export function s3c2440Mpll(pllcon: number, fin: number): number {
  return (2 * (getField(pllcon, PLLCON.MDIV) + 8) * fin) / ((getField(pllcon, PLLCON.PDIV) + 2) * (1 << getField(pllcon, PLLCON.SDIV)));
}

/** UPLL output: (MDIV+8)·Fin / ((PDIV+2)·2^SDIV). */
export function s3c2440Upll(pllcon: number, fin: number): number {
  return s3c2440Mpll(pllcon, fin) / 2;
}

/** HCLK divisor from CLKDIVN.HDIVN and the CAMDIVN halving bits. */
export function s3c2440HclkDivisor(clkdivn: number, camdivn: number): number {
  switch (getField(clkdivn, CLKDIVN.HDIVN)) {
    case 0: return 1;
    case 1: return 2;
    case 2: return getField(camdivn, CAMDIVN.HCLK4_HALF) ? 8 : 4;
    default: return getField(camdivn, CAMDIVN.HCLK3_HALF) ? 6 : 3;
  }
}

export interface ClockPowerOptions {
  readonly clock: Clock;
  readonly errors: GuestErrorSink;
  /** Crystal frequency (12 MHz on the MBA2440). */
  readonly fin?: number;
}

/**
 * S3C2440A clock and power management. Until MPLLCON is first written the chip runs from Fin (the PLL
 * output is not used before valid settings are written). A change of any rate sets the core clock
 * (`clock.setCoreHz`) and then calls the listeners, so timers, UARTs and the watchdog rebase at that cycle
 * and the memory system can follow the core:bus ratio. The core runs at FCLK (asynchronous bus mode, as
 * Linux and OKL4 configure CP15) unless `setBusMode('fast')` is called. Lock time, clock gating (CLKCON)
 * and the IDLE/SLEEP bits are stored but not modelled.
 */
export class S3C2440ClockPower implements Device, PeripheralClock {
  readonly regs: RegisterBlock;
  readonly fin: number;
  private mpllWritten = false;
  private busMode: 'fast' | 'async' = 'async';
  private current: S3C2440ClockRates;
  private readonly listeners: ((rates: S3C2440ClockRates) => void)[] = [];

  constructor(private readonly o: ClockPowerOptions) {
    this.fin = o.fin ?? 12e6;
    const update = () => this.update();
    this.regs = new RegisterBlock(
      'S3C2440 CLKPWR',
      [
        { name: 'LOCKTIME', offset: 0x00, reset: 0xffffffff },
        { name: 'MPLLCON', offset: 0x04, reset: 0x00096030, reserved: 0xfff0000c, onWrite: () => this.mpllProgrammed() },
        // Reset values of UPLLCON and CLKCON as recalled from the manual [est].
        { name: 'UPLLCON', offset: 0x08, reset: 0x0004d030, reserved: 0xfff0000c, onWrite: update },
        { name: 'CLKCON', offset: 0x0c, reset: 0x00fffff0, reserved: 0xfe000003 },
        { name: 'CLKSLOW', offset: 0x10, reset: 0x00000004, reserved: 0xffffff48, onWrite: update },
        { name: 'CLKDIVN', offset: 0x14, reserved: 0xfffffff0, onWrite: update },
        { name: 'CAMDIVN', offset: 0x18, reserved: 0xffffe000, onWrite: update },
      ],
      { errors: o.errors },
    );
    this.current = this.compute();
    o.clock.setCoreHz(this.current.core);
  }

  get rates(): S3C2440ClockRates {
    return this.current;
  }
  get pclk(): number {
    return this.current.pclk;
  }

  onChange(listener: (rates: S3C2440ClockRates) => void): void {
    this.listeners.push(listener);
  }

  /** CP15 c1 iA/nF: fast bus mode runs the core at HCLK, asynchronous mode at FCLK. */
  setBusMode(mode: 'fast' | 'async'): void {
    this.busMode = mode;
    this.update();
  }

  read(offset: number, size: AccessSize): number {
    return this.regs.read(offset, size);
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.regs.write(offset, value, size);
  }
  reset(): void {
    this.regs.reset();
    this.mpllWritten = false;
    this.update();
  }

  private mpllProgrammed(): void {
    this.mpllWritten = true;
    this.update();
  }

  private compute(): S3C2440ClockRates {
    const fin = this.fin;
    const v = (name: string) => this.regs.reg(name).value;
    const slow = v('CLKSLOW');
    let fclk = this.mpllWritten ? s3c2440Mpll(v('MPLLCON'), fin) : fin;
    // Slow mode: FCLK = Fin / (2·SLOW_VAL), or Fin when SLOW_VAL is 0 [est].
    if (getField(slow, CLKSLOW.SLOW_BIT)) fclk = getField(slow, CLKSLOW.SLOW_VAL) ? fin / (2 * getField(slow, CLKSLOW.SLOW_VAL)) : fin;
    const clkdivn = v('CLKDIVN');
    const hclk = fclk / s3c2440HclkDivisor(clkdivn, v('CAMDIVN'));
    const pclk = getField(clkdivn, CLKDIVN.PDIVN) ? hclk / 2 : hclk;
    const uclk = s3c2440Upll(v('UPLLCON'), fin) / (getField(clkdivn, CLKDIVN.DIVN_UPLL) ? 2 : 1);
    return { fin, fclk, hclk, pclk, uclk, core: this.busMode === 'async' ? fclk : hclk };
  }

  private update(): void {
    const next = this.compute();
    const prev = this.current;
    if (next.fclk === prev.fclk && next.hclk === prev.hclk && next.pclk === prev.pclk && next.uclk === prev.uclk && next.core === prev.core) return;
    this.current = next;
    if (next.core !== this.o.clock.coreHz) this.o.clock.setCoreHz(next.core);
    for (const l of this.listeners) l(next);
  }
}
