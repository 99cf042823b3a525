import type { Clock } from '../sched/scheduler.js';

/** Slack, in ticks, for floating-point rounding when a tick boundary is compared with an event's cycle. */
const TICK_EPSILON = 1e-6;

/**
 * Position on a device clock (timer input, baud clock, watchdog tick) as a function of core cycles. Counters
 * are computed from it on read; nothing is ticked. When the device clock or the core clock changes, call
 * `setHz` at that moment: the position so far is kept and only the cycles-per-tick ratio changes, so
 * pending deadlines must be rescheduled with `cycleAt`.
 */
export class TickTimeline {
  private anchorCycle: number;
  private anchorTick = 0;
  private tickHz = 0;
  private cyclesPerTick = Number.POSITIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    hz = 0,
  ) {
    this.anchorCycle = clock.cycles;
    this.setHz(hz);
  }

  get hz(): number {
    return this.tickHz;
  }

  /** Core cycles per device tick at the current rates (Infinity while stopped). */
  get cycles(): number {
    return this.cyclesPerTick;
  }

  /** Changes the tick rate from now (0 stops the clock); also re-reads the core frequency. */
  setHz(hz: number): void {
    if (!(hz >= 0) || !Number.isFinite(hz)) throw new Error(`TickTimeline: bad rate ${hz}`);
    this.anchorTick = this.now();
    this.anchorCycle = this.clock.cycles;
    this.tickHz = hz;
    this.cyclesPerTick = hz > 0 ? this.clock.coreHz / hz : Number.POSITIVE_INFINITY;
  }

  /** Ticks elapsed since creation (fractional). */
  now(): number {
    if (this.cyclesPerTick === Number.POSITIVE_INFINITY) return this.anchorTick;
    return this.anchorTick + (this.clock.cycles - this.anchorCycle) / this.cyclesPerTick;
  }

  /** Whole ticks elapsed since position `from`, tolerant of rounding at tick boundaries. */
  ticksSince(from: number): number {
    return Math.floor(this.now() - from + TICK_EPSILON);
  }

  /** The first core cycle at which the position reaches `tick` (Infinity while stopped). */
  cycleAt(tick: number): number {
    if (this.cyclesPerTick === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    const exact = this.anchorCycle + (tick - this.anchorTick) * this.cyclesPerTick;
    return Math.max(this.clock.cycles, Math.ceil(exact - TICK_EPSILON * this.cyclesPerTick));
  }
}
