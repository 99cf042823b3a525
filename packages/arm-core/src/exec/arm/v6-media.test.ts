import { describe, expect, it } from 'vitest';
import { PSR } from '../../cpu/modes.js';
import { Prng } from '../../isa/prng.js';
import { createTestMachine, encodeArm, execArm } from './test-harness.js';

/**
 * ARMv6 media and multiply instructions against reference models written lane by lane from the ARM ARM
 * pseudocode (BigInt where 64 bits are involved), on edge values and random operands.
 */

const rng = new Prng(0x6410);
const EDGES = [0, 1, 0x7fff, 0x8000, 0xffff, 0x7fff7fff, 0x80008000, 0xffffffff, 0x7f7f7f7f, 0x80808080, 0x01ff01ff, 0xff00ff00];
function operand(k: number): number {
  return k < EDGES.length * EDGES.length ? EDGES[k % EDGES.length] : rng.uint32();
}
function operand2(k: number): number {
  return k < EDGES.length * EDGES.length ? EDGES[Math.floor(k / EDGES.length)] : rng.uint32();
}

const m = createTestMachine({ arch: 'v6Z' });
const cpu = m.cpu;

function run(word: number, regs: Record<number, number>): void {
  for (const [r, v] of Object.entries(regs)) cpu.r[Number(r)] = v >>> 0;
  execArm(m, word);
}

// ---- reference model of the parallel instructions ----

type Prefix = 'S' | 'Q' | 'SH' | 'U' | 'UQ' | 'UH';
type Op = 'ADD16' | 'ASX' | 'SAX' | 'SUB16' | 'ADD8' | 'SUB8';

function lanesOf(v: number, bits: 8 | 16, signed: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < 32 / bits; i++) {
    const raw = (v >>> (i * bits)) & ((1 << bits) - 1);
    out.push(signed && raw >= 1 << (bits - 1) ? raw - (1 << bits) : raw);
  }
  return out;
}

function referenceParallel(prefix: Prefix, op: Op, n: number, mm: number): { value: number; ge: number } {
  const signed = prefix === 'S' || prefix === 'Q' || prefix === 'SH';
  const bits = op === 'ADD8' || op === 'SUB8' ? 8 : 16;
  const a = lanesOf(n, bits, signed);
  const b = lanesOf(mm, bits, signed);
  // Exact lane results and whether each lane is an addition.
  let exact: number[];
  let adds: boolean[];
  switch (op) {
    case 'ADD16':
    case 'ADD8':
      exact = a.map((x, i) => x + b[i]);
      adds = a.map(() => true);
      break;
    case 'SUB16':
    case 'SUB8':
      exact = a.map((x, i) => x - b[i]);
      adds = a.map(() => false);
      break;
    case 'ASX':
      exact = [a[0] - b[1], a[1] + b[0]];
      adds = [false, true];
      break;
    default:
      exact = [a[0] + b[1], a[1] - b[0]];
      adds = [true, false];
  }
  const lim = 1 << bits;
  let value = 0;
  let ge = 0;
  exact.forEach((v, i) => {
    let lane: number;
    switch (prefix) {
      case 'S':
      case 'U':
        lane = ((v % lim) + lim) % lim;
        if (prefix === 'S' ? v >= 0 : adds[i] ? v >= lim : v >= 0) ge |= (bits === 16 ? 3 : 1) << (i * (bits / 8));
        break;
      case 'Q':
        lane = Math.max(-(lim / 2), Math.min(lim / 2 - 1, v));
        break;
      case 'UQ':
        lane = Math.max(0, Math.min(lim - 1, v));
        break;
      default:
        lane = Math.floor(v / 2);
    }
    value += (((lane % lim) + lim) % lim) * 2 ** (i * bits);
  });
  return { value: value >>> 0, ge };
}

