/**
 * ARM1176 (ARMv5TE/ARMv6) differential tests against qemu-arm -cpu arm1176: recorded fixtures always
 * (fixtures-arm1176/, written by arm1176-record.ts), fresh seeds live when qemu-arm is installed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ARM1176_QEMU_CPU, arm1176InstructionSet, checkArm1176, generateArm1176 } from './arm1176-campaign.js';
import { classifyArm1176 } from './arm1176-generator.js';
import { ARM1176_FIXTURE_DIR } from './arm1176-record.js';
import { ARM1176_SKIP_LIST, Arm1176SkipStats } from './arm1176-skip-list.js';
import { FIXTURE_FORMAT, fromFixtureProgram, type FixtureFile } from './fixtures.js';
import { QemuRunner, qemuVersion } from './qemu-runner.js';
import type { Isa } from './test-image.js';

const MAX_REPORTS = 5;

function expectNoMismatches(label: string, reports: { seed: number; report: string }[], total: number): void {
  if (reports.length === 0) return;
  console.error(`${label}: ${reports.length}/${total} programs differ\n\n${reports.slice(0, MAX_REPORTS).map((r) => r.report).join('\n\n')}`);
  expect(reports.map((r) => r.seed), `${label}: mismatching seeds (reports above)`).toEqual([]);
}

function loadFixtures(): { file: string; data: FixtureFile }[] {
  return readdirSync(ARM1176_FIXTURE_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((file) => {
      const data = JSON.parse(readFileSync(join(ARM1176_FIXTURE_DIR, file), 'utf8')) as FixtureFile;
      if (data.format !== FIXTURE_FORMAT) throw new Error(`${file}: fixture format ${data.format}, expected ${FIXTURE_FORMAT}`);
      return { file, data };
    });
}

const fixtures = loadFixtures();

describe('ARM1176 arm-core vs recorded qemu-arm -cpu arm1176 results', () => {
  it('has an ARM and a Thumb fixture', () => {
    expect(fixtures.map((f) => f.data.isa).sort()).toEqual(['arm', 'thumb']);
  });

  for (const { file, data } of fixtures) {
    it(`${file}: ${data.programs.length} ${data.isa} programs match ${data.oracle} (flat functional and ARM1176 MMU cycle)`, () => {
      const reports: { seed: number; report: string }[] = [];
      for (const p of data.programs) {
        const { program, expected } = fromFixtureProgram(data.isa, p);
        const v = checkArm1176(program, expected, p.seed, `${file} mismatch`);
        if (!v.ok) reports.push({ seed: p.seed, report: v.report! });
      }
      expectNoMismatches(file, reports, data.programs.length);
    });
  }
});

describe('ARM1176 fixture coverage', () => {
  /** ARM classes the skip list excludes (they trap or leave the block). */
  const EXCLUDED_ARM = new Set(['branch-exchange', 'exception', 'coprocessor', 'wfi']);
  const EXCLUDED_THUMB = new Set(['thumb_BLX_reg', 'thumb_BLX_suffix', 'thumb_BKPT']);
  const isa = arm1176InstructionSet();

  for (const { file, data } of fixtures) {
    it(`${file} exercises every ARMv5/ARMv6 encoding the skip list does not exclude`, () => {
      const seen = new Set<string>();
      for (const p of data.programs) {
        for (const hex of p.code) {
          const w = parseInt(hex, 16) >>> 0;
          const e = data.isa === 'arm' ? (w >>> 28 === 0xf ? isa.armUnconditionalTable : isa.armTable).decode(w) : isa.thumbTable.decode(w);
          if (e) seen.add(e.name);
        }
      }
      const entries =
        data.isa === 'arm' ? [...isa.armTable.entries, ...isa.armUnconditionalTable.entries] : isa.thumbTable.entries;
      const missing = entries
        .filter((e) => e.since !== 'v4T' && !seen.has(e.name))
        .filter((e) => (data.isa === 'arm' ? !EXCLUDED_ARM.has(classifyArm1176(e.compiled.value | (e.compiled.mask & 0xf0000000 ? 0 : 0xe0000000))) : !EXCLUDED_THUMB.has(e.name)))
        .map((e) => e.name);
      expect(missing).toEqual([]);
    });
  }

  it('every skip-list entry has a reason', () => {
    for (const e of ARM1176_SKIP_LIST) expect(e.reason.length, e.id).toBeGreaterThan(20);
  });
});

const QEMU = qemuVersion();
const LIVE_COUNT = Number(process.env.L4LAB_DIFF_LIVE ?? 120);
const LIVE_LENGTH = Number(process.env.L4LAB_DIFF_LENGTH ?? 24);
const LIVE_SEED = Number(process.env.L4LAB_DIFF_SEED ?? 2_000_000);

describe('ARM1176 arm-core vs live qemu-arm -cpu arm1176', () => {
  if (!QEMU) {
    it.skip('live comparison skipped: qemu-arm is not installed (apt-get install qemu-user); only the recorded fixtures were checked', () => {});
    return;
  }
  if (LIVE_COUNT <= 0) {
    it.skip('live comparison skipped: L4LAB_DIFF_LIVE=0', () => {});
    return;
  }
  for (const isaName of ['arm', 'thumb'] as Isa[]) {
    it(`${isaName}: ${LIVE_COUNT} fresh programs × ${LIVE_LENGTH} (seeds ${LIVE_SEED}…) match ${QEMU}`, async () => {
      const stats = new Arm1176SkipStats();
      const generated = Array.from({ length: LIVE_COUNT }, (_, k) => ({ seed: LIVE_SEED + k, ...generateArm1176(isaName, LIVE_SEED + k, LIVE_LENGTH, stats) }));
      const runner = new QemuRunner(ARM1176_QEMU_CPU);
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
        const v = checkArm1176(g.program, r.state, g.seed, `live ${isaName} mismatch`);
        if (!v.ok) reports.push({ seed: g.seed, report: v.report! });
      });
      expectNoMismatches(`live ${isaName}`, reports, generated.length);
    }, 120_000);
  }
});
