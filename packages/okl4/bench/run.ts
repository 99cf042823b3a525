// nx run okl4:bench — IPC round trips, one-way IPC and thread switch in cycle mode, FASS on and off.
// Printed figures, never assertions. Board: MBA2440 (ARM920T, S3C2440A). The SMDK6410 (ARM1176) joins
// when arm-core has that core.
import { readFileSync } from 'node:fs';
// The board wiring (SoC model + BSP) lives with the tests, which may use the SoC packages.
import { bootBoard } from '../test/boards.js';

const elf = new Uint8Array(readFileSync(new URL('../guest/bench/ipcbench/ipcbench.elf', import.meta.url)));

function run(fass: boolean, fastpath: boolean) {
  const board = bootBoard(
    {
      programs: [
        { name: 'bench', elf, priority: 100, threads: [{ name: 'pong', entry: 'pong_main', priority: 100 }, { name: 'yielder', entry: 'yielder_main', priority: 100 }] },
        { name: 'echo', elf, args: ['echo'], priority: 100 },
      ],
    },
    { timing: 'cycle', kernel: { fass, fastpath } },
  );
  const result = board.run(4_000_000_000);
  return { out: board.console(), kernel: board.kernel, result };
}

const figure = (out: string, what: string) => Number(new RegExp(`${what}: (\\d+) cycles`).exec(out)?.[1] ?? NaN);

console.log('OKL4 (L4Lab TypeScript model) on MBA2440 — ARM920T 400 MHz, cycle mode');
for (const [fass, fastpath] of [[true, true], [false, true], [true, false]] as const) {
  const { out, kernel, result } = run(fass, fastpath);
  if (result.reason !== 'halted') console.log(`  (run ended: ${result.reason} ${result.detail ?? ''})`);
  const same0 = figure(out, 'same-space round trip, 0 MRs');
  const other0 = figure(out, 'other-space round trip, 0 MRs');
  console.log(`\nFASS ${fass ? 'on' : 'off'}, fastpath ${fastpath ? 'on' : 'off'}`);
  console.log(`  IPC round trip, same space:      0 MRs ${same0}   4 MRs ${figure(out, 'same-space round trip, 4 MRs')} cycles`);
  console.log(`  IPC round trip, other space:     0 MRs ${other0}   4 MRs ${figure(out, 'other-space round trip, 4 MRs')} cycles`);
  console.log(`  address-space switch (other − same, per one-way): ${((other0 - same0) / 2).toFixed(0)} cycles`);
  console.log(`  thread switch (yield):           ${figure(out, 'thread switch \\(yield\\)')} cycles`);
  const ipc = kernel.entries.get(fastpath ? 'ipc-fastpath' : 'ipc-slowpath');
  if (ipc) console.log(`  one-way IPC, kernel entry to user return (${fastpath ? 'fastpath' : 'slowpath'}, all runs): ${(ipc.cycles / ipc.calls).toFixed(1)} cycles over ${ipc.calls} calls`);
  console.log(`  MMU: ${kernel.mmu.stats.switches} switches, ${kernel.mmu.stats.flushes} full flushes, ${kernel.mmu.stats.domainFaults} domain faults`);
}
