import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS } from '../isa/arm-encodings.js';
import { Prng } from '../isa/prng.js';
import { randomInstructions } from '../isa/random.js';
import { armTraits } from '../isa/traits.js';
import { disassembleArm } from './arm.js';

/** objdump (binutils 2.40, `-m armv6kz`) text for the ARMv5/ARMv6 additions; address 0 unless given. */
const FIXED: readonly [number, number, string][] = [
  [0xe16f0f11, 0, 'clz r0, r1'],
  [0x016f0f11, 0, 'clzeq r0, r1'],
  [0xe12fff32, 0, 'blx r2'],
  [0xfa000000, 8, 'blx 0x10'],
  [0xfb000000, 12, 'blx 0x16'],
  [0xe1212374, 0, 'bkpt 0x1234'],
  [0xe1200070, 0, 'bkpt 0x0000'],
  [0xf5d1f004, 0, 'pld [r1, #4]'],
  [0xf551f004, 0, 'pld [r1, #-4]'],
  [0xf551f000, 0, 'pld [r1, #-0]'],
  [0xf5d1f064, 0, 'pld [r1, #100] @ 0x64'],
  [0xf7d1f102, 0, 'pld [r1, r2, lsl #2]'],
  [0xf751f002, 0, 'pld [r1, -r2]'],
  [0xf7d1f062, 0, 'pld [r1, r2, rrx]'],
  [0xe1c100d8, 0, 'ldrd r0, [r1, #8]'],
  [0xe16100d8, 0, 'ldrd r0, [r1, #-8]!'],
  [0xe08120d3, 0, 'ldrd r2, [r1], r3'],
  [0xe12540f6, 0, 'strd r4, [r5, -r6]!'],
  [0xe1cf00d8, 0x3c, 'ldrd r0, [pc, #8] @ 0x4c'],
  [0xec410f02, 0, 'mcrr 15, 0, r0, r1, cr2'],
  [0xec510732, 0, 'mrrc 7, 3, r0, r1, cr2'],
  [0xfc410732, 0, 'mcrr2 7, 3, r0, r1, cr2'],
  [0xfc510732, 0, 'mrrc2 7, 3, r0, r1, cr2'],
  [0xe1020051, 0, 'qadd r0, r1, r2'],
  [0xe1620051, 0, 'qdsub r0, r1, r2'],
  [0xe16002c1, 0, 'smulbt r0, r1, r2'],
  [0xe10032e1, 0, 'smlatt r0, r1, r2, r3'],
  [0xe12002e1, 0, 'smulwt r0, r1, r2'],
  [0xe1203281, 0, 'smlawb r0, r1, r2, r3'],
  [0xe14103a2, 0, 'smlaltb r0, r1, r2, r3'],
  [0xfe121783, 0, 'cdp2 7, 1, cr1, cr2, cr3, {4}'],
  [0xfd701702, 0, 'ldc2l 7, cr1, [r0, #-8]!'],
  [0xfc801705, 0, 'stc2 7, cr1, [r0], {5}'],
  [0xfe210772, 0, 'mcr2 7, 1, r0, cr1, cr2, {3}'],
  [0xfe31f772, 0, 'mrc2 7, 1, pc, cr1, cr2, {3}'],
  [0xe1910f9f, 0, 'ldrex r0, [r1]'],
  [0xe1820f91, 0, 'strex r0, r1, [r2]'],
  [0x11d10f9f, 0, 'ldrexbne r0, [r1]'],
  [0xe1e20f91, 0, 'strexh r0, r1, [r2]'],
  [0xe1b20f9f, 0, 'ldrexd r0, [r2]'],
  [0xe1a40f92, 0, 'strexd r0, r2, [r4]'],
  [0xf57ff01f, 0, 'clrex'],
  [0xf10c0080, 0, 'cpsid i'],
  [0xf10801c0, 0, 'cpsie aif'],
  [0xf10e00d1, 0, 'cpsid if,#17'],
  [0xf1020013, 0, 'cps #19'],
  [0xf10c0081, 0, 'cps #1'],
  [0xf96d0513, 0, 'srsdb sp!, #19'],
  [0xf8cd0511, 0, 'srsia sp, #17'],
  [0xf8900a00, 0, 'rfeia r0'],
  [0xf93d0a00, 0, 'rfedb sp!'],
  [0xf1010200, 0, 'setend be'],
  [0xf1010000, 0, 'setend le'],
  [0xe6bf0f31, 0, 'rev r0, r1'],
  [0xe6bf0fb1, 0, 'rev16 r0, r1'],
  [0xe6ff0fb1, 0, 'revsh r0, r1'],
  [0xe6af0471, 0, 'sxtb r0, r1, ror #8'],
  [0xe68f0c71, 0, 'sxtb16 r0, r1, ror #24'],
  [0xe6ff0071, 0, 'uxth r0, r1'],
  [0xe6a10472, 0, 'sxtab r0, r1, r2, ror #8'],
  [0xe6f10c72, 0, 'uxtah r0, r1, r2, ror #24'],
  [0xe6810212, 0, 'pkhbt r0, r1, r2, lsl #4'],
  [0xe6810052, 0, 'pkhtb r0, r1, r2, asr #32'],
  [0xe6a70011, 0, 'ssat r0, #8, r1'],
  [0xe6bf0211, 0, 'ssat r0, #32, r1, lsl #4'],
  [0xe6a001d1, 0, 'ssat r0, #1, r1, asr #3'],
  [0xe6af0051, 0, 'ssat r0, #16, r1, asr #32'], // objdump: `asr #0`
  [0xe6ff0151, 0, 'usat r0, #31, r1, asr #2'],
  [0xe6a70f31, 0, 'ssat16 r0, #8, r1'],
  [0xe6ef0f31, 0, 'usat16 r0, #15, r1'],
  [0xe6810fb2, 0, 'sel r0, r1, r2'],
  [0xe6110f12, 0, 'sadd16 r0, r1, r2'],
  [0xe6210f32, 0, 'qasx r0, r1, r2'],
  [0xe6310f52, 0, 'shsax r0, r1, r2'],
  [0xe6710ff2, 0, 'uhsub8 r0, r1, r2'],
  [0xe780f211, 0, 'usad8 r0, r1, r2'],
  [0xe7803211, 0, 'usada8 r0, r1, r2, r3'],
  [0xe700f231, 0, 'smuadx r0, r1, r2'],
  [0xe700f251, 0, 'smusd r0, r1, r2'],
  [0xe7003271, 0, 'smlsdx r0, r1, r2, r3'],
  [0xe7410372, 0, 'smlsldx r0, r1, r2, r3'],
  [0xe750f231, 0, 'smmulr r0, r1, r2'],
  [0xe7503211, 0, 'smmla r0, r1, r2, r3'],
  [0xe75032f1, 0, 'smmlsr r0, r1, r2, r3'],
  [0xe0410392, 0, 'umaal r0, r1, r2, r3'],
  [0xe320f000, 0, 'nop {0}'],
  [0xe320f001, 0, 'yield'],
  [0x0320f003, 0, 'wfieq'],
  [0xe320f004, 0, 'sev'],
  [0xe1600075, 0, 'smc 5'],
  [0x11600075, 0, 'smcne 5'],
  [0xe12fff23, 0, 'bxj r3'],
];

