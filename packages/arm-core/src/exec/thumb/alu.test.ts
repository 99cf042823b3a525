import { describe, expect, it } from 'vitest';
import { CODE_BASE, encodeThumb as T, thumbHarness } from './test-harness.js';

/** Runs one instruction with the given registers and flags; returns the harness's cpu. */
function run(instr: number, regs: Record<number, number>, flags: Partial<Record<'n' | 'z' | 'c' | 'v', number>> = {}, address = CODE_BASE) {
  const h = thumbHarness();
  for (const [k, v] of Object.entries(regs)) h.cpu.r[Number(k)] = v;
  Object.assign(h.cpu, { n: 0, z: 0, c: 0, v: 0, ...flags });
  return h.exec(instr, address);
}
const flags = (cpu: { n: number; z: number; c: number; v: number }) => `${cpu.n}${cpu.z}${cpu.c}${cpu.v}`;

describe('format 1: shift by immediate', () => {
  it('LSL #0 is a move that keeps C', () => {
    const cpu = run(T('thumb_LSL_imm', { d: 0, m: 1, i: 0 }), { 1: 0x80000000 }, { c: 1, v: 1 });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(flags(cpu)).toBe('1011');
  });
  it('LSL #n takes C from bit 32-n', () => {
    let cpu = run(T('thumb_LSL_imm', { d: 2, m: 3, i: 1 }), { 3: 0x80000001 });
    expect(cpu.r[2]).toBe(2);
    expect(flags(cpu)).toBe('0010');
    cpu = run(T('thumb_LSL_imm', { d: 2, m: 3, i: 31 }), { 3: 0x00000003 });
    expect(cpu.r[2]).toBe(0x80000000);
    expect(flags(cpu)).toBe('1010');
    cpu = run(T('thumb_LSL_imm', { d: 2, m: 3, i: 31 }), { 3: 0x00000002 }, { c: 1 });
    expect(cpu.r[2]).toBe(0);
    expect(flags(cpu)).toBe('0110');
  });
  it('LSR #0 means #32', () => {
    const cpu = run(T('thumb_LSR_imm', { d: 0, m: 1, i: 0 }), { 0: 5, 1: 0x80000000 });
    expect(cpu.r[0]).toBe(0);
    expect(flags(cpu)).toBe('0110');
  });
  it('LSR #n takes C from bit n-1', () => {
    const cpu = run(T('thumb_LSR_imm', { d: 0, m: 1, i: 4 }), { 1: 0xf000000f });
    expect(cpu.r[0]).toBe(0x0f000000);
    expect(flags(cpu)).toBe('0010');
  });
  it('ASR #0 means #32: all sign bits', () => {
    let cpu = run(T('thumb_ASR_imm', { d: 0, m: 1, i: 0 }), { 1: 0x80000000 });
    expect(cpu.r[0]).toBe(0xffffffff);
    expect(flags(cpu)).toBe('1010');
    cpu = run(T('thumb_ASR_imm', { d: 0, m: 1, i: 0 }), { 1: 0x7fffffff }, { c: 1 });
    expect(cpu.r[0]).toBe(0);
    expect(flags(cpu)).toBe('0100');
  });
  it('ASR #n sign-extends', () => {
    const cpu = run(T('thumb_ASR_imm', { d: 0, m: 1, i: 4 }), { 1: 0x80000018 });
    expect(cpu.r[0]).toBe(0xf8000001);
    expect(flags(cpu)).toBe('1010');
  });
});

describe('format 2: add/subtract', () => {
  it('ADD sets C on unsigned and V on signed overflow', () => {
    let cpu = run(T('thumb_ADD_reg', { d: 0, n: 1, m: 2 }), { 1: 0x7fffffff, 2: 1 });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(flags(cpu)).toBe('1001');
    cpu = run(T('thumb_ADD_reg', { d: 0, n: 1, m: 2 }), { 1: 0xffffffff, 2: 1 });
    expect(cpu.r[0]).toBe(0);
    expect(flags(cpu)).toBe('0110');
    cpu = run(T('thumb_ADD_reg', { d: 0, n: 1, m: 2 }), { 1: 0x80000000, 2: 0x80000000 });
    expect(flags(cpu)).toBe('0111');
  });
  it('SUB sets C = NOT borrow', () => {
    let cpu = run(T('thumb_SUB_reg', { d: 0, n: 1, m: 2 }), { 1: 0, 2: 1 });
    expect(cpu.r[0]).toBe(0xffffffff);
    expect(flags(cpu)).toBe('1000');
    cpu = run(T('thumb_SUB_reg', { d: 0, n: 1, m: 2 }), { 1: 5, 2: 5 });
    expect(flags(cpu)).toBe('0110');
    cpu = run(T('thumb_SUB_reg', { d: 0, n: 1, m: 2 }), { 1: 0x80000000, 2: 1 });
    expect(cpu.r[0]).toBe(0x7fffffff);
    expect(flags(cpu)).toBe('0011');
  });
  it('ADD/SUB with a 3-bit immediate', () => {
    let cpu = run(T('thumb_ADD_imm3', { d: 3, n: 4, i: 7 }), { 4: 0xfffffffa });
    expect(cpu.r[3]).toBe(1);
    expect(flags(cpu)).toBe('0010');
    cpu = run(T('thumb_SUB_imm3', { d: 3, n: 4, i: 0 }), { 4: 0 });
    expect(cpu.r[3]).toBe(0);
    expect(flags(cpu)).toBe('0110');
  });
});

