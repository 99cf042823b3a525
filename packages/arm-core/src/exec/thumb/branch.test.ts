import { describe, expect, it } from 'vitest';
import type { ExceptionEvent } from '../../cpu/cpu.js';
import { Mode, PSR } from '../../cpu/modes.js';
import { CODE_BASE, encodeThumb as T, thumbHarness } from './test-harness.js';

describe('conditional branch', () => {
  // [cond, NZCV that passes, NZCV that fails]
  const conditions: [number, number, number][] = [
    [0, 0b0100, 0b0000], // EQ
    [1, 0b0000, 0b0100], // NE
    [2, 0b0010, 0b0000], // CS
    [3, 0b0000, 0b0010], // CC
    [4, 0b1000, 0b0000], // MI
    [5, 0b0000, 0b1000], // PL
    [6, 0b0001, 0b0000], // VS
    [7, 0b0000, 0b0001], // VC
    [8, 0b0010, 0b0110], // HI
    [9, 0b0110, 0b0010], // LS
    [10, 0b1001, 0b1000], // GE
    [11, 0b1000, 0b1001], // LT
    [12, 0b0000, 0b0100], // GT
    [13, 0b0100, 0b0000], // LE
  ];
  for (const [cond, pass, fail] of conditions) {
    it(`condition ${cond}`, () => {
      const setFlags = (cpu: { n: number; z: number; c: number; v: number }, f: number): void => {
        cpu.n = (f >> 3) & 1;
        cpu.z = (f >> 2) & 1;
        cpu.c = (f >> 1) & 1;
        cpu.v = f & 1;
      };
      const instr = T('thumb_B_cond', { c: cond, i: 0x10 });
      const h = thumbHarness();
      setFlags(h.cpu, pass);
      h.exec(instr);
      expect(h.cpu.pc).toBe(CODE_BASE + 4 + 0x20);
      setFlags(h.cpu, fail);
      h.exec(instr);
      expect(h.cpu.pc).toBe(CODE_BASE + 2);
    });
  }

  it('offsets are signed halfwords from PC', () => {
    const h = thumbHarness();
    h.exec(T('thumb_B_cond', { c: 0, i: 0x80 }), 0x2000); // EQ with Z=0: not taken
    expect(h.cpu.pc).toBe(0x2002);
    h.cpu.z = 1;
    h.exec(T('thumb_B_cond', { c: 0, i: 0x80 }), 0x2000);
    expect(h.cpu.pc).toBe(0x2004 - 256);
    h.exec(T('thumb_B_cond', { c: 0, i: 0xfe }), 0x2000);
    expect(h.cpu.pc).toBe(0x2000);
  });
});

describe('unconditional branch and BL', () => {
  it('B reaches ±2 KB', () => {
    const h = thumbHarness();
    h.exec(T('thumb_B', { i: 0x3ff }), 0x2000);
    expect(h.cpu.pc).toBe(0x2004 + 2046);
    h.exec(T('thumb_B', { i: 0x400 }), 0x2000);
    expect(h.cpu.pc).toBe(0x2004 - 2048);
    h.exec(T('thumb_B', { i: 0x7fe }), 0x2000);
    expect(h.cpu.pc).toBe(0x2000);
  });

  it('the BL pair computes the target in LR and returns to the next instruction | 1', () => {
    const h = thumbHarness();
    // bl to CODE_BASE + 4 + 0x1234
    const offset = 0x1234;
    h.run([T('thumb_BL_prefix', { i: (offset >> 12) & 0x7ff }), T('thumb_BL_suffix', { i: (offset & 0xfff) >> 1 })]);
    expect(h.cpu.pc).toBe(CODE_BASE + 4 + offset);
    expect(h.cpu.r[14]).toBe((CODE_BASE + 4) | 1);
    expect(h.cpu.thumb).toBe(true);
  });

  it('BL backwards', () => {
    const h = thumbHarness();
    const offset = -0x802; // to CODE_BASE + 4 - 0x802 from 0x3000
    const at = 0x3000;
    h.run([T('thumb_BL_prefix', { i: (offset >> 12) & 0x7ff }), T('thumb_BL_suffix', { i: (offset & 0xfff) >> 1 })], { address: at });
    expect(h.cpu.pc).toBe(at + 4 + offset);
    expect(h.cpu.r[14]).toBe((at + 4) | 1);
  });

  it('the halves execute separately: prefix sets LR, suffix branches from LR', () => {
    const h = thumbHarness();
    h.exec(T('thumb_BL_prefix', { i: 0x7ff }), 0x2000);
    expect(h.cpu.r[14]).toBe(0x2004 - 0x1000);
    h.cpu.r[14] = 0x4000;
    h.exec(T('thumb_BL_suffix', { i: 0x10 }), 0x2000);
    expect(h.cpu.pc).toBe(0x4020);
    expect(h.cpu.r[14]).toBe(0x2003);
  });
});

describe('BX', () => {
  it('to Thumb code with bit 0 set', () => {
    const h = thumbHarness();
    h.cpu.r[9] = 0x2001;
    h.exec(T('thumb_BX', { m: 9 }));
    expect(h.cpu.pc).toBe(0x2000);
    expect(h.cpu.thumb).toBe(true);
  });
  it('to ARM code with bit 0 clear (word-aligned)', () => {
    const h = thumbHarness();
    h.cpu.r[14] = 0x2006;
    h.exec(T('thumb_BX', { m: 14 }));
    expect(h.cpu.pc).toBe(0x2004);
    expect(h.cpu.thumb).toBe(false);
    expect(h.cpu.cpsr & PSR.T).toBe(0);
  });
  it('BX PC switches to ARM at this instruction + 4', () => {
    const h = thumbHarness();
    h.exec(T('thumb_BX', { m: 15 }), 0x2000);
    expect(h.cpu.pc).toBe(0x2004);
    expect(h.cpu.thumb).toBe(false);
  });
});

describe('SWI and UNDEFINED', () => {
  it('SWI enters SVC mode in ARM state with LR = next instruction', () => {
    const h = thumbHarness();
    const seen: ExceptionEvent[] = [];
    h.cpu.hookException('swi', (_cpu, e) => seen.push(e));
    h.cpu.n = 1;
    const instr = T('thumb_SWI', { i: 0x42 });
    h.exec(instr, 0x2000);
    expect(h.cpu.mode).toBe(Mode.SVC);
    expect(h.cpu.thumb).toBe(false);
    expect(h.cpu.pc).toBe(0x08);
    expect(h.cpu.r[14]).toBe(0x2002);
    expect(h.cpu.currentSpsr).toBe((Mode.SYS | PSR.I | PSR.F | PSR.T | PSR.N) >>> 0);
    expect(seen).toEqual([{ kind: 'swi', address: 0x2000, instruction: instr, fault: undefined }]);
  });

  it('UDF, BLX and the v4T gaps take the undefined-instruction exception', () => {
    for (const instr of [0xde00, 0xdeff, 0x4780, 0x47f8, 0xb600, 0xbe00, 0xba00, 0xb200, 0xe800, 0xefff]) {
      const h = thumbHarness();
      h.exec(instr, 0x2000);
      expect(h.cpu.mode, instr.toString(16)).toBe(Mode.UND);
      expect(h.cpu.pc).toBe(0x04);
      expect(h.cpu.r[14]).toBe(0x2002);
      expect(h.cpu.thumb).toBe(false);
    }
  });
});
