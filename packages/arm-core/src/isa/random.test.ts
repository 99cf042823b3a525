import { describe, expect, it } from 'vitest';
import { ARCH_VERSIONS, archAtLeast, type ArchVersion } from '../cpu/arch.js';
import { DecodeTable, compilePattern, type Encoding } from './pattern.js';
import { Prng } from './prng.js';
import { createInstructionGenerator, randomInstructions } from './random.js';
import { THUMB_ENCODINGS } from './thumb-encodings.js';
import { armTraits, thumbTraits } from './traits.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEncoding = Encoding<any, any>;

function decoder(table: readonly AnyEncoding[], arch: ArchVersion): DecodeTable<unknown, unknown> {
  const accept = (since: ArchVersion): boolean => archAtLeast(arch, since);
  if (compilePattern(table[0].pattern).bits === 16) {
    return new DecodeTable(table, accept, (i) => i >>> 6, 1024, (b) => ({ mask: 0xffc0, value: b << 6 }));
  }
  return new DecodeTable(table, accept, (i) => ((i >>> 16) & 0xff0) | ((i >>> 4) & 0xf), 4096, (b) => ({
    mask: 0x0ff000f0,
    value: (((b >>> 4) << 20) | ((b & 0xf) << 4)) >>> 0,
  }));
}

/**
 * Generates words with the decode check off and decodes them again. A word must decode to its own entry,
 * or to a strictly more specific one (a deliberate carve-out such as LDRT inside LDR's P=0 W=1 space, or a
 * later architecture's encoding inside an UNDEFINED catch-all); never to an equally or less specific one.
 */
function roundTrip(table: readonly AnyEncoding[], arch: ArchVersion, count: number, seed: number): { carvedOut: Set<string>; wrong: string[] } {
  const dec = decoder(table, arch);
  const specificity = new Map(table.map((e) => [e.name, compilePattern(e.pattern).specificity]));
  const carvedOut = new Set<string>();
  const wrong: string[] = [];
  for (const { instr, encoding } of randomInstructions(table, { arch, count, rng: new Prng(seed), verifyDecode: false, allowUnpredictable: true })) {
    const got = dec.decode(instr);
    if (got?.name === encoding.name) continue;
    if (got && got.compiled.specificity > specificity.get(encoding.name)!) carvedOut.add(`${encoding.name} → ${got.name}`);
    else wrong.push(`${arch}: 0x${instr.toString(16)} from ${encoding.name} decodes to ${got?.name ?? 'nothing'}`);
  }
  return { carvedOut, wrong };
}

