// Boots an Iguana image on a board model (machine, SoC, okl4 with the SoC's BSP) for tests.
import { readFileSync } from 'node:fs';
import { createMachine, type Machine, type TimingMode } from '@l4lab/arm-core';
import { Kernel, type BspFactory } from '@l4lab/okl4';
import { S3C2440, S3C2440Bsp } from '@l4lab/soc-s3c2440';
import { S3C6410, S3C6410Bsp } from '@l4lab/soc-s3c6410';
import { DEVICECORES, bootIguana, type BootedIguana, type IguanaProgramDescription } from '../src/index.js';

export function guestElf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../guest/${path}`, import.meta.url)));
}

export const EXAMPLES = {
  multithread: () => guestElf('examples/multithread/multithread.elf'),
  dining: () => guestElf('examples/dining_philosophers/dining_philosophers.elf'),
  pagefault: () => guestElf('tests/pagefault/pagefault.elf'),
  api: () => guestElf('tests/api/api.elf'),
};

/** multithread as okl4.md §8 describes its image: a second thread with its own command line. */
export function multithreadProgram(): IguanaProgramDescription {
  return { name: 'multithread', elf: EXAMPLES.multithread(), threads: [{ name: 'second_thread', entry: 'main_second_thread', args: ['Hello', 'Second', 'Thread'] }] };
}

export type BoardName = 'mba2440' | 'smdk6410';

export interface IguanaBoard {
  readonly kernel: Kernel;
  readonly iguana: BootedIguana;
  /** Everything on the console: kernel boot log, server and devicecore lines, program output. */
  readonly console: () => string;
  run(maxCycles?: number): ReturnType<Kernel['machine']['run']>;
}

function machineFor(board: BoardName, timing: TimingMode): { machine: Machine; bsp: BspFactory; name: string; ram: { base: number; size: number } } {
  if (board === 'smdk6410') {
    const machine = createMachine({ cpu: 'arm1176jzf-s', timing });
    new S3C6410({ bus: machine.bus, clock: machine.clock, scheduler: machine.scheduler, core: machine.cpu });
    return { machine, bsp: (access) => new S3C6410Bsp(access), name: 'SMDK6410', ram: { base: 0x50000000, size: 128 << 20 } };
  }
  const machine = createMachine({ cpu: 'arm920t', timing });
  new S3C2440({ bus: machine.bus, clock: machine.clock, scheduler: machine.scheduler, core: machine.cpu });
  return { machine, bsp: (access) => new S3C2440Bsp(access), name: 'MBA2440', ram: { base: 0x30000000, size: 64 << 20 } };
}

export function bootIguanaBoard(programs: readonly IguanaProgramDescription[], options: { board?: BoardName; timing?: TimingMode; devicecore?: boolean } = {}): IguanaBoard {
  const board = options.board ?? 'mba2440';
  const { machine, bsp, name, ram } = machineFor(board, options.timing ?? 'functional');
  let out = '';
  const kernel = new Kernel({ machine, bsp, board: name, ram, bootLog: (line) => (out += `${line}\n`) });
  kernel.platform.onConsoleByte = (b) => (out += String.fromCharCode(b));
  kernel.boot();
  const devicecore = options.devicecore === false ? undefined : board === 'smdk6410' ? DEVICECORES.s3c6410 : DEVICECORES.s3c2440;
  const iguana = bootIguana(kernel, { programs, devicecore });
  kernel.start();
  return { kernel, iguana, console: () => out, run: (maxCycles = 1_000_000_000) => machine.run({ maxCycles }) };
}

/** The programs' own lines: after the system's boot lines, without the server's and devicecore's. */
export function programOutput(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('iguana: root task'));
  return lines.slice(start + 1).filter((l) => l !== '' && !l.startsWith('iguana:') && !l.startsWith('devicecore:'));
}
