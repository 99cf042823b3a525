import { InterruptOp, Syscall, encodeTag, hostedL4, interruptControlWord, type HostedContext, type HostedSyscall } from '@l4lab/okl4';
import { IGUANA_IDL } from '../idl/iguana-idl.js';

const { call, wait, syscall, putString } = hostedL4;
type Call<T> = Generator<HostedSyscall, T, Uint32Array>;

/** One device a devicecore driver owns: its register block and its interrupt. */
export interface DeviceDescription {
  readonly kind: 'serial' | 'timer';
  /** e.g. "UART0", "PWM timer 0". */
  readonly name: string;
  readonly phys: number;
  readonly size: number;
  readonly irq: number;
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
      { kind: 'timer', name: 'PWM timer 0', phys: 0x51000000, size: 0x1000, irq: 10 },
    ],
  },
  s3c6410: {
    platform: 'S3C6410',
    devices: [
      // UART1's registers share a page with UART0's (UARTn at 0x7f005000 + n·0x400): the page is mapped.
      { kind: 'serial', name: 'UART1', phys: 0x7f005000, size: 0x1000, irq: 38 },
      { kind: 'timer', name: 'PWM timer 0', phys: 0x7f006000, size: 0x1000, irq: 23 },
    ],
  },
} as const satisfies Record<string, DevicecoreDescription>;

const label = (name: string) => IGUANA_IDL.find((op) => op.name === name)!.label;
const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/**
 * devicecore as a hosted thread: for each device, a direct memsection over its registers (through the
 * Iguana server) and the interrupt registered to itself, printing the configuration as it goes. It then
 * takes notifications (acknowledging each) until the server says the system has finished, and releases
 * its interrupts. The drivers leave the devices' own registers as the boot loader left them.
 */
export function devicecore(d: DevicecoreDescription, server: () => number, shutdownLabel: number, onLine?: (line: string) => void) {
  return function* (ctx: HostedContext): Call<void> {
    const print = function* (line: string): Call<void> {
      onLine?.(line);
      yield* putString(`${line}\n`);
    };
    const bsp = ctx.kernel.platform.bsp;
    const registered: number[] = [];
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
      registered.push(dev.irq);
      yield* print(`devicecore: ${dev.kind}: ${dev.name} registers ${hex(dev.phys)} -> memsection ${hex(base)} (uncached); IRQ ${dev.irq} (${bsp.interrupts.name(dev.irq)}) -> notify bit ${bit}, unmasked`);
    }
    yield* print(`devicecore: enabled ${registered.length} of ${d.devices.length} devices (${d.devices.map((x) => x.kind).join(', ')})`);
    ctx.setUtcb(12, 1); // acceptor: notifications
    ctx.setUtcb(16, (1 << d.devices.length) - 1); // notify mask
    for (;;) {
      const m = yield* wait(ctx);
      if (!m.error && m.label === shutdownLabel && m.from === server()) break;
      const bits = m.words[0] ?? 0;
      for (const [bit, dev] of d.devices.entries()) {
        if (bits & (1 << bit) && registered.includes(dev.irq)) {
          yield* syscall(Syscall.InterruptControl, ctx.tid, interruptControlWord(InterruptOp.acknowledge, dev.irq, bit));
        }
      }
    }
    for (const irq of registered) yield* syscall(Syscall.InterruptControl, ctx.tid, interruptControlWord(InterruptOp.unregister, irq));
  };
}
