// The committed guest images: they match their sources (when the cross compiler is installed) and do
// what they say when run under qemu-arm, an independent ARM implementation (when it is installed).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
const BUILD = fileURLToPath(new URL('../../../../tools/guest/build.mjs', import.meta.url));
const available = (command: string, args: string[]) => !spawnSync(command, args).error;
const hasGcc = available('arm-none-eabi-gcc', ['--version']);
const hasQemu = available('qemu-arm', ['--version']);

describe.skipIf(!hasGcc)(`committed images${hasGcc ? '' : ' (skipped: arm-none-eabi-gcc not found; apt-get install gcc-arm-none-eabi)'}`, () => {
  it('rebuild bit for bit, from two different folders', () => {
    const result = spawnSync(process.execPath, [BUILD, '--check', '.'], { cwd: PACKAGE, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/up to date and reproducible/);
    expect(result.status).toBe(0);
  }, 120_000);
});

/** What checksum.c prints, computed independently. */
function expectedChecksumOutput(): string {
  const rotl = (x: number, r: number) => ((x << r) | (x >>> ((32 - r) & 31))) >>> 0;
  const seeds = [0x12345678, 0x9abcdef0, 0x0badf00d, 0xdeadbeef];
  const zeroes = new Array<number>(64).fill(0);

  let crc = 0xffffffff;
  for (const ch of 'The quick brown fox jumps over the lazy dog') {
    crc ^= ch.charCodeAt(0);
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (crc & 1 ? 0xedb88320 : 0);
  }
  const crc32 = ~crc >>> 0;

  let multiply = 1;
  for (let i = 1; i <= 1000; i++) multiply = (Math.imul(multiply, 2654435761) + Math.imul(i, seeds[i & 3])) >>> 0;

  let acc64 = 0n;
  let sacc = 0n;
  for (let i = 0; i < 4; i++) {
    acc64 = BigInt.asUintN(64, acc64 + BigInt(seeds[i]) * 0x9e3779b9n);
    sacc = BigInt.asIntN(64, sacc + BigInt(seeds[i] | 0) * -123457n);
  }
  const wide = (Number(acc64 >> 32n) ^ Number(acc64 & 0xffffffffn) ^ Number((BigInt.asUintN(64, sacc) >> 17n) & 0xffffffffn)) >>> 0;

  let divide = 0;
  for (let i = -500; i <= 500; i += 7) {
    const n = i * 99991;
    const d = 37 + (i & 15);
    const u = 1000 + (i & 7);
    divide = (rotl(divide, 5) ^ Math.trunc(n / d) ^ n % d) >>> 0;
    divide = (divide + Math.floor((n >>> 0) / u) + ((n >>> 0) % u)) >>> 0;
  }
  const big = (BigInt(seeds[3]) << 32n) | BigInt(seeds[0]);
  const d64 = BigInt(1000003 + (seeds[1] & 0xff));
  divide = (divide ^ Number((big / d64) & 0xffffffffn) ^ Number(big % d64)) >>> 0;

  let bits = 0;
  for (let i = 0; i < 64; i++) {
    let x = (rotl(seeds[i & 3], i & 31) ^ zeroes[i]) >>> 0;
    let ones = 0;
    for (; x !== 0; ones++) x = (x & (x - 1)) >>> 0;
    bits = (Math.imul(bits, 33) + ones) >>> 0;
    zeroes[i] = bits;
  }
  seeds[0] = (seeds[0] ^ bits) >>> 0;
  bits = (bits ^ seeds[0] ^ zeroes[63]) >>> 0;

  const parts: [string, number][] = [['crc32', crc32], ['multiply', multiply], ['wide', wide], ['divide', divide], ['bits', bits]];
  let sum = 0;
  for (const [, value] of parts) sum = (rotl(sum, 7) + value) >>> 0;
  parts.push(['checksum', sum]);
  return parts.map(([name, value]) => `${name} ${value.toString(16).padStart(8, '0')}\n`).join('');
}

describe.skipIf(!hasQemu)(`running under qemu-arm${hasQemu ? '' : ' (skipped: qemu-arm not found; apt-get install qemu-user)'}`, () => {
  // A copy made executable: qemu-arm refuses files without the execute bit, which a checkout may drop.
  let scratch = '';
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'l4lab-qemu-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const run = (image: string) => {
    const copy = join(scratch, image.replace(/\//g, '_'));
    copyFileSync(join(PACKAGE, 'guest', image), copy);
    chmodSync(copy, 0o755);
    const result = spawnSync('qemu-arm', [copy], { encoding: 'utf8', timeout: 20_000 });
    // qemu-arm's semihosting console is its stderr.
    return { console: result.stderr, status: result.status };
  };

  for (const image of ['hello/hello-mba2440.elf', 'hello/hello-smdk6410.elf']) {
    it(`${image} greets and exits 0`, () => {
      const result = run(image);
      expect(result.console).toBe('hello from arm-core\n');
      expect(result.status).toBe(0);
    });
  }

  for (const image of ['checksum/checksum-arm.elf', 'checksum/checksum-thumb.elf']) {
    it(`${image} prints the checksums computed here`, () => {
      const result = run(image);
      expect(result.console).toBe(expectedChecksumOutput());
      expect(result.status).toBe(0);
    });
  }
});
