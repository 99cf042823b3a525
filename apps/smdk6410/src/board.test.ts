// Bare-metal programs for the S3C6410 (packages/soc-s3c6410/guest) on the SMDK6410: golden console
// output, the run summary, simulated time against the programmed timer rate, UART input and a watchdog
// reset — on the board's own ARM1176JZF-S, and once more with the ARM920T standing in, explicitly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GuestErrorLog, runBareMetal, type TimingMode } from '@l4lab/arm-core';
import { AVAILABLE_CORES, CoreUnavailableError, SMDK6410, createSmdk6410 } from './board.js';

const GUEST = join(dirname(createRequire(import.meta.url).resolve('@l4lab/soc-s3c6410/package.json')), 'guest');
const image = (program: string) => new Uint8Array(readFileSync(join(GUEST, program, `${program}.elf`)));

const CLOCKS = '532 MHz (bus 133 MHz, peripherals 66.5 MHz), 128 MB SDRAM\n';
const BANNER = `SMDK6410: S3C6410, ARM1176JZF-S ${CLOCKS}`;
const STAND_IN_BANNER = `SMDK6410: S3C6410, ARM920T [stand-in for the ARM1176JZF-S] ${CLOCKS}`;
/** One simulated second: every program here ends well before. */
const MAX_CYCLES = 532_000_000;

function runProgram(program: string, options: { timing?: TimingMode; input?: string; core?: string } = {}) {
  let out = '';
  const input = new TextEncoder().encode(options.input ?? '');
  let consumed = 0;
  const write = (bytes: Uint8Array) => (out += String.fromCharCode(...bytes));
  const readByte = () => (consumed < input.length ? input[consumed++] : undefined);
  // Unmodelled registers or refused accesses fail the run (reason 'error') instead of passing silently.
  const board = createSmdk6410({ core: options.core, timing: options.timing, console: { write, readByte }, guestErrors: new GuestErrorLog('fatal') });
  const summary = runBareMetal(board, image(program), { io: { stdout: write, readByte }, maxCycles: MAX_CYCLES });
  return { out, summary, consumed, board };
}

describe('SMDK6410 board', () => {
  it('comes up as its boot loader leaves it: ARM1176JZF-S at 532/133/66.5 MHz, 128 MB at 0x50000000, core:bus ratio 4', () => {
    const board = createSmdk6410({ console: { write: () => {} } });
    expect(board.banner()).toBe(BANNER);
    expect(board).toMatchObject({ core: 'arm1176jzf-s', standInCore: false });
    expect(board.machine.configuration).toMatchObject({ cpu: 'arm1176jzf-s', arch: 'v6Z' });
    expect(board.soc.syscon.rates).toMatchObject({ core: 532e6, hclk: 133e6, pclk: 66.5e6 });
    expect(board.machine.clock.coreHz).toBe(SMDK6410.clocks.coreHz);
    expect(board.machine.memory.coreCyclesPerBusCycle).toBe(4);
    expect([board.soc.sdram.base, board.soc.sdram.size]).toEqual([SMDK6410.ram.base, SMDK6410.ram.size]);
  });

  it('resets core and chip for a watchdog reset: RST_STAT reports it', () => {
    const board = createSmdk6410({ console: { write: () => {} } });
    board.reset('watchdog');
    expect(board.machine.bus.read32(0x7e00f904)).toBe(1 << 3); // RST_STAT: watchdog
    expect(board.soc.syscon.rates).toMatchObject({ core: 532e6, hclk: 133e6, pclk: 66.5e6 });
  });

  it('builds only with the cores in AVAILABLE_CORES', () => {
    expect(AVAILABLE_CORES).toEqual(['arm920t', 'arm1176jzf-s']);
    expect(() => createSmdk6410({ core: 'cortex-a8', console: { write: () => {} } })).toThrow(CoreUnavailableError);
  });
});