describe('randomInstructions on THUMB_ENCODINGS', () => {
  it('gives the same words for the same seed', () => {
    const a = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 500, rng: new Prng(42) });
    const b = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 500, rng: new Prng(42) });
    expect(b.map((g) => g.instr)).toEqual(a.map((g) => g.instr));
    const c = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 500, rng: new Prng(43) });
    expect(c.map((g) => g.instr)).not.toEqual(a.map((g) => g.instr));
  });

  it('pins the stream for seed 1 (fixtures and failing seeds depend on it)', () => {
    const words = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 4, rng: new Prng(1) }).map((g) => g.instr);
    expect(words.map((w) => w.toString(16))).toEqual(['5dbb', '4f5a', '56b4', 'b574']);
  });

  it('generates only words that decode back to their entry on ARMv4T', () => {
    const { carvedOut, wrong } = roundTrip(THUMB_ENCODINGS, 'v4T', 40_000, 1);
    expect(wrong).toEqual([]);
    expect([...carvedOut]).toEqual([]);
  });

  it('round-trips on every later architecture too', () => {
    for (const arch of ARCH_VERSIONS) expect(roundTrip(THUMB_ENCODINGS, arch, 10_000, 2).wrong).toEqual([]);
  });

  it('reaches every encoding of each architecture', () => {
    for (const arch of ['v4T', 'v5T', 'v6Z'] as const) {
      const seen = new Set(randomInstructions(THUMB_ENCODINGS, { arch, count: 20_000, rng: new Prng(5) }).map((g) => g.encoding.name));
      expect(THUMB_ENCODINGS.filter((e) => archAtLeast(arch, e.since) && !seen.has(e.name)).map((e) => `${arch} ${e.name}`)).toEqual([]);
      if (arch === 'v4T') expect([...seen].filter((n) => THUMB_ENCODINGS.find((e) => e.name === n)!.since !== 'v4T')).toEqual([]);
    }
  });

  it('honours the differential-testing options', () => {
    const words = randomInstructions(THUMB_ENCODINGS, {
      arch: 'v4T',
      count: 5000,
      rng: new Prng(6),
      excludeMemory: true,
      excludePcWrites: true,
      avoidRegisters: [13, 14, 15],
    });
    for (const { instr } of words) {
      const t = thumbTraits(instr, 'v4T');
      expect(t.memory || t.writesPc || t.unpredictable || (t.registers & 0xe000) !== 0, `0x${instr.toString(16)}`).toBe(false);
    }
    const names = new Set(words.map((g) => g.encoding.name));
    for (const name of ['thumb_ADD_reg', 'thumb_LSL_reg', 'thumb_MUL', 'thumb_MOV_hi', 'thumb_CMP_hi']) expect(names.has(name), name).toBe(true);
    for (const name of ['thumb_LDR_imm', 'thumb_PUSH', 'thumb_B', 'thumb_BX', 'thumb_ADD_sp', 'thumb_BL_prefix', 'thumb_SWI']) expect(names.has(name), name).toBe(false);
  });

  it('weights classes and filters by name', () => {
    const onlyMultiply = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 200, rng: new Prng(7), weights: { data: 0, load: 0, store: 0, branch: 0, 'load-multiple': 0, 'store-multiple': 0, exception: 0, undefined: 0 } });
    expect(new Set(onlyMultiply.map((g) => g.encoding.name))).toEqual(new Set(['thumb_MUL']));

    const heavy = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 4000, rng: new Prng(8), weights: { branch: 50 } });
    const branches = heavy.filter((g) => thumbTraits(g.instr, 'v4T').class === 'branch').length;
    expect(branches / heavy.length).toBeGreaterThan(0.7);

    const only = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 100, rng: new Prng(9), onlyEncodings: ['thumb_ADD_imm3', 'thumb_B'] });
    expect(new Set(only.map((g) => g.encoding.name))).toEqual(new Set(['thumb_ADD_imm3', 'thumb_B']));
    const without = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 3000, rng: new Prng(10), excludeEncodings: ['thumb_ADD_imm3'] });
    expect(without.some((g) => g.encoding.name === 'thumb_ADD_imm3')).toBe(false);

    const filtered = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 300, rng: new Prng(11), filter: (instr) => (instr & 1) === 0 });
    expect(filtered.every((g) => (g.instr & 1) === 0)).toBe(true);
  });

  it('skips UNPREDICTABLE words unless asked', () => {
    const words = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 3000, rng: new Prng(12), onlyEncodings: ['thumb_ADD_hi', 'thumb_STMIA', 'thumb_MUL'] });
    expect(words.some((g) => thumbTraits(g.instr, 'v4T').unpredictable)).toBe(false);
    const loose = randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 3000, rng: new Prng(12), onlyEncodings: ['thumb_ADD_hi'], allowUnpredictable: true });
    expect(loose.some((g) => thumbTraits(g.instr, 'v4T').unpredictable)).toBe(true);
  });

  it('drops encodings that cannot satisfy the options and fails clearly when none can', () => {
    const gen = createInstructionGenerator(THUMB_ENCODINGS, { arch: 'v4T', rng: new Prng(13), onlyEncodings: ['thumb_PUSH', 'thumb_MOV_imm'], avoidRegisters: [13] });
    for (let k = 0; k < 50; k++) expect(gen.next().encoding.name).toBe('thumb_MOV_imm');
    expect(gen.encodings.map((e) => e.name)).toEqual(['thumb_MOV_imm']);
    expect(() => randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 1, rng: new Prng(1), onlyEncodings: ['thumb_B'], excludePcWrites: true })).toThrow(/no encoding can produce/);
    expect(() => randomInstructions(THUMB_ENCODINGS, { arch: 'v4T', count: 1, rng: new Prng(1), onlyEncodings: ['nope'] })).toThrow(/no encoding named nope/);
  });
});

// ---- the ARM table (written concurrently; tested when present) ---------------------------------------------

async function loadArmTables(): Promise<{ arm: readonly AnyEncoding[]; unconditional: readonly AnyEncoding[] } | undefined> {
  const path = './arm-encodings.js';
  try {
    const m = (await import(/* @vite-ignore */ path)) as { ARM_ENCODINGS?: readonly AnyEncoding[]; ARM_UNCONDITIONAL_ENCODINGS?: readonly AnyEncoding[] };
    return m.ARM_ENCODINGS ? { arm: m.ARM_ENCODINGS, unconditional: m.ARM_UNCONDITIONAL_ENCODINGS ?? [] } : undefined;
  } catch {
    return undefined;
  }
}
const armTables = await loadArmTables();

