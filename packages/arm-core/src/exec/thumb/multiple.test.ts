import { describe, expect, it } from 'vitest';
import { Mode } from '../../cpu/modes.js';
import { CODE_BASE, DATA_BASE, STACK_TOP, encodeThumb as T, thumbHarness } from './test-harness.js';

describe('PUSH/POP', () => {
  it('PUSH stores the lowest register at the lowest address and lowers SP', () => {
    const h = thumbHarness();
    h.cpu.r[0] = 0xa0;
    h.cpu.r[2] = 0xa2;
    h.cpu.r[14] = 0x1235;
    h.exec(T('thumb_PUSH', { r: 1, l: 0b101 }));
    expect(h.cpu.r[13]).toBe(STACK_TOP - 12);
    expect(h.ram.writes).toEqual([
      [STACK_TOP - 12, 0xa0, 4],
      [STACK_TOP - 8, 0xa2, 4],
      [STACK_TOP - 4, 0x1235, 4],
    ]);
  });

  it('POP loads in order and raises SP', () => {
    const h = thumbHarness();
    h.cpu.r[13] = DATA_BASE;
    h.ram.poke32(DATA_BASE, 1);
    h.ram.poke32(DATA_BASE + 4, 2);
    h.ram.poke32(DATA_BASE + 8, 3);
    h.exec(T('thumb_POP', { r: 0, l: 0b10000011 }));
    expect([h.cpu.r[0], h.cpu.r[1], h.cpu.r[7]]).toEqual([1, 2, 3]);
    expect(h.cpu.r[13]).toBe(DATA_BASE + 12);
  });

  it('POP {pc} stays in Thumb state on ARMv4T, bit 0 ignored', () => {
    for (const value of [0x2001, 0x2000]) {
      const h = thumbHarness();
      h.cpu.r[13] = DATA_BASE;
      h.ram.poke32(DATA_BASE, value);
      h.exec(T('thumb_POP', { r: 1, l: 0 }));
      expect(h.cpu.pc).toBe(0x2000);
      expect(h.cpu.thumb).toBe(true);
      expect(h.cpu.r[13]).toBe(DATA_BASE + 4);
    }
  });

  it('POP {pc} interworks from ARMv5T', () => {
    const h = thumbHarness({ arch: 'v5T' });
    h.cpu.r[13] = DATA_BASE;
    h.ram.poke32(DATA_BASE, 0x2000);
    h.exec(T('thumb_POP', { r: 1, l: 0 }));
    expect(h.cpu.pc).toBe(0x2000);
    expect(h.cpu.thumb).toBe(false);
  });

  it('an abort during POP leaves registers and SP unchanged', () => {
    const h = thumbHarness();
    h.cpu.r[13] = 0xfffc; // the second word is past the end of RAM
    h.cpu.r[0] = 0x11;
    h.cpu.r[1] = 0x22;
    h.ram.poke32(0xfffc, 0x99);
    h.exec(T('thumb_POP', { r: 0, l: 0b11 }));
    expect(h.cpu.mode).toBe(Mode.ABT);
    h.cpu.cpsr = Mode.SYS;
    expect([h.cpu.r[0], h.cpu.r[1], h.cpu.r[13]]).toEqual([0x11, 0x22, 0xfffc]);
  });

  it('empty register lists are UNDEFINED', () => {
    for (const instr of [T('thumb_PUSH_empty'), T('thumb_POP_empty'), T('thumb_STMIA_empty', { n: 3 }), T('thumb_LDMIA_empty', { n: 3 })]) {
      const h = thumbHarness();
      h.exec(instr);
      expect(h.cpu.mode, instr.toString(16)).toBe(Mode.UND);
      expect(h.cpu.r[14]).toBe(CODE_BASE + 2);
      expect(h.ram.writes).toEqual([]);
    }
  });
});

describe('STMIA/LDMIA', () => {
  it('STMIA stores ascending and writes back', () => {
    const h = thumbHarness();
    h.cpu.r[0] = DATA_BASE;
    h.cpu.r[1] = 0x11;
    h.cpu.r[7] = 0x77;
    h.exec(T('thumb_STMIA', { n: 0, l: 0b10000010 }));
    expect(h.ram.writes).toEqual([
      [DATA_BASE, 0x11, 4],
      [DATA_BASE + 4, 0x77, 4],
    ]);
    expect(h.cpu.r[0]).toBe(DATA_BASE + 8);
  });

  it('STMIA with the base lowest in the list stores its original value', () => {
    const h = thumbHarness();
    h.cpu.r[2] = DATA_BASE;
    h.cpu.r[5] = 0x55;
    h.exec(T('thumb_STMIA', { n: 2, l: 0b00100100 }));
    expect(h.ram.peek32(DATA_BASE)).toBe(DATA_BASE);
    expect(h.ram.peek32(DATA_BASE + 4)).toBe(0x55);
    expect(h.cpu.r[2]).toBe(DATA_BASE + 8);
  });

  it('STMIA with the base later in the list stores the written-back value (ARM7/9TDMI)', () => {
    const h = thumbHarness();
    h.cpu.r[2] = DATA_BASE;
    h.cpu.r[0] = 0x10;
    h.exec(T('thumb_STMIA', { n: 2, l: 0b101 }));
    expect(h.ram.peek32(DATA_BASE)).toBe(0x10);
    expect(h.ram.peek32(DATA_BASE + 4)).toBe(DATA_BASE + 8);
  });

  it('LDMIA writes back unless the base is loaded', () => {
    const h = thumbHarness();
    h.ram.poke32(DATA_BASE, 0xa);
    h.ram.poke32(DATA_BASE + 4, 0xb);
    h.cpu.r[3] = DATA_BASE;
    h.exec(T('thumb_LDMIA', { n: 3, l: 0b11 }));
    expect([h.cpu.r[0], h.cpu.r[1], h.cpu.r[3]]).toEqual([0xa, 0xb, DATA_BASE + 8]);
    h.cpu.r[0] = DATA_BASE;
    h.exec(T('thumb_LDMIA', { n: 0, l: 0b11 }));
    expect([h.cpu.r[0], h.cpu.r[1]]).toEqual([0xa, 0xb]);
  });

  it('transfers ignore the low address bits', () => {
    const h = thumbHarness();
    h.ram.poke32(DATA_BASE, 0x44332211);
    h.cpu.r[3] = DATA_BASE + 2;
    h.exec(T('thumb_LDMIA', { n: 3, l: 0b1 }));
    expect(h.cpu.r[0]).toBe(0x44332211);
    expect(h.cpu.r[3]).toBe(DATA_BASE + 6);
  });
});
