// The wiring of `mba2440 boot`: the MBA2440 board, the S3C2440A BSP and devicecore, the example files.
// What the command itself does is tested in @l4lab/iguana (src/boot/boot-command.test.ts).
import { describe, expect, it } from 'vitest';
import { main } from './cli-main.js';

function capture(argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { stdout: (t) => (out += typeof t === 'string' ? t : new TextDecoder().decode(t)), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('mba2440 boot', () => {
  it('boots OKL4 + Iguana on the MBA2440 and runs multithread: banner, S3C2440A boot log, the seven lines, the summary', () => {
    const r = capture(['boot', 'multithread', '--timing', 'functional']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.split('\n').slice(0, 4)).toEqual([
      'MBA2440: S3C2440A, ARM920T 400 MHz (bus 100 MHz, peripherals 50 MHz), 64 MB SDRAM',
      'L4Lab OKL4 2.1 microkernel (TypeScript model) on MBA2440',
      'S3C2440A (GSTATUS1 0x32440001)',
      'S3C244X: core 400.000 MHz, memory 100.000 MHz, peripheral 50.000 MHz (MPLLCON 0x0005c011, CLKDIVN 0x00000005)',
    ]);
    expect(r.out).toMatch(/^devicecore: timer: PWM timer 0 registers 0x[0-9a-f]{8} -> memsection 0x00401000 \(uncached\); IRQ \d+ \(TIMER0\) -> notify bit 1, unmasked$/m);
    expect(r.out).toContain('\nSwitching to the second thread:\nSecond Thread Command Line Arguments:\n\tHello\n\tSecond\n\tThread\n-------------------------------------\nSecond thread works!\n');
    expect(r.out).toMatch(/summary: all programs finished, the kernel halted\n {2}instructions \d+ .*\n {2}cycles \d+, simulated time [\d.]+ ms at 400 MHz, timing mode functional\n/);
  });

  it('lists boot in --help; boot --help and its errors name the mba2440 and the S3C2440A', () => {
    expect(capture(['--help']).out).toMatch(/boot <example>/);
    expect(capture(['boot', '--help'])).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: mba2440 boot <example>.*\n\nBoots OKL4 and the Iguana server \(with the S3C2440A devicecore\)/) });
    expect(capture(['boot', 'nothing'])).toMatchObject({ code: 2, err: expect.stringMatching(/^mba2440 boot: unknown example 'nothing' \(known: multithread, dining_philosophers\)/) });
  });
});
