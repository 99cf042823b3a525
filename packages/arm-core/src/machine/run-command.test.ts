import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { BareMetalBoard } from './bare-metal.js';
import { blocksFor, createMachine, type Engine, type TimingMode } from './create-machine.js';
import { RUN_COMMAND_OPTIONS, byteReader, guestErrorPrinter, runCommand, type RunCommandOptions } from './run-command.js';

const GUEST = new URL('../../guest/', import.meta.url);
const HELP = 'testboard help\n';
/** Files the fake host holds besides the committed guests. */
const FILES: Record<string, Uint8Array> = { 'junk.elf': new TextEncoder().encode('not an elf at all') };

/** A board of arm-core pieces only: an ARM920T with 16 MB of RAM at 0x30000000; its guests print through semihosting. */
function testBoard(timing: TimingMode, banner: string, engine: Engine = 'blocks'): BareMetalBoard {
  const machine = createMachine({ cpu: 'arm920t', timing, blocks: blocksFor(engine) });
  const ram = machine.bus.mapRam(0x30000000, 16 << 20);
  return { name: 'TESTBOARD', machine, ram: [ram], banner: () => banner, reset: () => machine.cpu.reset(), resetRequested: undefined };
}

function run(args: string[], values: RunCommandOptions['values'] = {}, extra: { banner?: string; check?: () => number | undefined } = {}) {
  let out = '';
  let err = '';
  const boards: TimingMode[] = [];
  const engines: string[] = [];
  const read: string[] = [];
  const code = runCommand(
    {
      program: 'testboard',
      help: HELP,
      args,
      values,
      defaultMaxCycles: 4e9,
      check: extra.check,
      createBoard: ({ timing, engine }) => {
        boards.push(timing);
        engines.push(engine);
        return testBoard(timing, extra.banner ?? 'TESTBOARD: boot\n', engine);
      },
    },
    {
      stdout: (d) => (out += typeof d === 'string' ? d : new TextDecoder().decode(d)),
      stderr: (t) => (err += t),
      readFile: (path) => {
        read.push(path);
        return FILES[path] ?? new Uint8Array(readFileSync(new URL(path, GUEST)));
      },
    },
  );
  return { code, out, err, boards, engines, read };
}

const HELLO = 'hello/hello-mba2440.elf';

