import type { EventScheduler } from '../sched/scheduler.js';

/**
 * Advances the clock by `cycles`, firing every event at its own cycle on the way (as a core idling in WFI
 * would). For device tests and for boards that skip idle time.
 */
export function advanceCycles(scheduler: EventScheduler, cycles: number): void {
  const clock = scheduler.clock;
  const target = clock.cycles + cycles;
  while (scheduler.nextEventAt <= target) {
    clock.cycles = Math.max(clock.cycles, scheduler.nextEventAt);
    scheduler.runDue();
  }
  clock.cycles = target;
}

/**
 * Advances simulated time by `ns` nanoseconds, firing events on the way. The core frequency may change
 * inside (a PLL write from an event); the remaining time is converted at the frequency then in force.
 */
export function advanceNanoseconds(scheduler: EventScheduler, ns: number): void {
  const clock = scheduler.clock;
  const target = clock.nanoseconds() + ns;
  while (scheduler.nextEventAt !== Number.POSITIVE_INFINITY && clock.nanoseconds(scheduler.nextEventAt) <= target) {
    clock.cycles = Math.max(clock.cycles, scheduler.nextEventAt);
    scheduler.runDue();
  }
  const rest = target - clock.nanoseconds();
  if (rest > 0) clock.cycles += Math.round((rest * clock.coreHz) / 1e9);
}
