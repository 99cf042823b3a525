import { describe, expect, it } from 'vitest';
import { main } from './cli-main.js';

function capture(argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('smdk6410 CLI', () => {
  it('prints help with --help and with no command', () => {
    expect(capture(['--help']).out).toMatch(/^smdk6410 — the SMDK6410 board/);
    expect(capture([]).code).toBe(0);
  });
  it('describes the board', () => {
    const info = JSON.parse(capture(['info']).out);
    expect(info.ram).toEqual({ base: 0x50000000, size: 128 * 1024 * 1024 });
    expect(info.clocks.coreHz).toBe(532_000_000);
  });
  it('fails clearly on an unknown command or option', () => {
    const r = capture(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'frobnicate'/);
    expect(capture(['--bogus']).code).toBe(2);
  });
});
