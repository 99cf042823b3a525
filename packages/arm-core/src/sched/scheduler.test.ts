import { describe, expect, it } from 'vitest';
import { Clock, EventScheduler } from './scheduler.js';

describe('EventScheduler', () => {
  it('fires due events in time order, equal times in scheduling order, with lateness', () => {
    const clock = new Clock(100_000_000);
    const s = new EventScheduler(clock);
    const fired: string[] = [];
    s.schedule(50, (late) => fired.push(`b${late}`), 'b');
    s.schedule(20, (late) => fired.push(`a${late}`), 'a');
    s.schedule(50, (late) => fired.push(`c${late}`), 'c');
    expect(s.nextEventAt).toBe(20);
    clock.cycles = 30;
    s.runDue();
    expect(fired).toEqual(['a10']);
    clock.cycles = 55;
    s.runDue();
    expect(fired).toEqual(['a10', 'b5', 'c5']);
    expect(s.nextEventAt).toBe(Number.POSITIVE_INFINITY);
  });

  it('lets callbacks reschedule and cancels cleanly', () => {
    const clock = new Clock(1_000_000);
    const s = new EventScheduler(clock);
    let ticks = 0;
    const tick = () => {
      ticks++;
      s.scheduleIn(10, tick, 'tick');
    };
    s.scheduleIn(10, tick, 'tick');
    const doomed = s.scheduleIn(15, () => {
      throw new Error('cancelled event fired');
    });
    s.cancel(doomed);
    for (clock.cycles = 0; clock.cycles <= 100; clock.cycles++) s.runDue();
    expect(ticks).toBe(10);
    expect(s.pending().map((e) => e.name)).toEqual(['tick']);
  });

  it('keeps simulated time across core-frequency changes', () => {
    const clock = new Clock(400_000_000);
    clock.cycles = 400_000_000; // 1 s at 400 MHz
    clock.setCoreHz(200_000_000);
    clock.cycles += 200_000_000; // another 1 s at 200 MHz
    expect(clock.nanoseconds()).toBe(2e9);
    expect(clock.cyclesFor(1000)).toBe(200);
    expect(() => clock.setCoreHz(0)).toThrow(/positive/);
  });
});
