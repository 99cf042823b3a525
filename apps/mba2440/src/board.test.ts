// Bare-metal programs for the S3C2440A (packages/soc-s3c2440/guest) on the MBA2440: golden console
// output, the run summary, simulated time against the programmed timer rate, UART input and a watchdog reset.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GuestErrorLog, runBareMetal, type TimingMode } from '@l4lab/arm-core';
import { MBA2440, createMba2440 } from './board.js';

const GUEST = join(dirname(createRequire(import.meta.url).resolve('@l4lab/soc-s3c2440/package.json')), 'guest');
const image = (program: string) => new Uint8Array(readFileSync(join(GUEST, program, `${program}.elf`)));

const BANNER = 'MBA2440: S3C2440A, ARM920T 400 MHz (bus 100 MHz, peripherals 50 MHz), 64 MB SDRAM\n';
/** One simulated second: every program here ends well before. */
const MAX_CYCLES = 400_000_000;

function runProgram(program: string, options: { timing?: TimingMode; input?: string } = {}) {
  let out = '';
  const input = new TextEncoder().encode(options.input ?? '');
  let consumed = 0;
  const write = (bytes: Uint8Array) => (out += String.fromCharCode(...bytes));
  const readByte = () => (consumed < input.length ? input[consumed++] : undefined);
  // Unmodelled registers or refused accesses fail the run (reason 'error') instead of passing silently.
  const board = createMba2440({ timing: options.timing, console: { write, readByte }, guestErrors: new GuestErrorLog('fatal') });
  const summary = runBareMetal(board, image(program), { io: { stdout: write, readByte }, maxCycles: MAX_CYCLES });
  return { out, summary, consumed, board };
}

describe('MBA2440 board', () => {
  it('comes up as its boot loader leaves it: 400/100/50 MHz, 64 MB at 0x30000000, core:bus ratio 4', () => {
    const board = createMba2440({ console: { write: () => {} } });
    expect(board.banner()).toBe(BANNER);
    expect(board.soc.clocks.rates).toMatchObject({ core: 400e6, hclk: 100e6, pclk: 50e6 });
    expect(board.machine.clock.coreHz).toBe(MBA2440.clocks.coreHz);
    expect(board.machine.memory.coreCyclesPerBusCycle).toBe(4);
    expect(board.ram).toEqual([board.soc.sdram]);
    expect([board.soc.sdram.base, board.soc.sdram.size]).toEqual([MBA2440.ram.base, MBA2440.ram.size]);
    expect(board.machine.configuration).toMatchObject({ cpu: 'arm920t', timing: 'functional' });
  });

  it('resets core and chip for a watchdog reset: GSTATUS2 reports it, the boot-loader clocks are back', () => {
    const board = createMba2440({ console: { write: () => {} } });
    board.machine.bus.write32(0x4c000014, 0); // CLKDIVN: HCLK = PCLK = FCLK
    expect(board.machine.memory.coreCyclesPerBusCycle).toBe(1);
    board.reset('watchdog');
    expect(board.machine.bus.read32(0x560000b4)).toBe(4); // GSTATUS2: watchdog reset
    expect(board.soc.clocks.rates).toMatchObject({ core: 400e6, hclk: 100e6, pclk: 50e6 });
    expect(board.machine.memory.coreCyclesPerBusCycle).toBe(4);
  });
});