describe('parallel add/subtract (36 instructions)', () => {
  const prefixes: Prefix[] = ['S', 'Q', 'SH', 'U', 'UQ', 'UH'];
  const ops: Op[] = ['ADD16', 'ASX', 'SAX', 'SUB16', 'ADD8', 'SUB8'];
  for (const prefix of prefixes) {
    for (const op of ops) {
      it(`${prefix}${op}: result and GE as the lane-by-lane reference`, () => {
        for (let k = 0; k < 400; k++) {
          const n = operand(k), mm = operand2(k);
          cpu.ge = 0b1010;
          run(encodeArm(`${prefix}${op}`, { d: 0, n: 1, m: 2 }), { 1: n, 2: mm });
          const want = referenceParallel(prefix, op, n, mm);
          expect(cpu.r[0], `${n.toString(16)} ${mm.toString(16)}`).toBe(want.value);
          // Only S and U set GE; the others leave it alone.
          expect(cpu.ge).toBe(prefix === 'S' || prefix === 'U' ? want.ge : 0b1010);
        }
      });
    }
  }

  it('SEL picks bytes by GE; GE is visible in the CPSR (bits 19:16)', () => {
    run(encodeArm('UADD8', { d: 3, n: 1, m: 2 }), { 1: 0xff01ff01, 2: 0x01010101 }); // carries in bytes 1 and 3
    expect(cpu.ge).toBe(0b1010);
    expect((cpu.cpsr >>> 16) & 15).toBe(0b1010);
    run(encodeArm('SEL', { d: 0, n: 4, m: 5 }), { 4: 0x44332211, 5: 0xddccbbaa });
    expect(cpu.r[0]).toBe(0x44cc22aa);
  });
});

describe('USAD8, USADA8', () => {
  it('sum absolute byte differences (and accumulate)', () => {
    for (let k = 0; k < 200; k++) {
      const a = operand(k), b = operand2(k), acc = rng.uint32();
      let sum = 0;
      for (let i = 0; i < 4; i++) sum += Math.abs(((a >>> (8 * i)) & 0xff) - ((b >>> (8 * i)) & 0xff));
      run(encodeArm('USAD8', { d: 0, m: 1, s: 2 }), { 1: a, 2: b });
      expect(cpu.r[0]).toBe(sum);
      run(encodeArm('USADA8', { d: 0, m: 1, s: 2, a: 3 }), { 1: a, 2: b, 3: acc });
      expect(cpu.r[0]).toBe((sum + acc) >>> 0);
    }
  });
});

describe('extend, pack, reverse', () => {
  const ror = (v: number, r: number): number => (r === 0 ? v >>> 0 : ((v >>> r) | (v << (32 - r))) >>> 0);
  const sx = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

  it('SXTB/SXTH/UXTB/UXTH/SXTB16/UXTB16 and their accumulate forms rotate, extend and add', () => {
    for (let k = 0; k < 300; k++) {
      const v = operand(k), acc = operand2(k), rot = k & 3;
      const x = ror(v, 8 * rot);
      const expectations: [string, number, number][] = [
        ['SXTB', sx(x & 0xff, 8) >>> 0, (acc + sx(x & 0xff, 8)) >>> 0],
        ['SXTH', sx(x & 0xffff, 16) >>> 0, (acc + sx(x & 0xffff, 16)) >>> 0],
        ['UXTB', x & 0xff, (acc + (x & 0xff)) >>> 0],
        ['UXTH', x & 0xffff, (acc + (x & 0xffff)) >>> 0],
        [
          'SXTB16',
          ((sx(x & 0xff, 8) & 0xffff) | (sx((x >>> 16) & 0xff, 8) << 16)) >>> 0,
          (((acc + sx(x & 0xff, 8)) & 0xffff) | ((((acc >>> 16) + sx((x >>> 16) & 0xff, 8)) & 0xffff) << 16)) >>> 0,
        ],
        ['UXTB16', (x & 0x00ff00ff) >>> 0, (((acc + (x & 0xff)) & 0xffff) | ((((acc >>> 16) + ((x >>> 16) & 0xff)) & 0xffff) << 16)) >>> 0],
      ];
      for (const [name, plain, accumulated] of expectations) {
        run(encodeArm(name, { d: 0, m: 1, r: rot }), { 1: v });
        expect(cpu.r[0], `${name} ${v.toString(16)} ror ${8 * rot}`).toBe(plain);
        run(encodeArm(`${name.slice(0, 3)}A${name.slice(3)}`, { d: 0, n: 2, m: 1, r: rot }), { 1: v, 2: acc });
        expect(cpu.r[0], `${name} accumulate`).toBe(accumulated);
      }
    }
  });

  it('PKHBT/PKHTB shift and pack (ASR #32 for an encoded 0)', () => {
    for (let k = 0; k < 200; k++) {
      const n = operand(k), v = operand2(k), sh = k % 32;
      run(encodeArm('PKHBT', { d: 0, n: 1, m: 2, i: sh }), { 1: n, 2: v });
      expect(cpu.r[0]).toBe(((n & 0xffff) | ((v << sh) & 0xffff0000)) >>> 0);
      run(encodeArm('PKHTB', { d: 0, n: 1, m: 2, i: sh }), { 1: n, 2: v });
      expect(cpu.r[0]).toBe(((n & 0xffff0000) | (((v | 0) >> (sh === 0 ? 31 : sh)) & 0xffff)) >>> 0);
    }
  });

  it('REV, REV16, REVSH', () => {
    run(encodeArm('REV', { d: 0, m: 1 }), { 1: 0x11223344 });
    expect(cpu.r[0]).toBe(0x44332211);
    run(encodeArm('REV16', { d: 0, m: 1 }), { 1: 0x11223344 });
    expect(cpu.r[0]).toBe(0x22114433);
    run(encodeArm('REVSH', { d: 0, m: 1 }), { 1: 0x11223380 });
    expect(cpu.r[0]).toBe(0xffff8033);
    run(encodeArm('REVSH', { d: 0, m: 1 }), { 1: 0x11228033 });
    expect(cpu.r[0]).toBe(0x3380);
  });
});

