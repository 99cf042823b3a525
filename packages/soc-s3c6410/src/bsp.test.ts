import { Clock, EventScheduler, GuestErrorLog, PhysicalBus, RecordingLine, advanceCycles, advanceNanoseconds, type RegisterAccess } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { S3C6410Bsp } from './bsp.js';
import { S3C6410 } from './s3c6410.js';

function setup() {
  const clock = new Clock(532e6);
  const scheduler = new EventScheduler(clock);
  const bus = new PhysicalBus();
  const irq = new RecordingLine();
  const out: number[] = [];
  const soc = new S3C6410({
    bus, clock, scheduler, errors: new GuestErrorLog('fatal'),
    core: { setIrqLine: (v) => irq.set(v), setFiqLine: () => {} }, uartTransmit: [(b) => out.push(b)],
  });
  const access: RegisterAccess = {
    read32: (pa) => bus.read32(pa),
    write32: (pa, v) => bus.write32(pa, v),
    relax: () => advanceCycles(scheduler, Math.max(1, scheduler.nextEventAt - clock.cycles)),
  };
  const bsp = new S3C6410Bsp(access);
  bsp.init();
  return { clock, scheduler, soc, bsp, irq, out };
}

describe('S3C6410 BSP', () => {
  it('tick at 100 Hz fires every 10 ms of simulated time', () => {
    const { clock, scheduler, bsp, irq } = setup();
    bsp.timer.start(100);
    bsp.interrupts.unmask(bsp.timer.irq);
    expect(bsp.timer.irq).toBe(28);
    expect(bsp.timer.hz).toBe(100);
    const times: number[] = [];
    while (times.length < 5) {
      advanceCycles(scheduler, scheduler.nextEventAt - clock.cycles);
      const n = bsp.interrupts.pending();
      if (n === undefined) continue;
      expect(n).toBe(28);
      times.push(clock.nanoseconds());
      bsp.timer.acknowledge();
      bsp.interrupts.acknowledge(n);
      expect(irq.level).toBe(false);
    }
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeCloseTo(10e6, 3);
  });

  it('decodes VIC1 sources through the daisy chain and acknowledges both VICs', () => {
    const { scheduler, soc, bsp, irq } = setup();
    bsp.console.init();
    bsp.console.enableRxInterrupt(true);
    bsp.timer.start(1000);
    bsp.interrupts.unmask(28);
    soc.uarts[0].receive('q');
    advanceNanoseconds(scheduler, 100_000); // the byte arrives after ~87 µs; the tick at 1 ms
    expect(bsp.interrupts.pending()).toBe(37);
    expect(bsp.console.getcNonBlocking()).toBe(0x71);
    bsp.console.acknowledgeRx();
    bsp.interrupts.acknowledge(37);
    expect(irq.level).toBe(false);
    expect(bsp.interrupts.pending()).toBeUndefined();
    advanceNanoseconds(scheduler, 1e6);
    expect(bsp.interrupts.pending()).toBe(28);
    bsp.timer.acknowledge();
    bsp.interrupts.acknowledge(28);
    expect(bsp.interrupts.pending()).toBeUndefined();
  });

  it('masking through INTENCLEAR', () => {
    const { scheduler, bsp, irq } = setup();
    bsp.timer.start(1000);
    bsp.interrupts.unmask(28);
    bsp.interrupts.mask(28);
    advanceNanoseconds(scheduler, 1.5e6);
    expect(irq.level).toBe(false);
    expect(bsp.interrupts.pending()).toBeUndefined();
  });

  it('console output with CR before LF', () => {
    const { scheduler, bsp, out } = setup();
    bsp.console.init();
    bsp.console.puts('ok\n');
    advanceNanoseconds(scheduler, 1e6);
    expect(String.fromCharCode(...out)).toBe('ok\r\n');
    expect(bsp.console.getcNonBlocking()).toBeUndefined();
  });

  it('reboot through the watchdog', () => {
    const { scheduler, soc, bsp } = setup();
    const causes: string[] = [];
    soc.resetRequested = (c) => causes.push(c);
    bsp.reboot();
    advanceNanoseconds(scheduler, 100_000);
    expect(causes).toEqual(['watchdog']);
  });

  it('describe() prints the boot-log lines', () => {
    const { bsp } = setup();
    bsp.console.init();
    bsp.timer.start(100);
    expect(bsp.describe()).toEqual([
      'S3C6410 (SYS_ID 0x36410101)',
      'S3C64XX: PLL settings, A=532000000, M=532000000, E=24000000',
      'S3C64XX: HCLK2=266000000, HCLK=133000000, PCLK=66500000',
      'ARMCLK 532000000 (APLL_CON 0x810a0301, CLK_SRC 0x00000007, CLK_DIV0 0x00003310)',
      'interrupts: VIC0 + VIC1 (PL192, VIC1 daisy-chained into VIC0), 64 sources, VECTADDR = IRQ number',
      'tick: PWM timer 4 at 100 Hz (PCLK 66.500 MHz/1/1, TCNTB4 664999), IRQ 28',
      'console: UART0 at 115200 baud 8N1 (UBRDIV 35, UDIVSLOT 0x00000080)',
      'watchdog: off',
    ]);
  });
});