describe('disassembleArm: ARMv5/ARMv6 fixed expectations', () => {
  it.each(FIXED.map(([w, a, t]) => [w.toString(16).padStart(8, '0'), a, t] as const))('%s @ %i → %s', (word, address, text) => {
    expect(disassembleArm(parseInt(word, 16), address, 'v6Z')).toBe(text);
  });

  it('prints every ARMv5/ARMv6 word as UNDEFINED for the ARM920T', () => {
    for (const [word] of FIXED) expect(disassembleArm(word, 0, 'v4T'), word.toString(16)).toMatch(/UNDEFINED|^nop \{0\}$|^msr|^yield|^wfi|^sev/);
  });
});

// ---- against the GNU toolchain ----

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const TOOLCHAIN = hasTool('arm-none-eabi-as') && hasTool('arm-none-eabi-objdump') && hasTool('arm-none-eabi-objcopy');

/** objdump of raw little-endian words at `vma`, `-m armv6kz`: normalised text by address. */
function objdumpWords(dir: string, words: readonly number[]): string[] {
  const file = join(dir, 'words.bin');
  const bytes = Buffer.alloc(words.length * 4);
  words.forEach((w, k) => bytes.writeUInt32LE(w >>> 0, 4 * k));
  writeFileSync(file, bytes);
  const out = execFileSync('arm-none-eabi-objdump', ['-D', '-b', 'binary', '-m', 'armv6kz', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const texts: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$/.exec(line);
    if (m) texts[parseInt(m[1], 16) / 4] = normalize(m[3]);
  }
  return texts;
}

function normalize(text: string): string {
  return text
    .replace(/\b([0-9a-f]+) <[^>]*>/g, '0x$1')
    .replace(/\s*@ <UNPREDICTABLE>/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Coprocessor numbers objdump decodes as FPA/VFP/iWMMXt/Maverick instructions. */
const GENERIC_COPROCESSORS = [3, 7, 8, 12, 13, 14, 15];
/** For the cond = 1111 forms objdump also decodes coprocessors 8, 12 and 13 as ARMv8 NEON (dot products, BF16). */
const GENERIC_COPROCESSORS_2 = [3, 7, 14, 15];

/** Where we deliberately differ from objdump; undefined = compare. */
function knownDifference(name: string, word: number): string | undefined {
  if ((name === 'SSAT' || name === 'USAT') && (word & 0xfc0) === 0x040) return 'objdump prints ASR #32 as the unassemblable `asr #0`';
  return undefined;
}

const NEW_ENCODINGS = [...ARM_ENCODINGS.filter((e) => e.since !== 'v4T'), ...ARM_UNCONDITIONAL_ENCODINGS];

/** Random words of every ARMv5/ARMv6 encoding (UNPREDICTABLE operand combinations left out). */
function sampleWords(perEncoding: number): { word: number; name: string }[] {
  const out: { word: number; name: string }[] = [];
  NEW_ENCODINGS.forEach((entry, k) => {
    const table = ARM_UNCONDITIONAL_ENCODINGS.includes(entry) ? ARM_UNCONDITIONAL_ENCODINGS : ARM_ENCODINGS;
    const words = randomInstructions(table, { arch: 'v6Z', count: perEncoding, rng: new Prng(600 + k), onlyEncodings: [entry.name], allowUnpredictable: true });
    for (const { instr } of words) {
      let word = instr;
      if (/^(MCRR|MRRC)$/.test(entry.name)) word = ((word & ~0xf00) | (GENERIC_COPROCESSORS[word % GENERIC_COPROCESSORS.length] << 8)) >>> 0;
      if (/2/.test(entry.name)) word = ((word & ~0xf00) | (GENERIC_COPROCESSORS_2[word % GENERIC_COPROCESSORS_2.length] << 8)) >>> 0;
      // SRS/RFE are UNPREDICTABLE only by mode; other UNPREDICTABLE operand combinations are left out.
      const unpredictable = armTraits(word, 'v6Z').unpredictable && entry.name !== 'SRS' && entry.name !== 'RFE';
      if (!knownDifference(entry.name, word) && !unpredictable) out.push({ word, name: entry.name });
    }
  });
  return out;
}

/**
 * objdump text → what gas accepts: no comment, `p<n>` for coprocessor numbers, a bare opc2 for MCR/MRC/CDP.
 */
function reassemblable(text: string): string {
  let t = text.replace(/ @ .*$/, '');
  if (/^(cdp|mcr|mrc|ldc|stc|mcrr|mrrc)/.test(t)) t = t.replace(/^(\S+) (\d+),/, '$1 p$2,');
  if (/^(cdp|mcr|mrc)/.test(t)) t = t.replace(/, \{(\d+)\}$/, ', $1');
  return t;
}

describe.skipIf(!TOOLCHAIN)('disassembleArm (ARMv6) matches arm-none-eabi-objdump -m armv6kz', () => {
  it('on random words of every ARMv5/ARMv6 encoding', { timeout: 60_000 }, () => {
    const words = sampleWords(48);
    const dir = mkdtempSync(join(tmpdir(), 'l4lab-disasm-v6-'));
    try {
      const theirs = objdumpWords(dir, words.map((w) => w.word));
      const mismatches = words
        .map(({ word, name }, i) => ({ name, word, expected: theirs[i], actual: disassembleArm(word, 4 * i, 'v6Z') }))
        .filter((r) => r.expected !== r.actual)
        .map((r) => `${r.name} ${r.word.toString(16).padStart(8, '0')}: objdump "${r.expected}" ours "${r.actual}"`);
      expect(mismatches.slice(0, 400)).toEqual([]);
      const names = new Set(words.map((w) => w.name));
      expect(NEW_ENCODINGS.filter((e) => !names.has(e.name)).map((e) => e.name)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('assembles back to the same words with arm-none-eabi-as -mcpu=arm1176jzf-s', { timeout: 60_000 }, () => {
    // Branch targets would need relocations; PC-relative operands print addresses.
    const words = sampleWords(16).filter(({ name, word }) => name !== 'BLX_imm' && ((word >>> 16) & 15) !== 15);
    const dir = mkdtempSync(join(tmpdir(), 'l4lab-asm-v6-'));
    try {
      const source = ['.syntax unified', '.arm', ...words.map(({ word }) => reassemblable(disassembleArm(word, 0, 'v6Z')))].join('\n');
      writeFileSync(join(dir, 'a.s'), `${source}\n`);
      execFileSync('arm-none-eabi-as', ['-mcpu=arm1176jzf-s', '--no-warn', '-o', join(dir, 'a.o'), join(dir, 'a.s')], { stdio: 'pipe' });
      execFileSync('arm-none-eabi-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
      const bytes = readFileSync(join(dir, 'a.bin'));
      const mismatches: string[] = [];
      words.forEach(({ word, name }, k) => {
        const got = bytes.readUInt32LE(4 * k);
        if (got !== word) mismatches.push(`${name} 0x${word.toString(16)} "${disassembleArm(word, 0, 'v6Z')}" assembled to 0x${got.toString(16)}`);
      });
      expect(mismatches.slice(0, 30)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
