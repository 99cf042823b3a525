/**
 * Differential tests of the arm-core interpreter against QEMU user-mode (see README.md in this folder):
 * recorded fixtures always; fresh seeds against a live qemu-arm when it is installed.
 */
import { describe, expect, it } from 'vitest';
import type { ArchVersion } from '../../src/cpu/arch.js';
import { Prng } from '../../src/isa/prng.js';
import { classifyArm } from './arm-generator.js';
import { checkAgainst, generateProgram, instructionSetFor, type Variant } from './campaign.js';
import { CORE_CONFIGS, configName } from './core-runner.js';
import { loadFixtures } from './fixtures.js';
import { QEMU_CPU, qemuVersion } from './qemu-runner.js';
import { SkipStats } from './skip-list.js';
import { compareLive, liveEnabled, liveSettings, replayFixture } from './suite.js';
import type { Isa } from './test-image.js';
import { classifyThumb } from './thumb-generator.js';

/** Each program runs in every core configuration (see core-runner.ts). */
const CONFIGS = CORE_CONFIGS.map(configName).join(' and ');

describe('arm-core vs recorded QEMU results (fixtures)', () => {
  const fixtures = loadFixtures();

  it('has fixtures to replay', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const { file, data } of fixtures) {
    const instructions = data.programs.reduce((n, p) => n + p.code.length, 0);
    it(`${file}: ${data.programs.length} ${data.isa} programs, ${instructions} instructions match ${data.oracle} (arm-core ${CONFIGS})`, () => {
      replayFixture(file, data, (program, expected, seed, title) =>
        checkAgainst(data.arch as ArchVersion, program, expected, seed, title, (data.variant ?? 'plain') as Variant),
      );
    });
  }
});

describe('fixture coverage of the encoding tables', () => {
  const EXCLUDED_ARM = new Set(['bx', 'swi', 'coprocessor', 'undefined', 'newer', 'nv']);
  const EXCLUDED_THUMB = new Set(['bx', 'swi', 'undefined']);
  for (const { file, data } of loadFixtures()) {
    it(`${file} exercises every ${data.arch} encoding that the skip list does not exclude`, () => {
      const set = instructionSetFor(data.arch as ArchVersion);
      const table = data.isa === 'arm' ? set.armTable : set.thumbTable;
      const covered = new Set<string>();
      for (const p of data.programs) for (const w of p.code) covered.add(table.decode(parseInt(w, 16))?.name ?? 'UNDEFINED');
      // An uncovered encoding must be one the classifier excludes (its fixed bits decide the class).
      const unexplained = table.entries
        .filter((e) => !covered.has(e.name))
        .filter((e) => {
          // A word of the encoding (fields random, condition AL) that satisfies its `when`.
          const rng = new Prng(1);
          let sample = e.compiled.value;
          for (let k = 0; k < 256; k++) {
            sample = ((e.compiled.value | (rng.uint32() & ~e.compiled.mask)) & (data.isa === 'arm' ? 0xffffffff : 0xffff)) >>> 0;
            if (data.isa === 'arm') sample = ((sample & 0x0fffffff) | 0xe0000000) >>> 0;
            if (!e.when || e.when(sample)) break;
          }
          if (data.isa === 'thumb') return !EXCLUDED_THUMB.has(classifyThumb(sample));
          const cls = classifyArm(sample);
          const userBankTransfer = cls === 'ldm' && (sample & (1 << 22)) !== 0;
          return !EXCLUDED_ARM.has(cls) && !userBankTransfer;
        })
        .map((e) => e.name);
      expect(unexplained).toEqual([]);
      expect(covered.size).toBeGreaterThan(table.entries.length / 2);
    });
  }
});

const QEMU = qemuVersion();
/**
 * Live programs per instruction set (override with L4LAB_DIFF_LIVE; 0 disables) and their length; first
 * live seed: fixtures use 1–250, live runs start well clear of them (override with L4LAB_DIFF_SEED).
 */
const { count: LIVE_COUNT, length: LIVE_LENGTH, seed: LIVE_SEED } = liveSettings({ count: 200, length: 20, seed: 1_000_000 });
const LIVE_ARCH: ArchVersion = 'v4T';

describe('arm-core vs live qemu-arm', () => {
  if (!liveEnabled(QEMU, LIVE_COUNT, 'differential: qemu-arm not found; live comparison skipped, recorded fixtures only')) return;
  const runs: { isa: Isa; variant: Variant; count: number }[] = [
    { isa: 'arm', variant: 'plain', count: LIVE_COUNT },
    { isa: 'thumb', variant: 'plain', count: LIVE_COUNT },
    { isa: 'arm', variant: 'stored-pc-8', count: Math.ceil(LIVE_COUNT / 4) },
  ];
  for (const { isa, variant, count } of runs) {
    it(
      `${isa}${variant === 'plain' ? '' : ` (${variant})`}: ${count} fresh programs × ${LIVE_LENGTH} instructions (seeds ${LIVE_SEED}…) match ${QEMU}, -cpu ${QEMU_CPU[LIVE_ARCH]}`,
      async () => {
        const stats = new SkipStats();
        const seeds = Array.from({ length: count }, (_, k) => LIVE_SEED + k);
        const generated = seeds.map((seed) => ({ seed, ...generateProgram(isa, LIVE_ARCH, seed, LIVE_LENGTH, stats, variant) }));
        await compareLive(
          QEMU_CPU[LIVE_ARCH],
          generated,
          (program, expected, seed) => checkAgainst(LIVE_ARCH, program, expected, seed, `live ${isa} ${variant} mismatch`, variant),
          `live ${isa}`,
        );
      },
      60_000,
    );
  }
});