describe('SSAT, USAT, SSAT16, USAT16', () => {
  it('saturate the shifted operand to the range and set Q when they clip', () => {
    for (let k = 0; k < 600; k++) {
      const v = operand(k), sat = k % 32, sh = (k >>> 5) % 32, asr = (k >>> 10) & 1;
      const shifted = asr ? (v | 0) >> (sh === 0 ? 31 : sh) : (v << sh) | 0;
      const sMax = 2 ** sat - 1, sMin = -(2 ** sat);
      cpu.q = 0;
      run(encodeArm('SSAT', { d: 0, s: sat, n: 1, i: sh, t: asr }), { 1: v });
      expect(cpu.r[0]).toBe(Math.max(sMin, Math.min(sMax, shifted)) >>> 0);
      expect(cpu.q).toBe(shifted > sMax || shifted < sMin ? 1 : 0);
      const uMax = 2 ** sat - 1;
      cpu.q = 0;
      run(encodeArm('USAT', { d: 0, s: sat, n: 1, i: sh, t: asr }), { 1: v });
      expect(cpu.r[0]).toBe(Math.max(0, Math.min(uMax, shifted)) >>> 0);
      expect(cpu.q).toBe(shifted > uMax || shifted < 0 ? 1 : 0);
    }
  });

  it('saturate each halfword', () => {
    for (let k = 0; k < 300; k++) {
      const v = operand(k), sat = k % 16;
      const lanes = [(v << 16) >> 16, v >> 16];
      cpu.q = 0;
      run(encodeArm('SSAT16', { d: 0, s: sat, n: 1 }), { 1: v });
      const sMax = 2 ** sat - 1, sMin = -(2 ** sat);
      const s = lanes.map((x) => Math.max(sMin, Math.min(sMax, x)));
      expect(cpu.r[0]).toBe(((s[0] & 0xffff) | (s[1] << 16)) >>> 0);
      expect(cpu.q).toBe(lanes.some((x) => x > sMax || x < sMin) ? 1 : 0);
      cpu.q = 0;
      run(encodeArm('USAT16', { d: 0, s: sat, n: 1 }), { 1: v });
      const uMax = 2 ** sat - 1;
      const u = lanes.map((x) => Math.max(0, Math.min(uMax, x)));
      expect(cpu.r[0]).toBe((u[0] | (u[1] << 16)) >>> 0);
      expect(cpu.q).toBe(lanes.some((x) => x > uMax || x < 0) ? 1 : 0);
    }
  });
});

