import { Clock, EventScheduler, GuestErrorLog, RecordingLine, advanceCycles } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { FixedPeripheralClock } from './peripheral-clock.js';
import { S3C2440_WATCHDOG, S3C6410_WATCHDOG, Watchdog } from './watchdog.js';

const WTCON = 0x00, WTDAT = 0x04, WTCNT = 0x08, WTCLRINT = 0x0c;

function setup(six410 = false) {
  const clock = new Clock(400e6);
  const scheduler = new EventScheduler(clock);
  const irq = new RecordingLine();
  const resets: number[] = [];
  const wdt = new Watchdog({
    variant: six410 ? S3C6410_WATCHDOG : S3C2440_WATCHDOG, clock, scheduler, pclk: new FixedPeripheralClock(50e6), irq,
    errors: new GuestErrorLog('fatal'), resetRequested: () => resets.push(clock.cycles),
  });
  return { clock, wdt, irq, resets, rd: (o: number) => wdt.read(o, 4), wr: (o: number, v: number) => wdt.write(o, v, 4), run: (c: number) => advanceCycles(scheduler, c) };
}

describe('watchdog', () => {
  it('runs from reset (WTCON 0x8021) and requests a chip reset after 0x8000 ticks', () => {
    const { rd, resets, run, clock } = setup();
    expect(rd(WTCON)).toBe(0x8021);
    // Tick = PCLK / 129 / 16: 2064 PCLKs = 16512 core cycles at 400/50 MHz.
    const timeout = 0x8000 * 16512;
    run(timeout - 1);
    expect(resets).toEqual([]);
    expect(rd(WTCNT)).toBe(1);
    run(1);
    expect(resets).toEqual([timeout]);
    expect(clock.nanoseconds(timeout) / 1e9).toBeCloseTo(1.3527, 4);
  });

  it('counts down on read, stops when disabled, resumes when enabled', () => {
    const { rd, wr, run } = setup();
    run(16512 * 100);
    expect(rd(WTCNT)).toBe(0x8000 - 100);
    wr(WTCON, 0x8001);
    run(16512 * 100);
    expect(rd(WTCNT)).toBe(0x8000 - 100);
    wr(WTCON, 0x8021);
    run(16512 * 10);
    expect(rd(WTCNT)).toBe(0x8000 - 110);
  });

  it('interrupt mode: pulses every WTDAT ticks after the first WTCNT ticks, no reset', () => {
    const { wr, irq, resets, run } = setup();
    wr(WTCON, 0);
    wr(WTDAT, 50);
    wr(WTCNT, 100);
    wr(WTCON, 0x24); // enable, IRQ, prescaler 0, /16: 128 core cycles per tick
    run(128 * 100 - 1);
    expect(irq.rises).toBe(0);
    run(1);
    expect(irq.rises).toBe(1);
    run(128 * 50);
    expect(irq.rises).toBe(2);
    expect(resets).toEqual([]);
  });

  it('S3C6410: level interrupt held until WTCLRINT', () => {
    const { rd, wr, irq, run } = setup(true);
    wr(WTCON, 0);
    wr(WTCNT, 10);
    wr(WTCON, 0x24);
    run(128 * 10);
    expect(irq.level).toBe(true);
    wr(WTCLRINT, 1);
    expect(irq.level).toBe(false);
    expect(() => rd(WTCLRINT)).toThrow(/write-only/);
  });
});
