import { parseArgs } from 'node:util';
import { SMDK6410 } from './board.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const HELP = `smdk6410 — the SMDK6410 board (S3C6410, ARM1176JZF-S @ 532 MHz, 128 MB SDRAM) in L4Lab

Usage: smdk6410 <command> [options]

Commands:
  info            print the board definition
  status          say what this board can run so far
  help            this text

Options:
  -h, --help      this text
`;

const STATUS = [
  'SMDK6410 status:',
  '  board definition ........ ready (ARM1176JZF-S 532/133/66.5 MHz, 128 MB at 0x50000000)',
  '  run <elf> (bare metal) .. not yet: needs the ARM1176JZF-S core and the S3C6410 models (issues 4, 5)',
  '  boot <example> (OKL4) ... not yet: needs the okl4 and iguana packages (issues 7, 8)',
  '  linux / lmbench ......... not yet',
];

/** The CLI without process globals, so tests can drive it. Returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.stderr(`smdk6410: ${(e as Error).message}\n${HELP}`);
    return 2;
  }
  const [command = 'help'] = parsed.positionals;
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
    default:
      io.stderr(`smdk6410: unknown command '${command}'\n\n${HELP}`);
      return 2;
  }
}
