import { advanceCycles, type Machine, type RunResult } from '@l4lab/arm-core';
import { Kernel, type BspFactory } from '@l4lab/okl4';
import type { DevicecoreDescription } from './devicecore/devicecore.js';
import { bootIguana, type BootedIguana, type IguanaProgramDescription } from './image.js';

/** The example programs of reference/okl4.md §8 and how their images describe them. */
export interface ExampleDefinition {
  readonly description: string;
  /** The committed ELF, relative to this package's directory. */
  readonly elf: string;
  readonly threads?: IguanaProgramDescription['threads'];
  /** main's arguments when none are given. */
  readonly defaultArgs: readonly string[];
  readonly usage: string;
}

export const IGUANA_EXAMPLES: Readonly<Record<string, ExampleDefinition>> = {
  multithread: {
    description: 'main prods a second thread, which prints its own command line (the paper\'s Figure 2)',
    elf: 'guest/examples/multithread/multithread.elf',
    threads: [{ name: 'second_thread', entry: 'main_second_thread', args: ['Hello', 'Second', 'Thread'] }],
    defaultArgs: [],
    usage: 'multithread',
  },
  dining_philosophers: {
    description: 'N philosophers share N chopsticks (kernel mutexes) and each eats once',
    elf: 'guest/examples/dining_philosophers/dining_philosophers.elf',
    defaultArgs: ['1', '5'],
    usage: 'dining_philosophers [test# [N (2..64) [server]]]',
  },
};

/** The image's program for an example: its ELF bytes, and `args` (or the example's defaults). */
export function exampleProgram(name: string, elf: Uint8Array, args?: readonly string[]): IguanaProgramDescription {
  const ex = IGUANA_EXAMPLES[name];
  if (!ex) throw new Error(`unknown example '${name}' (known: ${Object.keys(IGUANA_EXAMPLES).join(', ')})`);
  return { name, elf, args: args && args.length ? args : ex.defaultArgs, threads: ex.threads };
}

export interface IguanaSystemOptions {
  readonly machine: Machine;
  readonly bsp: BspFactory;
  /** Board name for the kernel banner. */
  readonly board: string;
  readonly ram: { readonly base: number; readonly size: number };
  readonly devicecore?: DevicecoreDescription;
  readonly programs: readonly IguanaProgramDescription[];
  /** Stop after this many cycles if the system has not finished (default 4e9). */
  readonly maxCycles?: number;
  /** Core clock, for draining the console after the run. */
  readonly coreHz: number;
}

export interface IguanaRun {
  readonly kernel: Kernel;
  readonly iguana: BootedIguana;
  readonly result: RunResult;
  /** True when every program ended and the kernel halted with nothing left to run. */
  readonly finished: boolean;
  /** Clock cycles when the run ended (before the console drained). */
  readonly cycles: number;
}

/** Virtual time given to the UART after the run so its FIFO empties (64 characters at 115200 baud < 6 ms). */
const DRAIN_SECONDS = 0.01;

/** okl4 + Iguana on a wired board: boot the kernel (banner and BSP lines on the console), the image, run to the end. */
export function runIguanaSystem(o: IguanaSystemOptions): IguanaRun {
  const kernel = new Kernel({ machine: o.machine, bsp: o.bsp, board: o.board, ram: o.ram });
  kernel.boot();
  const iguana = bootIguana(kernel, { programs: o.programs, devicecore: o.devicecore });
  kernel.start();
  const result = o.machine.run({ maxCycles: o.maxCycles ?? 4_000_000_000 });
  const finished = result.reason === 'halted' && kernel.threads.size === 0;
  const cycles = o.machine.clock.cycles;
  advanceCycles(o.machine.scheduler, Math.round(o.coreHz * DRAIN_SECONDS));
  return { kernel, iguana, result, finished, cycles };
}

/** The summary lines a board's `boot` command prints after the run. */
export function runSummary(run: IguanaRun, coreHz: number, timing: string): string[] {
  const { kernel, result } = run;
  const s = kernel.stats;
  const cycles = run.cycles;
  return [
    `summary: ${run.finished ? 'all programs finished, the kernel halted' : `stopped (${result.reason}${result.detail ? `: ${result.detail}` : ''}) before the programs finished`}`,
    `  instructions ${kernel.machine.cpu.instructions} executed by the core (kernel and server paths are charged as cycles)`,
    `  cycles ${cycles}, simulated time ${((cycles / coreHz) * 1e3).toFixed(3)} ms at ${coreHz / 1e6} MHz, timing mode ${timing}`,
    `  kernel: system calls ${s.syscalls}, IPCs ${s.fastpathIpcs + s.slowpathIpcs} (fastpath ${s.fastpathIpcs}), thread switches ${s.switches}, page faults ${s.pageFaults}, interrupts ${s.interrupts}`,
  ];
}
