import {
  RegisterBlock,
  TickTimeline,
  bit,
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

/** What differs between the Samsung PWM blocks. */
export interface PwmVariant {
  readonly name: string;
  /** Divider selected by each TCFG1 mux value; 0 = external TCLK (not modelled: the timer does not count). */
  readonly dividers: readonly number[];
  /** Counter and buffer width in bits. */
  readonly counterBits: 16 | 32;
  /** TINT_CSTAT (+0x44): per-timer interrupt enables and write-1-to-clear status, level outputs. */
  readonly intCstat: boolean;
}

export const S3C2440_PWM: PwmVariant = { name: 'S3C2440 PWM', dividers: [2, 4, 8, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], counterBits: 16, intCstat: false };
/** S3C6410: 32-bit counters [est], a /1 divider, TINT_CSTAT. */
export const S3C6410_PWM: PwmVariant = { name: 'S3C6410 PWM', dividers: [1, 2, 4, 8, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], counterBits: 32, intCstat: true };

export const PWM_TIMERS = 5;

/** TCON bit of timer n: start, manual update, auto-reload. */
function tconBase(n: number): number {
  return n === 0 ? 0 : 4 + 4 * n;
}
const START = 0;
const MANUAL_UPDATE = 1;
const AUTO_RELOAD = (n: number) => (n === 4 ? 2 : 3);
/** Offsets of TCNTBn / TCMPBn / TCNTOn. Timer 4 has no compare register. */
const TCNTB = (n: number) => (n === 4 ? 0x3c : 0x0c + 0xc * n);
const TCNTO = (n: number) => (n === 4 ? 0x40 : 0x14 + 0xc * n);

interface TimerState {
  readonly timeline: TickTimeline;
  /** Counting now (start set, manual update clear). */
  counting: boolean;
  /** Counter value when stopped; value at `anchor` while counting. */
  count: number;
  /** Timeline position at which the counter held `count`. */
  anchor: number;
  event: ScheduledEvent | undefined;
}

export interface PwmOptions {
  readonly variant: PwmVariant;
  readonly clock: Clock;
  readonly scheduler: EventScheduler;
  readonly pclk: PeripheralClock;
  /** Interrupt outputs of timers 0..4: pulses (2440) or levels from TINT_CSTAT (6410). */
  readonly irqs: readonly InterruptLine[];
  readonly errors: GuestErrorSink;
}

/**
 * Samsung PWM timers 0–4. Each timer counts down at PCLK/(prescaler+1)/divider; its value is computed on
 * read from the scheduler's time (never ticked). Reaching 0 raises the interrupt through a scheduled
 * event; with auto-reload the next tick reloads TCNTB (period TCNTB+1 ticks), otherwise the timer stops
 * and its start bit clears. Starting a timer whose counter is 0 loads TCNTB first [est]. PWM outputs,
 * dead zone, inverter and DMA are stored but not modelled.
 */
export class PwmTimers implements Device {
  readonly regs: RegisterBlock;
  private readonly timers: TimerState[] = [];
  private readonly tcfg0;
  private readonly tcfg1;
  private readonly tcon;
  private readonly cstat;
  private readonly counterMask: number;

  constructor(private readonly o: PwmOptions) {
    if (o.irqs.length !== PWM_TIMERS) throw new Error(`${o.variant.name}: needs ${PWM_TIMERS} interrupt lines`);
    this.counterMask = o.variant.counterBits === 32 ? 0xffffffff : 0xffff;
    const width = o.variant.counterBits;
    const specs: RegisterSpec[] = [
      { name: 'TCFG0', offset: 0x00, reserved: 0xff000000, onWrite: () => this.updateRates() },
      { name: 'TCFG1', offset: 0x04, reserved: 0xff000000, onWrite: () => this.updateRates() },
      { name: 'TCON', offset: 0x08, reserved: 0xff800000, onWrite: (next, prev) => this.tconWritten(next, prev) },
    ];
    for (let n = 0; n < PWM_TIMERS; n++) {
      specs.push({ name: `TCNTB${n}`, offset: TCNTB(n), width });
      if (n < 4) specs.push({ name: `TCMPB${n}`, offset: TCNTB(n) + 4, width });
      specs.push({ name: `TCNTO${n}`, offset: TCNTO(n), width, access: 'r', onRead: () => this.counter(n) });
    }
    if (o.variant.intCstat) {
      specs.push({ name: 'TINT_CSTAT', offset: 0x44, reserved: 0xfffffc00, w1c: 0x3e0, onWrite: () => this.updateLevels() });
    }
    this.regs = new RegisterBlock(o.variant.name, specs, { errors: o.errors });
    this.tcfg0 = this.regs.reg('TCFG0');
    this.tcfg1 = this.regs.reg('TCFG1');
    this.tcon = this.regs.reg('TCON');
    this.cstat = o.variant.intCstat ? this.regs.reg('TINT_CSTAT') : undefined;
    for (let n = 0; n < PWM_TIMERS; n++) {
      this.timers.push({ timeline: new TickTimeline(o.clock), counting: false, count: 0, anchor: 0, event: undefined });
    }
    o.pclk.onChange(() => this.updateRates());
    this.updateRates();
  }

  read(offset: number, size: AccessSize): number {
    return this.regs.read(offset, size);
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.regs.write(offset, value, size);
  }
  reset(): void {
    for (const t of this.timers) {
      this.o.scheduler.cancel(t.event);
      t.event = undefined;
      t.counting = false;
      t.count = 0;
    }
    this.regs.reset();
    this.updateRates();
    this.updateLevels();
  }

  /** Input clock of timer n in Hz (0 for the unmodelled external TCLK). */
  timerHz(n: number): number {
    const prescaler = n < 2 ? this.tcfg0.value & 0xff : (this.tcfg0.value >>> 8) & 0xff;
    const divider = this.o.variant.dividers[(this.tcfg1.value >>> (4 * n)) & 0xf];
    return divider ? this.o.pclk.pclk / (prescaler + 1) / divider : 0;
  }

  /** TCNTOn: the counter now. */
  counter(n: number): number {
    const t = this.timers[n];
    if (!t.counting) return t.count;
    const elapsed = t.timeline.ticksSince(t.anchor);
    if (elapsed < 0) return 0; // between reaching 0 and the reload tick
    if (elapsed <= t.count) return t.count - elapsed;
    // Past zero with the event not yet run (the caller has not called runDue): extrapolate.
    if (!this.autoReload(n)) return 0;
    const reload = this.regs.reg(`TCNTB${n}`).value;
    return reload - ((elapsed - t.count - 1) % (reload + 1));
  }

  private autoReload(n: number): boolean {
    return (this.tcon.value & bit(tconBase(n) + AUTO_RELOAD(n))) !== 0;
  }

  private tconWritten(next: number, prev: number): void {
    for (let n = 0; n < PWM_TIMERS; n++) {
      const t = this.timers[n];
      const base = tconBase(n);
      const start = (next >>> (base + START)) & 1;
      const manual = (next >>> (base + MANUAL_UPDATE)) & 1;
      const wasStart = (prev >>> (base + START)) & 1;
      if (t.counting && (!start || manual)) this.freeze(n);
      if (manual) {
        t.count = this.regs.reg(`TCNTB${n}`).value & this.counterMask;
      }
      if (start && !manual && (!t.counting || !wasStart)) this.begin(n);
    }
  }

  private freeze(n: number): void {
    const t = this.timers[n];
    t.count = this.counter(n);
    t.counting = false;
    this.o.scheduler.cancel(t.event);
    t.event = undefined;
  }

  private begin(n: number): void {
    const t = this.timers[n];
    if (t.count === 0) t.count = this.regs.reg(`TCNTB${n}`).value & this.counterMask;
    if (t.timeline.hz === 0) this.o.errors.guestError(`${this.o.variant.name}: timer ${n} started on the external TCLK, which is not modelled`);
    t.counting = true;
    t.anchor = t.timeline.now();
    this.scheduleZero(n);
  }

  private scheduleZero(n: number): void {
    const t = this.timers[n];
    this.o.scheduler.cancel(t.event);
    t.event = undefined;
    const at = t.timeline.cycleAt(t.anchor + t.count);
    if (at !== Number.POSITIVE_INFINITY) t.event = this.o.scheduler.schedule(at, () => this.reachedZero(n), `pwm.timer${n}`);
  }

  private reachedZero(n: number): void {
    const t = this.timers[n];
    t.event = undefined;
    if (this.cstat) {
      this.cstat.value |= bit(5 + n);
      this.updateLevels();
    } else {
      pulseLine(this.o.irqs[n]);
    }
    if (this.autoReload(n)) {
      t.anchor += t.count + 1;
      t.count = this.regs.reg(`TCNTB${n}`).value & this.counterMask;
      this.scheduleZero(n);
    } else {
      t.count = 0;
      t.counting = false;
      this.tcon.value &= ~bit(tconBase(n) + START);
    }
  }

  /** Rebases every timer on its (possibly new) input clock; positions are kept, deadlines move. */
  private updateRates(): void {
    for (let n = 0; n < this.timers.length; n++) {
      const t = this.timers[n];
      t.timeline.setHz(this.timerHz(n));
      if (t.counting) this.scheduleZero(n);
    }
  }

  private updateLevels(): void {
    if (!this.cstat) return;
    const v = this.cstat.value;
    for (let n = 0; n < PWM_TIMERS; n++) this.o.irqs[n].set((v & bit(n) & (v >>> 5)) !== 0);
  }
}
