import { InterruptOp, Syscall, encodeTag, hostedL4, interruptControlWord, type HostedContext, type HostedSyscall } from '@l4lab/okl4';
import { IGUANA_IDL } from '../idl/iguana-idl.js';
import { IguanaCosts } from '../server/costs.js';

const { call, wait, syscall, putString } = hostedL4;
type Call<T> = Generator<HostedSyscall, T, Uint32Array>;

/** One device a devicecore driver owns: its register block and its interrupt. */
export interface DeviceDescription {
  readonly kind: 'serial' | 'timer';
  /** e.g. "UART0", "PWM timer 0". */
  readonly name: string;
  /** The register page the memsection maps. */
  readonly phys: number;
  readonly size: number;
  /** Offset of the device's registers in that page (UART1 shares UART0's page on the S3C6410). */
  readonly offset?: number;
  readonly irq: number;
  /** Timer: prescaler 0 value giving a 500 kHz count with TCFG1 mux 0 (from PCLK). */
  readonly prescaler?: number;
  /**
   * S3C6410 register extras: the PWM's TINT_CSTAT (timer interrupt enable + latched status) and the UART's
   * UINTP/UINTM (pending + mask). The S3C2440A's PWM pulses its IRQ and the UART1 sub-sources sit in the
   * interrupt controller's INTSUBMSK, which the kernel owns.
   */
  readonly interruptRegisters?: boolean;
}

/** The per-platform devicecore (reference/okl4.md §6, §10): which devices its drivers own. */
export interface DevicecoreDescription {
  readonly platform: string;
  readonly devices: readonly DeviceDescription[];
}

/** Reference devicecores: the S3C2440A (MBA2440) and S3C6410 (SMDK6410) serial and timer drivers. */
export const DEVICECORES = {
  s3c2440: {
    platform: 'S3C2440A',
    // UART1 (the kernel's KDB console owns UART0); PWM timer 0 (the kernel's tick is timer 4).
    devices: [
      { kind: 'serial', name: 'UART1', phys: 0x50004000, size: 0x1000, irq: 23 },
      // PCLK 50 MHz / (49 + 1) / 2 (mux 0) = 500 kHz.
      { kind: 'timer', name: 'PWM timer 0', phys: 0x51000000, size: 0x1000, irq: 10, prescaler: 49 },
    ],
  },
  s3c6410: {
    platform: 'S3C6410',
    devices: [
      // UART1's registers share a page with UART0's (UARTn at 0x7f005000 + n·0x400): the page is mapped.
      { kind: 'serial', name: 'UART1', phys: 0x7f005000, size: 0x1000, offset: 0x400, irq: 38, interruptRegisters: true },
      // PCLK 66.5 MHz / (132 + 1) / 1 (mux 0) = 500 kHz.
      { kind: 'timer', name: 'PWM timer 0', phys: 0x7f006000, size: 0x1000, irq: 23, prescaler: 132, interruptRegisters: true },
    ],
  },
} as const satisfies Record<string, DevicecoreDescription>;

/** devicecore's periodic tick from PWM timer 0. */
export const DEVICECORE_TICK_HZ = 100;
const TIMER_COUNT_HZ = 500_000;

// PWM (S3C2440A / S3C6410 user manuals): timer 0's fields of the shared registers.
const TCFG0 = 0x00, TCFG1 = 0x04, TCON = 0x08, TCNTB0 = 0x0c, TINT_CSTAT = 0x44;
const TCON_T0 = 0x1f, TCON_START = 0x01, TCON_UPDATE = 0x02, TCON_RELOAD = 0x08;
/** TINT_CSTAT: enables in [4:0], write-1-to-clear status in [9:5]. */
const CSTAT_ENABLES = 0x1f, CSTAT_T0_ENABLE = 0x01, CSTAT_T0_STATUS = 0x20;
// UART.
const UCON = 0x04, UTRSTAT = 0x10, URXH = 0x24, UINTP = 0x30, UINTM = 0x38;
const UCON_RX_MODE = 0x3, UCON_RX_IRQ = 0x1, UTRSTAT_RX_READY = 0x1, UINT_RXD = 0x1, UINT_ALL = 0xf;

/** What a started driver does on its interrupt and at shutdown, through its own register mapping. */
interface Driver {
  readonly dev: DeviceDescription;
  readonly bit: number;
  /** Device-side work for one notification, before the kernel is told to unmask. */
  interrupt(): void;
  /** Stops the device; the line devicecore prints. */
  stop(): string;
}

/** Timer: periodic tick at DEVICECORE_TICK_HZ on timer 0; the other timers' fields are left alone. */
function timerDriver(ctx: HostedContext, dev: DeviceDescription, bit: number, base: number): Driver {
  const reg = (o: number) => ctx.readRegister(base + o);
  const set = (o: number, v: number) => ctx.writeRegister(base + o, v);
  const cstat = dev.interruptRegisters === true;
  set(TCFG0, (reg(TCFG0) & ~0xff) | (dev.prescaler ?? 0));
  set(TCFG1, reg(TCFG1) & ~0xf);
  set(TCNTB0, TIMER_COUNT_HZ / DEVICECORE_TICK_HZ - 1); // period TCNTB0 + 1 counts
  // Enables only: a 1 in another timer's status bit would clear the kernel's tick.
  if (cstat) set(TINT_CSTAT, (reg(TINT_CSTAT) & CSTAT_ENABLES) | CSTAT_T0_ENABLE);
  const tcon = reg(TCON) & ~TCON_T0;
  set(TCON, tcon | TCON_UPDATE | TCON_RELOAD);
  set(TCON, tcon | TCON_START | TCON_RELOAD);
  let ticks = 0;
  return {
    dev, bit,
    interrupt() {
      ticks++;
      // The S3C6410 latches timer interrupts until the status bit is written back.
      if (cstat) set(TINT_CSTAT, (reg(TINT_CSTAT) & CSTAT_ENABLES) | CSTAT_T0_STATUS);
    },
    stop() {
      set(TCON, reg(TCON) & ~TCON_T0);
      if (cstat) set(TINT_CSTAT, (reg(TINT_CSTAT) & CSTAT_ENABLES & ~CSTAT_T0_ENABLE) | CSTAT_T0_STATUS);
      return `devicecore: timer: ${ticks} ticks at ${DEVICECORE_TICK_HZ} Hz, stopped`;
    },
  };
}

