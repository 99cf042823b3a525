import {
  GuestErrorLog,
  type Clock,
  type CoreInterruptInputs,
  type EventScheduler,
  type GuestErrorSink,
  type PhysicalBus,
  type RamRegion,
} from '@l4lab/arm-core';
import { PwmTimers, S3C6410_PWM, S3C6410_UART, S3C6410_WATCHDOG, Uart, Watchdog } from '@l4lab/soc-s3c2440';
import { S3C6410Gpio } from './gpio.js';
import { S3C6410_DEFAULT_SDRAM_BYTES, S3C6410_IRQ, S3C6410_MAP, S3C6410_UARTS, S3C6410_UART_STRIDE } from './map.js';
import { S3C6410Syscon } from './syscon.js';
import { Pl192Vic } from './vic.js';

export interface S3C6410Options {
  readonly bus: PhysicalBus;
  readonly clock: Clock;
  readonly scheduler: EventScheduler;
  /** Guest-error policy (default: collect and warn silently). */
  readonly errors?: GuestErrorSink;
  /** SDRAM size in bytes at 0x50000000 (default 128 MB; a multiple of 1 MB). */
  readonly sdramBytes?: number;
  /** Crystal (default 12 MHz). */
  readonly fin?: number;
  /** IRQ/FIQ inputs of the core (or call `connectCore` later). */
  readonly core?: CoreInterruptInputs;
  /** Transmit sinks of UART0..3. */
  readonly uartTransmit?: readonly ((byte: number) => void)[];
  /**
   * State after reset: `boot-loader` (default) programs what U-Boot leaves on an SMDK6410 (ARMCLK 532,
   * HCLK 133, PCLK 66.5 MHz in synchronous mode, UART0 115200 8N1, watchdog off) through the bus; `reset`
   * keeps the chip's reset values (everything from the 12 MHz crystal, watchdog running).
   */
  readonly start?: 'boot-loader' | 'reset';
}

/** Window each block answers in. */
const WINDOW = 0x1000;

/**
 * The S3C6410: VIC0/VIC1 (VIC1 daisy-chained into VIC0), SYSCON, PWM timers, UART0–3, watchdog, GPIO and
 * SDRAM, mapped at the documented addresses; the shared Samsung blocks are the S3C2440 models in their
 * 6410 variants.
 */
export class S3C6410 {
  readonly errors: GuestErrorSink;
  readonly vic0: Pl192Vic;
  readonly vic1: Pl192Vic;
  readonly syscon: S3C6410Syscon;
  readonly pwm: PwmTimers;
  readonly uarts: readonly Uart[];
  readonly watchdog: Watchdog;
  readonly gpio: S3C6410Gpio;
  readonly sdram: RamRegion;
  /** Called when the watchdog or SW_RST resets the chip; the board resets the core and calls `reset(cause)`. */
  resetRequested: ((cause: 'watchdog' | 'software') => void) | undefined;
  private readonly start: 'boot-loader' | 'reset';

