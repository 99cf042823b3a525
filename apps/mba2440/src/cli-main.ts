import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { RUN_COMMAND_OPTIONS, runCommand, type RunCommandIo } from '@l4lab/arm-core';
import { DEVICECORES, bootCommand, type BootCommandOptions, type ParseBootArguments } from '@l4lab/iguana';
import { S3C2440Bsp } from '@l4lab/soc-s3c2440';
import { MBA2440, createMba2440 } from './board.js';

/** The host without files: the CLI reads them with Node itself. */
export type CliIo = Omit<RunCommandIo, 'readFile'>;

const DEFAULT_SECONDS = 10;
const DEFAULT_MAX_CYCLES = DEFAULT_SECONDS * MBA2440.clocks.coreHz;

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
  --engine <engine>   blocks (default: hot ARM code translated to JavaScript) or interpreter;
                      the results are the same, blocks are faster
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

const readFile = (path: string) => new Uint8Array(readFileSync(path));
const parse: ParseBootArguments = (args, options) => parseArgs({ args: [...args], options, allowPositionals: true });
/** Example ELFs are committed in the iguana package. */
const exampleElf = (path: string) => readFile(join(dirname(createRequire(import.meta.url).resolve('@l4lab/iguana/package.json')), path));

const BOOT: BootCommandOptions = {
  program: 'mba2440',
  definition: MBA2440,
  bsp: (access) => new S3C2440Bsp(access),
  devicecore: DEVICECORES.s3c2440,
  parse,
  createBoard: ({ timing, console }) => createMba2440({ timing, console }),
};

/** The CLI without process globals, so tests can drive it. Returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  if (argv[0] === 'boot') return bootCommand(argv.slice(1), BOOT, { ...io, exampleElf });
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' }, ...RUN_COMMAND_OPTIONS } });
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
      return runCommand(
        { program: 'mba2440', help: HELP, args: rest, values: parsed.values, defaultMaxCycles: DEFAULT_MAX_CYCLES, createBoard: (board) => createMba2440(board) },
        { ...io, readFile },
      );
    default:
      return usageError(io, `unknown command '${command}'`);
  }
}
