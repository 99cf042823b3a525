// The main job (`npm start`): runs each board's CLI in turn and shows what it can do: its status, then
// OKL4 + Iguana booting the examples (multithread, dining_philosophers). It grows as the boards learn to
// run the LMBench suite.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const boards = ['mba2440', 'smdk6410'];
const runs = [['status'], ['boot', 'multithread'], ['boot', 'dining_philosophers', '1', '5']];
let failed = 0;
for (const board of boards) {
  const cli = join(root, 'apps', board, 'src', 'cli.ts');
  for (const args of runs) {
    console.log(`\n=== ${board} ${args.join(' ')} ===`);
    const r = spawnSync(process.execPath, ['--conditions=@l4lab/source', '--import', 'tsx', cli, ...args], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) failed++;
  }
}
process.exitCode = failed ? 1 : 0;