describe('format 3: immediate operations', () => {
  it('MOV sets N=0 and Z, leaves C and V', () => {
    let cpu = run(T('thumb_MOV_imm', { d: 7, i: 0xff }), {}, { n: 1, c: 1, v: 1 });
    expect(cpu.r[7]).toBe(0xff);
    expect(flags(cpu)).toBe('0011');
    cpu = run(T('thumb_MOV_imm', { d: 7, i: 0 }), { 7: 9 });
    expect(cpu.r[7]).toBe(0);
    expect(flags(cpu)).toBe('0100');
  });
  it('CMP, ADD, SUB immediate', () => {
    let cpu = run(T('thumb_CMP_imm', { n: 2, i: 0x80 }), { 2: 0x7f });
    expect(cpu.r[2]).toBe(0x7f);
    expect(flags(cpu)).toBe('1000');
    cpu = run(T('thumb_ADD_imm8', { d: 2, i: 0xff }), { 2: 0xffffff01 });
    expect(cpu.r[2]).toBe(0);
    expect(flags(cpu)).toBe('0110');
    cpu = run(T('thumb_SUB_imm8', { d: 2, i: 1 }), { 2: 0x80000000 });
    expect(cpu.r[2]).toBe(0x7fffffff);
    expect(flags(cpu)).toBe('0011');
  });
});

