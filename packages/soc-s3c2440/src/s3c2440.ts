import {
  GuestErrorLog,
  type Clock,
  type CoreInterruptInputs,
  type EventScheduler,
  type GuestErrorSink,
  type PhysicalBus,
  type RamRegion,
  type RegisterBlock,
} from '@l4lab/arm-core';
import { S3C2440ClockPower } from './clock-power.js';
import { S3C2440Gpio } from './gpio.js';
import { S3C2440InterruptController, S3C2440_IRQ, S3C2440_SUBIRQ } from './interrupt-controller.js';
import { S3C2440_DEFAULT_SDRAM_BYTES, S3C2440_MAP, S3C2440_WINDOW } from './map.js';
import { s3c2440MemoryController } from './memory-controller.js';
import { PwmTimers, S3C2440_PWM } from './pwm.js';
import { S3C2440_UART, Uart } from './uart.js';
import { S3C2440_WATCHDOG, Watchdog } from './watchdog.js';

export interface S3C2440Options {
  readonly bus: PhysicalBus;
  readonly clock: Clock;
  readonly scheduler: EventScheduler;
  /** Guest-error policy (default: collect and warn silently). */
  readonly errors?: GuestErrorSink;
  /** SDRAM size in bytes at 0x30000000 (default 64 MB; a multiple of 1 MB). */
  readonly sdramBytes?: number;
  /** Crystal (default 12 MHz). */
  readonly fin?: number;
  /** IRQ/FIQ inputs of the core (or call `connectCore` later). */
  readonly core?: CoreInterruptInputs;
  /** Transmit sinks of UART0..2. */
  readonly uartTransmit?: readonly ((byte: number) => void)[];
  /**
   * State after reset: `boot-loader` (default) programs what U-Boot leaves on an MBA2440 (400/100/50 MHz,
   * UART0 115200 8N1, watchdog off, SDRAM timings), through the bus; `reset` keeps the chip's reset values
   * (12 MHz from the crystal, watchdog running).
   */
  readonly start?: 'boot-loader' | 'reset';
}

/**
 * The S3C2440A: creates the peripheral models, maps them and SDRAM on the bus at the documented addresses
 * and wires their interrupts to the controller and the controller to the core.
 */
export class S3C2440 {
  readonly errors: GuestErrorSink;
  readonly interrupts: S3C2440InterruptController;
  readonly clocks: S3C2440ClockPower;
  readonly pwm: PwmTimers;
  readonly uarts: readonly Uart[];
  readonly watchdog: Watchdog;
  readonly gpio: S3C2440Gpio;
  readonly memoryController: RegisterBlock;
  readonly sdram: RamRegion;
  /** Called when the watchdog resets the chip; the board resets the core and calls `reset('watchdog')`. */
  resetRequested: (() => void) | undefined;
  private readonly start: 'boot-loader' | 'reset';

