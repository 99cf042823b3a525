import { describe, expect, it } from 'vitest';
import { ARCH_VERSIONS, archAtLeast } from '../cpu/arch.js';
import { thumbUndefined } from '../exec/thumb/branch.js';
import { thumbDecodeTable } from '../exec/thumb/test-harness.js';
import { createInstructionSet } from './instruction-set.js';
import { compilePattern, matches } from './pattern.js';
import { THUMB_ENCODINGS, THUMB_UNDEFINED_SPACE } from './thumb-encodings.js';

/** UNDEFINED on ARMv4T, written from the ARM ARM's Thumb opcode map independently of the table. */
function undefinedOnV4T(w: number): boolean {
  if ((w & 0xff80) === 0x4780) return true; // BLX Rm
  if (w >>> 12 === 0xb) {
    const op = (w >>> 8) & 15;
    if (![0, 4, 5, 12, 13].includes(op)) return true;
    if ((op === 4 || op === 12) && (w & 0xff) === 0) return true; // PUSH {} / POP {}
  }
  if ((w & 0xf000) === 0xc000 && (w & 0xff) === 0) return true; // STMIA/LDMIA with an empty list
  if ((w & 0xff00) === 0xde00) return true; // B<1110>
  if ((w & 0xf800) === 0xe800) return true; // BLX suffix
  return false;
}

describe('THUMB_ENCODINGS', () => {
  it('has unique names, 16-bit patterns and ARMv4T entries', () => {
    const names = new Set<string>();
    for (const e of THUMB_ENCODINGS) {
      expect(names.has(e.name), e.name).toBe(false);
      names.add(e.name);
      expect(e.name.startsWith('thumb_')).toBe(true);
      expect(compilePattern(e.pattern).bits).toBe(16);
      expect(ARCH_VERSIONS).toContain(e.since);
    }
    for (const name of THUMB_UNDEFINED_SPACE) expect(names.has(name), name).toBe(true);
  });

  it('decodes every halfword on every architecture', () => {
    for (const arch of ARCH_VERSIONS) {
      const table = thumbDecodeTable(arch);
      for (let w = 0; w < 0x10000; w++) if (!table.decode(w)) throw new Error(`${arch}: 0x${w.toString(16)} decodes to nothing`);
    }
  });

  it('makes exactly the ARMv4T UNDEFINED (and empty-list) space undefined', () => {
    const table = thumbDecodeTable('v4T');
    let count = 0;
    for (let w = 0; w < 0x10000; w++) {
      const isUndefined = table.decode(w)!.exec === thumbUndefined;
      if (isUndefined !== undefinedOnV4T(w)) throw new Error(`0x${w.toString(16)}: table says ${isUndefined ? '' : 'not '}UNDEFINED`);
      if (isUndefined) count++;
    }
    expect(count).toBe(128 + 11 * 256 + 2 + 16 + 256 + 2048);
  });

  it('hides no entry: every entry decodes some word and only words it matches, on every architecture', () => {
    for (const arch of ['v4T', 'v5T', 'v6', 'v6Z'] as const) {
      const table = thumbDecodeTable(arch);
      const hits = new Map<string, number>();
      for (let w = 0; w < 0x10000; w++) {
        const e = table.decode(w)!;
        if (!matches(e.compiled, w)) throw new Error(`0x${w.toString(16)} decoded to ${e.name}, which does not match it`);
        hits.set(e.name, (hits.get(e.name) ?? 0) + 1);
      }
      for (const e of THUMB_ENCODINGS) {
        if (archAtLeast(arch, e.since)) expect(hits.get(e.name) ?? 0, `${arch} ${e.name}`).toBeGreaterThan(0);
        else expect(hits.get(e.name) ?? 0, `${arch} ${e.name}`).toBe(0);
      }
    }
  });

  it('lets later architectures carve encodings out of the UNDEFINED space', () => {
    const words: [number, string][] = [
      [0x4788, 'thumb_BLX_reg'],
      [0xbe01, 'thumb_BKPT'],
      [0xe802, 'thumb_BLX_suffix'],
      [0xb208, 'thumb_SXTH'],
      [0xb658, 'thumb_SETEND'],
      [0xb672, 'thumb_CPS'],
      [0xba08, 'thumb_REV'],
      [0xbac8, 'thumb_REVSH'],
      [0xb2c8, 'thumb_UXTB'],
    ];
    for (const arch of ['v4T', 'v5T', 'v6'] as const) {
      const table = thumbDecodeTable(arch);
      for (const [w, name] of words) {
        const since = THUMB_ENCODINGS.find((e) => e.name === name)!.since;
        const decoded = table.decode(w)!;
        if (archAtLeast(arch, since)) expect(decoded.name, `${arch} 0x${w.toString(16)}`).toBe(name);
        else expect(THUMB_UNDEFINED_SPACE.has(decoded.name), `${arch} 0x${w.toString(16)}: ${decoded.name}`).toBe(true);
      }
      // The v4T encodings around them are unaffected, and the rest of the spaces stay UNDEFINED.
      expect(table.decode(0xb401)!.name).toBe('thumb_PUSH');
      expect(table.decode(0x4770)!.name).toBe('thumb_BX');
      expect(table.decode(0xf800)!.name).toBe('thumb_BL_suffix');
      for (const w of [0x4789, 0xe803, 0xba88, 0xb651, 0xb668, 0xbf00]) expect(table.decode(w)!.exec, `${arch} 0x${w.toString(16)}`).toBe(thumbUndefined);
    }
  });

  it('is what the core decodes with (createInstructionSet)', () => {
    const isa = createInstructionSet('v4T');
    const table = thumbDecodeTable('v4T');
    for (let w = 0; w < 0x10000; w++) {
      const expected = table.decode(w)!.exec;
      if (isa.decodeThumb(w) !== expected) throw new Error(`0x${w.toString(16)}: instruction set decodes differently`);
    }
  });
});
