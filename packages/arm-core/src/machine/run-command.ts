// A board CLI's `run <elf>`, without a host: the app injects its streams, files and board.
import type { GuestErrorSink } from '../bus/device.js';
import { ElfError } from '../elf/error.js';
import { parseElf } from '../elf/parse.js';
import type { ElfImage } from '../elf/types.js';
import { bareMetalExitCode, describeBareMetalStop, formatBareMetalSummary, runBareMetal, type BareMetalBoard } from './bare-metal.js';
import type { Engine, TimingMode } from './create-machine.js';

/** The host as `run` sees it. */
export interface RunCommandIo {
  /** Program text, and the guest's console bytes. */
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  /** Next byte of standard input, undefined at its end. Called only when a guest asks for input. */
  stdin?(): number | undefined;
  /** A file's bytes; throws an Error that says why it cannot be read. */
  readFile(path: string): Uint8Array;
}

/** `run`'s options as node:util parseArgs describes them: plain data, so any host's parser can take them. */
export const RUN_COMMAND_OPTIONS = {
  timing: { type: 'string' },
  engine: { type: 'string' },
  'max-cycles': { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

export interface RunCommandValues {
  readonly timing?: string;
  readonly engine?: string;
  readonly 'max-cycles'?: string;
  readonly quiet?: boolean;
}

/** The host end of the board's console UART. */
export interface RunCommandConsole {
  write(bytes: Uint8Array): void;
  readByte?(): number | undefined;
}

export interface RunCommandOptions {
  /** The CLI's name, the prefix of its messages, e.g. "mba2440". */
  readonly program: string;
  /** The CLI's help, printed after a usage error. */
  readonly help: string;
  /** Positional arguments after `run`: one ELF file. */
  readonly args: readonly string[];
  readonly values: RunCommandValues;
  /** Cycle limit without --max-cycles. */
  readonly defaultMaxCycles: number;
  /** Board-specific checks once the common options are valid, before the image is read: an exit code ends the command. */
  check?(): number | undefined;
  /** A fresh board with its console UART on `console`. */
  createBoard(options: { readonly timing: TimingMode; readonly engine: Engine; readonly console: RunCommandConsole; readonly guestErrors: GuestErrorSink }): BareMetalBoard;
}

/** Guest errors printed before the rest are only counted. */
const GUEST_ERRORS_SHOWN = 10;

/**
 * `run <elf>`: checks the options, reads and parses the ELF, runs it on a fresh board (runBareMetal) with
 * the console and semihosting on `io`, reports on stderr and returns the exit code: bareMetalExitCode's,
 * or 2 for bad usage or a bad ELF.
 */
export function runCommand(options: RunCommandOptions, io: RunCommandIo): number {
  const { program, args, values } = options;
  const usageError = (message: string) => {
    io.stderr(`${program}: ${message}\n\n${options.help}`);
    return 2;
  };
  if (args.length !== 1) return usageError(args.length ? `run takes one ELF file, got ${args.length}` : 'run needs an ELF file');
  const timing = values.timing ?? 'functional';
  if (timing !== 'functional' && timing !== 'cycle') return usageError(`--timing must be functional or cycle, not '${timing}'`);
  const engine = values.engine ?? 'blocks';
  if (engine !== 'blocks' && engine !== 'interpreter') return usageError(`--engine must be blocks or interpreter, not '${engine}'`);
  const maxCycles = values['max-cycles'] === undefined ? options.defaultMaxCycles : Number(values['max-cycles']);
  if (!Number.isSafeInteger(maxCycles) || maxCycles <= 0) return usageError(`--max-cycles must be a positive whole number, not '${values['max-cycles']}'`);
  const quiet = values.quiet ?? false;
  const refused = options.check?.();
  if (refused !== undefined) return refused;

  const [path] = args;
  const image = readImage(program, path, io);
  if (!image) return 2;
  let lastByte = 0x0a;
  const console = {
    write: (bytes: Uint8Array) => {
      if (bytes.length) lastByte = bytes[bytes.length - 1];
      io.stdout(bytes);
    },
    readByte: io.stdin,
  };
  const board = options.createBoard({ timing, engine, console, guestErrors: guestErrorPrinter(program, io) });
  let summary;
  try {
    summary = runBareMetal(board, image, { io: { stdout: console.write, readByte: io.stdin }, maxCycles, banner: !quiet });
  } catch (e) {
    if (!(e instanceof ElfError)) throw e;
    io.stderr(`${program}: ${path}: ${e.message}\n`);
    return 2;
  }
  // On a terminal the report follows the guest's last line, even one cut short.
  const newline = lastByte === 0x0a ? '' : '\n';
  if (!quiet) io.stderr(newline + formatBareMetalSummary(summary));
  else if (summary.reason !== 'exit' && summary.reason !== 'halted') io.stderr(`${newline}${program}: ${describeBareMetalStop(summary)}\n`);
  return bareMetalExitCode(summary);
}

/** The ELF file, parsed; or undefined after saying what is wrong with it. */
function readImage(program: string, path: string, io: RunCommandIo): ElfImage | undefined {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (e) {
    io.stderr(`${program}: cannot read ${path}: ${(e as Error).message}\n`);
    return undefined;
  }
  try {
    return parseElf(bytes);
  } catch (e) {
    if (!(e instanceof ElfError)) throw e;
    io.stderr(`${program}: ${path}: ${e.message}\n`);
    return undefined;
  }
}

/** Guest errors on stderr: the first few, then a note that the rest are not shown. */
export function guestErrorPrinter(program: string, io: Pick<RunCommandIo, 'stderr'>): GuestErrorSink {
  let count = 0;
  return {
    guestError(message) {
      count++;
      if (count <= GUEST_ERRORS_SHOWN) io.stderr(`${program}: guest error: ${message}\n`);
      if (count === GUEST_ERRORS_SHOWN + 1) io.stderr(`${program}: further guest errors are not shown\n`);
    },
  };
}

/** A synchronous source of input, e.g. a file descriptor. */
export interface InputChunks {
  /** Fills `buffer` from its start and returns the byte count, 0 at the end of input; may throw. */
  read(buffer: Uint8Array): number;
  /** Whether an error from `read` means only that nothing is ready yet (ask again after `pause`); other errors end the input. */
  notReady?(error: unknown): boolean;
  /** Waits a little before `read` is asked again. */
  pause?(): void;
}

/**
 * Standard input one byte at a time, read only when asked for: the simulation is synchronous, and a guest
 * that never reads input never makes the host wait on its terminal.
 */
export function byteReader(source: InputChunks, bufferBytes = 4096): () => number | undefined {
  const buffer = new Uint8Array(bufferBytes);
  let start = 0;
  let end = 0;
  let done = false;
  return () => {
    while (start === end && !done) {
      try {
        end = source.read(buffer);
        start = 0;
        done = end === 0;
      } catch (e) {
        if (source.notReady?.(e)) source.pause?.();
        else done = true;
      }
    }
    return start < end ? buffer[start++] : undefined;
  };
}
