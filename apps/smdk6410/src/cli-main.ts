import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { RUN_COMMAND_OPTIONS, runCommand, type RunCommandIo } from '@l4lab/arm-core';
import { DEVICECORES, bootCommand, type BootCommandOptions, type ParseBootArguments } from '@l4lab/iguana';
import { S3C6410Bsp } from '@l4lab/soc-s3c6410';
import { AVAILABLE_CORES, CoreUnavailableError, SMDK6410, createSmdk6410, isAvailableCore } from './board.js';

/** The host without files: the CLI reads them with Node itself. */
export type CliIo = Omit<RunCommandIo, 'readFile'>;

const DEFAULT_SECONDS = 10;
const DEFAULT_MAX_CYCLES = DEFAULT_SECONDS * SMDK6410.clocks.coreHz;

const HELP = `smdk6410 — the SMDK6410 board (S3C6410, ARM1176JZF-S @ 532 MHz, 128 MB SDRAM) in L4Lab

Usage: smdk6410 <command> [options]

Commands:
  run <elf>       run a bare-metal ELF image (linked for SDRAM at 0x50000000, MMU off)
  info            print the board definition
  status          say what this board can run so far
  boot <example>  OKL4 + Iguana running multithread or dining_philosophers (boot --help)
  help            this text

Options for run:
  --core <core>       the core (default ${SMDK6410.cpu}, the board's own; available: ${AVAILABLE_CORES.join(', ')}).
                      --core arm920t runs the S3C6410 devices on the ARMv4T ARM920T as a stand-in, with a
                      warning: its instruction set, CP15, MMU and timing are not an SMDK6410's.
  --timing <mode>     functional (default: 1 cycle per instruction) or cycle (caches, TLBs, bus)
  --engine <engine>   blocks (default: hot ARM code translated to JavaScript) or interpreter;
                      the results are the same, blocks are faster
  --max-cycles <n>    stop a guest after n core cycles (default ${DEFAULT_MAX_CYCLES}: ${DEFAULT_SECONDS} simulated seconds)
  --quiet             print only the guest's output (no banner, no summary)

The guest's UART0 and ARM semihosting (SYS_WRITE*, SYS_READ*, SYS_EXIT*) are the terminal; standard input
is read only when the guest asks for it. A guest ends the run by a semihosting exit, or by waiting for an
interrupt with IRQ and FIQ masked (a halt). A watchdog reset reboots the board into the same image.
The summary (stderr) gives instructions, cycles and simulated time.

Exit status: the guest's semihosting exit status; 0 after a halt; 2 bad usage, a bad ELF file or a core
that is not available; 3 the guest ran past --max-cycles; 4 the guest crashed (an exception without
vectors); 70 simulator error.

Options:
  -h, --help      this text
`;

const STATUS = [
  'SMDK6410 status:',
  '  board definition ........ ready (ARM1176JZF-S 532/133/66.5 MHz, 128 MB at 0x50000000)',
  '  run <elf> (bare metal) .. ready: ARM1176JZF-S + S3C6410 models, UART0 console, semihosting, watchdog reset',
  '                            (--core arm920t: the ARM920T as a stand-in core, with a warning)',
  '  boot <example> (OKL4) ... ready: OKL4 + Iguana, multithread and dining_philosophers (ARM1176JZF-S)',
  '  linux / lmbench ......... not yet',
];

const usageError = (io: CliIo, message: string) => {
  io.stderr(`smdk6410: ${message}\n\n${HELP}`);
  return 2;
};

const readFile = (path: string) => new Uint8Array(readFileSync(path));
const parse: ParseBootArguments = (args, options) => parseArgs({ args: [...args], options, allowPositionals: true });
/** Example ELFs are committed in the iguana package. */
const exampleElf = (path: string) => readFile(join(dirname(createRequire(import.meta.url).resolve('@l4lab/iguana/package.json')), path));

const BOOT: BootCommandOptions = {
  program: 'smdk6410',
  definition: SMDK6410,
  bsp: (access) => new S3C6410Bsp(access),
  devicecore: DEVICECORES.s3c6410,
  parse,
  // The board's own core, the ARM1176JZF-S: okl4 uses its ARMv6 address spaces (ASIDs).
  createBoard: ({ timing, console }) => createSmdk6410({ core: SMDK6410.cpu, timing, console }),
};

/** The CLI without process globals, so tests can drive it. Returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  if (argv[0] === 'boot') return bootCommand(argv.slice(1), BOOT, { ...io, exampleElf });
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' }, core: { type: 'string' }, ...RUN_COMMAND_OPTIONS } });
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
      io.stdout(`${JSON.stringify(SMDK6410, null, 2)}\n`);
      return 0;
    case 'status':
      io.stdout(`${STATUS.join('\n')}\n`);
      return 0;
    case 'run': {
      const core = parsed.values.core ?? SMDK6410.cpu;
      return runCommand(
        {
          program: 'smdk6410',
          help: HELP,
          args: rest,
          values: parsed.values,
          defaultMaxCycles: DEFAULT_MAX_CYCLES,
          check: () => checkCore(core, io),
          createBoard: (board) => createSmdk6410({ ...board, core }),
        },
        { ...io, readFile },
      );
    }
    default:
      return usageError(io, `unknown command '${command}'`);
  }
}

/** Refuses a core arm-core does not have (exit code 2), and warns about a stand-in. */
function checkCore(core: string, io: CliIo): number | undefined {
  if (!isAvailableCore(core)) {
    io.stderr(`smdk6410: cannot run: ${new CoreUnavailableError(core).message}\n`);
    return 2;
  }
  if (core !== SMDK6410.cpu) {
    io.stderr(
      `smdk6410: warning: the S3C6410 devices run with the ${core} core standing in for the ARM1176JZF-S: ` +
        'instruction set, CP15, MMU and timing are not an SMDK6410\'s\n',
    );
  }
  return undefined;
}