// Each program runs for a few million simulated instructions; some tests run it in both timing modes.
describe('bare-metal programs on the MBA2440', { timeout: 30_000 }, () => {
  it('hello: polled UART0 output, then a halt', () => {
    for (const timing of ['functional', 'cycle'] as const) {
      const { out, summary } = runProgram('hello', { timing });
      expect(out).toBe(`${BANNER}hello from the S3C2440A (GSTATUS1 32440001) on UART0\r\n`);
      expect(summary).toMatchObject({ reason: 'halted', detail: 'waiting for an interrupt with IRQ and FIQ masked', resets: 0 });
      expect(summary.configuration).toMatchObject({ board: 'MBA2440', cpu: 'arm920t', timing, coreHz: 400e6 });
      // 57 characters at 115200 baud (10 bits each) take about 4.9 ms of board time.
      expect(summary.simulatedNanoseconds).toBeGreaterThan(4.5e6);
      expect(summary.simulatedNanoseconds).toBeLessThan(5.5e6);
      expect(summary.simulatedNanoseconds).toBeCloseTo((summary.cycles * 1e9) / 400e6, 3);
    }
  });

  it('timer-irq: PWM timer 4 at 100 Hz through the interrupt controller; 10 ticks take 100 ms of simulated time', () => {
    for (const timing of ['functional', 'cycle'] as const) {
      const { out, summary } = runProgram('timer-irq', { timing });
      expect(out).toBe(`${BANNER}timer-irq: 10 ticks at 100 Hz\r\n`);
      expect(summary).toMatchObject({ reason: 'exit', exitStatus: 0 });
      // Ten 10 ms periods, plus set-up and the closing line on the UART: within one tick of 100 ms.
      expect(summary.simulatedNanoseconds).toBeGreaterThanOrEqual(100e6);
      expect(summary.simulatedNanoseconds).toBeLessThan(110e6);
      // The core sleeps between ticks: far fewer instructions than cycles.
      expect(summary.instructions).toBeLessThan(summary.cycles / 10);
    }
  });

  it('uart-echo: echoes a line from stdin uppercased, reading input only as the guest asks for it', () => {
    const { out, summary, consumed } = runProgram('uart-echo', { input: 'Hello, UART!\nnot read' });
    expect(out).toBe(`${BANNER}uart-echo: type a line\r\nHELLO, UART!\r\nuart-echo: 13 bytes\r\n`);
    expect(summary).toMatchObject({ reason: 'exit', exitStatus: 0 });
    expect(consumed).toBe(13);
  });

  it('uart-echo: the end of input reaches the guest as EOT', () => {
    const { out, summary } = runProgram('uart-echo', { input: 'abc', timing: 'cycle' });
    expect(out).toBe(`${BANNER}uart-echo: type a line\r\nABC\r\nuart-echo: 3 bytes, end of input\r\n`);
    expect(summary.reason).toBe('exit');
  });

  it('programs that do not read input never ask for it', () => {
    expect(runProgram('hello', { input: 'unread' }).consumed).toBe(0);
  });

  it('watchdog-reset: the watchdog resets the board, which prints its banner again and reboots the image', () => {
    for (const timing of ['functional', 'cycle'] as const) {
      const { out, summary } = runProgram('watchdog-reset', { timing });
      expect(out).toBe(
        `${BANNER}watchdog-reset: GSTATUS2 00000001: power-on reset; arming the watchdog (2 ms)\r\n` +
          `${BANNER}watchdog-reset: GSTATUS2 00000004: rebooted by watchdog\r\n`,
      );
      expect(summary).toMatchObject({ reason: 'exit', exitStatus: 0, resets: 1 });
    }
  });

  it('newlib-stdio: a newlib program linked with rdimon.specs prints, reads stdin and allocates from the heap', () => {
    const { out, summary, consumed } = runProgram('newlib-stdio', { input: 'semihosting input\n' });
    expect(out).toBe(
      `${BANNER}newlib-stdio: printf 42 ok 0x2440\nnewlib-stdio: read 18 bytes: SEMIHOSTING INPUT\nnewlib-stdio: malloc 4096 KB ok\n`,
    );
    expect(consumed).toBe(18);
    // exit(7) reaches the host through SYS_EXIT_EXTENDED once newlib has read ":semihosting-features".
    expect(summary).toMatchObject({ reason: 'exit', exitStatus: 7 });
  });


  it('is deterministic: the same program and input give the same output and summary', () => {
    const a = runProgram('timer-irq', { timing: 'cycle' });
    const b = runProgram('timer-irq', { timing: 'cycle' });
    expect(b.out).toBe(a.out);
    expect(b.summary).toEqual(a.summary);
  });
});
