import type { RamRegion } from '../bus/physical-bus.js';
import type { Cpu, ExceptionEvent } from '../cpu/cpu.js';
import { VECTOR_OFFSET, type ExceptionKind } from '../cpu/fault.js';
import { ElfError, hex } from '../elf/error.js';
import { loadElf } from '../elf/load.js';
import { parseElf } from '../elf/parse.js';
import type { ElfImage, ElfSegment } from '../elf/types.js';
import type { Machine, MachineConfiguration } from './create-machine.js';
import type { StopReason } from './run-loop.js';
import { Semihosting, type SemihostingExit } from './semihosting.js';

/**
 * A board as the bare-metal runner sees it: a machine with RAM and devices, a boot banner, and a reset
 * path. The board calls `resetRequested` when its hardware resets the chip (a watchdog timeout); the
 * runner stops the machine, calls `reset`, prints the banner again and re-enters the image, as a boot
 * loader would after a reset.
 */
export interface BareMetalBoard {
  /** The board's name, e.g. "MBA2440". */
  readonly name: string;
  readonly machine: Machine;
  /** RAM that images may be loaded into (default: every RAM region on the machine's bus). */
  readonly ram?: readonly RamRegion[];
  /** Board facts recorded in the result's configuration (SoC, clocks, RAM size, …). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Console text printed at every boot, e.g. one banner line ending in "\n". */
  banner(): string;
  /** Core and devices as the boot loader leaves them after a reset for `cause`; RAM keeps its contents. */
  reset(cause: string): void;
  /** Set by the runner while it runs; the board calls it when its hardware resets the chip. */
  resetRequested: ((cause: string) => void) | undefined;
}

/** Host side of a run: console bytes out, input bytes in (asked for only when the guest reads input). */
export interface BareMetalIo {
  stdout(bytes: Uint8Array): void;
  /** Semihosting writes to stderr (default: stdout). */
  stderr?(bytes: Uint8Array): void;
  /** Next input byte, or undefined at the end of input. */
  readByte?(): number | undefined;
}

export interface BareMetalOptions {
  readonly io: BareMetalIo;
  /** Core cycles the whole run may take, resets included (default: 10 simulated seconds at the core clock when the run starts). */
  readonly maxCycles?: number;
  /** Instructions the whole run may execute (default: no limit). */
  readonly maxInstructions?: number;
  /** Print the board banner at each boot (default true). */
  readonly banner?: boolean;
  /** What SYS_GET_CMDLINE returns. */
  readonly commandLine?: string;
  /** Stack reserved at the top of RAM in the SYS_HEAPINFO answer (default 1 MB). */
  readonly stackBytes?: number;
}

export type BareMetalStopReason =
  /** The guest exited through semihosting (SYS_EXIT / SYS_EXIT_EXTENDED); `exitStatus` holds its status. */
  | 'exit'
  /** The guest waits for an interrupt that cannot come (IRQ and FIQ masked, or nothing scheduled). */
  | 'halted'
  /** The cycle budget ran out: a runaway guest. */
  | 'cycle-limit'
  /** The instruction budget ran out. */
  | 'instruction-limit'
  /** The guest took an exception it has no vector for (fetching the vector aborted): it cannot go on. */
  | 'crashed'
  /** Something other than the guest stopped the machine. */
  | 'stopped'
  /** The simulator failed; `detail` says how. */
  | 'error';