// Each program runs for a few million simulated instructions; some tests run it in both timing modes.
describe('bare-metal programs on the SMDK6410 (ARM1176JZF-S)', { timeout: 30_000 }, () => {
  it('hello: polled UART0 output, then a halt', () => {
    for (const timing of ['functional', 'cycle'] as const) {
      const { out, summary } = runProgram('hello', { timing });
      expect(out).toBe(`${BANNER}hello from the S3C6410 (SYS_ID 36410101) on UART0\r\n`);
      expect(summary).toMatchObject({ reason: 'halted', detail: 'waiting for an interrupt with IRQ and FIQ masked', resets: 0 });
      expect(summary.configuration).toMatchObject({ board: 'SMDK6410', cpu: 'arm1176jzf-s', timing, coreHz: 532e6 });
      // 53 characters at 115200 baud (10 bits each) take about 4.6 ms of board time.
      expect(summary.simulatedNanoseconds).toBeGreaterThan(4e6);
      expect(summary.simulatedNanoseconds).toBeLessThan(5e6);
    }
  });

  it('timer-irq: PWM timer 4 at 100 Hz through VIC0; 10 ticks take 100 ms of simulated time', () => {
    for (const timing of ['functional', 'cycle'] as const) {
      const { out, summary } = runProgram('timer-irq', { timing });
      expect(out).toBe(`${BANNER}timer-irq: 10 ticks at 100 Hz\r\n`);
      expect(summary).toMatchObject({ reason: 'exit', exitStatus: 0 });
      // Ten 10 ms periods, plus set-up and the closing line on the UART: within one tick of 100 ms.
      expect(summary.simulatedNanoseconds).toBeGreaterThanOrEqual(100e6);
      expect(summary.simulatedNanoseconds).toBeLessThan(110e6);
      expect(summary.instructions).toBeLessThan(summary.cycles / 10);
    }
  });

  it('uart-echo: echoes a line from stdin uppercased, reading input only as the guest asks for it', () => {
    const { out, summary, consumed } = runProgram('uart-echo', { input: 'Hello, UART!\nnot read' });
    expect(out).toBe(`${BANNER}uart-echo: type a line\r\nHELLO, UART!\r\nuart-echo: 13 bytes\r\n`);
    expect(summary).toMatchObject({ reason: 'exit', exitStatus: 0 });
    expect(consumed).toBe(13);
    expect(runProgram('uart-echo', { input: 'abc', timing: 'cycle' }).out).toBe(
      `${BANNER}uart-echo: type a line\r\nABC\r\nuart-echo: 3 bytes, end of input\r\n`,
    );
  });

  it('watchdog-reset: the watchdog resets the board, which prints its banner again and reboots the image', () => {
    for (const timing of ['functional', 'cycle'] as const) {
      const { out, summary } = runProgram('watchdog-reset', { timing });
      expect(out).toBe(
        `${BANNER}watchdog-reset: RST_STAT 00000001: power-on reset; arming the watchdog (2 ms)\r\n` +
          `${BANNER}watchdog-reset: RST_STAT 00000008: rebooted by watchdog\r\n`,
      );
      expect(summary).toMatchObject({ reason: 'exit', exitStatus: 0, resets: 1 });
    }
  });

  it('newlib-stdio: a newlib program linked with rdimon.specs prints, reads stdin and allocates from the heap', () => {
    const { out, summary } = runProgram('newlib-stdio', { input: 'semihosting input\n' });
    expect(out).toBe(
      `${BANNER}newlib-stdio: printf 42 ok 0x2440\nnewlib-stdio: read 18 bytes: SEMIHOSTING INPUT\nnewlib-stdio: malloc 4096 KB ok\n`,
    );
    expect(summary).toMatchObject({ reason: 'exit', exitStatus: 7 });
  });

  it('is deterministic: the same program and input give the same output and summary', () => {
    const a = runProgram('watchdog-reset', { timing: 'cycle' });
    const b = runProgram('watchdog-reset', { timing: 'cycle' });
    expect(b.out).toBe(a.out);
    expect(b.summary).toEqual(a.summary);
  });
});

// The ARM920T standing in for the ARM1176JZF-S, asked for explicitly: the S3C6410 programs are ARMv4T
// code and must behave the same on either core (this is how the board ran before arm-core had the ARM1176).
describe('S3C6410 devices with the v4T core standing in for the ARM1176 (explicit --core arm920t)', { timeout: 30_000 }, () => {
  const inputs: Record<string, string> = { 'uart-echo': 'Hello, UART!\n' };
  it.each(['hello', 'timer-irq', 'uart-echo', 'watchdog-reset'])('%s: same console output as on the ARM1176, the stand-in named in the banner', (program) => {
    const own = runProgram(program, { input: inputs[program] });
    const standIn = runProgram(program, { input: inputs[program], core: 'arm920t' });
    expect(standIn.board).toMatchObject({ core: 'arm920t', standInCore: true });
    expect(standIn.summary.configuration).toMatchObject({ cpu: 'arm920t', details: { standInCore: true } });
    expect(standIn.out).toBe(own.out.split(BANNER).join(STAND_IN_BANNER));
    expect(standIn.summary.reason).toBe(own.summary.reason);
  });
});
