/**
 * What the two recording scripts (record.ts for ARMv4T, arm1176-record.ts) share: command-line options,
 * running generated programs under QEMU, and replaying QEMU's answers in arm-core before they are stored.
 */
import { availableParallelism } from 'node:os';
import type { Verdict } from './campaign.js';
import { toFixtureProgram, type FixtureProgram } from './fixtures.js';
import { QemuRunner, qemuVersion } from './qemu-runner.js';
import type { FinalState, TestProgram } from './test-image.js';

/** The value after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** first, first + 1, …, last. */
export function seedRange(first: number, last: number): number[] {
  const seeds: number[] = [];
  for (let s = first; s <= last; s++) seeds.push(s);
  return seeds;
}

/** QEMU's version line; throws when qemu-arm is not installed. */
export function requireQemu(): string {
  const version = qemuVersion();
  if (!version) throw new Error('qemu-arm not found: install qemu-user (Debian) to record fixtures');
  return version;
}

export interface GeneratedProgram {
  readonly seed: number;
  readonly profile: string;
  readonly program: TestProgram;
}

/**
 * Runs the programs under `qemu-arm -cpu <cpu>` (every one must run: anything else is a generator bug),
 * replays each in arm-core with `check` (mismatches are printed and counted, and recorded anyway: the
 * fixture holds QEMU's answer, the vitest suite is what fails) and returns the fixture programs.
 */
export async function recordPrograms(
  cpu: string,
  generated: readonly GeneratedProgram[],
  check: (program: TestProgram, state: FinalState, seed: number) => Verdict,
): Promise<{ programs: FixtureProgram[]; mismatches: number }> {
  const runner = new QemuRunner(cpu);
  let results;
  try {
    results = await runner.runAll(generated.map((g) => g.program), Math.max(1, availableParallelism()));
  } finally {
    runner.dispose();
  }
  const programs: FixtureProgram[] = [];
  let mismatches = 0;
  for (let k = 0; k < generated.length; k++) {
    const g = generated[k];
    const r = results[k];
    if (!r.ok) throw new Error(`seed ${g.seed}: ${r.error} (a generator bug: every generated program must run under QEMU)`);
    const verdict = check(g.program, r.state, g.seed);
    if (!verdict.ok) {
      mismatches++;
      console.log(verdict.report);
    }
    programs.push(toFixtureProgram(g.seed, g.profile, g.program, r.state));
  }
  return { programs, mismatches };
}
