import { BusFault, Clock, EventScheduler, GuestErrorLog, PhysicalBus, RecordingLine, advanceCycles, advanceNanoseconds } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { S3C2440_MAP as M } from './map.js';
import { S3C2440, type S3C2440Options } from './s3c2440.js';
import type { S3C2440ClockRates } from './clock-power.js';

function setup(options: Partial<S3C2440Options> = {}) {
  const clock = new Clock(400e6);
  const scheduler = new EventScheduler(clock);
  const bus = new PhysicalBus();
  const irq = new RecordingLine(), fiq = new RecordingLine();
  const out: number[] = [];
  const soc = new S3C2440({
    bus, clock, scheduler, errors: new GuestErrorLog('fatal'),
    core: { setIrqLine: (v) => irq.set(v), setFiqLine: (v) => fiq.set(v) },
    uartTransmit: [(b) => out.push(b)],
    ...options,
  });
  return { clock, scheduler, bus, soc, irq, fiq, out, rd: (a: number) => bus.read32(a), wr: (a: number, v: number) => bus.write32(a, v) };
}

describe('S3C2440 SoC', () => {
  it('maps the chip ID, SDRAM and devices at the documented addresses', () => {
    const { rd, wr, bus, soc } = setup();
    expect(rd(0x560000b0)).toBe(0x32440001);
    expect(rd(0x4a000008)).toBe(0xffffffff); // INTMSK
    wr(0x30000000, 0x12345678);
    wr(0x33fffffc, 0xcafef00d);
    expect(rd(0x33fffffc)).toBe(0xcafef00d);
    expect(soc.sdram.size).toBe(64 << 20);
    expect(() => bus.read32(0x34000000)).toThrow(BusFault);
  });

  it('SDRAM size is configurable', () => {
    const { soc, bus } = setup({ sdramBytes: 32 << 20 });
    expect(soc.sdram.size).toBe(32 << 20);
    expect(() => bus.read32(0x32000000)).toThrow(BusFault);
  });

  it('boot-loader state: 400/100/50 MHz, watchdog off, UART0 at 115200', () => {
    const { clock, soc, rd } = setup();
    expect(clock.coreHz).toBe(400e6);
    expect(soc.clocks.rates).toMatchObject({ fclk: 400e6, hclk: 100e6, pclk: 50e6, uclk: 48e6 });
    expect(rd(M.WATCHDOG) & 0x20).toBe(0);
    expect(rd(M.UART0 + 0x28)).toBe(26);
  });

  it('reset state: running from the 12 MHz crystal with the watchdog armed', () => {
    const { clock, soc, rd } = setup({ start: 'reset' });
    expect(clock.coreHz).toBe(12e6);
    expect(soc.clocks.rates.pclk).toBe(12e6);
    expect(rd(M.WATCHDOG)).toBe(0x8021);
  });

  it('unmodelled registers are guest errors (fatal in tests)', () => {
    const { rd } = setup();
    expect(() => rd(M.PWM + 0x80)).toThrow(/guest error: S3C2440 PWM: 4-byte read of unmodelled register at \+0x80/);
  });

  it('a PLL change sets the new core frequency and rescales timer periods', () => {
    const { clock, scheduler, soc, rd, wr } = setup();
    const seen: S3C2440ClockRates[] = [];
    soc.clocks.onChange((r) => seen.push(r));
    // Timer 4: prescaler 1 = 1, /2 → 12.5 MHz; TCNTB 12499 → 1 ms period.
    wr(M.PWM + 0x00, 1 << 8);
    wr(M.PWM + 0x3c, 12499);
    wr(M.PWM + 0x08, 0x600000);
    wr(M.PWM + 0x08, 0x500000);
    wr(M.INTC + 0x08, ~(1 << 14));
    const times: number[] = [];
    const tick = () => {
      if (rd(M.INTC + 0x10)) {
        times.push(clock.nanoseconds());
        wr(M.INTC + 0x00, 1 << 14);
        wr(M.INTC + 0x10, 1 << 14);
      }
    };
    const runTicks = (n: number) => {
      for (let i = 0; i < n; i++) {
        advanceCycles(scheduler, scheduler.nextEventAt - clock.cycles);
        tick();
      }
    };
    runTicks(3);
    expect(times.map((t) => t / 1e6)).toEqual([0.99992, 1.99992, 2.99992].map((x) => expect.closeTo(x, 9)));
    wr(M.CLKPWR + 0x04, 0x0005c012); // SDIV 2: FCLK 200 MHz
    expect(clock.coreHz).toBe(200e6);
    expect(seen.at(-1)).toMatchObject({ fclk: 200e6, hclk: 50e6, pclk: 25e6 });
    runTicks(3);
    const periods = times.slice(3).map((t, i) => t - times[i + 2]);
    // The period in flight when the PLL changed: 80 ns at 12.5 MHz were left... then 2 ms periods.
    expect(periods[1]).toBeCloseTo(2e6, 3);
    expect(periods[2]).toBeCloseTo(2e6, 3);
  });

  it('CLKDIVN changes PCLK without changing the core clock', () => {
    const { clock, soc, wr } = setup();
    wr(M.CLKPWR + 0x14, 0x4); // PDIVN 0: PCLK = HCLK = 100 MHz
    expect(clock.coreHz).toBe(400e6);
    expect(soc.clocks.rates.pclk).toBe(100e6);
    expect(soc.uarts[0].baud).toBeCloseTo(100e6 / (16 * 27), 6);
  });

  it('fast bus mode runs the core at HCLK', () => {
    const { clock, soc } = setup();
    soc.clocks.setBusMode('fast');
    expect(clock.coreHz).toBe(100e6);
  });

  it('UART0 receive reaches the core IRQ through SUBSRCPND, SRCPND and INTPND', () => {
    const { scheduler, soc, rd, wr, irq } = setup();
    wr(M.INTC + 0x1c, 0x7fff & ~1); // unmask RXD0
    wr(M.INTC + 0x08, ~(1 << 28) >>> 0);
    wr(M.UART0 + 0x04, 0x345);
    soc.uarts[0].receive('k');
    advanceNanoseconds(scheduler, 100_000);
    expect(irq.level).toBe(true);
    expect(rd(M.INTC + 0x14)).toBe(28);
    expect(rd(M.INTC + 0x18) & 1).toBe(1);
    expect(rd(M.UART0 + 0x24)).toBe(0x6b);
  });

  it('UART0 transmits to the injected sink', () => {
    const { scheduler, out, wr } = setup();
    for (const c of 'ok') wr(M.UART0 + 0x20, c.charCodeAt(0));
    advanceNanoseconds(scheduler, 200_000);
    expect(String.fromCharCode(...out)).toBe('ok');
  });

  it('a watchdog timeout calls resetRequested; a watchdog reset is reported in GSTATUS2', () => {
    const { scheduler, soc, rd, wr } = setup();
    let requests = 0;
    soc.resetRequested = () => {
      requests++;
      soc.reset('watchdog');
    };
    wr(M.WATCHDOG + 0x08, 100);
    wr(M.WATCHDOG + 0x00, 0x0021); // prescaler 0, /16, reset enabled: 100 ticks at 3.125 MHz = 32 µs
    advanceNanoseconds(scheduler, 31_000);
    expect(requests).toBe(0);
    advanceNanoseconds(scheduler, 1_000);
    expect(requests).toBe(1);
    expect(rd(M.GPIO + 0xb4)).toBe(4);
    expect(rd(M.WATCHDOG) & 0x20).toBe(0); // boot loader stopped it again
  });
});
