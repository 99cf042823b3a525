// `smdk6410 boot <example> [args]`: okl4 + Iguana on the SMDK6410 running one of the examples.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TimingMode } from '@l4lab/arm-core';
import { DEVICECORES, IGUANA_EXAMPLES, IguanaImageError, exampleProgram, runIguanaSystem, runSummary } from '@l4lab/iguana';
import { S3C6410Bsp } from '@l4lab/soc-s3c6410';
import { SMDK6410, createSmdk6410 } from './board.js';

export interface BootIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const BOOT_HELP = `Usage: smdk6410 boot <example> [args...] [--timing cycle|functional] [--max-cycles N]

Boots OKL4 and the Iguana server (with the S3C6410 devicecore) and runs an example program on the
emulated console, then prints a summary. Examples:
${Object.values(IGUANA_EXAMPLES).map((e) => `  ${e.usage.padEnd(46)} ${e.description}`).join('\n')}
Arguments after the example go to its main (use -- before arguments that start with '-').
`;

/** Reads a committed example ELF from the iguana package. */
function exampleElf(path: string): Uint8Array {
  const dir = dirname(createRequire(import.meta.url).resolve('@l4lab/iguana/package.json'));
  return new Uint8Array(readFileSync(join(dir, path)));
}

export function bootCommand(argv: readonly string[], io: BootIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { timing: { type: 'string', default: 'cycle' }, 'max-cycles': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.stderr(`smdk6410 boot: ${(e as Error).message}\n\n${BOOT_HELP}`);
    return 2;
  }
  const [example, ...args] = parsed.positionals;
  if (parsed.values.help) {
    io.stdout(BOOT_HELP);
    return 0;
  }
  const definition = example === undefined ? undefined : IGUANA_EXAMPLES[example];
  if (!example || !definition) {
    io.stderr(`smdk6410 boot: ${example ? `unknown example '${example}'` : 'which example?'} (known: ${Object.keys(IGUANA_EXAMPLES).join(', ')})\n\n${BOOT_HELP}`);
    return 2;
  }
  const timing = parsed.values.timing;
  if (timing !== 'cycle' && timing !== 'functional') {
    io.stderr(`smdk6410 boot: --timing must be cycle or functional, got '${timing}'\n`);
    return 2;
  }
  const maxCycles = parsed.values['max-cycles'] === undefined ? undefined : Number(parsed.values['max-cycles']);
  if (maxCycles !== undefined && !(Number.isInteger(maxCycles) && maxCycles > 0)) {
    io.stderr(`smdk6410 boot: --max-cycles must be a positive integer, got '${parsed.values['max-cycles']}'\n`);
    return 2;
  }
  // The console is UART0: the kernel's banner, BSP lines, the servers' lines and the program's output.
  // The board's own core, the ARM1176JZF-S: okl4 uses its ARMv6 address spaces (ASIDs).
  const board = createSmdk6410({
    core: SMDK6410.cpu,
    timing: timing as TimingMode,
    console: { write: (bytes) => io.stdout(String.fromCharCode(...bytes.filter((b) => b !== 13))) },
  });
  io.stdout(board.banner());
  try {
    const run = runIguanaSystem({
      machine: board.machine,
      bsp: (access) => new S3C6410Bsp(access),
      board: SMDK6410.name,
      ram: SMDK6410.ram,
      devicecore: DEVICECORES.s3c6410,
      programs: [exampleProgram(example, exampleElf(definition.elf), args)],
      maxCycles,
      coreHz: SMDK6410.clocks.coreHz,
    });
    io.stdout(`${runSummary(run, SMDK6410.clocks.coreHz, timing).join('\n')}\n`);
    return run.finished ? 0 : 1;
  } catch (e) {
    if (e instanceof IguanaImageError) {
      io.stderr(`smdk6410 boot: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