/** Serial: receive interrupts on (transmit mode left as it was); each notification drains the RX FIFO. */
function serialDriver(ctx: HostedContext, dev: DeviceDescription, bit: number, base: number): Driver {
  const regs = base + (dev.offset ?? 0);
  const reg = (o: number) => ctx.readRegister(regs + o);
  const set = (o: number, v: number) => ctx.writeRegister(regs + o, v);
  const uint = dev.interruptRegisters === true;
  set(UCON, (reg(UCON) & ~UCON_RX_MODE) | UCON_RX_IRQ);
  if (uint) set(UINTM, UINT_ALL & ~UINT_RXD);
  let bytes = 0;
  return {
    dev, bit,
    interrupt() {
      while (reg(UTRSTAT) & UTRSTAT_RX_READY) {
        reg(URXH);
        bytes++;
      }
      if (uint) set(UINTP, UINT_RXD);
    },
    stop() {
      if (uint) set(UINTM, UINT_ALL);
      set(UCON, reg(UCON) & ~UCON_RX_MODE);
      return `devicecore: serial: ${bytes} bytes received, receiver off`;
    },
  };
}

const label = (name: string) => IGUANA_IDL.find((op) => op.name === name)!.label;
const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/**
 * devicecore as a hosted thread: for each device, a direct memsection over its registers (through the
 * Iguana server) and the interrupt registered to itself, printing the configuration as it goes; each
 * driver then programs its device through that mapping (timer: a periodic tick; serial: receive
 * interrupts). It takes notifications (device work, then acknowledge) until the server says the system
 * has finished, stops the devices, prints what they did and releases its interrupts.
 */
export function devicecore(d: DevicecoreDescription, server: () => number, shutdownLabel: number, onLine?: (line: string) => void) {
  return function* (ctx: HostedContext): Call<void> {
    const print = function* (line: string): Call<void> {
      onLine?.(line);
      yield* putString(`${line}\n`);
    };
    const bsp = ctx.kernel.platform.bsp;
    const drivers: Driver[] = [];
    yield* print(`devicecore: ${d.platform}, ${d.devices.length} drivers`);
    for (const [bit, dev] of d.devices.entries()) {
      const r = yield* call(ctx, server(), encodeTag({ label: label('memsection_create_direct'), untyped: 2 }), [dev.size, dev.phys]);
      const base = r.error ? 0 : r.words[0];
      if (!base) {
        yield* print(`devicecore: ${dev.kind}: ${dev.name} at ${hex(dev.phys)}: no memsection, driver not started`);
        continue;
      }
      const reg = yield* syscall(Syscall.InterruptControl, ctx.tid, interruptControlWord(InterruptOp.register, dev.irq, bit));
      if (reg[0] !== 1) {
        yield* print(`devicecore: ${dev.kind}: ${dev.name}: IRQ ${dev.irq} refused (error ${ctx.utcb(28)})`);
        continue;
      }
      yield* print(`devicecore: ${dev.kind}: ${dev.name} registers ${hex(dev.phys)} -> memsection ${hex(base)} (uncached); IRQ ${dev.irq} (${bsp.interrupts.name(dev.irq)}) -> notify bit ${bit}, unmasked`);
      ctx.work(IguanaCosts.driverStart.instructions);
      const driver = dev.kind === 'timer' ? timerDriver(ctx, dev, bit, base) : serialDriver(ctx, dev, bit, base);
      drivers.push(driver);
      yield* print(dev.kind === 'timer' ? `devicecore: timer: ${dev.name} ticking at ${DEVICECORE_TICK_HZ} Hz` : `devicecore: serial: ${dev.name} receive interrupts enabled`);
    }
    yield* print(`devicecore: enabled ${drivers.length} of ${d.devices.length} devices (${d.devices.map((x) => x.kind).join(', ')})`);
    ctx.setUtcb(12, 1); // acceptor: notifications
    ctx.setUtcb(16, (1 << d.devices.length) - 1); // notify mask
    for (;;) {
      const m = yield* wait(ctx);
      if (!m.error && m.label === shutdownLabel && m.from === server()) break;
      const bits = m.words[0] ?? 0;
      for (const driver of drivers) {
        if (!(bits & (1 << driver.bit))) continue;
        ctx.work(IguanaCosts.driverInterrupt.instructions);
        driver.interrupt();
        yield* syscall(Syscall.InterruptControl, ctx.tid, interruptControlWord(InterruptOp.acknowledge, driver.dev.irq, driver.bit));
      }
    }
    for (const driver of drivers) {
      yield* print(driver.stop());
      yield* syscall(Syscall.InterruptControl, ctx.tid, interruptControlWord(InterruptOp.unregister, driver.dev.irq));
    }
  };
}
