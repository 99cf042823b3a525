import { describe, expect, it } from 'vitest';
import { decodeReturn, errorReturn } from './errno.js';
import { decodeSyscall } from './syscall-abi.js';

describe('ARM Linux system-call decoding', () => {
  it('reads EABI numbers from r7 when the SWI immediate is 0', () => {
    expect(decodeSyscall(0, 4)).toEqual({ abi: 'eabi', number: 4, name: 'write' });
    expect(decodeSyscall(0, 248)).toEqual({ abi: 'eabi', number: 248, name: 'exit_group' });
  });
  it('reads OABI numbers from the SWI immediate and ignores r7', () => {
    expect(decodeSyscall(0x900000 + 42, 999)).toEqual({ abi: 'oabi', number: 42, name: 'pipe' });
    expect(decodeSyscall(0xef900001, 0)).toEqual({ abi: 'oabi', number: 1, name: 'exit' });
  });
  it('names the ARM-private calls and leaves unknown numbers unnamed', () => {
    expect(decodeSyscall(0, 0xf0005)?.name).toBe('set_tls');
    expect(decodeSyscall(0, 100000)?.name).toBeUndefined();
  });
  it('rejects SWIs that belong to neither ABI', () => {
    expect(decodeSyscall(0x123456, 0)).toBeUndefined();
  });
});

describe('errno returns', () => {
  it('encodes -errno as an unsigned word and decodes it back', () => {
    expect(errorReturn('EINVAL')).toBe(0xffffffea);
    expect(decodeReturn(0xffffffea)).toEqual({ ok: false, errno: 22, name: 'EINVAL' });
    expect(decodeReturn(0xfffff000)).toEqual({ ok: true, value: 0xfffff000 });
    expect(decodeReturn(3)).toEqual({ ok: true, value: 3 });
  });
});