describe.skipIf(!armTables)(`randomInstructions on ARM_ENCODINGS${armTables ? '' : ' (skipped: src/isa/arm-encodings.ts does not exist yet)'}`, () => {
  const tables = armTables!;

  it('gives the same words for the same seed', () => {
    const a = randomInstructions(tables.arm, { arch: 'v4T', count: 500, rng: new Prng(42) });
    const b = randomInstructions(tables.arm, { arch: 'v4T', count: 500, rng: new Prng(42) });
    expect(b.map((g) => g.instr)).toEqual(a.map((g) => g.instr));
  });

  it('generates words that decode back to their entry (or a more specific carve-out)', () => {
    for (const arch of ['v4T', 'v5TE', 'v6'] as const) {
      expect(roundTrip(tables.arm, arch, 20_000, 3).wrong).toEqual([]);
      if (tables.unconditional.some((e) => archAtLeast(arch, e.since))) expect(roundTrip(tables.unconditional, arch, 5_000, 4).wrong).toEqual([]);
    }
  });

  it('never emits condition 1111 from a conditional entry, and reaches every entry', () => {
    const words = randomInstructions(tables.arm, { arch: 'v4T', count: 30_000, rng: new Prng(14), allowUnpredictable: true });
    const seen = new Set(words.map((g) => g.encoding.name));
    expect(words.some((g) => g.instr >>> 28 === 15 && g.encoding.pattern.startsWith('cccc'))).toBe(false);
    expect(tables.arm.filter((e) => e.since === 'v4T' && !seen.has(e.name)).map((e) => e.name)).toEqual([]);
  });

  it('reaches every ARMv5/ARMv6 entry on the ARM1176 architecture, and none of them on ARMv4T', () => {
    for (const table of [tables.arm, tables.unconditional]) {
      const words = randomInstructions(table, { arch: 'v6Z', count: 40_000, rng: new Prng(17), allowUnpredictable: true });
      const seen = new Set(words.map((g) => g.encoding.name));
      expect(table.filter((e) => !seen.has(e.name)).map((e) => e.name)).toEqual([]);
      const old = randomInstructions(tables.arm, { arch: 'v4T', count: 5_000, rng: new Prng(18), allowUnpredictable: true });
      expect(old.filter((g) => g.encoding.since !== 'v4T').map((g) => g.encoding.name)).toEqual([]);
    }
  });

  it('agrees with armTraits on ARMv6: a word is UNDEFINED to the classifier only from an UNDEFINED entry', () => {
    for (const table of [tables.arm, tables.unconditional]) {
      const words = randomInstructions(table, { arch: 'v6Z', count: 20_000, rng: new Prng(19), allowUnpredictable: true });
      const odd = words.filter((g) => (armTraits(g.instr, 'v6Z').class === 'undefined') !== /UDF|UNDEFINED/i.test(g.encoding.name));
      expect(odd.slice(0, 5).map((g) => `${g.encoding.name} 0x${g.instr.toString(16)}`)).toEqual([]);
    }
  });

  it('agrees with armTraits: only UNDEFINED entries produce UNDEFINED words', () => {
    const words = randomInstructions(tables.arm, { arch: 'v4T', count: 20_000, rng: new Prng(15), allowUnpredictable: true });
    const odd = words.filter((g) => (armTraits(g.instr, 'v4T').class === 'undefined') !== /UDF|UNDEFINED/i.test(g.encoding.name));
    expect(odd.slice(0, 5).map((g) => `${g.encoding.name} 0x${g.instr.toString(16)}`)).toEqual([]);
  });

  it('honours the differential-testing options', () => {
    const words = randomInstructions(tables.arm, { arch: 'v4T', count: 5000, rng: new Prng(16), excludeMemory: true, excludePcWrites: true, avoidRegisters: [13, 14, 15], weights: { coprocessor: 0, status: 0 } });
    for (const { instr } of words) {
      const t = armTraits(instr, 'v4T');
      expect(t.memory || t.writesPc || t.unpredictable || (t.registers & 0xe000) !== 0 || t.class === 'coprocessor' || t.class === 'status').toBe(false);
    }
    expect(new Set(words.map((g) => armTraits(g.instr, 'v4T').class))).toEqual(new Set(['data', 'multiply']));
  });
});
