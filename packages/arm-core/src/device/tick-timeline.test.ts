import { describe, expect, it } from 'vitest';
import { Clock } from '../sched/scheduler.js';
import { TickTimeline } from './tick-timeline.js';
import { pulseLine, RecordingLine } from './irq.js';

describe('TickTimeline', () => {
  it('maps cycles to ticks and back', () => {
    const clock = new Clock(400e6);
    const t = new TickTimeline(clock, 25e6); // 16 cycles per tick
    expect(t.cycles).toBe(16);
    clock.cycles = 160;
    expect(t.now()).toBe(10);
    expect(t.cycleAt(15)).toBe(240);
  });

  it('keeps the position across a rate change', () => {
    const clock = new Clock(400e6);
    const t = new TickTimeline(clock, 25e6);
    clock.cycles = 160; // 10 ticks
    t.setHz(12.5e6); // 32 cycles per tick from now
    clock.cycles = 160 + 64;
    expect(t.now()).toBe(12);
    expect(t.cycleAt(20)).toBe(160 + 10 * 32);
  });

  it('follows a core clock change when told', () => {
    const clock = new Clock(400e6);
    const t = new TickTimeline(clock, 1e6); // 400 cycles per tick
    clock.cycles = 4000;
    clock.setCoreHz(200e6);
    t.setHz(1e6);
    clock.cycles = 4000 + 200;
    expect(t.now()).toBe(11);
  });

  it('stops at rate 0', () => {
    const clock = new Clock(100e6);
    const t = new TickTimeline(clock, 1e6);
    clock.cycles = 300;
    t.setHz(0);
    clock.cycles = 10_000;
    expect(t.now()).toBe(3);
    expect(t.cycleAt(4)).toBe(Number.POSITIVE_INFINITY);
  });

  it('tolerates rounding at tick boundaries', () => {
    const clock = new Clock(532e6);
    const t = new TickTimeline(clock, 532e6 / 3.7);
    const at = t.cycleAt(1000);
    clock.cycles = at;
    expect(t.ticksSince(0)).toBe(1000);
  });
});

describe('interrupt lines', () => {
  it('records levels and edges', () => {
    const line = new RecordingLine();
    pulseLine(line);
    line.set(true);
    line.set(true);
    expect(line.rises).toBe(2);
    expect(line.level).toBe(true);
  });
});

describe('virtual time helpers', () => {
  it('fire events at their own cycle', async () => {
    const { EventScheduler } = await import('../sched/scheduler.js');
    const { advanceCycles, advanceNanoseconds } = await import('./virtual-time.js');
    const clock = new Clock(100e6);
    const s = new EventScheduler(clock);
    const seen: number[] = [];
    s.schedule(50, () => seen.push(clock.cycles));
    s.schedule(70, () => {
      seen.push(clock.cycles);
      clock.setCoreHz(200e6);
    });
    advanceCycles(s, 60);
    expect(seen).toEqual([50]);
    expect(clock.cycles).toBe(60);
    advanceNanoseconds(s, 1000); // 100 ns at 100 MHz to cycle 70, then 900 ns at 200 MHz
    expect(seen).toEqual([50, 70]);
    expect(clock.cycles).toBe(70 + 180);
    expect(clock.nanoseconds()).toBeCloseTo(1600, 6);
  });
});
