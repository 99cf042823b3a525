import { Clock, EventScheduler, GuestErrorLog, PhysicalBus, RecordingLine, advanceCycles, advanceNanoseconds, type RegisterAccess } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { S3C2440Bsp } from './bsp.js';
import { SamsungUartConsole, chooseTimerDivisors } from './samsung-bsp.js';
import { S3C2440 } from './s3c2440.js';

function setup() {
  const clock = new Clock(400e6);
  const scheduler = new EventScheduler(clock);
  const bus = new PhysicalBus();
  const irq = new RecordingLine();
  const out: number[] = [];
  const soc = new S3C2440({
    bus, clock, scheduler, errors: new GuestErrorLog('fatal'),
    core: { setIrqLine: (v) => irq.set(v), setFiqLine: () => {} }, uartTransmit: [(b) => out.push(b)],
  });
  const accesses: string[] = [];
  /** The kernel's view: 32-bit accesses; waiting lets time run to the next event. */
  const access: RegisterAccess = {
    read32: (pa) => (accesses.push(`r ${pa.toString(16)}`), bus.read32(pa)),
    write32: (pa, v) => (accesses.push(`w ${pa.toString(16)}`), bus.write32(pa, v)),
    relax: () => advanceCycles(scheduler, Math.max(1, scheduler.nextEventAt - clock.cycles)),
  };
  const bsp = new S3C2440Bsp(access);
  bsp.init();
  return { clock, scheduler, soc, bsp, irq, out, accesses };
}

describe('S3C2440 BSP', () => {
  it('finds exact timer divisors', () => {
    expect(chooseTimerDivisors(50e6, 100, [2, 4, 8, 16], 0x10000)).toEqual({ prescaler: 1, dividerIndex: 2, count: 62500, hz: 100 });
    expect(chooseTimerDivisors(66.5e6, 100, [1, 2, 4, 8, 16], 2 ** 32)).toEqual({ prescaler: 1, dividerIndex: 0, count: 665000, hz: 100 });
    expect(() => chooseTimerDivisors(50e6, 0.001, [2, 4, 8, 16], 0x10000)).toThrow(/cannot be reached/);
  });

  it('computes UART divisors (with UDIVSLOT on the 6410)', () => {
    expect(SamsungUartConsole.divisors(50e6, 115200, false)).toEqual({ ubrdiv: 26, udivslot: 0 });
    expect(SamsungUartConsole.divisors(66.5e6, 115200, true)).toEqual({ ubrdiv: 35, udivslot: 0x0080 });
  });

  it('tick at 100 Hz fires every 10 ms of simulated time', () => {
    const { clock, scheduler, bsp, irq } = setup();
    bsp.timer.start(100);
    bsp.interrupts.unmask(bsp.timer.irq);
    expect(bsp.timer.hz).toBe(100);
    const times: number[] = [];
    while (times.length < 5) {
      advanceCycles(scheduler, scheduler.nextEventAt - clock.cycles);
      const n = bsp.interrupts.pending();
      if (n === undefined) continue;
      expect(n).toBe(14);
      expect(irq.level).toBe(true);
      times.push(clock.nanoseconds());
      bsp.timer.acknowledge();
      bsp.interrupts.acknowledge(n);
      expect(irq.level).toBe(false);
    }
    const periods = times.slice(1).map((t, i) => t - times[i]);
    for (const p of periods) expect(p).toBeCloseTo(10e6, 3);
    expect(times[0]).toBeCloseTo(10e6 - 160, 3); // first zero one tick (160 ns) before the period ends
  });

  it('masking keeps the tick from reaching pending()', () => {
    const { scheduler, bsp, irq } = setup();
    bsp.timer.start(1000);
    advanceNanoseconds(scheduler, 1.5e6);
    expect(bsp.interrupts.pending()).toBeUndefined();
    expect(irq.level).toBe(false);
    bsp.interrupts.unmask(14);
    expect(bsp.interrupts.pending()).toBe(14);
  });

  it('console: putc sends CR before LF, paced by UTRSTAT polling', () => {
    const { clock, scheduler, bsp, out, accesses } = setup();
    bsp.console.init(115200);
    const before = clock.nanoseconds();
    bsp.console.puts('hi\n');
    // Each byte waits for an empty transmit buffer: 'h' and 'i' (86.4 µs each at 115740 baud) are out,
    // CR is on the line and LF in the buffer when puts returns.
    expect(String.fromCharCode(...out)).toBe('hi');
    expect(clock.nanoseconds() - before).toBeCloseTo(2 * 86_400, -1);
    advanceNanoseconds(scheduler, 200_000);
    expect(String.fromCharCode(...out)).toBe('hi\r\n');
    expect(accesses.filter((a) => a === 'w 50000020')).toHaveLength(4);
  });

  it('console: getc, getcNonBlocking and interrupt-driven receive', () => {
    const { scheduler, soc, bsp, irq } = setup();
    bsp.console.init();
    expect(bsp.console.getcNonBlocking()).toBeUndefined();
    soc.uarts[0].receive('ab');
    expect(bsp.console.getc()).toBe(0x61);
    bsp.console.enableRxInterrupt(true);
    advanceNanoseconds(scheduler, 100_000);
    expect(irq.level).toBe(true);
    expect(bsp.interrupts.pending()).toBe(bsp.console.rxIrq);
    expect(bsp.console.getcNonBlocking()).toBe(0x62);
    expect(bsp.console.getcNonBlocking()).toBeUndefined();
    bsp.console.acknowledgeRx();
    bsp.interrupts.acknowledge(bsp.console.rxIrq);
    expect(bsp.interrupts.pending()).toBeUndefined();
    expect(irq.level).toBe(false);
  });

  it('reboot arms the watchdog, which requests a reset', () => {
    const { scheduler, soc, bsp } = setup();
    let resets = 0;
    soc.resetRequested = () => resets++;
    bsp.reboot();
    advanceNanoseconds(scheduler, 81_000);
    expect(resets).toBe(0);
    advanceNanoseconds(scheduler, 1_000);
    expect(resets).toBe(1);
  });

  it('describe() prints the boot-log lines', () => {
    const { bsp } = setup();
    bsp.console.init();
    bsp.timer.start(100);
    expect(bsp.describe()).toEqual([
      'S3C2440A (GSTATUS1 0x32440001)',
      'S3C244X: core 400.000 MHz, memory 100.000 MHz, peripheral 50.000 MHz (MPLLCON 0x0005c011, CLKDIVN 0x00000005)',
      'interrupts: 32 sources + 15 sub-sources, INTMSK 0xffffffff, INTSUBMSK 0x00007fff, PRIORITY 0x0000007f',
      'tick: PWM timer 4 at 100 Hz (PCLK 50.000 MHz/1/8, TCNTB4 62499), IRQ 14',
      'console: UART0 at 115200 baud 8N1 (UBRDIV 26)',
      'watchdog: off',
    ]);
  });
});
