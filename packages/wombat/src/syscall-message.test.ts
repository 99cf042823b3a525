import { decodeSyscall } from '@l4lab/linux';
import { describe, expect, it } from 'vitest';
import { decodeSyscallMessage, encodeSyscallMessage } from './syscall-message.js';

describe('syscall exception IPC layout', () => {
  const frame = { r: [10, 11, 12, 13, 14, 15, 16, 17], pc: 0x8004, sp: 0xbefff000, lr: 0x8100, swi: 0xef900004, cpsr: 0x60000010 };

  it('places registers where the OKL4 u = 13 layout says', () => {
    const mr = encodeSyscallMessage(frame);
    expect(mr).toHaveLength(14);
    expect(mr[0] >>> 16).toBe(0xffb0);
    expect(mr[0] & 0x3f).toBe(13);
    expect(mr.slice(1, 5)).toEqual([14, 15, 16, 17]);
    expect(mr.slice(5, 9)).toEqual([10, 11, 12, 13]);
    expect(mr[12]).toBe(0xef900004);
  });
  it('round-trips and yields the Linux call from the SWI word', () => {
    const back = decodeSyscallMessage(encodeSyscallMessage(frame));
    expect(back).toEqual(frame);
    expect(decodeSyscall(back.swi, back.r[7])?.name).toBe('write');
  });
  it('rejects other messages', () => {
    expect(() => decodeSyscallMessage([0xffe4c002, 0, 0])).toThrow(/not a syscall exception/);
  });
});
