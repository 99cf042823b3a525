/**
 * Test scaffolding shared by differential.test.ts (ARMv4T) and arm1176-differential.test.ts: replaying a
 * fixture file, the live comparison against qemu-arm (settings, skip when absent, run and report), and
 * the failure report. Call from inside `describe`/`it`.
 */
import { availableParallelism } from 'node:os';
import { expect, it } from 'vitest';
import type { Verdict } from './campaign.js';
import { fromFixtureProgram, type FixtureFile } from './fixtures.js';
import { QemuRunner } from './qemu-runner.js';
import type { FinalState, TestProgram } from './test-image.js';

const MAX_REPORTS = 5;

/** Compares one program with an oracle's final state (title and configurations chosen by the caller). */
export type Check = (program: TestProgram, expected: FinalState, seed: number, title: string) => Verdict;

/** Fails with the first few full reports (seed, disassembly, differing registers) and the list of seeds. */
export function expectNoMismatches(label: string, reports: { seed: number | string; report: string }[], total: number): void {
  if (reports.length === 0) return;
  const shown = reports.slice(0, MAX_REPORTS).map((r) => r.report);
  const more = reports.length > MAX_REPORTS ? `\n… and ${reports.length - MAX_REPORTS} more` : '';
  console.error(`${label}: ${reports.length}/${total} programs differ\n\n${shown.join('\n\n')}${more}`);
  expect(reports.map((r) => r.seed), `${label}: mismatching seeds (reports above)`).toEqual([]);
}

/** Replays every program of a fixture file; all must give the recorded answer. */
export function replayFixture(file: string, data: FixtureFile, check: Check): void {
  const reports: { seed: number; report: string }[] = [];
  for (const p of data.programs) {
    const { program, expected } = fromFixtureProgram(data.isa, p);
    const v = check(program, expected, p.seed, `${file} mismatch`);
    if (!v.ok) reports.push({ seed: p.seed, report: v.report! });
  }
  expectNoMismatches(file, reports, data.programs.length);
}

/** Live programs per run (L4LAB_DIFF_LIVE; 0 disables), their length (L4LAB_DIFF_LENGTH), first seed (L4LAB_DIFF_SEED). */
export function liveSettings(defaults: { count: number; length: number; seed: number }): { count: number; length: number; seed: number } {
  return {
    count: Number(process.env.L4LAB_DIFF_LIVE ?? defaults.count),
    length: Number(process.env.L4LAB_DIFF_LENGTH ?? defaults.length),
    seed: Number(process.env.L4LAB_DIFF_SEED ?? defaults.seed),
  };
}

/**
 * Whether the live comparison can run (qemu-arm installed, count above 0); if not, registers a skipped
 * test that says why (and prints `warning`, if given, when qemu-arm is missing).
 */
export function liveEnabled(qemu: string | null, count: number, warning?: string): boolean {
  if (!qemu) {
    if (warning) console.warn(warning);
    it.skip('live comparison skipped: qemu-arm is not installed (apt-get install qemu-user); only the recorded fixtures were checked', () => {});
    return false;
  }
  if (count <= 0) {
    it.skip('live comparison skipped: L4LAB_DIFF_LIVE=0', () => {});
    return false;
  }
  return true;
}

/**
 * Runs freshly generated programs under `qemu-arm -cpu <cpu>` (each must run: anything else is a generator
 * bug) and checks arm-core against every answer; `label` names the run in the failure report.
 */
export async function compareLive(
  cpu: string,
  generated: readonly { seed: number; program: TestProgram }[],
  check: (program: TestProgram, expected: FinalState, seed: number) => Verdict,
  label: string,
): Promise<void> {
  const runner = new QemuRunner(cpu);
  let results;
  try {
    results = await runner.runAll(generated.map((g) => g.program), Math.max(2, Math.min(16, availableParallelism())));
  } finally {
    runner.dispose();
  }
  const oracleFailures = generated.flatMap((g, k) => (results[k].ok ? [] : [`seed ${g.seed}: ${(results[k] as { error: string }).error}`]));
  expect(oracleFailures, 'programs QEMU could not run (generator bug)').toEqual([]);
  const reports: { seed: number; report: string }[] = [];
  generated.forEach((g, k) => {
    const r = results[k];
    if (!r.ok) return;
    const v = check(g.program, r.state, g.seed);
    if (!v.ok) reports.push({ seed: g.seed, report: v.report! });
  });
  expectNoMismatches(label, reports, generated.length);
}
