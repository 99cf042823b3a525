import { parseArgs } from 'node:util';
import { MBA2440 } from './board.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const HELP = `mba2440 — the MBA2440 board (S3C2440A, ARM920T @ 400 MHz, 64 MB SDRAM) in L4Lab

Usage: mba2440 <command> [options]

Commands:
  info            print the board definition
  status          say what this board can run so far
  help            this text

Options:
  -h, --help      this text
`;

const STATUS = [
  'MBA2440 status:',
  '  board definition ........ ready (ARM920T 400/100/50 MHz, 64 MB at 0x30000000)',
  '  run <elf> (bare metal) .. not yet: needs the ARM920T core and the S3C2440A models (issues 3, 5)',
  '  boot <example> (OKL4) ... not yet: needs the okl4 and iguana packages (issues 7, 8)',
  '  linux / lmbench ......... not yet',
];

/** The CLI without process globals, so tests can drive it. Returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.stderr(`mba2440: ${(e as Error).message}\n${HELP}`);
    return 2;
  }
  const [command = 'help'] = parsed.positionals;
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
    default:
      io.stderr(`mba2440: unknown command '${command}'\n\n${HELP}`);
      return 2;
  }
}
