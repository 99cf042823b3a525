// The wiring of `smdk6410 boot`: the SMDK6410 board on its own ARM1176JZF-S, the S3C6410 BSP and
// devicecore, the example files. What the command itself does is tested in @l4lab/iguana.
import { describe, expect, it } from 'vitest';
import { main } from './cli-main.js';

function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = main(argv, { stdout: (t) => (out += typeof t === 'string' ? t : new TextDecoder().decode(t)), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('smdk6410 boot', () => {
  it('boots OKL4 + Iguana on the SMDK6410 (ARMv6 ASIDs) and runs dining_philosophers with its arguments', () => {
    const r = run(['boot', 'dining_philosophers', '4', '3', '--timing', 'functional']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'SMDK6410: S3C6410, ARM1176JZF-S 532 MHz (bus 133 MHz, peripherals 66.5 MHz), 128 MB SDRAM',
      'L4Lab OKL4 2.1 microkernel (TypeScript model) on SMDK6410',
      'Booting in secure world',
    ]);
    expect(lines).toContain('S3C6410 (SYS_ID 0x36410101)');
    expect(lines).toContain('devicecore: S3C6410, 2 drivers');
    expect(r.out).toMatch(/^memory: ARMv6 ASIDs \(256, round-robin;/m);
    expect(r.out).toMatch(/^Start Dining philosophers test #4\(0x[0-9a-f]+\): 3 philosophers\nDining philosophers test #4\(0x[0-9a-f]+\) finished$/m);
    expect(r.out).toMatch(/ms at 532 MHz, timing mode functional\n/);
  });

  it('runs multithread: the seven lines of the paper\'s Figure 2', () => {
    const r = run(['boot', 'multithread', '--timing', 'functional']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('\nSwitching to the second thread:\nSecond Thread Command Line Arguments:\n\tHello\n\tSecond\n\tThread\n-------------------------------------\nSecond thread works!\n');
    expect(r.out).toMatch(/^summary: all programs finished, the kernel halted$/m);
  });

  it('names the smdk6410 and the S3C6410 in boot --help and its errors', () => {
    expect(run(['--help']).out).toMatch(/boot <example>/);
    expect(run(['boot', '--help']).out).toMatch(/^Usage: smdk6410 boot <example>.*\n\nBoots OKL4 and the Iguana server \(with the S3C6410 devicecore\)/);
    expect(run(['boot', 'multithread', '--timing', 'fast'])).toMatchObject({ code: 2, err: "smdk6410 boot: --timing must be cycle or functional, got 'fast'\n" });
  });
});
