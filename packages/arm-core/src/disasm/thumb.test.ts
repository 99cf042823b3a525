import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thumbDecodeTable } from '../exec/thumb/test-harness.js';
import { Prng } from '../isa/prng.js';
import { THUMB_UNDEFINED_SPACE } from '../isa/thumb-encodings.js';
import { thumbTraits } from '../isa/traits.js';
import { disassembleThumb, isThumbBranchLinkPair } from './thumb.js';

describe('disassembleThumb', () => {
  // Expectations copied from `arm-none-eabi-objdump -D -b binary -m armv4t -M force-thumb` (binutils 2.40).
  const cases: [number, number, string][] = [
    [0x0000, 0x00, 'movs\tr0, r0'],
    [0x0048, 0x04, 'lsls\tr0, r1, #1'],
    [0x0808, 0x06, 'lsrs\tr0, r1, #32'],
    [0x1008, 0x0a, 'asrs\tr0, r1, #32'],
    [0x1888, 0x0e, 'adds\tr0, r1, r2'],
    [0x1a88, 0x10, 'subs\tr0, r1, r2'],
    [0x1c08, 0x12, 'adds\tr0, r1, #0'],
    [0x1fc8, 0x38, 'subs\tr0, r1, #7'],
    [0x2020, 0x02, 'movs\tr0, #32'],
    [0x2021, 0x00, 'movs\tr0, #33\t@ 0x21'],
    [0x2880, 0x1a, 'cmp\tr0, #128\t@ 0x80'],
    [0x3005, 0x1c, 'adds\tr0, #5'],
    [0x3805, 0x1e, 'subs\tr0, #5'],
    [0x4048, 0x22, 'eors\tr0, r1'],
    [0x41c8, 0x2e, 'rors\tr0, r1'],
    [0x4248, 0x32, 'negs\tr0, r1'],
    [0x4348, 0x3a, 'muls\tr0, r1'],
    [0x43c8, 0x3e, 'mvns\tr0, r1'],
    [0x4408, 0x40, 'add\tr0, r1'],
    [0x4450, 0x40, 'add\tr0, sl'],
    [0x44ff, 0x46, 'add\tpc, pc'],
    [0x45f5, 0x9e, 'cmp\tsp, lr'],
    [0x46c0, 0x54, 'nop\t\t\t@ (mov r8, r8)'],
    [0x46f7, 0x96, 'mov\tpc, lr'],
    [0x4770, 0x5c, 'bx\tlr'],
    [0x4778, 0x5e, 'bx\tpc'],
    [0x4800, 0x68, 'ldr\tr0, [pc, #0]\t@ (0x6c)'],
    [0x48ff, 0x6a, 'ldr\tr0, [pc, #1020]\t@ (0x468)'],
    [0x5688, 0x76, 'ldrsb\tr0, [r1, r2]'],
    [0x5e88, 0x7a, 'ldrsh\tr0, [r1, r2]'],
    [0x6808, 0x1c, 'ldr\tr0, [r1, #0]'],
    [0x6c08, 0x3a, 'ldr\tr0, [r1, #64]\t@ 0x40'],
    [0x7fc8, 0x42, 'ldrb\tr0, [r1, #31]'],
    [0x8fc8, 0x44, 'ldrh\tr0, [r1, #62]\t@ 0x3e'],
    [0x98ff, 0x6a, 'ldr\tr0, [sp, #1020]\t@ 0x3fc'],
    [0xa001, 0x8c, 'add\tr0, pc, #4\t@ (adr r0, 0x94)'],
    [0xa000, 0x26, 'add\tr0, pc, #0\t@ (adr r0, 0x28)'],
    [0xa80a, 0x60, 'add\tr0, sp, #40\t@ 0x28'],
    [0xb07f, 0x94, 'add\tsp, #508\t@ 0x1fc'],
    [0xb081, 0x92, 'sub\tsp, #4'],
    [0xb5ff, 0x9e, 'push\t{r0, r1, r2, r3, r4, r5, r6, r7, lr}'],
    [0xbd00, 0xa0, 'pop\t{pc}'],
    [0xb400, 0xa4, 'push\t{}'],
    [0xc001, 0xa8, 'stmia\tr0!, {r0}'],
    [0xc801, 0xaa, 'ldmia\tr0, {r0}'],
    [0xc802, 0xaa, 'ldmia\tr0!, {r1}'],
    [0xc800, 0xae, 'ldmia\tr0!, {}'],
    [0xd0fe, 0xb2, 'beq.n\t0xb2'],
    [0xd080, 0xba, 'beq.n\t0xffffffbe'],
    [0xdc02, 0x18, 'bgt.n\t0x20'],
    [0xde21, 0x30, 'udf\t#33\t@ 0x21'],
    [0xdf00, 0xc0, 'svc\t0'],
    [0xdfff, 0xc2, 'svc\t255\t@ 0xff'],
    [0xe7fe, 0xc6, 'b.n\t0xc6'],
    [0xe400, 0xc8, 'b.n\t0xfffff8cc'],
  ];
  it.each(cases)('0x%s at %s', (instr, address, text) => {
    expect(disassembleThumb(instr, address)).toBe(text);
  });

  it('shows a BL pair as one instruction when given the next halfword', () => {
    expect(disassembleThumb(0xf000, 0xce, { next: 0xf800 })).toBe('bl\t0xd2');
    expect(disassembleThumb(0xf7ff, 0xd2, { next: 0xffff })).toBe('bl\t0xd4');
    expect(isThumbBranchLinkPair(0xf000, 0xf800)).toBe(true);
    expect(isThumbBranchLinkPair(0xf000, 0x46c0)).toBe(false);
    expect(disassembleThumb(0xf000, 0x100, { next: 0x46c0 })).toBe('.inst.n\t0xf000\t@ bl prefix: lr = 0x104');
    expect(disassembleThumb(0xf801, 0x100)).toBe('.inst.n\t0xf801\t@ bl suffix: pc = lr + 0x2');
  });

  it('shows v4T UNDEFINED words as objdump shows undefined ones', () => {
    expect(disassembleThumb(0xb600, 0, { arch: 'v4T' })).toBe('@ <UNDEFINED> instruction: 0xb600');
    expect(disassembleThumb(0x4780, 0, { arch: 'v4T' })).toBe('@ <UNDEFINED> instruction: 0x4780');
    expect(disassembleThumb(0xe800, 0, { arch: 'v4T' })).toBe('@ <UNDEFINED> instruction: 0xe800');
  });
});

