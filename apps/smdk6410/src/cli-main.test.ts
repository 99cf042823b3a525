import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli-main.js';

/** Runs the CLI; guest console bytes are decoded as Latin-1; `input` is what standard input holds. */
function capture(argv: string[], input = '') {
  const r = { code: 0, out: '', err: '', consumed: 0 };
  const stdin = () => (r.consumed < input.length ? input.charCodeAt(r.consumed++) : undefined);
  r.code = main(argv, { stdout: (t) => (r.out += typeof t === 'string' ? t : String.fromCharCode(...t)), stderr: (t) => (r.err += t), stdin });
  return r;
}

const GUEST = join(dirname(createRequire(import.meta.url).resolve('@l4lab/soc-s3c6410/package.json')), 'guest');
const elf = (program: string) => join(GUEST, program, `${program}.elf`);
const CLOCKS = '532 MHz (bus 133 MHz, peripherals 66.5 MHz), 128 MB SDRAM\n';
const BANNER = `SMDK6410: S3C6410, ARM1176JZF-S ${CLOCKS}`;

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

describe('smdk6410 run', { timeout: 30_000 }, () => {
  it('runs a bare-metal ELF on the ARM1176JZF-S with UART0 on stdout and a summary on stderr', () => {
    const r = capture(['run', elf('hello')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${BANNER}hello from the S3C6410 (SYS_ID 36410101) on UART0\r\n`);
    expect(r.err).toMatch(
      /^SMDK6410: guest halted: waiting for an interrupt with IRQ and FIQ masked\nSMDK6410: [\d,]+ instructions, [\d,]+ cycles, 4\.\d{3} ms simulated time \(532\.0 MIPS in simulated time\), functional timing\n$/,
    );
  });

  it('runs on the ARM920T only when asked, with a warning, and names the stand-in in the banner', () => {
    const r = capture(['run', elf('uart-echo'), '--core', 'arm920t', '--timing', 'cycle'], 'abc\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`SMDK6410: S3C6410, ARM920T [stand-in for the ARM1176JZF-S] ${CLOCKS}uart-echo: type a line\r\nABC\r\nuart-echo: 4 bytes\r\n`);
    expect(r.err).toMatch(/^smdk6410: warning: the S3C6410 devices run with the arm920t core standing in for the ARM1176JZF-S: /);
    expect(r.err).toMatch(/, cycle timing\n$/);
  });

  it('refuses a core it does not have with exit code 2', () => {
    const r = capture(['run', elf('hello'), '--core', 'cortex-a8']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("smdk6410: cannot run: core 'cortex-a8' is not available for the SMDK6410 (available: arm920t, arm1176jzf-s)\n");
    expect(r.out).toBe('');
  });

  it('reports a watchdog reset, and exits with the guest status', () => {
    const r = capture(['run', elf('watchdog-reset'), '--quiet']);
    expect(r).toMatchObject({
      code: 0,
      err: '',
      out: 'watchdog-reset: RST_STAT 00000001: power-on reset; arming the watchdog (2 ms)\r\nwatchdog-reset: RST_STAT 00000008: rebooted by watchdog\r\n',
    });
  });

  it('stops a guest past --max-cycles with exit code 3 and says why', () => {
    const r = capture(['run', elf('timer-irq'), '--max-cycles', '5320000']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^SMDK6410: guest ran past the limit of 5,320,000 cycles \(10\.000 ms at 532 MHz\) and was stopped as a runaway\n/);
  });

  it('loads images into the SMDK6410\'s SDRAM only', () => {
    const other = join(dirname(createRequire(import.meta.url).resolve('@l4lab/arm-core/package.json')), 'guest', 'hello', 'hello-mba2440.elf');
    expect(capture(['run', other])).toMatchObject({ code: 2, err: expect.stringMatching(/does not fit in SMDK6410's RAM \(0x50000000\.\.0x57ffffff\)\n$/) });
  });

  it('says in status and help what run does', () => {
    expect(capture(['status']).out).toMatch(/run <elf> \(bare metal\) \.\. ready: ARM1176JZF-S/);
    expect(capture(['--help']).out).toMatch(/--core <core> +the core \(default arm1176jzf-s/);
  });
});
