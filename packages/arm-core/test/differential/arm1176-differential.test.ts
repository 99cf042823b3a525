/**
 * ARM1176 (ARMv5TE/ARMv6) differential tests against qemu-arm -cpu arm1176: recorded fixtures always
 * (fixtures-arm1176/, written by arm1176-record.ts), fresh seeds live when qemu-arm is installed.
 */
import { describe, expect, it } from 'vitest';
import { ARM1176_QEMU_CPU, arm1176InstructionSet, checkArm1176, generateArm1176 } from './arm1176-campaign.js';
import { classifyArm1176 } from './arm1176-generator.js';
import { ARM1176_SKIP_LIST, Arm1176SkipStats } from './arm1176-skip-list.js';
import { ARM1176_FIXTURE_DIR, loadFixtures } from './fixtures.js';
import { qemuVersion } from './qemu-runner.js';
import { compareLive, liveEnabled, liveSettings, replayFixture } from './suite.js';
import type { Isa } from './test-image.js';

const fixtures = loadFixtures(ARM1176_FIXTURE_DIR);

describe('ARM1176 arm-core vs recorded qemu-arm -cpu arm1176 results', () => {
  it('has an ARM and a Thumb fixture', () => {
    expect(fixtures.map((f) => f.data.isa).sort()).toEqual(['arm', 'thumb']);
  });

  for (const { file, data } of fixtures) {
    it(`${file}: ${data.programs.length} ${data.isa} programs match ${data.oracle} (flat functional and ARM1176 MMU cycle)`, () => {
      replayFixture(file, data, checkArm1176);
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
const { count: LIVE_COUNT, length: LIVE_LENGTH, seed: LIVE_SEED } = liveSettings({ count: 120, length: 24, seed: 2_000_000 });

describe('ARM1176 arm-core vs live qemu-arm -cpu arm1176', () => {
  if (!liveEnabled(QEMU, LIVE_COUNT)) return;
  for (const isaName of ['arm', 'thumb'] as Isa[]) {
    it(`${isaName}: ${LIVE_COUNT} fresh programs × ${LIVE_LENGTH} (seeds ${LIVE_SEED}…) match ${QEMU}`, async () => {
      const stats = new Arm1176SkipStats();
      const generated = Array.from({ length: LIVE_COUNT }, (_, k) => ({ seed: LIVE_SEED + k, ...generateArm1176(isaName, LIVE_SEED + k, LIVE_LENGTH, stats) }));
      await compareLive(ARM1176_QEMU_CPU, generated, (program, expected, seed) => checkArm1176(program, expected, seed, `live ${isaName} mismatch`), `live ${isaName}`);
    }, 120_000);
  }
});