describe('format 4: ALU operations', () => {
  it('logical operations set N and Z only', () => {
    const cases: [string, number, number, number][] = [
      ['thumb_AND', 0xff00ff00, 0x0ff00ff0, 0x0f000f00],
      ['thumb_EOR', 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0],
      ['thumb_ORR', 0xff00ff00, 0x0ff00ff0, 0xfff0fff0],
      ['thumb_BIC', 0xff00ff00, 0x0ff00ff0, 0xf000f000],
      ['thumb_MVN', 0x12345678, 0x0000ffff, 0xffff0000],
    ];
    for (const [name, d, m, result] of cases) {
      const cpu = run(T(name, { d: 0, m: 1 }), { 0: d, 1: m }, { c: 1, v: 1 });
      expect(cpu.r[0], name).toBe(result);
      expect(flags(cpu), name).toBe(`${result >>> 31}011`);
    }
    const cpu = run(T('thumb_TST', { n: 0, m: 1 }), { 0: 0xf0, 1: 0x0f }, { c: 1 });
    expect(cpu.r[0]).toBe(0xf0);
    expect(flags(cpu)).toBe('0110');
  });

  it('LSL by register: 0, <32, 32, >32, only Rs[7:0] counts', () => {
    const lsl = T('thumb_LSL_reg', { d: 0, s: 1 });
    const cases: [number, number, number, string][] = [
      // [value, Rs, result, NZCV] with C and V initially 1
      [0x80000001, 0, 0x80000001, '1011'],
      [0x80000001, 0x100, 0x80000001, '1011'],
      [0x80000001, 1, 2, '0011'],
      [0x40000001, 1, 0x80000002, '1001'],
      [0x00000003, 31, 0x80000000, '1011'],
      [0x00000001, 32, 0, '0111'],
      [0x00000002, 32, 0, '0101'],
      [0xffffffff, 33, 0, '0101'],
      [0xffffffff, 0xff, 0, '0101'],
    ];
    for (const [v, s, r, f] of cases) {
      const cpu = run(lsl, { 0: v, 1: s }, { c: 1, v: 1 });
      expect([cpu.r[0], flags(cpu)], `LSL ${v.toString(16)} by ${s}`).toEqual([r, f]);
    }
  });

  it('LSR by register', () => {
    const lsr = T('thumb_LSR_reg', { d: 0, s: 1 });
    const cases: [number, number, number, string][] = [
      [0x80000001, 0, 0x80000001, '1011'],
      [0x80000001, 1, 0x40000000, '0011'],
      [0x80000000, 31, 1, '0001'],
      [0x80000000, 32, 0, '0111'],
      [0x7fffffff, 32, 0, '0101'],
      [0xffffffff, 40, 0, '0101'],
    ];
    for (const [v, s, r, f] of cases) {
      const cpu = run(lsr, { 0: v, 1: s }, { c: 1, v: 1 });
      expect([cpu.r[0], flags(cpu)], `LSR ${v.toString(16)} by ${s}`).toEqual([r, f]);
    }
  });

  it('ASR by register', () => {
    const asr = T('thumb_ASR_reg', { d: 0, s: 1 });
    const cases: [number, number, number, string][] = [
      [0x80000000, 0, 0x80000000, '1011'],
      [0x80000001, 1, 0xc0000000, '1011'],
      [0x80000000, 31, 0xffffffff, '1001'],
      [0x80000000, 32, 0xffffffff, '1011'],
      [0x80000000, 200, 0xffffffff, '1011'],
      [0x7fffffff, 32, 0, '0101'],
    ];
    for (const [v, s, r, f] of cases) {
      const cpu = run(asr, { 0: v, 1: s }, { c: 1, v: 1 });
      expect([cpu.r[0], flags(cpu)], `ASR ${v.toString(16)} by ${s}`).toEqual([r, f]);
    }
  });

  it('ROR by register: multiples of 32 keep the value and set C from bit 31', () => {
    const ror = T('thumb_ROR', { d: 0, s: 1 });
    const cases: [number, number, number, string][] = [
      [0x80000001, 0, 0x80000001, '1001'],
      [0x00000001, 1, 0x80000000, '1011'],
      [0x00000002, 1, 0x00000001, '0001'],
      [0x80000001, 32, 0x80000001, '1011'],
      [0x7ffffffe, 64, 0x7ffffffe, '0001'],
      [0x12345678, 36, 0x81234567, '1011'],
    ];
    for (const [v, s, r, f] of cases) {
      const cpu = run(ror, { 0: v, 1: s }, { c: 0, v: 1 });
      expect([cpu.r[0], flags(cpu)], `ROR ${v.toString(16)} by ${s}`).toEqual([r, f]);
    }
  });

  it('ADC and SBC use the carry', () => {
    let cpu = run(T('thumb_ADC', { d: 0, m: 1 }), { 0: 0xffffffff, 1: 0 }, { c: 1 });
    expect(cpu.r[0]).toBe(0);
    expect(flags(cpu)).toBe('0110');
    cpu = run(T('thumb_ADC', { d: 0, m: 1 }), { 0: 0x7fffffff, 1: 0 }, { c: 1 });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(flags(cpu)).toBe('1001');
    // SBC with C = 0 subtracts one more.
    cpu = run(T('thumb_SBC', { d: 0, m: 1 }), { 0: 5, 1: 5 }, { c: 0 });
    expect(cpu.r[0]).toBe(0xffffffff);
    expect(flags(cpu)).toBe('1000');
    cpu = run(T('thumb_SBC', { d: 0, m: 1 }), { 0: 5, 1: 5 }, { c: 1 });
    expect(cpu.r[0]).toBe(0);
    expect(flags(cpu)).toBe('0110');
    cpu = run(T('thumb_SBC', { d: 0, m: 1 }), { 0: 0x80000000, 1: 0 }, { c: 0 });
    expect(cpu.r[0]).toBe(0x7fffffff);
    expect(flags(cpu)).toBe('0011');
    cpu = run(T('thumb_SBC', { d: 0, m: 1 }), { 0: 0, 1: 0xffffffff }, { c: 0 });
    expect(cpu.r[0]).toBe(0);
    expect(flags(cpu)).toBe('0100');
  });

  it('NEG is 0 - Rm', () => {
    let cpu = run(T('thumb_NEG', { d: 0, m: 1 }), { 1: 0 });
    expect(cpu.r[0]).toBe(0);
    expect(flags(cpu)).toBe('0110');
    cpu = run(T('thumb_NEG', { d: 0, m: 1 }), { 1: 1 });
    expect(cpu.r[0]).toBe(0xffffffff);
    expect(flags(cpu)).toBe('1000');
    cpu = run(T('thumb_NEG', { d: 0, m: 1 }), { 1: 0x80000000 });
    expect(cpu.r[0]).toBe(0x80000000);
    expect(flags(cpu)).toBe('1001');
  });

  it('CMP and CMN register', () => {
    let cpu = run(T('thumb_CMP_reg', { n: 0, m: 1 }), { 0: 1, 1: 2 });
    expect(flags(cpu)).toBe('1000');
    cpu = run(T('thumb_CMN', { n: 0, m: 1 }), { 0: 1, 1: 0xffffffff });
    expect(flags(cpu)).toBe('0110');
    expect(cpu.r[0]).toBe(1);
  });

  it('MUL keeps the low 32 bits, sets N and Z, leaves C and V (ARM920T)', () => {
    let cpu = run(T('thumb_MUL', { d: 0, m: 1 }), { 0: 0x10000, 1: 0x10001 }, { c: 1, v: 1 });
    expect(cpu.r[0]).toBe(0x10000);
    expect(flags(cpu)).toBe('0011');
    cpu = run(T('thumb_MUL', { d: 0, m: 1 }), { 0: 0xffffffff, 1: 3 });
    expect(cpu.r[0]).toBe(0xfffffffd);
    expect(flags(cpu)).toBe('1000');
    cpu = run(T('thumb_MUL', { d: 2, m: 2 }), { 2: 0x10000 });
    expect(cpu.r[2]).toBe(0);
    expect(flags(cpu)).toBe('0100');
  });
});

