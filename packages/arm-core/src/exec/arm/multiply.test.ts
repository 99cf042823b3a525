import { describe, expect, it } from 'vitest';
import { createTestMachine, execArm, flagsOf, setFlags } from './test-harness.js';

// Words from arm-none-eabi-as: operands r0 (Rd / RdLo), r1 (RdHi / Rm for MUL), r2, r3.
const MUL = 0xe0000291; // mul r0, r1, r2
const MULS = 0xe0100291; // muls r0, r1, r2
const MLAS = 0xe0303291; // mlas r0, r1, r2, r3
const UMULLS = 0xe0910392; // umulls r0, r1, r2, r3
const UMLALS = 0xe0b10392; // umlals r0, r1, r2, r3
const SMULLS = 0xe0d10392; // smulls r0, r1, r2, r3
const SMLALS = 0xe0f10392; // smlals r0, r1, r2, r3

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

const MASK64 = (1n << 64n) - 1n;

describe('MUL/MLA', () => {
  it('multiplies modulo 2^32 and sets N, Z; C and V are left unchanged (ARM920T)', () => {
    const m = createTestMachine();
    m.cpu.r[1] = 0x10000;
    m.cpu.r[2] = 0x10000;
    setFlags(m.cpu, 0b0011);
    execArm(m, MULS);
    expect(m.cpu.r[0]).toBe(0);
    expect(flagsOf(m.cpu)).toBe(0b0111);
    m.cpu.r[1] = 0xffffffff;
    m.cpu.r[2] = 2;
    execArm(m, MULS);
    expect(m.cpu.r[0]).toBe(0xfffffffe);
    expect(flagsOf(m.cpu)).toBe(0b1011);
  });

  it('MLA accumulates', () => {
    const m = createTestMachine();
    m.cpu.r[1] = 7;
    m.cpu.r[2] = 6;
    m.cpu.r[3] = 0xffffffff;
    execArm(m, MLAS);
    expect(m.cpu.r[0]).toBe(41);
  });

  it('is exact for large operands (no floating-point rounding)', () => {
    const m = createTestMachine();
    const next = random(99);
    for (let i = 0; i < 300; i++) {
      const a = next();
      const b = next();
      m.cpu.r[1] = a;
      m.cpu.r[2] = b;
      execArm(m, MUL);
      expect(m.cpu.r[0]).toBe(Number(BigInt.asUintN(32, BigInt(a) * BigInt(b))));
    }
  });

  it('early-terminates on Rs in cycle mode: 2–5 cycles, +1 to accumulate', () => {
    const m = createTestMachine({ timing: 'cycle' });
    m.cpu.r[1] = 0x12345678;
    const cost = (rs: number, word = MUL) => {
      m.cpu.r[2] = rs;
      return execArm(m, word);
    };
    expect(cost(0xff)).toBe(1);
    expect(cost(0xffffff80)).toBe(1); // signed: all-ones top bits terminate too
    expect(cost(0xffff)).toBe(2);
    expect(cost(0xffffff)).toBe(3);
    expect(cost(0x12345678)).toBe(4);
    expect(cost(0xff, MLAS)).toBe(2);
  });
});

describe('long multiplies', () => {
  it('UMULL/SMULL match 64-bit products on edge and random operands', () => {
    const m = createTestMachine();
    const next = random(7);
    const values = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x10000, 0xffff];
    for (let i = 0; i < 400; i++) values.push(next());
    for (let i = 0; i < values.length; i++) {
      const a = values[i];
      const b = values[(i * 7 + 3) % values.length];
      m.cpu.r[2] = a;
      m.cpu.r[3] = b;
      execArm(m, UMULLS);
      const u = BigInt(a) * BigInt(b);
      expect([m.cpu.r[0], m.cpu.r[1]]).toEqual([Number(u & 0xffffffffn), Number(u >> 32n)]);
      expect(m.cpu.n).toBe(Number(u >> 63n));
      expect(m.cpu.z).toBe(u === 0n ? 1 : 0);

      m.cpu.r[2] = a;
      m.cpu.r[3] = b;
      execArm(m, SMULLS);
      const s = BigInt.asUintN(64, BigInt(a | 0) * BigInt(b | 0));
      expect([m.cpu.r[0], m.cpu.r[1]]).toEqual([Number(s & 0xffffffffn), Number(s >> 32n)]);
      expect(m.cpu.n).toBe(Number(s >> 63n));
    }
  });

  it('UMLAL/SMLAL accumulate into RdHi:RdLo with the carry between halves', () => {
    const m = createTestMachine();
    const next = random(11);
    for (let i = 0; i < 300; i++) {
      const [a, b, lo, hi] = [next(), next(), next(), i === 0 ? 0 : next()];
      const acc = (BigInt(hi) << 32n) | BigInt(lo);
      m.cpu.r[0] = lo;
      m.cpu.r[1] = hi;
      m.cpu.r[2] = a;
      m.cpu.r[3] = b;
      execArm(m, UMLALS);
      const u = (BigInt(a) * BigInt(b) + acc) & MASK64;
      expect([m.cpu.r[0], m.cpu.r[1]]).toEqual([Number(u & 0xffffffffn), Number(u >> 32n)]);

      m.cpu.r[0] = lo;
      m.cpu.r[1] = hi;
      m.cpu.r[2] = a;
      m.cpu.r[3] = b;
      execArm(m, SMLALS);
      const s = (BigInt.asUintN(64, BigInt(a | 0) * BigInt(b | 0)) + acc) & MASK64;
      expect([m.cpu.r[0], m.cpu.r[1]]).toEqual([Number(s & 0xffffffffn), Number(s >> 32n)]);
    }
  });

  it('sets Z only when all 64 bits are zero; leaves C and V', () => {
    const m = createTestMachine();
    m.cpu.r[2] = 0x10000;
    m.cpu.r[3] = 0x10000; // product 2^32: low word 0, high word 1
    setFlags(m.cpu, 0b0011);
    execArm(m, UMULLS);
    expect([m.cpu.r[0], m.cpu.r[1]]).toEqual([0, 1]);
    expect(flagsOf(m.cpu)).toBe(0b0011);
  });

  it('RdHi = RdLo (UNPREDICTABLE): the high word wins', () => {
    const m = createTestMachine();
    m.cpu.r[2] = 0xffffffff;
    m.cpu.r[3] = 0xffffffff;
    execArm(m, 0xe0800392); // umull r0, r0, r2, r3
    expect(m.cpu.r[0]).toBe(0xfffffffe);
  });

  it('costs one more than MUL (two more when accumulating) in cycle mode', () => {
    const m = createTestMachine({ timing: 'cycle' });
    m.cpu.r[2] = 1;
    m.cpu.r[3] = 0xff;
    expect(execArm(m, UMULLS)).toBe(2);
    expect(execArm(m, UMLALS)).toBe(3);
    m.cpu.r[3] = 0xffffffff; // unsigned: no early termination on all ones
    expect(execArm(m, UMULLS)).toBe(5);
    expect(execArm(m, SMULLS)).toBe(2);
  });
});