export interface BareMetalConfiguration extends MachineConfiguration {
  readonly board: string;
  /** Core clock when the run started (after the boot loader's clock set-up). */
  readonly coreHz: number;
  readonly maxCycles: number;
  readonly maxInstructions?: number;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface BareMetalSummary {
  readonly instructions: number;
  readonly cycles: number;
  /** Simulated time of the run (never host time). */
  readonly simulatedNanoseconds: number;
  readonly reason: BareMetalStopReason;
  /** For 'exit': the status the guest passed. */
  readonly exitStatus?: number;
  /** Why the machine stopped, in words (semihosting call, halt condition, error message). */
  readonly detail?: string;
  /** Board resets (watchdog) during the run. */
  readonly resets: number;
  readonly configuration: BareMetalConfiguration;
}

export interface LoadedBareMetalImage {
  /** e_entry: bit 0 set starts in Thumb state. */
  readonly entry: number;
  /** The RAM region the image ends in: heap and stack come from it. */
  readonly ram: RamRegion;
  /** SYS_HEAPINFO: heap base and limit, stack base (highest address) and limit. */
  readonly heapInfo: readonly [number, number, number, number];
}

const DEFAULT_STACK_BYTES = 1 << 20;
const DEFAULT_SIMULATED_SECONDS = 10;

function describeSegment(s: ElfSegment): string {
  const flags = `${s.readable ? 'R' : ''}${s.writable ? 'W' : ''}${s.executable ? 'X' : ''}` || 'no access';
  return `program header ${s.index} (PT_LOAD ${flags}, ${hex(s.memSize)} bytes at physical ${hex(s.paddr)}..${hex(s.paddr + s.memSize - 1)})`;
}

function describeRam(ram: readonly RamRegion[]): string {
  if (ram.length === 0) return 'no RAM is mapped';
  return ram.map((r) => `${hex(r.base)}..${hex(r.base + r.size - 1)}`).join(', ');
}

/**
 * Loads an MMU-off image into RAM at its physical addresses. Every segment must lie inside one RAM
 * region and the entry point inside a loaded segment, or an ElfError names the segment and the RAM.
 * Heap info for C libraries (newlib's rdimon): the heap from the end of the image to the stack, the
 * stack (`stackBytes`) at the top of the RAM region the image ends in.
 */
export function loadBareMetalImage(
  machine: Machine,
  image: ElfImage,
  options: { readonly ram?: readonly RamRegion[]; readonly boardName?: string; readonly stackBytes?: number } = {},
): LoadedBareMetalImage {
  const ram = options.ram ?? machine.bus.ram;
  const where = options.boardName ? `${options.boardName}'s RAM` : 'RAM';
  let last: { region: RamRegion; end: number } | undefined;
  for (const s of image.segments) {
    const region = ram.find((r) => s.paddr >= r.base && s.paddr < r.base + r.size);
    if (!region || s.paddr + s.memSize > region.base + region.size) {
      throw new ElfError(`${describeSegment(s)} does not fit in ${where} (${describeRam(ram)})`);
    }
    const end = s.paddr + s.memSize;
    if (!last || end > last.end) last = { region, end };
  }
  const entryAddress = image.entryAddress;
  if (!image.segments.some((s) => entryAddress >= s.paddr && entryAddress < s.paddr + s.memSize)) {
    throw new ElfError(
      `entry point ${hex(image.entry)} is not inside any segment's load (physical) addresses: images run with the MMU off, ` +
        'so load and link addresses must agree',
    );
  }
  loadElf(image, (address, bytes) => machine.bus.writeBytes(address, bytes));
  const region = last!.region;
  const top = region.base + region.size;
  const stackBytes = Math.min(options.stackBytes ?? DEFAULT_STACK_BYTES, region.size);
  const stackLimit = top - stackBytes;
  const heapBase = Math.min((last!.end + 7) & ~7, stackLimit) >>> 0;
  return { entry: image.entry, ram: region, heapInfo: [heapBase, stackLimit >>> 0, top >>> 0, stackLimit >>> 0] };
}

/**
 * Runs a bare-metal ELF on a board: loads it (checking it fits in RAM), connects semihosting to `io`,
 * prints the banner, enters the image as a boot loader's `go` does (core as after reset — SVC mode, IRQ
 * and FIQ masked, MMU off — with SP at the top of RAM) and runs until the guest exits through semihosting,
 * halts, or a limit is reached. A board reset (watchdog) resets core and devices, prints the banner again
 * and re-enters the image; RAM keeps the image, so its .data is not reloaded. Throws ElfError for bad
 * images; guest misbehaviour never throws (it ends the run with a reason).
 */
export function runBareMetal(board: BareMetalBoard, elf: Uint8Array | ElfImage, options: BareMetalOptions): BareMetalSummary {
  const image = elf instanceof Uint8Array ? parseElf(elf) : elf;
  const { machine, name } = board;
  const { cpu, clock } = machine;
  const loaded = loadBareMetalImage(machine, image, { ram: board.ram, boardName: name, stackBytes: options.stackBytes });
  const { io } = options;
  const encoder = new TextEncoder();

  const startInstructions = cpu.instructions;
  const startCycles = clock.cycles;
  const startNanoseconds = clock.nanoseconds();
  const coreHz = clock.coreHz;
  const maxCycles = options.maxCycles ?? Math.round(DEFAULT_SIMULATED_SECONDS * coreHz);
  const maxInstructions = options.maxInstructions ?? Number.POSITIVE_INFINITY;
  if (!(maxCycles > 0)) throw new RangeError(`runBareMetal: maxCycles must be positive, got ${maxCycles}`);
  if (!(maxInstructions > 0)) throw new RangeError(`runBareMetal: maxInstructions must be positive, got ${maxInstructions}`);

  let exit: SemihostingExit | undefined;
  let pendingReset: string | undefined;
  new Semihosting(
    cpu,
    {
      stdout: (bytes) => io.stdout(bytes),
      stderr: (bytes) => (io.stderr ?? io.stdout)(bytes),
      readByte: () => io.readByte?.(),
      commandLine: options.commandLine,
      heapInfo: loaded.heapInfo,
    },
    (e) => {
      exit = e;
      machine.requestStop(`semihosting ${e.reason}`, e.status);
    },
  );
  const previousResetHandler = board.resetRequested;
  board.resetRequested = (cause) => {
    pendingReset ??= cause;
    machine.requestStop(`board reset (${cause})`);
  };

  const crash = watchForCrashes(cpu, (detail) => machine.requestStop(detail));

  const boot = () => {
    if (options.banner ?? true) io.stdout(encoder.encode(board.banner()));
    cpu.setReg(13, loaded.heapInfo[2]);
    cpu.branchExchange(loaded.entry);
  };

  let resets = 0;
  const summary = (reason: BareMetalStopReason, extra: { exitStatus?: number; detail?: string } = {}): BareMetalSummary => ({
    instructions: cpu.instructions - startInstructions,
    cycles: clock.cycles - startCycles,
    simulatedNanoseconds: clock.nanoseconds() - startNanoseconds,
    reason,
    ...extra,
    resets,
    configuration: {
      ...machine.configuration,
      board: name,
      coreHz,
      maxCycles,
      ...(Number.isFinite(maxInstructions) ? { maxInstructions } : {}),
      ...(board.details ? { details: board.details } : {}),
    },
  });

  try {
    boot();
    for (;;) {
      const result = machine.run({
        maxCycles: maxCycles - (clock.cycles - startCycles),
        maxInstructions: maxInstructions - (cpu.instructions - startInstructions),
      });
      if (exit) return summary('exit', { exitStatus: exit.status, detail: exit.reason });
      if (crash.detail !== undefined) return summary('crashed', { detail: crash.detail });
      if (result.reason === 'stopped' && pendingReset !== undefined) {
        const cause = pendingReset;
        pendingReset = undefined;
        resets++;
        try {
          board.reset(cause);
        } catch (e) {
          return summary('error', { detail: `board reset (${cause}) failed: ${e instanceof Error ? e.message : String(e)}` });
        }
        boot();
        continue;
      }
      return summary(result.reason satisfies StopReason, result.detail === undefined ? {} : { detail: result.detail });
    }
  } finally {
    cpu.hookException('swi', undefined);
    crash.remove();
    board.resetRequested = previousResetHandler;
  }
}

const VECTOR_NAMES: readonly string[] = ['reset', 'undefined instruction', 'SWI', 'prefetch abort', 'data abort', 'reserved', 'IRQ', 'FIQ'];
const OBSERVED: readonly ExceptionKind[] = ['undefined', 'prefetch-abort', 'data-abort', 'irq', 'fiq'];
const PREFETCH_ABORT_VECTOR = VECTOR_OFFSET['prefetch-abort'] / 4;

/**
 * Stops the run when the guest takes an exception it has no vector for. Without vectors an exception
 * jumps to an address where nothing can be fetched; the prefetch abort that follows aborts on its own
 * vector too, and the core would loop there until the cycle limit. The hooks only observe (they run
 * after the architectural entry and change nothing); SWI stays with semihosting.
 */
function watchForCrashes(cpu: Cpu, stop: (detail: string) => void): { readonly detail: string | undefined; remove(): void } {
  let detail: string | undefined;
  // The last exception that did not come from fetching a vector, and the one whose vector failed.
  let origin: { kind: ExceptionKind; address: number } | undefined;
  let undelivered: { name: string; address: number | undefined; vector: number; why: string } | undefined;
  const observe = (c: Cpu, event: ExceptionEvent) => {
    const offset = (event.address - c.vectorBase) >>> 0;
    const index = event.kind === 'prefetch-abort' && offset < 0x20 && offset % 4 === 0 ? offset / 4 : -1;
    if (index < 0) {
      origin = { kind: event.kind, address: event.address };
      undelivered = undefined;
      return;
    }
    if (!undelivered) {
      const address =
        origin && VECTOR_OFFSET[origin.kind] === index * 4 ? origin.address : index === VECTOR_OFFSET.swi / 4 ? (c.getReg(14, 'svc') - 4) >>> 0 : undefined;
      undelivered = { name: VECTOR_NAMES[index], address, vector: event.address, why: event.fault ? `: ${event.fault.description}` : '' };
    }
    if (index === PREFETCH_ABORT_VECTOR && detail === undefined) {
      const { name, address, vector, why } = undelivered;
      detail =
        `the guest took ${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name} exception${address === undefined ? '' : ` at ${hex(address)}`} ` +
        `but has no exception vectors (the vector at ${hex(vector)} cannot be fetched${why})`;
      stop(detail);
    }
  };
  for (const kind of OBSERVED) cpu.hookException(kind, observe);
  return {
    get detail() {
      return detail;
    },
    remove: () => OBSERVED.forEach((kind) => cpu.hookException(kind, undefined)),
  };
}

// ---- reporting -----------------------------------------------------------------------------------

/**
 * Exit code for a CLI: an exit's status as a process reports it (8 bits; a non-zero status never turns
 * into 0), 0 for a halt, 3 past a limit (runaway), 4 for a crash (an exception without vectors), 70 for a
 * simulator failure or another stop.
 */
export function bareMetalExitCode(summary: BareMetalSummary): number {
  switch (summary.reason) {
    case 'exit': {
      const status = summary.exitStatus ?? 0;
      return (status & 0xff) === 0 && status !== 0 ? 1 : status & 0xff;
    }
    case 'halted':
      return 0;
    case 'cycle-limit':
    case 'instruction-limit':
      return 3;
    case 'crashed':
      return 4;
    default:
      return 70;
  }
}

/** Simulated time for people: "812 ns", "2.046 ms", "10.000 s". */
export function formatSimulatedTime(nanoseconds: number): string {
  if (nanoseconds < 1e3) return `${Math.round(nanoseconds)} ns`;
  if (nanoseconds < 1e6) return `${(nanoseconds / 1e3).toFixed(3)} µs`;
  if (nanoseconds < 1e9) return `${(nanoseconds / 1e6).toFixed(3)} ms`;
  return `${(nanoseconds / 1e9).toFixed(3)} s`;
}

function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Why the run ended, in one line. */
export function describeBareMetalStop(summary: BareMetalSummary): string {
  const s = summary;
  const c = s.configuration;
  switch (s.reason) {
    case 'exit':
      return `guest exited with status ${s.exitStatus} (semihosting ${s.detail ?? 'exit'})`;
    case 'halted':
      return `guest halted: ${s.detail ?? 'waiting for an interrupt that cannot come'}`;
    case 'cycle-limit':
      return (
        `guest ran past the limit of ${grouped(c.maxCycles)} cycles (${formatSimulatedTime((c.maxCycles * 1e9) / c.coreHz)} ` +
        `at ${+(c.coreHz / 1e6).toFixed(3)} MHz) and was stopped as a runaway`
      );
    case 'instruction-limit':
      return `guest ran past the limit of ${grouped(c.maxInstructions ?? s.instructions)} instructions and was stopped as a runaway`;
    case 'crashed':
      return `guest crashed: ${s.detail ?? 'an exception without a vector'}`;
    case 'stopped':
      return `run stopped: ${s.detail ?? 'by request'}`;
    case 'error':
      return `simulator error: ${s.detail ?? 'unknown'}`;
  }
}

/** The end-of-run report: why it stopped; instructions, cycles, simulated time, MIPS of simulated time, timing, resets. */
export function formatBareMetalSummary(summary: BareMetalSummary): string {
  const s = summary;
  const micros = s.simulatedNanoseconds / 1e3;
  const mips = micros > 0 ? (s.instructions / micros).toFixed(1) : '-';
  const resets = s.resets ? `, ${s.resets} board reset${s.resets === 1 ? '' : 's'}` : '';
  return (
    `${s.configuration.board}: ${describeBareMetalStop(s)}\n` +
    `${s.configuration.board}: ${grouped(s.instructions)} instructions, ${grouped(s.cycles)} cycles, ` +
    `${formatSimulatedTime(s.simulatedNanoseconds)} simulated time (${mips} MIPS in simulated time), ${s.configuration.timing} timing${resets}\n`
  );
}
