import { describe, expect, it } from 'vitest';
import { ARCH_VERSIONS } from '../cpu/arch.js';
import type { InstructionHandler } from '../cpu/cpu.js';
import { undefinedArm } from '../exec/arm/branch.js';
import { ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS, type ArmDisasm } from './arm-encodings.js';
import { armDecodeTable, createInstructionSet } from './instruction-set.js';
import { compilePattern, type CompiledEncoding } from './pattern.js';

function random32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const table = armDecodeTable(ARM_ENCODINGS, 'v4T');
type Entry = CompiledEncoding<InstructionHandler, ArmDisasm>;

/** True when every word `inner` matches also matches `outer`. */
function covers(outer: Entry, inner: Entry): boolean {
  const a = outer.compiled;
  const b = inner.compiled;
  return (a.mask & ~b.mask) === 0 && ((a.value ^ b.value) & a.mask) === 0;
}
function overlaps(x: Entry, y: Entry): boolean {
  return ((x.compiled.value ^ y.compiled.value) & x.compiled.mask & y.compiled.mask) === 0;
}

describe('ARM_ENCODINGS', () => {
  it('on every architecture, in both tables: nothing shadowed, every overlap a strict carve-out', () => {
    const problems: string[] = [];
    for (const arch of ARCH_VERSIONS) {
      for (const source of [ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS]) {
        const t = armDecodeTable(source, arch);
        for (let i = 0; i < t.entries.length; i++) {
          for (let j = i + 1; j < t.entries.length; j++) {
            const [a, b] = [t.entries[i], t.entries[j]];
            if (!a.when && covers(a, b)) problems.push(`${arch}: ${b.name} shadowed by ${a.name}`);
            else if (overlaps(a, b) && !(covers(b, a) && a.compiled.specificity > b.compiled.specificity)) problems.push(`${arch}: ${a.name} / ${b.name}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every pattern compiles to 32 bits, names are unique, versions are known', () => {
    const names = new Set<string>();
    for (const e of [...ARM_ENCODINGS, ...ARM_UNCONDITIONAL_ENCODINGS]) {
      expect(compilePattern(e.pattern).bits, e.name).toBe(32);
      expect(names.has(e.name), `duplicate ${e.name}`).toBe(false);
      names.add(e.name);
      expect(ARCH_VERSIONS).toContain(e.since);
    }
  });

  it('no entry is fully shadowed by a more specific one', () => {
    const shadowed: string[] = [];
    table.entries.forEach((e, i) => {
      for (let j = 0; j < i; j++) {
        const earlier = table.entries[j];
        if (!earlier.when && covers(earlier, e)) shadowed.push(`${e.name} by ${earlier.name}`);
      }
    });
    expect(shadowed).toEqual([]);
  });

  it('every entry is reached by sample words, and each overlap is a deliberate carve-out', () => {
    const next = random32(2024);
    for (const e of table.entries) {
      let hits = 0;
      for (let k = 0; k < 64; k++) {
        const word = ((next() & ~e.compiled.mask) | e.compiled.value) >>> 0;
        if (table.decode(word)?.name === e.name) hits++;
      }
      expect(hits, `no sample word decodes to ${e.name}`).toBeGreaterThan(0);
    }
    // Two entries matching a common word: the more specific must lie wholly inside the other (LDRT inside
    // LDR). Partial or equally specific overlaps would make the result depend on table order.
    const ambiguous: string[] = [];
    for (let i = 0; i < table.entries.length; i++) {
      for (let j = i + 1; j < table.entries.length; j++) {
        const [a, b] = [table.entries[i], table.entries[j]];
        if (overlaps(a, b) && !(covers(b, a) && a.compiled.specificity > b.compiled.specificity)) ambiguous.push(`${a.name} / ${b.name}`);
      }
    }
    expect(ambiguous).toEqual([]);
  });

  it('names every ARMv4T instruction class of the ARM ARM', () => {
    const names = new Set(ARM_ENCODINGS.map((e) => e.name));
    const ops = ['AND', 'EOR', 'SUB', 'RSB', 'ADD', 'ADC', 'SBC', 'RSC', 'TST', 'TEQ', 'CMP', 'CMN', 'ORR', 'MOV', 'BIC', 'MVN'];
    const required = [
      ...ops.flatMap((op) => [`${op}_imm`, `${op}_reg`, `${op}_rsr`]),
      ...['MUL', 'MLA', 'UMULL', 'UMLAL', 'SMULL', 'SMLAL'],
      ...['SWP', 'SWPB', 'MRS', 'MSR_reg', 'MSR_imm', 'B', 'BL', 'BX', 'SWI'],
      ...['LDR', 'LDRB', 'STR', 'STRB', 'LDRT', 'LDRBT', 'STRT', 'STRBT'].flatMap((n) => [`${n}_imm`, `${n}_reg`]),
      ...['LDRH', 'STRH', 'LDRSB', 'LDRSH'].flatMap((n) => [`${n}_imm`, `${n}_reg`]),
      ...['LDM', 'STM', 'LDM_user', 'STM_user', 'LDM_exception_return'],
      ...['CDP', 'MCR', 'MRC', 'LDC', 'STC'],
    ];
    expect(required.filter((n) => !names.has(n))).toEqual([]);
  });
});

describe('createInstructionSet', () => {
  const isa = createInstructionSet('v4T');

  it('decodes every word exactly as the table does (bucket fast path = reference decode)', () => {
    const next = random32(7);
    const words: number[] = [];
    for (let bucket = 0; bucket < 4096; bucket++) {
      for (let k = 0; k < 8; k++) words.push(((next() & 0xf00fff0f) | ((bucket >>> 4) << 20) | ((bucket & 15) << 4)) >>> 0);
    }
    for (let k = 0; k < 100000; k++) words.push(next());
    for (const w of words) {
      if (w >>> 28 === 0xf) continue;
      const reference = table.decode(w)?.exec ?? undefinedArm;
      if (isa.decodeArm(w) !== reference) expect.fail(`0x${w.toString(16)}: decodeArm disagrees with the table`);
    }
  });

  it('ignores the condition when decoding and memoises', () => {
    expect(isa.decodeArm(0xe0810002)).toBe(isa.decodeArm(0x10810002));
    expect(isa.decodeArm(0xe12fff1e)).toBe(isa.decodeArm(0x012fff1e));
    expect(isa.decodeArm(0xe12fff1e)).not.toBe(undefinedArm);
  });

  it('treats the ARMv4T undefined space and cond = 1111 as UNDEFINED', () => {
    const next = random32(99);
    for (let k = 0; k < 2000; k++) {
      const word = ((next() & 0x01ffffef) | 0xe6000010) >>> 0; // cccc 011x ... xxx1 xxxx
      expect(isa.decodeArm(word)).toBe(undefinedArm);
      expect(isa.decodeArmUnconditional((next() | 0xf0000000) >>> 0)).toBe(undefinedArm);
    }
  });

  it('leaves entries newer than the core UNDEFINED', () => {
    const word = 0xe16f0f11; // clz r0, r1
    expect(armDecodeTable(ARM_ENCODINGS, 'v4T').decode(word)).toBeUndefined();
    expect(armDecodeTable(ARM_ENCODINGS, 'v5T').decode(word)?.name).toBe('CLZ');
    // A newer entry in a space v4T leaves free (LDRD: the L = 0 half of the signed-load space).
    expect(armDecodeTable(ARM_ENCODINGS, 'v5T').decode(0xe1c000d0)).toBeUndefined();
    expect(armDecodeTable(ARM_ENCODINGS, 'v5TE').decode(0xe1c000d0)?.name).toBe('LDRD_imm');
    // A newer entry carved out of a v4T one (the WFI hint inside MSR immediate) wins on the newer core only.
    expect(armDecodeTable(ARM_ENCODINGS, 'v6').decode(0xe320f003)?.name).toBe('MSR_imm');
    expect(armDecodeTable(ARM_ENCODINGS, 'v6K').decode(0xe320f003)?.name).toBe('WFI');
  });

  it('stores PC + 12 by default on v4T/v5 and + 8 on v6', () => {
    expect(createInstructionSet('v4T').storedPcOffset).toBe(12);
    expect(createInstructionSet('v5TE').storedPcOffset).toBe(12);
    expect(createInstructionSet('v6').storedPcOffset).toBe(8);
    expect(createInstructionSet('v4T', { storedPcOffset: 8 }).storedPcOffset).toBe(8);
  });

  it('decodes every Thumb halfword as the Thumb table does', () => {
    for (let h = 0; h < 0x10000; h++) {
      const entry = isa.thumbTable.decode(h);
      const handler = isa.decodeThumb(h);
      if (entry && handler !== entry.exec) expect.fail(`thumb 0x${h.toString(16)}`);
      if (!entry && typeof handler !== 'function') expect.fail(`thumb 0x${h.toString(16)} has no handler`);
    }
  });
});
