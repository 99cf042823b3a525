import { describe, expect, it } from 'vitest';
import { ARCH_VERSIONS, archAtLeast, type ArchVersion } from '../cpu/arch.js';
import { MSR_imm } from '../exec/arm/psr-transfer.js';
import { Mode } from '../cpu/modes.js';
import { undefinedArm } from '../exec/arm/branch.js';
import { CODE_BASE, createTestMachine, execArm } from '../exec/arm/test-harness.js';
import { thumbUndefined } from '../exec/thumb/branch.js';
import { thumbHarness } from '../exec/thumb/test-harness.js';
import { ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS, type ArmEncoding } from './arm-encodings.js';
import { createInstructionSet } from './instruction-set.js';
import { compilePattern, insertField } from './pattern.js';
import { Prng } from './prng.js';
import { THUMB_ENCODINGS, type ThumbEncoding } from './thumb-encodings.js';

/**
 * Every ARMv5T…ARMv6Z encoding is UNDEFINED on the ARM920T (ARMv4T) and on any core older than its
 * `since`: the decoder hands it to the undefined-instruction handler, and executing it takes the
 * undefined-instruction exception (UND mode, vector 0x04, LR = the next instruction).
 */

function samples(entry: ArmEncoding | ThumbEncoding, count: number, seed: number): number[] {
  const p = compilePattern(entry.pattern);
  const rng = new Prng(seed);
  const out: number[] = [];
  for (let k = 0; out.length < count && k < 50 * count; k++) {
    let word = p.value;
    for (const field of p.fields.values()) word = insertField(field, word, field.letter === 'c' && p.bits === 32 ? 0xe : rng.bits(field.width));
    if (!entry.when || entry.when(word >>> 0)) out.push(word >>> 0);
  }
  return out;
}

/** The ARMv6K hints are MSR CPSR with an empty field mask on older cores: a valid instruction that writes nothing. */
const HINTS = new Set(['NOP', 'YIELD', 'WFE', 'WFI', 'SEV']);

const NEWER_ARM = [...ARM_ENCODINGS.filter((e) => e.since !== 'v4T'), ...ARM_UNCONDITIONAL_ENCODINGS];
const NEWER_THUMB = THUMB_ENCODINGS.filter((e) => e.since !== 'v4T');

describe('ARMv5/ARMv6 ARM encodings on older cores', () => {
  it('there are new encodings to check', () => {
    expect(NEWER_ARM.length).toBeGreaterThan(100);
  });

  for (const entry of NEWER_ARM) {
    it(`${entry.name} (${entry.since}) is UNDEFINED before ${entry.since} and decodes from it on`, () => {
      const unconditional = ARM_UNCONDITIONAL_ENCODINGS.includes(entry);
      const decode = (arch: ArchVersion, word: number) => {
        const isa = createInstructionSet(arch);
        return unconditional ? isa.decodeArmUnconditional(word) : isa.decodeArm(word);
      };
      // Words of this entry that no more specific carve-out claims (SXTB inside SXTAB…).
      const words = samples(entry, 48, entry.name.length * 31 + 7).filter((w) => decode('v6Z', w) === entry.exec).slice(0, 16);
      expect(words.length).toBeGreaterThan(0);
      for (const word of words) {
        for (const arch of ARCH_VERSIONS) {
          const handler = decode(arch, word);
          if (archAtLeast(arch, entry.since)) expect(handler, `${arch} 0x${word.toString(16)}`).toBe(entry.exec);
          else expect(handler, `${arch} 0x${word.toString(16)}`).toBe(HINTS.has(entry.name) ? MSR_imm : undefinedArm);
        }
      }
    });
  }

  it('executing any of them on the ARM920T takes the undefined-instruction exception (hints: an MSR that writes nothing)', () => {
    for (const entry of NEWER_ARM.filter((e) => !HINTS.has(e.name))) {
      for (const word of samples(entry, 4, 99)) {
        const m = createTestMachine({ arch: 'v4T' });
        let taken = 0;
        m.cpu.hookException('undefined', (_c, e) => {
          taken++;
          expect(e.instruction >>> 0).toBe(word);
        });
        execArm(m, word);
        expect(taken, `${entry.name} 0x${word.toString(16)}`).toBe(1);
        expect(m.cpu.mode).toBe(Mode.UND);
        expect(m.cpu.pc).toBe(0x04);
        expect(m.cpu.r[14]).toBe(CODE_BASE + 4);
      }
    }
  });
});

describe('ARMv5T/ARMv6 Thumb encodings on older cores', () => {
  for (const entry of NEWER_THUMB) {
    it(`${entry.name} (${entry.since}) is UNDEFINED before ${entry.since}`, () => {
      const words = samples(entry, 16, entry.name.length * 17 + 3);
      expect(words.length).toBeGreaterThan(0);
      for (const word of words) {
        for (const arch of ARCH_VERSIONS) {
          const handler = createInstructionSet(arch).decodeThumb(word);
          if (archAtLeast(arch, entry.since)) expect(handler, `${arch} 0x${word.toString(16)}`).toBe(entry.exec);
          else expect(handler, `${arch} 0x${word.toString(16)}`).toBe(thumbUndefined);
        }
        const h = thumbHarness({ arch: 'v4T' });
        h.exec(word);
        expect(h.cpu.mode, `v4T 0x${word.toString(16)}`).toBe(Mode.UND);
        expect(h.cpu.r[14]).toBe(0x1000 + 2);
      }
    });
  }
});
