import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thumbDecodeTable } from '../exec/thumb/test-harness.js';
import { Prng } from '../isa/prng.js';
import { THUMB_ENCODINGS } from '../isa/thumb-encodings.js';
import { thumbTraits } from '../isa/traits.js';
import { disassembleThumb, isThumbBranchLinkPair } from './thumb.js';

const FIXED: readonly [number, string][] = [
  [0x4788, 'blx\tr1'],
  [0x47f0, 'blx\tlr'],
  [0xbe01, 'bkpt\t0x0001'],
  [0xbeff, 'bkpt\t0x00ff'],
  [0xb672, 'cpsid\ti'],
  [0xb667, 'cpsie\taif'],
  [0xb676, 'cpsid\tai'],
  [0xb650, 'setend\tle'],
  [0xb658, 'setend\tbe'],
  [0xb208, 'sxth\tr0, r1'],
  [0xb248, 'sxtb\tr0, r1'],
  [0xb288, 'uxth\tr0, r1'],
  [0xb2c8, 'uxtb\tr0, r1'],
  [0xba08, 'rev\tr0, r1'],
  [0xba48, 'rev16\tr0, r1'],
  [0xbac8, 'revsh\tr0, r1'],
  [0x4608, 'mov\tr0, r1'], // CPY
];

describe('disassembleThumb: ARMv5/ARMv6 additions', () => {
  it.each(FIXED.map(([w, t]) => [w.toString(16), t] as const))('%s → %s', (word, text) => {
    expect(disassembleThumb(parseInt(word, 16), 0, { arch: 'v6Z' })).toBe(text);
  });

  it('shows a BL prefix with a BLX suffix as one blx to a word-aligned ARM target', () => {
    // At 0x1000: prefix offset 0, suffix imm11 = 0x102 → LR + 0x204 = 0x1208.
    expect(disassembleThumb(0xf000, 0x1000, { next: 0xe902, arch: 'v6Z' })).toBe('blx\t0x1208');
    expect(isThumbBranchLinkPair(0xf000, 0xe902, 'v6Z')).toBe(true);
    expect(isThumbBranchLinkPair(0xf000, 0xe902, 'v4T')).toBe(false);
    expect(disassembleThumb(0xe902, 0, { arch: 'v6Z' })).toMatch(/^\.inst\.n\t0xe902\t@ blx suffix/);
  });

  it('prints every addition as UNDEFINED for the ARM920T', () => {
    for (const [word, text] of FIXED) if (!text.startsWith('mov')) expect(disassembleThumb(word, 0, { arch: 'v4T' })).toMatch(/UNDEFINED/);
  });
});

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const TOOLCHAIN = hasTool('arm-none-eabi-as') && hasTool('arm-none-eabi-objdump') && hasTool('arm-none-eabi-objcopy');

function objdumpThumb(dir: string, halfwords: readonly number[], vma: number): Map<number, string> {
  const file = join(dir, 'thumb.bin');
  const bytes = Buffer.alloc(halfwords.length * 2);
  halfwords.forEach((h, k) => bytes.writeUInt16LE(h, 2 * k));
  writeFileSync(file, bytes);
  const out = execFileSync(
    'arm-none-eabi-objdump',
    ['-D', '-b', 'binary', '-m', 'armv6kz', '-M', 'force-thumb', `--adjust-vma=0x${vma.toString(16)}`, file],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const result = new Map<number, string>();
  for (const line of out.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/.exec(line);
    if (m) result.set(parseInt(m[1], 16), m[2].replace(/\s+/g, ' ').trim());
  }
  return result;
}

const NEW_NAMES = new Set(THUMB_ENCODINGS.filter((e) => e.since !== 'v4T').map((e) => e.name));

describe.skipIf(!TOOLCHAIN)('disassembleThumb (ARMv6) against arm-none-eabi binutils', () => {
  const table = thumbDecodeTable('v6Z');
  /** Every halfword of the v5T/v6 additions that objdump can show alone (a BLX suffix only as a pair). */
  const halfwords: number[] = [];
  for (let w = 0; w < 0x10000; w++) {
    const name = table.decode(w)!.name;
    if (NEW_NAMES.has(name) && name !== 'thumb_BLX_suffix') halfwords.push(w);
  }

  it('agrees with objdump -m armv6kz on every ARMv5T/ARMv6 halfword', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4lab-thumb-v6-'));
    try {
      const theirs = objdumpThumb(dir, halfwords, 0);
      const mismatches = halfwords
        .map((w, k) => ({ w, ours: disassembleThumb(w, 2 * k, { arch: 'v6Z' }).replace(/\s+/g, ' '), text: theirs.get(2 * k) }))
        .filter((r) => r.ours !== r.text)
        .map((r) => `0x${r.w.toString(16)}: ours "${r.ours}", objdump "${r.text}"`);
      expect(mismatches.slice(0, 20)).toEqual([]);
      expect(halfwords.length).toBe(16 + 256 + 16 + 2 + 3 * 64 + 4 * 64);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('agrees with objdump on BL/BLX pairs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4lab-thumb-v6-'));
    try {
      const rng = new Prng(6410);
      const words: number[] = [];
      for (let k = 0; k < 1000; k++) words.push(0xf000 | rng.bits(11), 0xe800 | (rng.bits(11) & ~1));
      const vma = 0x7fff0000;
      const theirs = objdumpThumb(dir, words, vma);
      for (let k = 0; k < words.length; k += 2) {
        const address = (vma + 2 * k) >>> 0;
        const ours = disassembleThumb(words[k], address, { next: words[k + 1], arch: 'v6Z' }).replace(/\s+/g, ' ');
        expect(ours, `0x${address.toString(16)}`).toBe(theirs.get(address));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('assembles back to the same halfwords with arm-none-eabi-as -mcpu=arm1176jzf-s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4lab-thumb-v6-'));
    try {
      // UNPREDICTABLE forms (BLX pc, CPS without flags) are refused by gas.
      const words = halfwords.filter((w) => !thumbTraits(w, 'v6Z').unpredictable);
      const source = ['.syntax unified', '.thumb', ...words.map((w) => disassembleThumb(w, 0, { arch: 'v6Z' }))].join('\n');
      writeFileSync(join(dir, 'a.s'), `${source}\n`);
      execFileSync('arm-none-eabi-as', ['-mcpu=arm1176jzf-s', '--no-warn', '-o', join(dir, 'a.o'), join(dir, 'a.s')], { stdio: 'pipe' });
      execFileSync('arm-none-eabi-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')]);
      const bytes = readFileSync(join(dir, 'a.bin'));
      const mismatches: string[] = [];
      words.forEach((w, k) => {
        const got = bytes.readUInt16LE(2 * k);
        if (got !== w) mismatches.push(`0x${w.toString(16)} "${disassembleThumb(w, 0, { arch: 'v6Z' })}" assembled to 0x${got.toString(16)}`);
      });
      expect(mismatches.slice(0, 20)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
