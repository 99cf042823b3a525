// nx run okl4:bench — IPC round trips (same and other space), address-space switch cost and thread switch
// in cycle mode on both boards: MBA2440 (ARM920T, FASS on and off) and SMDK6410 (ARM1176JZF-S, ASIDs).
// Printed figures, never assertions.
import { readFileSync } from 'node:fs';
// The board wiring (SoC model + BSP) lives with the tests, which may use the SoC packages.
import { BOARD_FACTS, bootBoard, type BoardName } from '../test/boards.js';

const elf = new Uint8Array(readFileSync(new URL('../guest/bench/ipcbench/ipcbench.elf', import.meta.url)));

function run(board: BoardName, fass: boolean, fastpath: boolean) {
  const b = bootBoard(
    {
      programs: [
        { name: 'bench', elf, priority: 100, threads: [{ name: 'pong', entry: 'pong_main', priority: 100 }, { name: 'yielder', entry: 'yielder_main', priority: 100 }] },
        { name: 'echo', elf, args: ['echo'], priority: 100 },
      ],
    },
    { board, timing: 'cycle', kernel: { fass, fastpath } },
  );
  const result = b.run(4_000_000_000);
  return { out: b.console(), kernel: b.kernel, result };
}

const figure = (out: string, what: string) => Number(new RegExp(`${what}: (\\d+) cycles`).exec(out)?.[1] ?? NaN);

const configurations: { board: BoardName; fass: boolean; fastpath: boolean; label: string }[] = [
  { board: 'mba2440', fass: true, fastpath: true, label: 'FASS on, fastpath on' },
  { board: 'mba2440', fass: false, fastpath: true, label: 'FASS off (flush on switch), fastpath on' },
  { board: 'mba2440', fass: true, fastpath: false, label: 'FASS on, fastpath off' },
  { board: 'smdk6410', fass: true, fastpath: true, label: 'ASIDs, fastpath on' },
  { board: 'smdk6410', fass: true, fastpath: false, label: 'ASIDs, fastpath off' },
];

let lastBoard: BoardName | undefined;
for (const { board, fass, fastpath, label } of configurations) {
  if (board !== lastBoard) {
    console.log(`${lastBoard ? '\n' : ''}OKL4 (L4Lab TypeScript model) on ${BOARD_FACTS[board].title}, cycle mode`);
    lastBoard = board;
  }
  const { out, kernel, result } = run(board, fass, fastpath);
  if (result.reason !== 'halted') console.log(`  (run ended: ${result.reason} ${result.detail ?? ''})`);
  const same0 = figure(out, 'same-space round trip, 0 MRs');
  const other0 = figure(out, 'other-space round trip, 0 MRs');
  const mhz = BOARD_FACTS[board].coreHz / 1e6;
  console.log(`\n${label}`);
  console.log(`  IPC round trip, same space:      0 MRs ${same0}   4 MRs ${figure(out, 'same-space round trip, 4 MRs')} cycles (${(same0 / mhz).toFixed(2)} µs)`);
  console.log(`  IPC round trip, other space:     0 MRs ${other0}   4 MRs ${figure(out, 'other-space round trip, 4 MRs')} cycles (${(other0 / mhz).toFixed(2)} µs)`);
  console.log(`  address-space switch (other − same, per one-way): ${((other0 - same0) / 2).toFixed(0)} cycles`);
  console.log(`  thread switch (yield):           ${figure(out, 'thread switch \\(yield\\)')} cycles`);
  const ipc = kernel.entries.get(fastpath ? 'ipc-fastpath' : 'ipc-slowpath');
  if (ipc) console.log(`  one-way IPC, kernel entry to user return (${fastpath ? 'fastpath' : 'slowpath'}, all runs): ${(ipc.cycles / ipc.calls).toFixed(1)} cycles over ${ipc.calls} calls`);
  const s = kernel.mmu.stats as typeof kernel.mmu.stats & { asidFlushes?: number };
  const arch = s.asidFlushes === undefined ? `${s.domainFaults} domain faults, ${s.recycles} domain recycles` : `${s.asidFlushes} invalidate-by-ASID, ${s.recycles} ASID steals`;
  const mem = kernel.machine.memory.statistics();
  const walks = mem.itlb.walkReads + mem.dtlb.walkReads;
  console.log(`  MMU: ${s.switches} switches, ${s.flushes} full flushes, ${arch}; table-walk reads ${walks}, I/D-cache misses ${mem.icache.readMisses + mem.dcache.readMisses}`);
}
