import { describe, expect, it } from 'vitest';
import { DATA_BASE, encodeThumb as T, thumbHarness } from './test-harness.js';
import { multiplyExtraCycles } from './timing.js';

/** Cycles taken by each instruction of `program` run in order (cycle mode, ARM920T). */
function cyclesOf(program: number[], setup: (r: Uint32Array) => void = () => {}): number[] {
  const h = thumbHarness({ timing: 'cycle' });
  setup(h.cpu.r);
  h.load(program);
  h.cpu.pc = 0x1000;
  const out: number[] = [];
  for (let k = 0; k < program.length; k++) {
    const before = h.clock.cycles;
    h.cpu.step();
    out.push(h.clock.cycles - before);
  }
  return out;
}

const ADD = (d: number, n: number, m: number) => T('thumb_ADD_reg', { d, n, m });

describe('ARM9TDMI Thumb timing', () => {
  it('data processing 1 cycle, shifts by register 2', () => {
    expect(cyclesOf([ADD(0, 1, 2), T('thumb_LSL_reg', { d: 0, s: 1 }), T('thumb_ROR', { d: 0, s: 1 })])).toEqual([1, 2, 2]);
  });

  it('taken branches cost 3, untaken conditional branches 1', () => {
    expect(cyclesOf([T('thumb_B_cond', { c: 1, i: 0 })])).toEqual([3]); // NE with Z=0 after reset: taken
    expect(cyclesOf([T('thumb_B_cond', { c: 0, i: 0 })])).toEqual([1]); // EQ not taken
    expect(cyclesOf([T('thumb_B', { i: 0 })])).toEqual([3]);
    expect(cyclesOf([T('thumb_BX', { m: 1 })], (r) => (r[1] = 0x1001))).toEqual([3]);
  });

  it('the BL pair costs 1 + 3', () => {
    expect(cyclesOf([T('thumb_BL_prefix', { i: 0 }), T('thumb_BL_suffix', { i: 0 })])).toEqual([1, 3]);
  });

  it('MUL terminates early on the multiplier (Rd)', () => {
    expect(multiplyExtraCycles(0xff)).toBe(1);
    expect(multiplyExtraCycles(0xffffff80)).toBe(1);
    expect(multiplyExtraCycles(0x1234)).toBe(2);
    expect(multiplyExtraCycles(0x123456)).toBe(3);
    expect(multiplyExtraCycles(0x12345678)).toBe(4);
    expect(cyclesOf([T('thumb_MUL', { d: 0, m: 1 })], (r) => ((r[0] = 3), (r[1] = 0x12345678)))).toEqual([2]);
    expect(cyclesOf([T('thumb_MUL', { d: 0, m: 1 })], (r) => ((r[0] = 0x12345678), (r[1] = 3)))).toEqual([5]);
  });

  it('a load result used by the next instruction interlocks: +1 word, +2 byte/halfword', () => {
    const base = (r: Uint32Array): void => {
      r[1] = DATA_BASE;
    };
    expect(cyclesOf([T('thumb_LDR_imm', { d: 0, n: 1, i: 0 }), ADD(2, 0, 3)], base)).toEqual([1, 2]);
    expect(cyclesOf([T('thumb_LDR_imm', { d: 0, n: 1, i: 0 }), ADD(2, 3, 4)], base)).toEqual([1, 1]);
    expect(cyclesOf([T('thumb_LDR_imm', { d: 0, n: 1, i: 0 }), ADD(2, 3, 4), ADD(2, 0, 0)], base)).toEqual([1, 1, 1]);
    expect(cyclesOf([T('thumb_LDRB_imm', { d: 0, n: 1, i: 0 }), ADD(2, 3, 0)], base)).toEqual([1, 3]);
    expect(cyclesOf([T('thumb_LDRSH_reg', { d: 0, n: 1, m: 5 }), T('thumb_STR_imm', { d: 0, n: 1, i: 1 })], base)).toEqual([1, 3]);
    // An address computed from a loaded register interlocks too.
    expect(cyclesOf([T('thumb_LDR_imm', { d: 1, n: 1, i: 0 }), T('thumb_LDR_imm', { d: 2, n: 1, i: 0 })], base)).toEqual([1, 2]);
  });

  it('LDM/STM/PUSH/POP of n registers take n cycles (at least 2), +4 loading PC', () => {
    const sp = (r: Uint32Array): void => {
      r[13] = DATA_BASE;
      r[0] = DATA_BASE;
    };
    expect(cyclesOf([T('thumb_PUSH', { r: 1, l: 0b11 })], sp)).toEqual([3]);
    expect(cyclesOf([T('thumb_STMIA', { n: 0, l: 0b10 })], sp)).toEqual([2]);
    expect(cyclesOf([T('thumb_LDMIA', { n: 0, l: 0b110 })], sp)).toEqual([2]);
    expect(cyclesOf([T('thumb_LDMIA', { n: 0, l: 0b10 })], sp)).toEqual([2]);
    expect(cyclesOf([T('thumb_POP', { r: 0, l: 0b1111 })], sp)).toEqual([4]);
    expect(cyclesOf([T('thumb_POP', { r: 1, l: 0 })], sp)).toEqual([6]);
  });

  it('SWI and UNDEFINED cost 3', () => {
    expect(cyclesOf([T('thumb_SWI', { i: 1 })])).toEqual([3]);
    expect(cyclesOf([T('thumb_UDF', { i: 1 })])).toEqual([3]);
  });

  it('an interlock crosses into the next instruction only', () => {
    const base = (r: Uint32Array): void => {
      r[1] = DATA_BASE;
    };
    // The exception entry consumes the pending interlock.
    expect(cyclesOf([T('thumb_LDR_imm', { d: 0, n: 1, i: 0 }), T('thumb_SWI', { i: 0 })], base)).toEqual([1, 3]);
    // POP's last register interlocks like a load.
    expect(cyclesOf([T('thumb_POP', { r: 0, l: 0b11 }), ADD(2, 1, 1)], (r) => (r[13] = DATA_BASE))).toEqual([2, 2]);
  });

  it('functional mode counts one cycle per instruction', () => {
    const h = thumbHarness();
    h.run([T('thumb_LSL_reg', { d: 0, s: 1 }), T('thumb_B', { i: 0 })]);
    expect(h.clock.cycles).toBe(2);
  });
});
