import {
  RegisterBlock,
  TickTimeline,
  fields,
  getField,
  pulseLine,
  type AccessSize,
  type Clock,
  type Device,
  type EventScheduler,
  type GuestErrorSink,
  type InterruptLine,
  type RegisterSpec,
  type ScheduledEvent,
} from '@l4lab/arm-core';
import type { PeripheralClock } from './peripheral-clock.js';

export const WTCON = fields({ RESET_ENABLE: [0], IRQ_ENABLE: [2], DIVISOR: [3, 2], ENABLE: [5], PRESCALER: [8, 8] });

/** What differs between the Samsung watchdogs. */
export interface WatchdogVariant {
  readonly name: string;
  /** S3C6410: WTCLRINT (+0x0C) clears a level interrupt; the 2440's interrupt is a pulse. */
  readonly clearRegister: boolean;
}
export const S3C2440_WATCHDOG: WatchdogVariant = { name: 'S3C2440 WDT', clearRegister: false };
export const S3C6410_WATCHDOG: WatchdogVariant = { name: 'S3C6410 WDT', clearRegister: true };

export interface WatchdogOptions {
  readonly variant: WatchdogVariant;
  readonly clock: Clock;
  readonly scheduler: EventScheduler;
  readonly pclk: PeripheralClock;
  readonly irq: InterruptLine;
  readonly errors: GuestErrorSink;
  /** Called when a timeout with reset enabled resets the chip; the board performs the reset. */
  readonly resetRequested?: () => void;
}

/**
 * Samsung watchdog: a 16-bit down counter at PCLK/(prescaler+1)/(16·2^divisor), running from reset
 * (WTCON 0x8021, WTCNT 0x8000). WTCNT is computed on read from scheduler time. On reaching 0 it raises
 * the interrupt (if enabled), requests a chip reset (if enabled) and reloads WTDAT (period WTDAT ticks
 * [est]; at least 1). The reset is requested at once rather than after the 128-PCLK reset pulse.
 */
export class Watchdog implements Device {
  readonly regs: RegisterBlock;
  private readonly timeline: TickTimeline;
  private counting = false;
  private count = 0x8000;
  private anchor = 0;
  private event: ScheduledEvent | undefined;
  private readonly wtcon;
  private readonly wtdat;
  private readonly wtcnt;
  /** Chip resets requested so far (for tests and logs). */
  resetRequests = 0;

  constructor(private readonly o: WatchdogOptions) {
    const specs: RegisterSpec[] = [
      { name: 'WTCON', offset: 0x00, reset: 0x8021, reserved: 0xffff00c2, onWrite: (next, prev) => this.wtconWritten(next, prev) },
      { name: 'WTDAT', offset: 0x04, reset: 0x8000, width: 16 },
      { name: 'WTCNT', offset: 0x08, reset: 0x8000, width: 16, onRead: () => this.counter(), onWrite: (v) => this.load(v) },
    ];
    if (o.variant.clearRegister) specs.push({ name: 'WTCLRINT', offset: 0x0c, access: 'w', onWrite: () => o.irq.set(false) });
    this.regs = new RegisterBlock(o.variant.name, specs, { errors: o.errors });
    this.wtcon = this.regs.reg('WTCON');
    this.wtdat = this.regs.reg('WTDAT');
    this.wtcnt = this.regs.reg('WTCNT');
    this.timeline = new TickTimeline(o.clock);
    o.pclk.onChange(() => this.updateRate());
    this.reset();
  }

  read(offset: number, size: AccessSize): number {
    return this.regs.read(offset, size);
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.regs.write(offset, value, size);
  }
  reset(): void {
    this.o.scheduler.cancel(this.event);
    this.event = undefined;
    this.regs.reset();
    this.o.irq.set(false);
    this.count = this.wtcnt.value;
    this.counting = false;
    this.updateRate();
    if (this.wtcon.get(WTCON.ENABLE)) this.begin();
  }

  /** Tick rate in Hz at the current PCLK and WTCON. */
  get hz(): number {
    const v = this.wtcon.value;
    return this.o.pclk.pclk / (getField(v, WTCON.PRESCALER) + 1) / (16 << getField(v, WTCON.DIVISOR));
  }

  /** WTCNT now. */
  counter(): number {
    if (!this.counting) return this.count;
    const elapsed = this.timeline.ticksSince(this.anchor);
    if (elapsed <= this.count) return this.count - elapsed;
    const period = Math.max(1, this.wtdat.value);
    return period - ((elapsed - this.count) % period);
  }

  private wtconWritten(next: number, prev: number): void {
    const was = getField(prev, WTCON.ENABLE);
    const now = getField(next, WTCON.ENABLE);
    if (was && !now) {
      this.count = this.counter();
      this.counting = false;
      this.o.scheduler.cancel(this.event);
      this.event = undefined;
    }
    this.updateRate();
    if (!was && now) this.begin();
  }

  private load(value: number): void {
    this.count = value & 0xffff;
    if (this.counting) this.begin();
  }

  private begin(): void {
    this.counting = true;
    this.anchor = this.timeline.now();
    this.schedule();
  }

  private schedule(): void {
    this.o.scheduler.cancel(this.event);
    this.event = undefined;
    const at = this.timeline.cycleAt(this.anchor + this.count);
    if (at !== Number.POSITIVE_INFINITY) this.event = this.o.scheduler.schedule(at, () => this.timeout(), 'watchdog');
  }

  private timeout(): void {
    this.event = undefined;
    this.anchor += this.count;
    this.count = Math.max(1, this.wtdat.value);
    this.schedule();
    const v = this.wtcon.value;
    if (getField(v, WTCON.IRQ_ENABLE)) {
      if (this.o.variant.clearRegister) this.o.irq.set(true);
      else pulseLine(this.o.irq);
    }
    if (getField(v, WTCON.RESET_ENABLE)) {
      this.resetRequests++;
      this.o.resetRequested?.();
    }
  }

  private updateRate(): void {
    this.timeline.setHz(this.hz);
    if (this.counting) this.schedule();
  }
}
