import { GuestErrorLog, blocksFor, createMachine, type Engine, type BareMetalBoard, type CoreName, type GuestErrorSink, type TimingMode } from '@l4lab/arm-core';
import { S3C6410, type S3C6410ClockRates } from '@l4lab/soc-s3c6410';

/** The SMDK6410 board: Samsung S3C6410 with an ARM1176JZF-S, 128 MB SDRAM (reference/hardware.md §2). */
export const SMDK6410 = {
  name: 'SMDK6410',
  soc: 'S3C6410',
  cpu: 'arm1176jzf-s',
  clocks: { crystalHz: 12_000_000, coreHz: 532_000_000, busHz: 133_000_000, peripheralHz: 66_500_000 },
  ram: { base: 0x50000000, size: 128 * 1024 * 1024 },
} as const;

/**
 * Cores the board can be built with: its own ARM1176JZF-S (the default), and the ARM920T as a stand-in
 * (ARMv4T; its CP15, MMU and timing are not an SMDK6410's), used explicitly only. Before arm-core had the
 * ARM1176 this list held the ARM920T alone and `run` refused to start without an explicit stand-in.
 */
export const AVAILABLE_CORES: readonly CoreName[] = ['arm920t', 'arm1176jzf-s'];

/** Display names of cores. */
const CORE_NAMES: Record<string, string> = { arm920t: 'ARM920T', 'arm1176jzf-s': 'ARM1176JZF-S' };

/** Asked for a core that arm-core does not have. */
export class CoreUnavailableError extends Error {
  override readonly name = 'CoreUnavailableError';
  constructor(readonly core: string) {
    super(`core '${core}' is not available for the SMDK6410 (available: ${AVAILABLE_CORES.join(', ')})`);
  }
}

export function isAvailableCore(core: string): core is CoreName {
  return (AVAILABLE_CORES as readonly string[]).includes(core);
}

/** The host end of UART0. */
export interface BoardConsole {
  /** Bytes UART0 transmitted. */
  write(bytes: Uint8Array): void;
  /** Next host input byte for UART0's receiver, undefined at the end; asked only while the guest waits to receive. */
  readByte?(): number | undefined;
}

export interface Smdk6410Options {
  /** Core to build the board with (default the board's own, the ARM1176JZF-S; see AVAILABLE_CORES). */
  readonly core?: string;
  readonly timing?: TimingMode;
  /** 'interpreter' turns translated blocks off (same results, slower); default 'blocks'. */
  readonly engine?: Engine;
  /** UART0: transmitted bytes out, host input in. */
  readonly console: BoardConsole;
  /** Guest errors (unmodelled registers, refused bits); default: collected silently. */
  readonly guestErrors?: GuestErrorSink;
}

export interface Smdk6410Board extends BareMetalBoard {
  readonly soc: S3C6410;
  /** The core the board was built with, and whether it stands in for the ARM1176JZF-S. */
  readonly core: CoreName;
  readonly standInCore: boolean;
}

const mhz = (hz: number) => `${+(hz / 1e6).toFixed(3)} MHz`;

/**
 * The SMDK6410 wired for bare-metal runs: the ARM1176JZF-S (or a stand-in core) and the S3C6410 in the state its boot loader leaves (532/133/66.5
 * MHz, UART0 115200 8N1, watchdog off), 128 MB SDRAM at 0x50000000, the memory system's core:bus ratio
 * following SYSCON, UART0 on `console`, and the watchdog's chip reset handed to whoever runs the board.
 * Throws CoreUnavailableError for a core not in AVAILABLE_CORES.
 */
export function createSmdk6410(options: Smdk6410Options): Smdk6410Board {
  const core = options.core ?? SMDK6410.cpu;
  if (!isAvailableCore(core)) throw new CoreUnavailableError(core);
  const errors = options.guestErrors ?? new GuestErrorLog('silent');
  const machine = createMachine({ blocks: blocksFor(options.engine), cpu: core, timing: options.timing, coreHz: SMDK6410.clocks.coreHz, guestErrors: errors });
  const soc = new S3C6410({
    bus: machine.bus,
    clock: machine.clock,
    scheduler: machine.scheduler,
    errors,
    core: machine.cpu,
    fin: SMDK6410.clocks.crystalHz,
    sdramBytes: SMDK6410.ram.size,
    start: 'boot-loader',
    uartTransmit: [(byte) => options.console.write(Uint8Array.of(byte))],
  });
  const followBusRatio = (r: S3C6410ClockRates) => {
    machine.memory.coreCyclesPerBusCycle = Math.max(1, Math.round(r.core / r.hclk));
  };
  soc.syscon.onChange(followBusRatio);
  followBusRatio(soc.syscon.rates);
  checkClocks(soc.syscon.rates);
  if (soc.sdram.base !== SMDK6410.ram.base) throw new Error(`SMDK6410: SDRAM mapped at 0x${soc.sdram.base.toString(16)}, expected 0x50000000`);
  if (options.console.readByte) soc.uarts[0].connectInput(options.console.readByte);

  const standInCore = core !== SMDK6410.cpu;
  const coreName = `${CORE_NAMES[core] ?? core}${standInCore ? ` [stand-in for the ${CORE_NAMES[SMDK6410.cpu]}]` : ''}`;
  const board: Smdk6410Board = {
    name: SMDK6410.name,
    machine,
    soc,
    core,
    standInCore,
    ram: [soc.sdram],
    details: { soc: SMDK6410.soc, core, standInCore, clocks: SMDK6410.clocks, ram: SMDK6410.ram },
    banner() {
      const r = soc.syscon.rates;
      return `${SMDK6410.name}: ${SMDK6410.soc}, ${coreName} ${mhz(r.core)} (bus ${mhz(r.hclk)}, peripherals ${mhz(r.pclk)}), ${soc.sdram.size >> 20} MB SDRAM\n`;
    },
    reset(cause) {
      machine.cpu.reset();
      soc.reset(cause === 'watchdog' || cause === 'software' ? cause : 'power-on');
    },
    resetRequested: undefined,
  };
  soc.resetRequested = (cause) => board.resetRequested?.(cause);
  return board;
}

/** The boot loader's clocks must be the board definition's. */
function checkClocks(r: S3C6410ClockRates): void {
  const c = SMDK6410.clocks;
  if (r.core !== c.coreHz || r.hclk !== c.busHz || r.pclk !== c.peripheralHz) {
    throw new Error(`SMDK6410: boot-loader clocks ${mhz(r.core)}/${mhz(r.hclk)}/${mhz(r.pclk)} differ from the board's ${mhz(c.coreHz)}/${mhz(c.busHz)}/${mhz(c.peripheralHz)}`);
  }
}