// ---- cross-check against the GNU toolchain ------------------------------------------------------------------

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const toolchain = hasTool('arm-none-eabi-as') && hasTool('arm-none-eabi-objdump') && hasTool('arm-none-eabi-objcopy');
const skipReason = toolchain ? '' : ' (skipped: arm-none-eabi-as/objdump/objcopy not installed; apt-get install binutils-arm-none-eabi)';

/** Runs objdump on raw little-endian halfwords placed at `vma`; returns the text after the hex column, by address. */
function objdump(dir: string, halfwords: readonly number[], vma: number): Map<number, string> {
  const file = join(dir, `words-${vma.toString(16)}.bin`);
  const bytes = Buffer.alloc(halfwords.length * 2);
  halfwords.forEach((h, k) => bytes.writeUInt16LE(h, 2 * k));
  writeFileSync(file, bytes);
  const out = execFileSync(
    'arm-none-eabi-objdump',
    ['-D', '-b', 'binary', '-m', 'armv4t', '-M', 'force-thumb', `--adjust-vma=0x${vma.toString(16)}`, file],
    { maxBuffer: 1 << 28 },
  ).toString();
  const result = new Map<number, string>();
  for (const line of out.split('\n')) {
    const m = /^\s*([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/.exec(line);
    if (m) result.set(parseInt(m[1], 16), m[2]);
  }
  return result;
}

const normalise = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe(`disassembleThumb against arm-none-eabi binutils${skipReason}`, () => {
  const table = thumbDecodeTable('v4T');
  /** Every ARMv4T halfword objdump can show alone (not UNDEFINED, not a BL half). */
  const comparable: number[] = [];
  for (let w = 0; w < 0xe800; w++) {
    const name = table.decode(w)!.name;
    if (THUMB_UNDEFINED_SPACE.has(name)) continue;
    // objdump reads BX with SBZ bit 2 set as ARMv8-M BXNS.
    if (name === 'thumb_BX' && (w & 4) !== 0) continue;
    comparable.push(w);
  }

  it.skipIf(!toolchain)('agrees with objdump on every ARMv4T halfword', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4lab-thumb-'));
    try {
      for (const vma of [0, 0x7fff0000]) {
        const theirs = objdump(dir, comparable, vma);
        const mismatches: string[] = [];
        comparable.forEach((w, k) => {
          const address = (vma + 2 * k) >>> 0;
          const ours = disassembleThumb(w, address, { arch: 'v4T' });
          const text = theirs.get(address);
          if (text === undefined || normalise(ours) !== normalise(text)) mismatches.push(`0x${w.toString(16)} @0x${address.toString(16)}: ours "${ours}", objdump "${text}"`);
        });
        expect(mismatches.slice(0, 20)).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!toolchain)('agrees with objdump on BL pairs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4lab-thumb-'));
    try {
      const rng = new Prng(2440);
      const words: number[] = [];
      for (let k = 0; k < 2000; k++) words.push(0xf000 | rng.bits(11), 0xf800 | rng.bits(11));
      const vma = 0x7fff0000;
      const theirs = objdump(dir, words, vma);
      for (let k = 0; k < words.length; k += 2) {
        const address = (vma + 2 * k) >>> 0;
        expect(disassembleThumb(words[k], address, { next: words[k + 1] })).toBe(theirs.get(address));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!toolchain)('assembles back to the same halfword with arm-none-eabi-as', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'l4lab-thumb-'));
    try {
      const words = comparable.filter((w) => {
        const name = table.decode(w)!.name;
        // Absolute branch targets would need relocations; ADR/LDR literal print addresses for the same reason.
        if (['thumb_B_cond', 'thumb_B', 'thumb_LDR_pc', 'thumb_ADD_pc'].includes(name)) return false;
        // objdump prints the empty lists, but gas rejects them; gas rejects UNPREDICTABLE forms too.
        if (name.endsWith('_empty') || thumbTraits(w, 'v4T').unpredictable) return false;
        // `adds rd, rd, #imm3` has two encodings; gas picks the imm8 one.
        if ((name === 'thumb_ADD_imm3' || name === 'thumb_SUB_imm3') && (w & 7) === ((w >>> 3) & 7)) return false;
        return true;
      });
      const source = ['.syntax unified', '.arch armv4t', '.thumb', ...words.map((w) => disassembleThumb(w, 0, { arch: 'v4T' }))].join('\n');
      writeFileSync(join(dir, 'all.s'), `${source}\n`);
      execFileSync('arm-none-eabi-as', ['--no-warn', '-o', join(dir, 'all.o'), join(dir, 'all.s')], { stdio: 'pipe' });
      execFileSync('arm-none-eabi-objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'all.o'), join(dir, 'all.bin')]);
      const bytes = readFileSync(join(dir, 'all.bin'));
      expect(bytes.length).toBe(words.length * 2);
      const mismatches: string[] = [];
      words.forEach((w, k) => {
        const got = bytes.readUInt16LE(2 * k);
        if (got !== w) mismatches.push(`0x${w.toString(16)} "${disassembleThumb(w, 0)}" assembled to 0x${got.toString(16)}`);
      });
      expect(mismatches.slice(0, 20)).toEqual([]);
      expect(words.length).toBeGreaterThan(45_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