describe('ARMv6 multiplies', () => {
  const s16 = (v: number, top: boolean): bigint => BigInt(top ? v >> 16 : (v << 16) >> 16);
  const s32 = (v: number): bigint => BigInt(v | 0);
  const u32 = (v: bigint): number => Number(BigInt.asUintN(32, v));

  it('SMUAD/SMUSD/SMLAD/SMLSD (X swaps halves; Q when the exact result does not fit)', () => {
    for (let k = 0; k < 400; k++) {
      const n = operand(k), mm = operand2(k), acc = k % 5 === 0 ? 0x7fffffff : rng.uint32(), x = k & 1;
      const m2 = x ? ((mm >>> 16) | (mm << 16)) >>> 0 : mm;
      const p1 = s16(n, false) * s16(m2, false);
      const p2 = s16(n, true) * s16(m2, true);
      const cases: [string, bigint][] = [
        ['SMUAD', p1 + p2],
        ['SMUSD', p1 - p2],
        ['SMLAD', p1 + p2 + s32(acc)],
        ['SMLSD', p1 - p2 + s32(acc)],
      ];
      for (const [name, exact] of cases) {
        cpu.q = 0;
        const fields: Record<string, number> = { d: 0, m: 1, s: 2, x };
        if (name === 'SMLAD' || name === 'SMLSD') fields.a = 3;
        run(encodeArm(name, fields), { 1: n, 2: mm, 3: acc });
        expect(cpu.r[0], name).toBe(u32(exact));
        expect(cpu.q, name).toBe(exact !== BigInt.asIntN(32, exact) ? 1 : 0);
      }
    }
  });

  it('SMLALD/SMLSLD accumulate 64 bits', () => {
    for (let k = 0; k < 200; k++) {
      const n = operand(k), mm = operand2(k), lo = rng.uint32(), hi = rng.uint32(), x = k & 1;
      const m2 = x ? ((mm >>> 16) | (mm << 16)) >>> 0 : mm;
      const p1 = s16(n, false) * s16(m2, false);
      const p2 = s16(n, true) * s16(m2, true);
      for (const [name, delta] of [['SMLALD', p1 + p2], ['SMLSLD', p1 - p2]] as const) {
        run(encodeArm(name, { l: 4, h: 5, m: 1, s: 2, x }), { 1: n, 2: mm, 4: lo, 5: hi });
        const want = BigInt.asUintN(64, (BigInt(hi) << 32n) + BigInt(lo) + delta);
        expect([cpu.r[4], cpu.r[5]], name).toEqual([u32(want), Number(want >> 32n)]);
      }
    }
  });

  it('SMMUL/SMMLA/SMMLS take the top word, R rounding', () => {
    for (let k = 0; k < 400; k++) {
      const n = operand(k), mm = operand2(k), acc = rng.uint32(), r = k & 1;
      const product = s32(n) * s32(mm);
      const round = r ? 0x80000000n : 0n;
      const cases: [string, bigint][] = [
        ['SMMUL', product + round],
        ['SMMLA', (s32(acc) << 32n) + product + round],
        ['SMMLS', (s32(acc) << 32n) - product + round],
      ];
      for (const [name, exact] of cases) {
        const fields: Record<string, number> = { d: 0, m: 1, s: 2, r };
        if (name !== 'SMMUL') fields.a = 3;
        run(encodeArm(name, fields), { 1: n, 2: mm, 3: acc });
        expect(cpu.r[0], `${name} ${n.toString(16)} ${mm.toString(16)}`).toBe(u32(exact >> 32n));
      }
    }
  });

  it('UMAAL adds both halves of the accumulator to the unsigned product', () => {
    for (let k = 0; k < 200; k++) {
      const a = operand(k), b = operand2(k), lo = rng.uint32(), hi = rng.uint32();
      run(encodeArm('UMAAL', { l: 4, h: 5, m: 1, s: 2 }), { 1: a, 2: b, 4: lo, 5: hi });
      const want = BigInt(a) * BigInt(b) + BigInt(lo) + BigInt(hi);
      expect([cpu.r[4], cpu.r[5]]).toEqual([u32(want), Number(want >> 32n)]);
    }
    run(encodeArm('UMAAL', { l: 4, h: 5, m: 1, s: 2 }), { 1: 0xffffffff, 2: 0xffffffff, 4: 0xffffffff, 5: 0xffffffff });
    expect([cpu.r[4], cpu.r[5]]).toEqual([0xffffffff, 0xffffffff]);
  });
});

describe('MSR/MRS with the ARMv6 bits', () => {
  it('writes GE and E from any mode, A only when privileged; MRS reads them back', () => {
    const t = createTestMachine({ arch: 'v6Z' });
    t.cpu.r[0] = 0x000f0200;
    execArm(t, 0xe12ef000); // msr cpsr_fsx, r0
    expect(t.cpu.ge).toBe(15);
    expect(t.cpu.bigEndianData).toBe(true);
    t.cpu.r[0] = 0;
    execArm(t, 0xe12ef000);
    expect(t.cpu.ge).toBe(0);
    expect(t.cpu.bigEndianData).toBe(false);
    t.cpu.r[0] = PSR.A | 0x10;
    execArm(t, 0xe123f000); // msr cpsr_xc, r0 → User mode with A
    expect(t.cpu.cpsr & (PSR.A | 0x1f)).toBe(PSR.A | 0x10);
    t.cpu.r[0] = 0x000a0000;
    execArm(t, 0xe124f000); // msr cpsr_s, r0 (user may write GE)
    execArm(t, 0xe10f1000); // mrs r1, cpsr
    expect((t.cpu.r[1] >>> 16) & 15).toBe(0xa);
  });

  it('the same MSR leaves GE and E alone on the ARM920T', () => {
    const t = createTestMachine({ arch: 'v4T' });
    t.cpu.r[0] = 0x000f0200;
    execArm(t, 0xe12ef000);
    expect(t.cpu.ge).toBe(0);
    expect(t.cpu.bigEndianData).toBe(false);
  });
});
