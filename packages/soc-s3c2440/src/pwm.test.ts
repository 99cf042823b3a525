import { Clock, EventScheduler, GuestErrorLog, RecordingLine, advanceCycles } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { FixedPeripheralClock } from './peripheral-clock.js';
import { PwmTimers, S3C2440_PWM, S3C6410_PWM, type PwmVariant } from './pwm.js';

const TCFG0 = 0x00, TCFG1 = 0x04, TCON = 0x08, TCNTB4 = 0x3c, TCNTO4 = 0x40, TINT_CSTAT = 0x44;
const TCNTB0 = 0x0c, TCNTO0 = 0x14;

/** 400 MHz core, PCLK 50 MHz: prescaler 0 and /2 gives a 25 MHz timer clock, 16 core cycles per tick. */
function setup(variant: PwmVariant = S3C2440_PWM) {
  const clock = new Clock(400e6);
  const scheduler = new EventScheduler(clock);
  const pclk = new FixedPeripheralClock(50e6);
  const lines = [0, 1, 2, 3, 4].map(() => new RecordingLine());
  const pwm = new PwmTimers({ variant, clock, scheduler, pclk, irqs: lines, errors: new GuestErrorLog('fatal') });
  const rd = (o: number) => pwm.read(o, 4);
  const wr = (o: number, v: number) => pwm.write(o, v, 4);
  return { clock, scheduler, pclk, lines, pwm, rd, wr, run: (c: number) => advanceCycles(scheduler, c) };
}

/** The documented start sequence for timer 4: manual update + auto-reload, then start. */
function startTimer4(wr: (o: number, v: number) => void, count: number, autoReload = true) {
  wr(TCNTB4, count);
  wr(TCON, (1 << 21) | (autoReload ? 1 << 22 : 0));
  wr(TCON, (1 << 20) | (autoReload ? 1 << 22 : 0));
}

describe('PWM timers (S3C2440)', () => {
  it('TCNTO counts down with simulated time, computed on read', () => {
    const { rd, wr, run } = setup();
    startTimer4(wr, 1000);
    expect(rd(TCNTO4)).toBe(1000);
    run(16 * 10);
    expect(rd(TCNTO4)).toBe(990);
    run(8);
    expect(rd(TCNTO4)).toBe(990);
    run(8 + 16 * 89);
    expect(rd(TCNTO4)).toBe(900);
  });

  it('auto-reload: an interrupt every TCNTB+1 ticks', () => {
    const { rd, wr, run, lines, clock } = setup();
    const rises: number[] = [];
    const line = lines[4];
    line.set = (v: boolean) => {
      if (v) rises.push(clock.cycles);
    };
    startTimer4(wr, 99); // period 100 ticks = 1600 cycles; reaches 0 after 99 ticks
    run(1600 * 5);
    expect(rises).toEqual([0, 1, 2, 3, 4].map((k) => 99 * 16 + 1600 * k));
    expect(rd(TCON) & (1 << 20)).not.toBe(0);
    run(16);
    expect(rd(TCNTO4)).toBe(98);
  });

  it('one-shot: interrupt once, start bit clears, counter stays 0', () => {
    const { rd, wr, run, lines } = setup();
    startTimer4(wr, 50, false);
    run(50 * 16);
    expect(lines[4].rises).toBe(1);
    expect(rd(TCON) & (1 << 20)).toBe(0);
    expect(rd(TCNTO4)).toBe(0);
    run(100_000);
    expect(lines[4].rises).toBe(1);
  });

  it('TCNTB written while running takes effect at the next reload', () => {
    const { rd, wr, run } = setup();
    startTimer4(wr, 9);
    wr(TCNTB4, 19);
    run(16 * 10); // reload tick
    expect(rd(TCNTO4)).toBe(19);
  });

  it('stopping freezes the counter; starting again continues from it', () => {
    const { rd, wr, run } = setup();
    startTimer4(wr, 1000);
    run(16 * 100);
    wr(TCON, 1 << 22);
    run(16 * 100);
    expect(rd(TCNTO4)).toBe(900);
    wr(TCON, (1 << 22) | (1 << 20));
    run(16 * 100);
    expect(rd(TCNTO4)).toBe(800);
  });

  it('prescaler and divider select the tick rate', () => {
    const { rd, wr, run } = setup();
    wr(TCFG0, 24); // timers 0,1: /25
    wr(TCFG1, 3); // timer 0: /16 → 50 MHz / 400 = 125 kHz, 3200 core cycles per tick
    wr(TCNTB0, 500);
    wr(TCON, 0b1010);
    wr(TCON, 0b1001);
    run(3200 * 7);
    expect(rd(TCNTO0)).toBe(493);
  });

  it('a PCLK change rescales the period from that moment', () => {
    const { rd, wr, run, pclk, lines } = setup();
    startTimer4(wr, 99);
    run(16 * 50);
    expect(rd(TCNTO4)).toBe(49);
    pclk.pclk = 25e6; // now 32 cycles per tick
    run(32 * 20);
    expect(rd(TCNTO4)).toBe(29);
    run(32 * 29 - 1);
    expect(lines[4].rises).toBe(0);
    run(1);
    expect(lines[4].rises).toBe(1);
  });

  it('the external TCLK input is reported as unmodelled', () => {
    const { wr } = setup();
    wr(TCFG1, 4 << 16);
    expect(() => startTimer4(wr, 10)).toThrow(/external TCLK/);
  });
});

describe('PWM timers (S3C6410 variant)', () => {
  it('has a /1 divider and 32-bit counters', () => {
    const { rd, wr, run } = setup(S3C6410_PWM);
    // PCLK 50 MHz /1 /1: 8 core cycles per tick.
    startTimer4(wr, 100_000);
    run(8 * 1000);
    expect(rd(TCNTO4)).toBe(99_000);
  });

  it('TINT_CSTAT: status set at zero, level output while enabled, write 1 to clear', () => {
    const { rd, wr, run, lines } = setup(S3C6410_PWM);
    wr(TINT_CSTAT, 1 << 4);
    startTimer4(wr, 9);
    run(8 * 9);
    expect(rd(TINT_CSTAT)).toBe((1 << 4) | (1 << 9));
    expect(lines[4].level).toBe(true);
    // Writing the enable back without the status bit leaves the status set.
    wr(TINT_CSTAT, 1 << 4);
    expect(rd(TINT_CSTAT) & (1 << 9)).not.toBe(0);
    wr(TINT_CSTAT, (1 << 4) | (1 << 9));
    expect(rd(TINT_CSTAT)).toBe(1 << 4);
    expect(lines[4].level).toBe(false);
  });

  it('TINT_CSTAT: status latches with the enable clear, output only once enabled', () => {
    const { rd, wr, run, lines } = setup(S3C6410_PWM);
    startTimer4(wr, 9);
    run(8 * 9);
    expect(rd(TINT_CSTAT)).toBe(1 << 9);
    expect(lines[4].level).toBe(false);
    wr(TINT_CSTAT, 1 << 4);
    expect(lines[4].level).toBe(true);
  });
});
