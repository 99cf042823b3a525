import { describe, expect, it } from 'vitest';
import { decodeTrap, ipcErrorWord, IpcError, SYSCALL_BASE } from './abi.js';
import { decodeTag, encodeTag } from './message-tag.js';

describe('OKL4 ARM trap decoding', () => {
  it('decodes system calls from the user SP, not the SWI immediate', () => {
    expect(decodeTrap(0xffffff00)).toEqual({ kind: 'syscall', name: 'Ipc', offset: 0 });
    expect(decodeTrap(SYSCALL_BASE + 0x14)).toEqual({ kind: 'syscall', name: 'MapControl', offset: 0x14 });
    expect(decodeTrap(SYSCALL_BASE + 0x3c)).toEqual({ kind: 'syscall', name: 'InterruptControl', offset: 0x3c });
  });
  it('recognises KDB traps', () => {
    expect(decodeTrap(0xffffffa0)).toEqual({ kind: 'kdb', name: 'PutChar', offset: 0xa0 });
    expect(decodeTrap(0xffffffe0)).toEqual({ kind: 'kdb', name: 'GetTick', offset: 0xe0 });
  });
  it('treats an ordinary SP as a syscall exception and unknown offsets as such', () => {
    expect(decodeTrap(0x0800fff0)).toEqual({ kind: 'exception' });
    expect(decodeTrap(0xfffffeff)).toEqual({ kind: 'exception' });
    expect(decodeTrap(0xffffff1c)).toEqual({ kind: 'unknown-syscall', offset: 0x1c });
  });
  it('encodes IPC errors with their phase', () => {
    expect(ipcErrorWord(IpcError.NoPartner, false)).toBe(2);
    expect(ipcErrorWord(IpcError.Aborted, true)).toBe(15);
  });
});

describe('message tags', () => {
  it('round-trips every field', () => {
    const word = encodeTag({ label: 0xffe0 | 4, untyped: 2, sendBlock: true, receiveBlock: true });
    expect(word >>> 0).toBe(0xffe4c002);
    expect(decodeTag(word)).toEqual({ untyped: 2, label: 0xffe4, memcpy: false, notify: false, receiveBlock: true, sendBlock: true });
  });
  it('rejects out-of-range fields', () => {
    expect(() => encodeTag({ untyped: 64 })).toThrow(/untyped words 64/);
    expect(() => encodeTag({ label: 0x10000 })).toThrow(/label/);
  });
});
