import { describe, expect, it } from 'vitest';
import { Mode } from '../../cpu/modes.js';
import { CODE_BASE, DATA_BASE, encodeThumb as T, thumbHarness } from './test-harness.js';

describe('format 6: PC-relative load', () => {
  it('uses the word-aligned PC', () => {
    const h = thumbHarness();
    h.ram.poke32(0x1008, 0xcafef00d);
    h.exec(T('thumb_LDR_pc', { d: 3, i: 1 }), 0x1002); // (0x1006 & ~3) + 4
    expect(h.cpu.r[3]).toBe(0xcafef00d);
    h.exec(T('thumb_LDR_pc', { d: 4, i: 1 }), 0x1000); // 0x1004 + 4
    expect(h.cpu.r[4]).toBe(0xcafef00d);
  });
});

describe('formats 7, 9: word and byte transfers', () => {
  it('STR/LDR with register and immediate offsets', () => {
    const h = thumbHarness();
    h.cpu.r[0] = 0x11223344;
    h.cpu.r[1] = DATA_BASE;
    h.cpu.r[2] = 8;
    h.exec(T('thumb_STR_reg', { d: 0, n: 1, m: 2 }));
    expect(h.ram.peek32(DATA_BASE + 8)).toBe(0x11223344);
    h.exec(T('thumb_LDR_imm', { d: 5, n: 1, i: 2 }));
    expect(h.cpu.r[5]).toBe(0x11223344);
    h.exec(T('thumb_STR_imm', { d: 0, n: 1, i: 31 }));
    expect(h.ram.peek32(DATA_BASE + 124)).toBe(0x11223344);
    h.exec(T('thumb_LDR_reg', { d: 6, n: 1, m: 2 }));
    expect(h.cpu.r[6]).toBe(0x11223344);
  });

  it('an unaligned LDR rotates the aligned word (ARMv4)', () => {
    const h = thumbHarness();
    h.ram.poke32(DATA_BASE, 0x44332211);
    const expected = [0x44332211, 0x11443322, 0x22114433, 0x33221144];
    for (let k = 0; k < 4; k++) {
      h.cpu.r[1] = DATA_BASE + k;
      h.exec(T('thumb_LDR_imm', { d: 0, n: 1, i: 0 }));
      expect(h.cpu.r[0], `offset ${k}`).toBe(expected[k]);
    }
  });

  it('an unaligned STR writes the aligned word', () => {
    const h = thumbHarness();
    h.cpu.r[0] = 0xaabbccdd;
    h.cpu.r[1] = DATA_BASE + 3;
    h.exec(T('thumb_STR_imm', { d: 0, n: 1, i: 0 }));
    expect(h.ram.peek32(DATA_BASE)).toBe(0xaabbccdd);
  });

  it('STRB/LDRB move the low byte, zero-extended', () => {
    const h = thumbHarness();
    h.cpu.r[0] = 0x123456f7;
    h.cpu.r[1] = DATA_BASE;
    h.cpu.r[2] = 3;
    h.exec(T('thumb_STRB_reg', { d: 0, n: 1, m: 2 }));
    expect(h.ram.peek32(DATA_BASE)).toBe(0xf7000000);
    h.exec(T('thumb_LDRB_imm', { d: 4, n: 1, i: 3 }));
    expect(h.cpu.r[4]).toBe(0xf7);
    h.exec(T('thumb_STRB_imm', { d: 0, n: 1, i: 31 }));
    expect(h.ram.bytes[DATA_BASE + 31]).toBe(0xf7);
    h.exec(T('thumb_LDRB_reg', { d: 5, n: 1, m: 2 }));
    expect(h.cpu.r[5]).toBe(0xf7);
  });
});

describe('formats 8, 10: halfword and signed transfers', () => {
  it('STRH/LDRH move the low halfword, zero-extended', () => {
    const h = thumbHarness();
    h.cpu.r[0] = 0x1234abcd;
    h.cpu.r[1] = DATA_BASE;
    h.cpu.r[2] = 2;
    h.exec(T('thumb_STRH_reg', { d: 0, n: 1, m: 2 }));
    expect(h.ram.peek32(DATA_BASE)).toBe(0xabcd0000);
    h.exec(T('thumb_LDRH_imm', { d: 3, n: 1, i: 1 }));
    expect(h.cpu.r[3]).toBe(0xabcd);
    h.exec(T('thumb_STRH_imm', { d: 0, n: 1, i: 31 }));
    expect(h.ram.bytes[DATA_BASE + 62]).toBe(0xcd);
    h.exec(T('thumb_LDRH_reg', { d: 4, n: 1, m: 2 }));
    expect(h.cpu.r[4]).toBe(0xabcd);
  });

  it('LDRSB/LDRSH sign-extend', () => {
    const h = thumbHarness();
    h.ram.poke32(DATA_BASE, 0x7f80_8001);
    h.cpu.r[1] = DATA_BASE;
    const cases: [string, number, number][] = [
      ['thumb_LDRSB_reg', 0, 0x00000001],
      ['thumb_LDRSB_reg', 1, 0xffffff80],
      ['thumb_LDRSB_reg', 3, 0x0000007f],
      ['thumb_LDRSH_reg', 0, 0xffff8001],
      ['thumb_LDRSH_reg', 2, 0x00007f80],
    ];
    for (const [name, offset, value] of cases) {
      h.cpu.r[2] = offset;
      h.exec(T(name, { d: 0, n: 1, m: 2 }));
      expect(h.cpu.r[0], `${name} +${offset}`).toBe(value);
    }
  });
});

describe('format 11: SP-relative', () => {
  it('STR/LDR [SP, #imm8*4]', () => {
    const h = thumbHarness();
    h.cpu.r[13] = DATA_BASE;
    h.cpu.r[7] = 0x5a5a5a5a;
    h.exec(T('thumb_STR_sp', { d: 7, i: 255 }));
    expect(h.ram.peek32(DATA_BASE + 1020)).toBe(0x5a5a5a5a);
    h.exec(T('thumb_LDR_sp', { d: 0, i: 255 }));
    expect(h.cpu.r[0]).toBe(0x5a5a5a5a);
  });
});

describe('faults', () => {
  it('a load outside memory takes a data abort and leaves Rd unchanged', () => {
    const h = thumbHarness();
    h.cpu.r[0] = 0x1234;
    h.cpu.r[1] = 0x00100000;
    h.exec(T('thumb_LDR_imm', { d: 0, n: 1, i: 0 }), CODE_BASE);
    expect(h.cpu.r[0]).toBe(0x1234);
    expect(h.cpu.mode).toBe(Mode.ABT);
    expect(h.cpu.thumb).toBe(false);
    expect(h.cpu.pc).toBe(0x10);
    expect(h.cpu.r[14]).toBe(CODE_BASE + 8);
  });
  it('a store outside memory takes a data abort', () => {
    const h = thumbHarness();
    h.cpu.r[1] = 0x00200000;
    h.exec(T('thumb_STRB_imm', { d: 0, n: 1, i: 8 }));
    expect(h.cpu.mode).toBe(Mode.ABT);
    expect(h.ram.writes).toEqual([]);
  });
});