describe('runCommand', () => {
  it('runs an ELF on a fresh board: console on stdout, the summary on stderr, the guest status as exit code', () => {
    const r = run([HELLO]);
    expect(r).toMatchObject({ code: 0, out: 'TESTBOARD: boot\nhello from arm-core\n', boards: ['functional'] });
    expect(r.err).toMatch(
      /^TESTBOARD: guest exited with status 0 \(semihosting SYS_EXIT\)\nTESTBOARD: 39 instructions, 39 cycles, 98 ns simulated time \(400\.0 MIPS in simulated time\), functional timing\n$/,
    );
  });

  it('builds the board with --timing cycle', () => {
    const r = run([HELLO], { timing: 'cycle' });
    expect(r).toMatchObject({ code: 0, boards: ['cycle'] });
    expect(r.err).toMatch(/, cycle timing\n$/);
  });

  it('builds the board with --engine interpreter, with the same output and summary; refuses another engine', () => {
    const blocks = run([HELLO]);
    const interpreter = run([HELLO], { engine: 'interpreter' });
    expect(blocks.engines).toEqual(['blocks']);
    expect(interpreter).toMatchObject({ code: 0, engines: ['interpreter'], out: blocks.out, err: blocks.err });
    const bad = run([HELLO], { engine: 'jit' });
    expect(bad).toMatchObject({ code: 2, boards: [] });
    expect(bad.err).toMatch(/^testboard: --engine must be blocks or interpreter, not 'jit'\n/);
  });

  it('prints only the guest output with --quiet', () => {
    expect(run([HELLO], { quiet: true })).toMatchObject({ code: 0, out: 'hello from arm-core\n', err: '' });
  });

  it('stops a guest past --max-cycles with exit code 3, the report on a line of its own', () => {
    const r = run([HELLO], { 'max-cycles': '10' }, { banner: 'TESTBOARD: no newline' });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^\nTESTBOARD: guest ran past the limit of 10 cycles \(25 ns at 400 MHz\) and was stopped as a runaway\n/);
    expect(run([HELLO], { 'max-cycles': '10', quiet: true })).toMatchObject({
      code: 3,
      err: 'testboard: guest ran past the limit of 10 cycles (25 ns at 400 MHz) and was stopped as a runaway\n',
    });
  });

  it('refuses bad usage with exit code 2 and the help, before building a board', () => {
    const usage = (message: string) => `testboard: ${message}\n\n${HELP}`;
    expect(run([])).toMatchObject({ code: 2, err: usage('run needs an ELF file'), boards: [] });
    expect(run([HELLO, HELLO])).toMatchObject({ code: 2, err: usage('run takes one ELF file, got 2') });
    expect(run([HELLO], { timing: 'fast' })).toMatchObject({ code: 2, err: usage("--timing must be functional or cycle, not 'fast'") });
    for (const n of ['lots', '0', '1.5']) {
      expect(run([HELLO], { 'max-cycles': n })).toMatchObject({ code: 2, err: usage(`--max-cycles must be a positive whole number, not '${n}'`), read: [] });
    }
  });

  it('lets the board refuse once the common options are valid, before the file is read', () => {
    expect(run([HELLO], {}, { check: () => 2 })).toMatchObject({ code: 2, read: [], boards: [] });
    expect(run([HELLO], { timing: 'fast' }, { check: () => 9 }).code).toBe(2);
    expect(run([HELLO], {}, { check: () => undefined }).code).toBe(0);
  });

  it('fails with exit code 2 and says why on a file it cannot read, a bad ELF, or one that does not fit in RAM', () => {
    let r = run(['missing.elf']);
    expect(r).toMatchObject({ code: 2, out: '', boards: [] });
    expect(r.err).toMatch(/^testboard: cannot read missing\.elf: ENOENT/);

    r = run(['junk.elf']);
    expect(r).toMatchObject({ code: 2, out: '', boards: [] });
    expect(r.err).toBe('testboard: junk.elf: not an ELF file: magic is [6e 6f 74 20], expected [7f 45 4c 46] ("\\x7fELF") (at file offset 0x0)\n');

    r = run(['hello/hello-smdk6410.elf']);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^testboard: hello\/hello-smdk6410\.elf: program header 0 .* does not fit in TESTBOARD's RAM \(0x30000000\.\.0x30ffffff\)\n$/);
  });

  it('describes its options as node:util parseArgs takes them', () => {
    const parsed = parseArgs({ args: ['run', 'a.elf', '--timing', 'cycle', '--max-cycles', '5', '--quiet'], options: RUN_COMMAND_OPTIONS, allowPositionals: true });
    expect(parsed.positionals).toEqual(['run', 'a.elf']);
    expect(parsed.values).toEqual({ timing: 'cycle', 'max-cycles': '5', quiet: true });
  });
});

describe('guestErrorPrinter', () => {
  it('prints the first ten guest errors, then says once that the rest are not shown', () => {
    let err = '';
    const sink = guestErrorPrinter('testboard', { stderr: (t) => (err += t) });
    for (let i = 1; i <= 13; i++) sink.guestError(`error ${i}`);
    const lines = err.split('\n').slice(0, -1);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('testboard: guest error: error 1');
    expect(lines[9]).toBe('testboard: guest error: error 10');
    expect(lines[10]).toBe('testboard: further guest errors are not shown');
  });
});

describe('byteReader', () => {
  it('reads a chunk only when a byte is asked for, pauses while nothing is ready, and stays at the end', () => {
    const chunks = ['ab', 'again', 'c', ''];
    let reads = 0;
    let pauses = 0;
    const next = byteReader({
      read: (buffer) => {
        reads++;
        const chunk = chunks.shift() ?? '';
        if (chunk === 'again') throw Object.assign(new Error('not yet'), { code: 'EAGAIN' });
        buffer.set(new TextEncoder().encode(chunk));
        return chunk.length;
      },
      notReady: (e) => (e as { code?: string }).code === 'EAGAIN',
      pause: () => pauses++,
    });
    expect(reads).toBe(0);
    expect([next(), next(), next(), next(), next()]).toEqual([0x61, 0x62, 0x63, undefined, undefined]);
    expect({ reads, pauses }).toEqual({ reads: 4, pauses: 1 });
  });

  it('ends the input on any other error', () => {
    const next = byteReader({
      read: () => {
        throw new Error('EBADF');
      },
    });
    expect(next()).toBeUndefined();
    expect(next()).toBeUndefined();
  });
});
