import { BusFault, Clock, EventScheduler, GuestErrorLog, PhysicalBus, RecordingLine, advanceCycles, advanceNanoseconds } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { S3C6410_MAP as M } from './map.js';
import { S3C6410, type S3C6410Options } from './s3c6410.js';

function setup(options: Partial<S3C6410Options> = {}) {
  const clock = new Clock(532e6);
  const scheduler = new EventScheduler(clock);
  const bus = new PhysicalBus();
  const irq = new RecordingLine();
  const out: number[][] = [[], [], [], []];
  const soc = new S3C6410({
    bus, clock, scheduler, errors: new GuestErrorLog('fatal'),
    core: { setIrqLine: (v) => irq.set(v), setFiqLine: () => {} },
    uartTransmit: out.map((o) => (b: number) => o.push(b)),
    ...options,
  });
  return { clock, scheduler, bus, soc, irq, out, rd: (a: number) => bus.read32(a), wr: (a: number, v: number) => bus.write32(a, v) };
}

describe('S3C6410 SoC', () => {
  it('maps SYS_ID, SDRAM and the devices at the documented addresses', () => {
    const { rd, wr, bus, soc } = setup();
    expect(rd(0x7e00f118)).toBe(0x36410101);
    expect(rd(0x71200fe0)).toBe(0x92);
    expect(rd(0x71300fe0)).toBe(0x92);
    wr(0x57fffffc, 0xdeadbeef);
    expect(rd(0x57fffffc)).toBe(0xdeadbeef);
    expect(soc.sdram.size).toBe(128 << 20);
    expect(() => bus.read32(0x58000000)).toThrow(BusFault);
    expect(rd(M.UART0 + 3 * 0x400 + 0x38)).toBe(0); // UART3 UINTM
  });

  it('boot-loader state: ARMCLK 532, HCLKX2 266, HCLK 133, PCLK 66.5 MHz', () => {
    const { clock, soc, rd } = setup();
    expect(clock.coreHz).toBe(532e6);
    expect(soc.syscon.rates).toMatchObject({ apll: 532e6, mpll: 532e6, epll: 24e6, armclk: 532e6, hclkx2: 266e6, hclk: 133e6, pclk: 66.5e6 });
    expect(rd(M.SYSCON + 0x900) & 0xf00).toBe(0xf00); // SYNCACK
    expect(rd(M.WATCHDOG) & 0x20).toBe(0);
    expect(soc.uarts[0].baud).toBeCloseTo(115251, 0);
  });

  it('reset state: everything from the 12 MHz crystal, watchdog armed', () => {
    const { clock, soc, rd } = setup({ start: 'reset' });
    expect(clock.coreHz).toBe(12e6);
    expect(soc.syscon.rates.pclk).toBe(6e6);
    expect(rd(M.WATCHDOG)).toBe(0x8021);
  });

  it('unmodelled registers are guest errors (fatal in tests)', () => {
    const { rd } = setup();
    expect(() => rd(M.SYSCON + 0x40)).toThrow(/S3C6410 SYSCON: 4-byte read of unmodelled register at \+0x40/);
  });

  it('an APLL change sets the core clock; PCLK (and the timers) follow HCLKX2', () => {
    const { clock, scheduler, soc, rd, wr } = setup();
    const irqAt: number[] = [];
    // Timer 4, prescaler 133, /1 → 500 kHz; TCNTB 499 → 1 ms; TINT_CSTAT enable.
    wr(M.PWM + 0x00, 132 << 8);
    wr(M.PWM + 0x3c, 499);
    wr(M.PWM + 0x44, 1 << 4);
    wr(M.PWM + 0x08, 0x600000);
    wr(M.PWM + 0x08, 0x500000);
    const next = () => {
      advanceCycles(scheduler, scheduler.nextEventAt - clock.cycles);
      irqAt.push(clock.nanoseconds());
      wr(M.PWM + 0x44, (1 << 4) | (1 << 9));
    };
    next();
    next();
    expect(irqAt[1] - irqAt[0]).toBeCloseTo(1e6, 3);
    wr(M.SYSCON + 0x0c, 0x810a0302); // APLL 266 MHz: ARMCLK 266, and in sync mode HCLKX2 133, PCLK 33.25
    expect(clock.coreHz).toBe(266e6);
    expect(soc.syscon.rates.pclk).toBe(33.25e6);
    next();
    next();
    expect(irqAt[3] - irqAt[2]).toBeCloseTo(2e6, 3);
    expect(rd(M.PWM + 0x44)).toBe(1 << 4);
  });

  it('timer 4 interrupts reach the core through VIC0 source 28', () => {
    const { scheduler, rd, wr, irq } = setup();
    wr(M.VIC0 + 0x10, 1 << 28);
    wr(M.PWM + 0x3c, 6649); // 66.5 MHz / 1 / 1: 100 µs
    wr(M.PWM + 0x44, 1 << 4);
    wr(M.PWM + 0x08, 0x600000);
    wr(M.PWM + 0x08, 0x500000);
    advanceNanoseconds(scheduler, 100_000);
    expect(irq.level).toBe(true);
    expect(rd(M.VIC0)).toBe(1 << 28);
  });

  it('UART1 transmits to its sink; UART0 receive reaches VIC1 source 5 and the core via the daisy chain', () => {
    const { scheduler, soc, rd, wr, out, irq } = setup();
    wr(M.UART0 + 0x400 + 0x04, 0x5);
    wr(M.UART0 + 0x400 + 0x20, 0x21);
    advanceNanoseconds(scheduler, 200_000);
    expect(out[1]).toEqual([0x21]);
    wr(M.VIC1 + 0x10, 1 << 5);
    wr(M.UART0 + 0x38, 0xe); // unmask RXD
    soc.uarts[0].receive('z');
    advanceNanoseconds(scheduler, 100_000);
    expect(rd(M.VIC1)).toBe(1 << 5);
    expect(irq.level).toBe(true);
  });

  it('watchdog and SW_RST request resets, reported in RST_STAT', () => {
    const { scheduler, soc, rd, wr } = setup();
    const causes: string[] = [];
    soc.resetRequested = (cause) => {
      causes.push(cause);
      soc.reset(cause);
    };
    wr(M.WATCHDOG + 0x08, 100);
    wr(M.WATCHDOG, 0x21);
    advanceNanoseconds(scheduler, 30_000);
    expect(causes).toEqual(['watchdog']);
    expect(rd(M.SYSCON + 0x904)).toBe(1 << 3);
    wr(M.SYSCON + 0x114, 0x6410);
    expect(causes).toEqual(['watchdog', 'software']);
    expect(rd(M.SYSCON + 0x904)).toBe(1 << 5);
  });

  it('EINT0 group: pending bits drive VIC0 source 1 while unmasked', () => {
    const { soc, rd, wr } = setup();
    soc.gpio.externalInterrupt(5);
    expect(rd(M.VIC0 + 0x08)).toBe(0);
    wr(M.GPIO + 0x920, ~(1 << 5) & 0x0fffffff);
    expect(rd(M.VIC0 + 0x08)).toBe(1 << 1);
    wr(M.GPIO + 0x924, 1 << 5);
    expect(rd(M.VIC0 + 0x08)).toBe(0);
  });
});
