// The main job (`npm start`): runs each board's CLI in turn and shows what it can do. It grows as the
// boards learn to boot OKL4, Iguana's examples and the LMBench suite.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const boards = ['mba2440', 'smdk6410'];
let failed = 0;
for (const board of boards) {
  const cli = join(root, 'apps', board, 'src', 'cli.ts');
  console.log(`\n=== ${board} ===`);
  const r = spawnSync(process.execPath, ['--conditions=@l4lab/source', '--import', 'tsx', cli, 'status'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