  constructor(private readonly o: S3C6410Options) {
    const errors = (this.errors = o.errors ?? new GuestErrorLog('warn'));
    const { clock, scheduler, bus } = o;
    this.start = o.start ?? 'boot-loader';
    this.vic0 = new Pl192Vic('VIC0', errors);
    this.vic1 = new Pl192Vic('VIC1', errors);
    this.vic0.chain(this.vic1);
    const line = (irq: number) => (irq < 32 ? this.vic0.line(irq) : this.vic1.line(irq - 32));
    this.syscon = new S3C6410Syscon({ clock, errors, fin: o.fin, resetRequested: () => this.resetRequested?.('software') });
    const pclk = this.syscon;
    const I = S3C6410_IRQ;
    this.pwm = new PwmTimers({ variant: S3C6410_PWM, clock, scheduler, pclk, errors, irqs: [I.TIMER0, I.TIMER1, I.TIMER2, I.TIMER3, I.TIMER4].map(line) });
    this.uarts = Array.from(
      { length: S3C6410_UARTS },
      (_, n) => new Uart({ variant: S3C6410_UART, index: n, clock, scheduler, pclk, errors, irq: line(I.UART0 + n), transmit: o.uartTransmit?.[n] }),
    );
    this.watchdog = new Watchdog({
      variant: S3C6410_WATCHDOG, clock, scheduler, pclk, errors, irq: line(I.WDT),
      resetRequested: () => this.resetRequested?.('watchdog'),
    });
    this.gpio = new S3C6410Gpio({ errors, eint: [I.EINT0_3, I.EINT4_11, I.EINT12_19, I.EINT20_27].map(line) });

    const M = S3C6410_MAP;
    bus.mapDevice(M.VIC0, WINDOW, this.vic0, 'VIC0');
    bus.mapDevice(M.VIC1, WINDOW, this.vic1, 'VIC1');
    bus.mapDevice(M.WATCHDOG, WINDOW, this.watchdog, 'watchdog');
    bus.mapDevice(M.SYSCON, WINDOW, this.syscon, 'SYSCON');
    this.uarts.forEach((u, n) => bus.mapDevice(M.UART0 + n * S3C6410_UART_STRIDE, S3C6410_UART_STRIDE, u, u.name));
    bus.mapDevice(M.PWM, WINDOW, this.pwm, 'PWM timers');
    bus.mapDevice(M.GPIO, WINDOW, this.gpio, 'GPIO');
    this.sdram = bus.mapRam(M.SDRAM, o.sdramBytes ?? S3C6410_DEFAULT_SDRAM_BYTES);

    if (o.core) this.connectCore(o.core);
    if (this.start === 'boot-loader') this.runBootLoader();
  }

  connectCore(core: CoreInterruptInputs): void {
    this.vic0.connect(core);
  }

  /** Chip reset (RAM keeps its contents); then the boot-loader state if configured. */
  reset(cause: 'power-on' | 'watchdog' | 'software' = 'power-on'): void {
    this.syscon.reset(cause);
    this.vic1.reset();
    this.vic0.reset();
    this.pwm.reset();
    for (const u of this.uarts) u.reset();
    this.watchdog.reset();
    this.gpio.reset();
    if (this.start === 'boot-loader') this.runBootLoader();
  }

  /** What U-Boot on the SMDK6410 leaves behind, written through the bus [est: values of its start code]. */
  private runBootLoader(): void {
    const w = (pa: number, v: number) => this.o.bus.write32(pa, v);
    const M = S3C6410_MAP, S = M.SYSCON;
    w(M.WATCHDOG, 0);
    w(M.VIC0 + 0x14, 0xffffffff); // INTENCLEAR
    w(M.VIC1 + 0x14, 0xffffffff);
    for (const off of [0x00, 0x04, 0x08]) w(S + off, 0xffff); // PLL lock times
    w(S + 0x900, this.o.bus.read32(S + 0x900) | 0xc0); // OTHERS: synchronous mode, HCLKX2 from the APLL
    w(S + 0x20, 0x3310); // CLK_DIV0: ARM /1, HCLKX2 /2, HCLK /2, PCLK /4, MPLL /2
    w(S + 0x0c, 0x810a0301); // APLL 532 MHz
    w(S + 0x10, 0x810a0301); // MPLL 532 MHz
    w(S + 0x18, 0); // EPLL_CON1: KDIV 0
    w(S + 0x14, 0x80200203); // EPLL 24 MHz
    w(S + 0x1c, 0x7); // CLK_SRC: APLL, MPLL, EPLL outputs
    w(M.GPIO + 0x00, 0x2222); // GPACON: UART0/1 pins [est]
    const u = M.UART0;
    w(u + 0x08, 0); // UFCON
    w(u + 0x0c, 0); // UMCON
    w(u + 0x00, 0x3); // ULCON: 8N1
    w(u + 0x04, 0x245); // UCON
    w(u + 0x38, 0xf); // UINTM: all masked
    w(u + 0x28, 35); // UBRDIV: 66.5 MHz / (16 · 115200) = 36.08
    w(u + 0x2c, 0x0080); // UDIVSLOT: one extra slot
  }
}
