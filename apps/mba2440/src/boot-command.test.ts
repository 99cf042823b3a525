import { describe, expect, it } from 'vitest';
import { main } from './cli-main.js';

function capture(argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { stdout: (t) => (out += typeof t === 'string' ? t : new TextDecoder().decode(t)), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('mba2440 boot', () => {
  it('boots OKL4 + Iguana and runs multithread: boot log, the seven lines, the summary', () => {
    const r = capture(['boot', 'multithread', '--timing', 'functional']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[1]).toBe('L4Lab OKL4 2.1 microkernel (TypeScript model) on MBA2440');
    expect(r.out).toMatch(/^devicecore: timer: PWM timer 0 registers 0x[0-9a-f]{8} -> memsection 0x00401000 \(uncached\); IRQ \d+ \(TIMER0\) -> notify bit 1, unmasked$/m);
    const first = lines.indexOf('Switching to the second thread:');
    expect(lines.slice(first, first + 7)).toEqual([
      'Switching to the second thread:', 'Second Thread Command Line Arguments:', '\tHello', '\tSecond', '\tThread',
      '-------------------------------------', 'Second thread works!',
    ]);
    expect(r.out).toMatch(/summary: all programs finished, the kernel halted\n {2}instructions \d+ .*\n {2}cycles \d+, simulated time [\d.]+ ms at \d+(\.\d+)? MHz, timing mode functional\n/);
  });

  it('passes the arguments to dining_philosophers', () => {
    const r = capture(['boot', 'dining_philosophers', '4', '3', '--timing', 'functional']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Start Dining philosophers test #4\(0x[0-9a-f]+\): 3 philosophers\nDining philosophers test #4\(0x[0-9a-f]+\) finished$/m);
  });

  it('lists boot in --help and explains itself', () => {
    expect(capture(['--help']).out).toMatch(/boot <example>/);
    const h = capture(['boot', '--help']);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/dining_philosophers \[test# \[N/);
  });

  it('fails clearly on a bad example, timing or cycle limit', () => {
    expect(capture(['boot', 'nothing'])).toMatchObject({ code: 2, err: expect.stringMatching(/unknown example 'nothing' \(known: multithread, dining_philosophers\)/) });
    expect(capture(['boot'])).toMatchObject({ code: 2, err: expect.stringMatching(/which example\?/) });
    expect(capture(['boot', 'multithread', '--timing', 'fast'])).toMatchObject({ code: 2, err: expect.stringMatching(/--timing must be cycle or functional/) });
    const short = capture(['boot', 'dining_philosophers', '--max-cycles', '1000000', '--timing', 'functional']);
    expect(short.code).toBe(1);
    expect(short.out).toMatch(/summary: stopped \(cycle-limit/);
  });
});
