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

const GUEST = join(dirname(createRequire(import.meta.url).resolve('@l4lab/soc-s3c2440/package.json')), 'guest');
const elf = (program: string) => join(GUEST, program, `${program}.elf`);
const BANNER = 'MBA2440: S3C2440A, ARM920T 400 MHz (bus 100 MHz, peripherals 50 MHz), 64 MB SDRAM\n';

describe('mba2440 CLI', () => {
  it('prints help with --help and with no command', () => {
    expect(capture(['--help']).out).toMatch(/^mba2440 — the MBA2440 board/);
    expect(capture([]).code).toBe(0);
  });
  it('describes the board', () => {
    const info = JSON.parse(capture(['info']).out);
    expect(info.ram).toEqual({ base: 0x30000000, size: 64 * 1024 * 1024 });
    expect(info.clocks.coreHz).toBe(400_000_000);
  });
  it('fails clearly on an unknown command or option', () => {
    const r = capture(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'frobnicate'/);
    expect(capture(['--bogus']).code).toBe(2);
  });
});

describe('mba2440 run', () => {
  it('runs a bare-metal ELF with UART0 on stdout and a summary on stderr', () => {
    const r = capture(['run', elf('hello')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${BANNER}hello from the S3C2440A (GSTATUS1 32440001) on UART0\r\n`);
    expect(r.err).toMatch(
      /^MBA2440: guest halted: waiting for an interrupt with IRQ and FIQ masked\nMBA2440: [\d,]+ instructions, [\d,]+ cycles, 4\.\d{3} ms simulated time \(400\.0 MIPS in simulated time\), functional timing\n$/,
    );
  });

  it('takes --timing cycle and passes stdin to the guest as it asks', () => {
    const r = capture(['run', elf('uart-echo'), '--timing', 'cycle'], 'mixed Case\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${BANNER}uart-echo: type a line\r\nMIXED CASE\r\nuart-echo: 11 bytes\r\n`);
    expect(r.err).toMatch(/guest exited with status 0 \(semihosting SYS_EXIT\)\n.*, cycle timing\n$/);
  });

  it('reports a watchdog reset in the summary', () => {
    const r = capture(['run', elf('watchdog-reset')]);
    expect(r.code).toBe(0);
    expect(r.out.split(BANNER)).toHaveLength(3);
    expect(r.err).toMatch(/, functional timing, 1 board reset\n$/);
  });

  it('prints only the guest output with --quiet', () => {
    const r = capture(['run', elf('timer-irq'), '--quiet']);
    expect(r).toMatchObject({ code: 0, out: 'timer-irq: 10 ticks at 100 Hz\r\n', err: '' });
  });

  it('stops a guest past --max-cycles with exit code 3 and says why', () => {
    const r = capture(['run', elf('watchdog-reset'), '--max-cycles', '1000000']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^\nMBA2440: guest ran past the limit of 1,000,000 cycles \(2\.500 ms at 400 MHz\) and was stopped as a runaway\n/);
    expect(capture(['run', elf('watchdog-reset'), '--max-cycles', '1000000', '--quiet']).err).toMatch(/ran past the limit/);
  });

  it('loads images into the MBA2440\'s SDRAM only', () => {
    // Linked for the SMDK6410's SDRAM: it does not fit in the MBA2440's.
    const other = join(dirname(createRequire(import.meta.url).resolve('@l4lab/arm-core/package.json')), 'guest', 'hello', 'hello-smdk6410.elf');
    const r = capture(['run', other]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/program header 0 \(PT_LOAD RX, .* at physical 0x50000000\.\.[^)]*\) does not fit in MBA2440's RAM \(0x30000000\.\.0x33ffffff\)\n$/);
  });

  it('says in status and help that run works', () => {
    expect(capture(['status']).out).toMatch(/run <elf> \(bare metal\) \.\. ready/);
    expect(capture(['--help']).out).toMatch(/--max-cycles <n> .*default 4000000000: 10 simulated seconds/);
  });
});
