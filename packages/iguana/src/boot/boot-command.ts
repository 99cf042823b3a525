// A board CLI's `boot <example> [args]`: okl4 + Iguana on the board running one of the examples. The app
// injects its streams, argument parser, the example files and the board.
import type { BareMetalBoard, TimingMode } from '@l4lab/arm-core';
import type { BspFactory } from '@l4lab/okl4';
import type { DevicecoreDescription } from '../devicecore/devicecore.js';
import { IguanaImageError } from '../image.js';
import { IGUANA_EXAMPLES, exampleProgram, runIguanaSystem, runSummary } from '../system.js';

export interface BootCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A committed example ELF by its path in this package (ExampleDefinition.elf): the host knows where the package lies. */
  exampleElf(path: string): Uint8Array;
}

/** `boot`'s options as node:util parseArgs describes them: plain data, so any host's parser can take them. */
export const BOOT_COMMAND_OPTIONS = {
  timing: { type: 'string', default: 'cycle' },
  'max-cycles': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The host's parser (node:util parseArgs with positionals allowed); throws an Error that says what is wrong. */
export type ParseBootArguments = (
  args: readonly string[],
  options: typeof BOOT_COMMAND_OPTIONS,
) => { readonly values: { readonly timing?: string; readonly 'max-cycles'?: string; readonly help?: boolean }; readonly positionals: readonly string[] };

export interface BootCommandOptions {
  /** The CLI's name, the prefix of its messages, e.g. "mba2440". */
  readonly program: string;
  /** The board definition: its name (kernel banner), SoC (help), RAM and core clock. */
  readonly definition: {
    readonly name: string;
    readonly soc: string;
    readonly ram: { readonly base: number; readonly size: number };
    readonly clocks: { readonly coreHz: number };
  };
  readonly bsp: BspFactory;
  readonly devicecore: DevicecoreDescription;
  readonly parse: ParseBootArguments;
  /** A fresh board with its console UART on `console`. */
  createBoard(options: { readonly timing: TimingMode; readonly console: { write(bytes: Uint8Array): void } }): Pick<BareMetalBoard, 'machine' | 'banner'>;
}

/** `<program> boot --help`. */
export function bootHelp(program: string, soc: string): string {
  return `Usage: ${program} boot <example> [args...] [--timing cycle|functional] [--max-cycles N]

Boots OKL4 and the Iguana server (with the ${soc} devicecore) and runs an example program on the
emulated console, then prints a summary. Examples:
${Object.values(IGUANA_EXAMPLES).map((e) => `  ${e.usage.padEnd(46)} ${e.description}`).join('\n')}
Arguments after the example go to its main (use -- before arguments that start with '-').
`;
}

/**
 * `boot <example> [args]`: builds the example's image, boots it on a fresh board, prints the boot log and
 * the example's output (the console) and a summary; returns 0 when every program finished, 1 when not or
 * when the image cannot be built, 2 for bad usage.
 */
export function bootCommand(argv: readonly string[], options: BootCommandOptions, io: BootCommandIo): number {
  const { program, definition } = options;
  const help = bootHelp(program, definition.soc);
  let parsed;
  try {
    parsed = options.parse(argv, BOOT_COMMAND_OPTIONS);
  } catch (e) {
    io.stderr(`${program} boot: ${(e as Error).message}\n\n${help}`);
    return 2;
  }
  const [example, ...args] = parsed.positionals;
  if (parsed.values.help) {
    io.stdout(help);
    return 0;
  }
  const known = example === undefined ? undefined : IGUANA_EXAMPLES[example];
  if (!example || !known) {
    io.stderr(`${program} boot: ${example ? `unknown example '${example}'` : 'which example?'} (known: ${Object.keys(IGUANA_EXAMPLES).join(', ')})\n\n${help}`);
    return 2;
  }
  const timing = parsed.values.timing;
  if (timing !== 'cycle' && timing !== 'functional') {
    io.stderr(`${program} boot: --timing must be cycle or functional, got '${timing}'\n`);
    return 2;
  }
  const maxCycles = parsed.values['max-cycles'] === undefined ? undefined : Number(parsed.values['max-cycles']);
  if (maxCycles !== undefined && !(Number.isInteger(maxCycles) && maxCycles > 0)) {
    io.stderr(`${program} boot: --max-cycles must be a positive integer, got '${parsed.values['max-cycles']}'\n`);
    return 2;
  }
  // The console is UART0: the kernel's banner, BSP lines, the servers' lines and the program's output.
  const board = options.createBoard({
    timing,
    console: { write: (bytes) => io.stdout(String.fromCharCode(...bytes.filter((b) => b !== 13))) },
  });
  io.stdout(board.banner());
  const coreHz = definition.clocks.coreHz;
  try {
    const run = runIguanaSystem({
      machine: board.machine,
      bsp: options.bsp,
      board: definition.name,
      ram: definition.ram,
      devicecore: options.devicecore,
      programs: [exampleProgram(example, io.exampleElf(known.elf), args)],
      maxCycles,
      coreHz,
    });
    io.stdout(`${runSummary(run, coreHz, timing).join('\n')}\n`);
    return run.finished ? 0 : 1;
  } catch (e) {
    if (e instanceof IguanaImageError) {
      io.stderr(`${program} boot: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
