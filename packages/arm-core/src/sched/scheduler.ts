/** The machine clock: core cycles since reset. CPU, memory system, cost meter and scheduler share it. */
export class Clock {
  cycles = 0;
  /** Core frequency in Hz; may change at run time (PLL reprogramming), so time is accumulated per epoch. */
  private hz: number;
  private epochCycles = 0;
  private epochNanoseconds = 0;

  constructor(coreHz: number) {
    if (!(coreHz > 0)) throw new Error(`Clock: core frequency must be positive, got ${coreHz}`);
    this.hz = coreHz;
  }

  get coreHz(): number {
    return this.hz;
  }

  /** Changes the core frequency from now on; elapsed time so far is kept. */
  setCoreHz(hz: number): void {
    if (!(hz > 0)) throw new Error(`Clock: core frequency must be positive, got ${hz}`);
    this.epochNanoseconds = this.nanoseconds();
    this.epochCycles = this.cycles;
    this.hz = hz;
  }

  /** Simulated time since reset in nanoseconds. */
  nanoseconds(cycles = this.cycles): number {
    return this.epochNanoseconds + ((cycles - this.epochCycles) * 1e9) / this.hz;
  }

  /** Core cycles that `ns` nanoseconds take at the current frequency. */
  cyclesFor(ns: number): number {
    return Math.max(1, Math.round((ns * this.hz) / 1e9));
  }
}

export type EventCallback = (lateCycles: number) => void;

/** A scheduled event; `cancel` it through the scheduler. */
export interface ScheduledEvent {
  readonly name: string;
  readonly at: number;
}

interface EventEntry extends ScheduledEvent {
  at: number;
  callback: EventCallback;
  seq: number;
  live: boolean;
}

/**
 * Events keyed on core cycles. The CPU runs until `nextEventAt`; `runDue` fires everything due, in time
 * order and, for equal times, in scheduling order (so runs are deterministic). Never reads the host clock.
 */
export class EventScheduler {
  private queue: EventEntry[] = [];
  private seq = 0;
  /** Cycle of the earliest pending event, or +Infinity. */
  nextEventAt = Number.POSITIVE_INFINITY;

  constructor(readonly clock: Clock) {}

  get now(): number {
    return this.clock.cycles;
  }

  schedule(at: number, callback: EventCallback, name = 'event'): ScheduledEvent {
    if (!Number.isFinite(at)) throw new Error(`schedule ${name}: time must be finite`);
    const entry: EventEntry = { name, at: Math.max(at, this.clock.cycles), callback, seq: this.seq++, live: true };
    // Sorted insert (queues are short: timers, UARTs, watchdog).
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1].at > entry.at || (this.queue[i - 1].at === entry.at && this.queue[i - 1].seq > entry.seq))) i--;
    this.queue.splice(i, 0, entry);
    this.nextEventAt = this.queue[0].at;
    return entry;
  }

  scheduleIn(delta: number, callback: EventCallback, name = 'event'): ScheduledEvent {
    return this.schedule(this.clock.cycles + Math.max(0, delta), callback, name);
  }

  cancel(event: ScheduledEvent | undefined): void {
    if (!event) return;
    const i = this.queue.indexOf(event as EventEntry);
    if (i >= 0) {
      this.queue[i].live = false;
      this.queue.splice(i, 1);
      this.nextEventAt = this.queue.length ? this.queue[0].at : Number.POSITIVE_INFINITY;
    }
  }

  /** Fires every event due at or before the current cycle. Callbacks may schedule more. */
  runDue(): void {
    while (this.queue.length && this.queue[0].at <= this.clock.cycles) {
      const entry = this.queue.shift()!;
      this.nextEventAt = this.queue.length ? this.queue[0].at : Number.POSITIVE_INFINITY;
      entry.live = false;
      entry.callback(this.clock.cycles - entry.at);
    }
  }

  /** Names and times of pending events, earliest first (for debugging and tests). */
  pending(): ScheduledEvent[] {
    return this.queue.map((e) => ({ name: e.name, at: e.at }));
  }

  clear(): void {
    this.queue = [];
    this.nextEventAt = Number.POSITIVE_INFINITY;
  }
}
