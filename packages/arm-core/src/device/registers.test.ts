import { describe, expect, it } from 'vitest';
import { GuestErrorLog } from '../bus/device.js';
import { bit, field, fields, getField, lowestSetBit, popcount, setField } from './fields.js';
import { RegisterBlock, registerArray } from './registers.js';

const CTRL = fields({ EN: [0], MODE: [4, 3], PRESCALER: [8, 8] });

function block(errors = new GuestErrorLog('fatal')) {
  let lastWrite: [number, number, number] | undefined;
  let counter = 100;
  const regs = new RegisterBlock(
    'test',
    [
      { name: 'CTRL', offset: 0x00, reset: 0x8021, reserved: 0xffff0000, onWrite: (n, p, w) => (lastWrite = [n, p, w]) },
      { name: 'STATUS', offset: 0x04, reset: 0x0f, w1c: 0x0f0f, readOnly: 0xf0 },
      { name: 'COUNT', offset: 0x08, access: 'r', onRead: () => counter-- },
      { name: 'ERR', offset: 0x0c, reset: 0x5, clearOnRead: 0x5 },
      { name: 'DATA', offset: 0x10, width: 8, sizes: [1, 4] },
      { name: 'CLEAR', offset: 0x14, access: 'w' },
      ...registerArray('VECT', 0x100, 4, 4, (i) => ({ reset: 0x10 + i })),
    ],
    { errors, reservedOffsets: [0x18] },
  );
  return { regs, errors, lastWrite: () => lastWrite };
}

describe('fields', () => {
  it('get, set and masks', () => {
    expect(CTRL.PRESCALER.mask).toBe(0xff00);
    expect(getField(0x8021, CTRL.PRESCALER)).toBe(0x80);
    expect(setField(0x8021, CTRL.MODE, 0xf)).toBe(0x8071);
    expect(field(0, 32).mask).toBe(0xffffffff);
    expect(bit(31)).toBe(0x80000000);
    expect(lowestSetBit(0x80000000)).toBe(31);
    expect(lowestSetBit(0)).toBe(-1);
    expect(popcount(0xd555)).toBe(9);
    expect(() => field(30, 4)).toThrow();
  });
});

describe('RegisterBlock', () => {
  it('reset values and plain read/write with reserved bits', () => {
    const { regs, lastWrite } = block();
    expect(regs.read(0, 4)).toBe(0x8021);
    regs.write(0, 0xffffffff, 4);
    expect(regs.read(0, 4)).toBe(0xffff);
    expect(lastWrite()).toEqual([0xffff, 0x8021, 0xffffffff]);
    expect(regs.reg('CTRL').get(CTRL.PRESCALER)).toBe(0xff);
    regs.reset();
    expect(regs.reg('CTRL').value).toBe(0x8021);
    expect(regs.read(0x108, 4)).toBe(0x12);
  });

  it('sub-word accesses touch only their lanes', () => {
    const { regs } = block();
    regs.write(1, 0x12, 1);
    expect(regs.read(0, 4)).toBe(0x1221);
    expect(regs.read(1, 1)).toBe(0x12);
    expect(regs.read(0, 2)).toBe(0x1221);
  });

  it('write-1-to-clear and read-only bits', () => {
    const { regs } = block();
    regs.reg('STATUS').value = 0xff;
    regs.write(4, 0x05, 4);
    expect(regs.read(4, 4)).toBe(0xfa);
    regs.write(4, 0x00, 4);
    expect(regs.read(4, 4)).toBe(0xfa);
    // A byte write to the upper lane must not clear the w1c bits of the lower one.
    regs.reg('STATUS').value = 0x0ffa;
    regs.write(5, 0x01, 1);
    expect(regs.read(4, 4)).toBe(0x0efa);
  });

  it('clear-on-read and computed reads', () => {
    const { regs } = block();
    expect(regs.read(0x0c, 4)).toBe(0x5);
    expect(regs.read(0x0c, 4)).toBe(0);
    expect(regs.read(8, 4)).toBe(100);
    expect(regs.read(8, 4)).toBe(99);
  });

  it('narrow registers: wider accesses see zeros above the width', () => {
    const { regs } = block();
    regs.write(0x10, 0x1234, 4);
    expect(regs.read(0x10, 4)).toBe(0x34);
  });

  it('guest errors are fatal in tests', () => {
    const { regs } = block();
    expect(() => regs.read(0x40, 4)).toThrow(/unmodelled register at \+0x40/);
    expect(() => regs.write(0x18, 1, 4)).toThrow(/reserved register at \+0x18/);
    expect(() => regs.write(8, 1, 4)).toThrow(/read-only register COUNT/);
    expect(() => regs.read(0x14, 4)).toThrow(/write-only register CLEAR/);
    expect(() => regs.read(0x10, 2)).toThrow(/2-byte read of DATA/);
    expect(() => regs.read(0x2, 4)).toThrow(/unaligned/);
  });

  it('guest errors in warn mode are logged and ignored, never thrown', () => {
    const printed: string[] = [];
    const errors = new GuestErrorLog('warn', (l) => printed.push(l));
    const { regs } = block(errors);
    expect(regs.read(0x40, 4)).toBe(0);
    regs.write(0x40, 1, 4);
    regs.write(8, 1, 4);
    expect(errors.messages).toHaveLength(3);
    expect(printed[0]).toMatch(/^guest error: test: 4-byte read/);
  });

  it('rejects malformed descriptions (model bugs) at construction', () => {
    const errors = new GuestErrorLog('fatal');
    expect(() => new RegisterBlock('x', [{ name: 'A', offset: 2 }], { errors })).toThrow(/word-aligned/);
    expect(() => new RegisterBlock('x', [{ name: 'A', offset: 0 }, { name: 'B', offset: 0 }], { errors })).toThrow(/two registers/);
    expect(() => block().regs.reg('NOPE')).toThrow(/no register named NOPE/);
  });
});
