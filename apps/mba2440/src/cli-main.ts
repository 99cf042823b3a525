import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  ElfError,
  bareMetalExitCode,
  describeBareMetalStop,
  formatBareMetalSummary,
  parseElf,
  runBareMetal,
  type ElfImage,
  type GuestErrorSink,
  type TimingMode,
} from '@l4lab/arm-core';
import { MBA2440, createMba2440 } from './board.js';
import { bootCommand } from './boot-command.js';

export interface CliIo {
  /** Program text, and the guest's console bytes. */
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  /** Next byte of standard input, undefined at its end. Called only when a guest asks for input. */
  stdin?(): number | undefined;
}

const DEFAULT_SECONDS = 10;
const DEFAULT_MAX_CYCLES = DEFAULT_SECONDS * MBA2440.clocks.coreHz;
/** Guest errors printed before the rest are only counted. */
const GUEST_ERRORS_SHOWN = 10;

const HELP = `mba2440 — the MBA2440 board (S3C2440A, ARM920T @ 400 MHz, 64 MB SDRAM) in L4Lab

Usage: mba2440 <command> [options]

Commands:
  run <elf>       run a bare-metal ELF image (linked for SDRAM at 0x30000000, MMU off)
  info            print the board definition
  status          say what this board can run so far
  boot <example>  OKL4 + Iguana running multithread or dining_philosophers (boot --help)
  help            this text

Options for run:
  --timing <mode>     functional (default: 1 cycle per instruction) or cycle (caches, TLBs, bus)
  --max-cycles <n>    stop a guest after n core cycles (default ${DEFAULT_MAX_CYCLES}: ${DEFAULT_SECONDS} simulated seconds)
  --quiet             print only the guest's output (no banner, no summary)

The guest's UART0 and ARM semihosting (SYS_WRITE*, SYS_READ*, SYS_EXIT*) are the terminal; standard input
is read only when the guest asks for it. A guest ends the run by a semihosting exit, or by waiting for an
interrupt with IRQ and FIQ masked (a halt). A watchdog reset reboots the board into the same image.
The summary (stderr) gives instructions, cycles and simulated time.

Exit status: the guest's semihosting exit status; 0 after a halt; 2 bad usage or a bad ELF file;
3 the guest ran past --max-cycles; 4 the guest crashed (an exception without vectors); 70 simulator error.

Options:
  -h, --help      this text
`;

const STATUS = [
  'MBA2440 status:',
  '  board definition ........ ready (ARM920T 400/100/50 MHz, 64 MB at 0x30000000)',
  '  run <elf> (bare metal) .. ready: ARM920T + S3C2440A models, UART0 console, semihosting, watchdog reset',
  '  boot <example> (OKL4) ... ready: OKL4 + Iguana, multithread and dining_philosophers',
  '  linux / lmbench ......... not yet',
];

const usageError = (io: CliIo, message: string) => {
  io.stderr(`mba2440: ${message}\n\n${HELP}`);
  return 2;
};

/** The CLI without process globals, so tests can drive it. Returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  if (argv[0] === 'boot') return bootCommand(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        timing: { type: 'string' },
        'max-cycles': { type: 'string' },
        quiet: { type: 'boolean' },
      },
    });
  } catch (e) {
    return usageError(io, (e as Error).message);
  }
  const [command = 'help', ...rest] = parsed.positionals;
  if (parsed.values.help || command === 'help') {
    io.stdout(HELP);
    return 0;
  }
  switch (command) {
    case 'info':
      io.stdout(`${JSON.stringify(MBA2440, null, 2)}\n`);
      return 0;
    case 'status':
      io.stdout(`${STATUS.join('\n')}\n`);
      return 0;
    case 'run':
      return run(rest, parsed.values, io);
    default:
      return usageError(io, `unknown command '${command}'`);
  }
}

function run(args: readonly string[], values: { timing?: string; 'max-cycles'?: string; quiet?: boolean }, io: CliIo): number {
  if (args.length !== 1) return usageError(io, args.length ? `run takes one ELF file, got ${args.length}` : 'run needs an ELF file');
  const timing = values.timing ?? 'functional';
  if (timing !== 'functional' && timing !== 'cycle') return usageError(io, `--timing must be functional or cycle, not '${timing}'`);
  const maxCycles = values['max-cycles'] === undefined ? DEFAULT_MAX_CYCLES : Number(values['max-cycles']);
  if (!Number.isSafeInteger(maxCycles) || maxCycles <= 0) return usageError(io, `--max-cycles must be a positive whole number, not '${values['max-cycles']}'`);
  const quiet = values.quiet ?? false;

  const [path] = args;
  const image = readImage(path, io);
  if (!image) return 2;
  let lastByte = 0x0a;
  const console = {
    write: (bytes: Uint8Array) => {
      if (bytes.length) lastByte = bytes[bytes.length - 1];
      io.stdout(bytes);
    },
    readByte: io.stdin,
  };
  const board = createMba2440({ timing: timing satisfies TimingMode, console, guestErrors: guestErrorPrinter(io) });
  let summary;
  try {
    summary = runBareMetal(board, image, { io: { stdout: console.write, readByte: io.stdin }, maxCycles, banner: !quiet });
  } catch (e) {
    if (!(e instanceof ElfError)) throw e;
    io.stderr(`mba2440: ${path}: ${e.message}\n`);
    return 2;
  }
  // On a terminal the report follows the guest's last line, even one cut short.
  const newline = lastByte === 0x0a ? '' : '\n';
  if (!quiet) io.stderr(newline + formatBareMetalSummary(summary));
  else if (summary.reason !== 'exit' && summary.reason !== 'halted') io.stderr(`${newline}mba2440: ${describeBareMetalStop(summary)}\n`);
  return bareMetalExitCode(summary);
}

/** The ELF file, parsed; or undefined after saying what is wrong with it. */
function readImage(path: string, io: CliIo): ElfImage | undefined {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    io.stderr(`mba2440: cannot read ${path}: ${(e as Error).message}\n`);
    return undefined;
  }
  try {
    return parseElf(bytes);
  } catch (e) {
    if (!(e instanceof ElfError)) throw e;
    io.stderr(`mba2440: ${path}: ${e.message}\n`);
    return undefined;
  }
}

/** Guest errors on stderr: the first few, then a note that the rest are not shown. */
function guestErrorPrinter(io: CliIo): GuestErrorSink {
  let count = 0;
  return {
    guestError(message) {
      count++;
      if (count <= GUEST_ERRORS_SHOWN) io.stderr(`mba2440: guest error: ${message}\n`);
      if (count === GUEST_ERRORS_SHOWN + 1) io.stderr('mba2440: further guest errors are not shown\n');
    },
  };
}