describe('format 5: high registers', () => {
  it('ADD, MOV, CMP reach r8–r15 and do not set flags (except CMP)', () => {
    let cpu = run(T('thumb_ADD_hi', { d: 8, m: 1 }), { 8: 0xffffffff, 1: 2 }, { c: 0 });
    expect(cpu.r[8]).toBe(1);
    expect(flags(cpu)).toBe('0000');
    cpu = run(T('thumb_MOV_hi', { d: 1, m: 12 }), { 12: 0xdeadbeef });
    expect(cpu.r[1]).toBe(0xdeadbeef);
    cpu = run(T('thumb_CMP_hi', { n: 9, m: 10 }), { 9: 3, 10: 3 });
    expect(flags(cpu)).toBe('0110');
  });
  it('reading PC gives the instruction address + 4', () => {
    const cpu = run(T('thumb_ADD_hi', { d: 0, m: 15 }), { 0: 0x10 }, {}, 0x1002);
    expect(cpu.r[0]).toBe(0x1016);
    const cpu2 = run(T('thumb_MOV_hi', { d: 3, m: 15 }), {}, {}, 0x1002);
    expect(cpu2.r[3]).toBe(0x1006);
  });
  it('writing PC branches and stays in Thumb state (no interworking on ARMv4T)', () => {
    let cpu = run(T('thumb_MOV_hi', { d: 15, m: 14 }), { 14: 0x2001 });
    expect(cpu.pc).toBe(0x2000);
    expect(cpu.thumb).toBe(true);
    cpu = run(T('thumb_ADD_hi', { d: 15, m: 0 }), { 0: 0x100 }, {}, 0x1000);
    expect(cpu.pc).toBe(0x1104);
    expect(cpu.thumb).toBe(true);
  });
});

describe('formats 12, 13: PC and SP arithmetic', () => {
  it('ADD Rd, PC, #imm word-aligns PC', () => {
    let cpu = run(T('thumb_ADD_pc', { d: 0, i: 1 }), {}, {}, 0x1002);
    expect(cpu.r[0]).toBe(0x1008);
    cpu = run(T('thumb_ADD_pc', { d: 0, i: 255 }), {}, {}, 0x1000);
    expect(cpu.r[0]).toBe(0x1004 + 1020);
  });
  it('ADD Rd, SP, #imm and ADD/SUB SP do not touch flags', () => {
    let cpu = run(T('thumb_ADD_sp_rd', { d: 5, i: 255 }), { 13: 0xfffffffc }, { z: 1 });
    expect(cpu.r[5]).toBe(0x3f8);
    expect(flags(cpu)).toBe('0100');
    cpu = run(T('thumb_ADD_sp', { i: 127 }), { 13: 0x1000 });
    expect(cpu.r[13]).toBe(0x1000 + 508);
    cpu = run(T('thumb_SUB_sp', { i: 1 }), { 13: 0 });
    expect(cpu.r[13]).toBe(0xfffffffc);
    expect(flags(cpu)).toBe('0000');
  });
});