  constructor(private readonly o: S3C2440Options) {
    const errors = (this.errors = o.errors ?? new GuestErrorLog('warn'));
    const { clock, scheduler, bus } = o;
    this.start = o.start ?? 'boot-loader';
    this.interrupts = new S3C2440InterruptController(errors);
    const ic = this.interrupts;
    this.clocks = new S3C2440ClockPower({ clock, errors, fin: o.fin });
    const pclk = this.clocks;
    this.pwm = new PwmTimers({
      variant: S3C2440_PWM, clock, scheduler, pclk, errors,
      irqs: [0, 1, 2, 3, 4].map((n) => ic.line(S3C2440_IRQ.TIMER0 + n)),
    });
    this.uarts = [0, 1, 2].map(
      (n) =>
        new Uart({
          variant: S3C2440_UART, index: n, clock, scheduler, pclk, errors,
          irq: { rx: ic.subLine(3 * n), tx: ic.subLine(3 * n + 1), err: ic.subLine(3 * n + 2) },
          transmit: o.uartTransmit?.[n],
        }),
    );
    this.watchdog = new Watchdog({
      variant: S3C2440_WATCHDOG, clock, scheduler, pclk, errors,
      irq: ic.subLine(S3C2440_SUBIRQ.WDT),
      resetRequested: () => this.resetRequested?.(),
    });
    this.gpio = new S3C2440Gpio({ errors, eint: [0, 1, 2, 3, 4, 5].map((n) => ic.line(n)) });
    this.memoryController = s3c2440MemoryController(errors);

    const M = S3C2440_MAP, W = S3C2440_WINDOW.block;
    bus.mapDevice(M.MEMCTL, W, this.memoryController, 'memory controller');
    bus.mapDevice(M.INTC, W, this.interrupts, 'interrupt controller');
    bus.mapDevice(M.CLKPWR, W, this.clocks, 'clock/power');
    this.uarts.forEach((u, n) => bus.mapDevice(M.UART0 + n * S3C2440_WINDOW.uart, S3C2440_WINDOW.uart, u, u.name));
    bus.mapDevice(M.PWM, W, this.pwm, 'PWM timers');
    bus.mapDevice(M.WATCHDOG, W, this.watchdog, 'watchdog');
    bus.mapDevice(M.GPIO, W, this.gpio, 'GPIO');
    this.sdram = bus.mapRam(M.SDRAM, o.sdramBytes ?? S3C2440_DEFAULT_SDRAM_BYTES);

    if (o.core) this.connectCore(o.core);
    if (this.start === 'boot-loader') this.runBootLoader();
  }

  connectCore(core: CoreInterruptInputs): void {
    this.interrupts.connect(core);
  }

  /** Chip reset (RAM keeps its contents); then the boot-loader state if configured. */
  reset(cause: 'power-on' | 'watchdog' = 'power-on'): void {
    this.interrupts.reset();
    this.clocks.reset();
    this.pwm.reset();
    for (const u of this.uarts) u.reset();
    this.watchdog.reset();
    this.gpio.reset(cause);
    this.memoryController.reset();
    if (this.start === 'boot-loader') this.runBootLoader();
  }

  /** What U-Boot on the MBA2440 leaves behind, written through the bus as its start code does. */
  private runBootLoader(): void {
    const w = (pa: number, v: number) => this.o.bus.write32(pa, v);
    const M = S3C2440_MAP;
    w(M.WATCHDOG + 0x00, 0); // watchdog off
    w(M.INTC + 0x08, 0xffffffff); // INTMSK
    w(M.INTC + 0x1c, 0x7fff); // INTSUBMSK
    w(M.CLKPWR + 0x00, 0x00ffffff); // LOCKTIME
    w(M.CLKPWR + 0x14, 0x5); // CLKDIVN: HCLK = FCLK/4, PCLK = HCLK/2
    w(M.CLKPWR + 0x08, 0x00038022); // UPLLCON: 48 MHz
    w(M.CLKPWR + 0x04, 0x0005c011); // MPLLCON: 400 MHz
    // SDRAM bank 6/7 set-up [est: typical SMDK2440 values].
    w(M.MEMCTL + 0x00, 0x22011110);
    w(M.MEMCTL + 0x1c, 0x00018005);
    w(M.MEMCTL + 0x20, 0x00018005);
    w(M.MEMCTL + 0x24, 0x008c04f4);
    w(M.MEMCTL + 0x28, 0x000000b1);
    w(M.MEMCTL + 0x2c, 0x30);
    w(M.MEMCTL + 0x30, 0x30);
    w(M.GPIO + 0x70, 0x002afaaa); // GPHCON: UART0/1 pins [est]
    w(M.UART0 + 0x08, 0x0); // UFCON
    w(M.UART0 + 0x0c, 0x0); // UMCON
    w(M.UART0 + 0x00, 0x3); // ULCON: 8N1
    w(M.UART0 + 0x04, 0x245); // UCON: IRQ/poll modes, RX error IRQ, TX level
    w(M.UART0 + 0x28, Math.round(this.clocks.pclk / (115200 * 16)) - 1); // UBRDIV
  }
}
