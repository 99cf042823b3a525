import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createMachine } from '@l4lab/arm-core';
import { S3C2440, S3C2440Bsp } from '@l4lab/soc-s3c2440';
import { DEVICECORES } from '../devicecore/devicecore.js';
import { BOOT_COMMAND_OPTIONS, bootCommand, bootHelp, type BootCommandOptions } from './boot-command.js';

const PACKAGE = new URL('../../', import.meta.url);
/** A board definition for the S3C2440A: its RAM and clock, a name of its own. */
const TESTBOARD = { name: 'TESTBOARD', soc: 'S3C2440A', ram: { base: 0x30000000, size: 64 << 20 }, clocks: { coreHz: 400_000_000 } };

const options: BootCommandOptions = {
  program: 'testboard',
  definition: TESTBOARD,
  bsp: (access) => new S3C2440Bsp(access),
  devicecore: DEVICECORES.s3c2440,
  parse: (args, o) => parseArgs({ args: [...args], options: o, allowPositionals: true }),
  createBoard: ({ timing, console }) => {
    const machine = createMachine({ cpu: 'arm920t', timing, coreHz: TESTBOARD.clocks.coreHz });
    new S3C2440({ bus: machine.bus, clock: machine.clock, scheduler: machine.scheduler, core: machine.cpu, uartTransmit: [(b) => console.write(Uint8Array.of(b))] });
    return { machine, banner: () => `TESTBOARD (${timing})\n` };
  },
};

function capture(argv: string[]) {
  let out = '';
  let err = '';
  const elfs: string[] = [];
  const code = bootCommand(argv, options, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    exampleElf: (path) => {
      elfs.push(path);
      return new Uint8Array(readFileSync(new URL(path, PACKAGE)));
    },
  });
  return { code, out, err, elfs };
}

describe('bootCommand', { timeout: 30_000 }, () => {
  it('boots OKL4 + Iguana and runs multithread: banner, boot log, the seven lines, the summary', () => {
    const r = capture(['multithread', '--timing', 'functional']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.elfs).toEqual(['guest/examples/multithread/multithread.elf']);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('TESTBOARD (functional)');
    expect(lines[1]).toBe('L4Lab OKL4 2.1 microkernel (TypeScript model) on TESTBOARD');
    expect(r.out).not.toContain('\r');
    const first = lines.indexOf('Switching to the second thread:');
    expect(lines.slice(first, first + 7)).toEqual([
      'Switching to the second thread:', 'Second Thread Command Line Arguments:', '\tHello', '\tSecond', '\tThread',
      '-------------------------------------', 'Second thread works!',
    ]);
    expect(r.out).toMatch(/summary: all programs finished, the kernel halted\n {2}instructions \d+ .*\n {2}cycles \d+, simulated time [\d.]+ ms at 400 MHz, timing mode functional\n {2}kernel: system calls \d+, .*\n$/);
  });

  it('passes the arguments to dining_philosophers', () => {
    const r = capture(['dining_philosophers', '4', '3', '--timing', 'functional']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Start Dining philosophers test #4\(0x[0-9a-f]+\): 3 philosophers\nDining philosophers test #4\(0x[0-9a-f]+\) finished$/m);
  });

  it('times the run in cycle mode unless told otherwise', () => {
    const r = capture(['dining_philosophers', '--max-cycles', '1000000']);
    expect(r.out.split('\n')[0]).toBe('TESTBOARD (cycle)');
    expect(r.out).toMatch(/timing mode cycle\n/);
  });

  it('explains itself with --help, naming the SoC and every example', () => {
    const h = capture(['--help']);
    expect(h).toMatchObject({ code: 0, err: '', out: bootHelp('testboard', 'S3C2440A') });
    expect(h.out).toMatch(/^Usage: testboard boot <example>/);
    expect(h.out).toMatch(/with the S3C2440A devicecore/);
    expect(h.out).toMatch(/dining_philosophers \[test# \[N/);
  });

  it('fails clearly on a bad example, option, timing or cycle limit', () => {
    const help = bootHelp('testboard', 'S3C2440A');
    expect(capture(['nothing'])).toMatchObject({ code: 2, err: `testboard boot: unknown example 'nothing' (known: multithread, dining_philosophers)\n\n${help}`, out: '' });
    expect(capture([])).toMatchObject({ code: 2, err: expect.stringMatching(/^testboard boot: which example\?/) });
    expect(capture(['multithread', '--bogus'])).toMatchObject({ code: 2, err: expect.stringMatching(/^testboard boot: Unknown option '--bogus'.*\n\nUsage: testboard boot/s) });
    expect(capture(['multithread', '--timing', 'fast'])).toMatchObject({ code: 2, err: "testboard boot: --timing must be cycle or functional, got 'fast'\n" });
    expect(capture(['multithread', '--max-cycles', '0'])).toMatchObject({ code: 2, err: "testboard boot: --max-cycles must be a positive integer, got '0'\n", elfs: [] });
  });

  it('exits 1 with the summary when the programs do not finish in --max-cycles', () => {
    const short = capture(['dining_philosophers', '--max-cycles', '1000000', '--timing', 'functional']);
    expect(short.code).toBe(1);
    expect(short.out).toMatch(/summary: stopped \(cycle-limit/);
  });

  it('describes its options as node:util parseArgs takes them', () => {
    const parsed = parseArgs({ args: ['multithread', '--max-cycles', '5'], options: BOOT_COMMAND_OPTIONS, allowPositionals: true });
    expect(parsed).toEqual({ values: { timing: 'cycle', 'max-cycles': '5' }, positionals: ['multithread'] });
  });
});
