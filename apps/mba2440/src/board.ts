import { GuestErrorLog, blocksFor, createMachine, type Engine, type BareMetalBoard, type GuestErrorSink, type TimingMode } from '@l4lab/arm-core';
import { S3C2440, type S3C2440ClockRates } from '@l4lab/soc-s3c2440';

/** The MBA2440 board: Samsung S3C2440A with an ARM920T, 64 MB SDRAM (reference/hardware.md §1). */
export const MBA2440 = {
  name: 'MBA2440',
  soc: 'S3C2440A',
  cpu: 'arm920t',
  clocks: { crystalHz: 12_000_000, coreHz: 400_000_000, busHz: 100_000_000, peripheralHz: 50_000_000 },
  ram: { base: 0x30000000, size: 64 * 1024 * 1024 },
} as const;

/** The host end of UART0. */
export interface BoardConsole {
  /** Bytes UART0 transmitted. */
  write(bytes: Uint8Array): void;
  /** Next host input byte for UART0's receiver, undefined at the end; asked only while the guest waits to receive. */
  readByte?(): number | undefined;
}

export interface Mba2440Options {
  readonly timing?: TimingMode;
  /** 'interpreter' turns translated blocks off (same results, slower); default 'blocks'. */
  readonly engine?: Engine;
  /** UART0: transmitted bytes out, host input in. */
  readonly console: BoardConsole;
  /** Guest errors (unmodelled registers, refused bits); default: collected silently. */
  readonly guestErrors?: GuestErrorSink;
}

export interface Mba2440Board extends BareMetalBoard {
  readonly soc: S3C2440;
}

const mhz = (hz: number) => `${+(hz / 1e6).toFixed(3)} MHz`;

/**
 * The MBA2440 wired for bare-metal runs: ARM920T machine, S3C2440A in the state its boot loader leaves
 * (400/100/50 MHz, UART0 115200 8N1, watchdog off), 64 MB SDRAM at 0x30000000, the memory system's
 * core:bus ratio following the clock controller, UART0 on `console`, and the watchdog's chip reset
 * handed to whoever runs the board (`resetRequested`).
 */
export function createMba2440(options: Mba2440Options): Mba2440Board {
  const errors = options.guestErrors ?? new GuestErrorLog('silent');
  const machine = createMachine({ blocks: blocksFor(options.engine), cpu: MBA2440.cpu, timing: options.timing, coreHz: MBA2440.clocks.coreHz, guestErrors: errors });
  const soc = new S3C2440({
    bus: machine.bus,
    clock: machine.clock,
    scheduler: machine.scheduler,
    errors,
    core: machine.cpu,
    fin: MBA2440.clocks.crystalHz,
    sdramBytes: MBA2440.ram.size,
    start: 'boot-loader',
    uartTransmit: [(byte) => options.console.write(Uint8Array.of(byte))],
  });
  const followBusRatio = (r: S3C2440ClockRates) => {
    machine.memory.coreCyclesPerBusCycle = Math.max(1, Math.round(r.core / r.hclk));
  };
  soc.clocks.onChange(followBusRatio);
  followBusRatio(soc.clocks.rates);
  checkClocks(soc.clocks.rates);
  if (soc.sdram.base !== MBA2440.ram.base) throw new Error(`MBA2440: SDRAM mapped at 0x${soc.sdram.base.toString(16)}, expected 0x30000000`);
  if (options.console.readByte) soc.uarts[0].connectInput(options.console.readByte);

  const board: Mba2440Board = {
    name: MBA2440.name,
    machine,
    soc,
    ram: [soc.sdram],
    details: { soc: MBA2440.soc, clocks: MBA2440.clocks, ram: MBA2440.ram },
    banner() {
      const r = soc.clocks.rates;
      return `${MBA2440.name}: ${MBA2440.soc}, ARM920T ${mhz(r.core)} (bus ${mhz(r.hclk)}, peripherals ${mhz(r.pclk)}), ${soc.sdram.size >> 20} MB SDRAM\n`;
    },
    reset(cause) {
      machine.cpu.reset();
      soc.reset(cause === 'watchdog' ? 'watchdog' : 'power-on');
    },
    resetRequested: undefined,
  };
  soc.resetRequested = () => board.resetRequested?.('watchdog');
  return board;
}

/** The boot loader's clocks must be the board definition's. */
function checkClocks(r: S3C2440ClockRates): void {
  const c = MBA2440.clocks;
  if (r.core !== c.coreHz || r.hclk !== c.busHz || r.pclk !== c.peripheralHz) {
    throw new Error(`MBA2440: boot-loader clocks ${mhz(r.core)}/${mhz(r.hclk)}/${mhz(r.pclk)} differ from the board's ${mhz(c.coreHz)}/${mhz(c.busHz)}/${mhz(c.peripheralHz)}`);
  }
}

