// The ARMv6 bare-metal programs (guest/v6-*) on the ARM1176JZF-S machine: exclusives, SETEND big-endian
// data, REV and saturating/SIMD arithmetic, with golden console output. v6-endian and v6-dsp also run
// under qemu-arm -cpu arm1176 (an independent implementation) when it is installed; v6-exclusive takes an
// exception through VBAR, which user-mode QEMU cannot, so its golden output follows the architecture.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Arm1176Control, MemoryTypeV6, createMachine, loadElf, parseElf, sectionDescriptorV6, Semihosting, type TimingMode } from '../../src/index.js';

const imagePath = (name: string): string => fileURLToPath(new URL(`../../guest/${name}/${name}.elf`, import.meta.url));

function run(name: string, timing: TimingMode, cached = false) {
  const m = createMachine({ cpu: 'arm1176jzf-s', timing });
  m.bus.mapRam(0x50000000, 128 << 20);
  if (cached) {
    // Identity-map SDRAM with write-back sections, MMU, caches, branch prediction and c1.U on.
    const table = 0x57ff0000;
    for (let mb = 0; mb < 128; mb++) {
      m.bus.write(table + (((0x50000000 >>> 20) + mb) << 2), sectionDescriptorV6((0x50000000 + (mb << 20)) >>> 0, { ap: 1, ...MemoryTypeV6.writeBack }), 4);
    }
    const cp15 = m.memory.cp15;
    cp15.ttbr0 = table;
    cp15.dacr = 0b01;
    cp15.control = cp15.control | Arm1176Control.M | Arm1176Control.C | Arm1176Control.I | Arm1176Control.XP | Arm1176Control.Z | Arm1176Control.U;
  }
  const image = parseElf(new Uint8Array(readFileSync(imagePath(name))));
  loadElf(image, (pa, bytes) => m.bus.writeBytes(pa, bytes));
  m.cpu.pc = image.entry;
  let out = '';
  const decoder = new TextDecoder();
  new Semihosting(m.cpu, { stdout: (b) => (out += decoder.decode(b)) }, (exit) => m.requestStop(exit.reason, exit.status));
  const result = m.run({ maxCycles: 100_000_000 });
  return { out, result, m };
}

const GOLDEN: Record<string, string> = {
  'v6-exclusive': [
    'ldrex/strex status 0 memory 12345678',
    'ldrex loaded 11111111',
    'strex alone status 1 memory 12345678',
    'after clrex status 1 memory 12345678',
    'other address status 1 memory 22222222',
    'after exception status 1 memory 12345678',
    'undefined taken 1',
    'ldrexb/strexb status 0 memory 89ab5aef',
    'ldrexb loaded 000000cd',
    'ldrexh/strexh status 0 memory beef4567',
    'ldrexh loaded 00000123',
    'ldrexd loaded beef456789ab5aef',
    'strexd status 0 memory cafef00d',
    'strexd high status 0 memory 0badc0de',
    'atomic sum 500500',
    '',
  ].join('\n'),
  'v6-endian': [
    'le word 84332211',
    'be word 11223384',
    'rev 11223384',
    'be half 00003384',
    'be signed half 00003384',
    'revsh 00003384',
    'rev16 33841122',
    'be ldm 0 11223384',
    'be ldm 1 55667788',
    'stored bytes 0-3 d4c3b2a1',
    'stored bytes 4-7 0000f6e5',
    'cpsr.E while big 00000001',
    'cpsr.E after 00000000',
    '',
  ].join('\n'),
  'v6-dsp': [
    'qadd max+1 7fffffff q 1 ge 0',
    'qadd plain 0000002a q 0 ge 0',
    'qsub min-1 80000000 q 1 ge 0',
    'qdadd 7fffffff q 1 ge 0',
    'qdsub 7fffffff q 1 ge 0',
    'q sticky 00000003 q 1 ge 0',
    'ssat #8 0000007f q 1 ge 0',
    'ssat #8 in range ffffff85 q 0 ge 0',
    'ssat #16 asr 4 ffff8000 q 1 ge 0',
    'usat #10 lsl 2 000003ff q 1 ge 0',
    'usat #10 negative 00000000 q 1 ge 0',
    'ssat16 #4 00070007 q 1 ge 0',
    'usat16 #7 0000007f q 1 ge 0',
    'uqadd8 ffff0305 q 0 ge 0',
    'uqsub16 0000000b q 0 ge 0',
    'qadd16 7fff8001 q 0 ge 0',
    'shsub8 807f0007 q 0 ge 0',
    'sadd16 8000ffff q 0 ge 12',
    'usub8 f0100000 q 0 ge 7',
    'sel after usub8 11bbccdd q 0 ge 7',
    'smulbt 40000000 q 0 ge 0',
    'smulwt 091a1907 q 0 ge 0',
    'smlabb overflow bfff0000 q 1 ge 0',
    'smuad overflow 80000000 q 1 ge 0',
    'smlad 0000007b q 0 ge 0',
    'smusdx fffffffe q 0 ge 0',
    'smmulr 00000001 q 0 ge 0',
    'smlald lo 7ffe0001 q 0 ge 0',
    'smlald hi 00000002 q 0 ge 0',
    'umaal lo ffffffff q 0 ge 0',
    'umaal hi ffffffff q 0 ge 0',
    'usad8 0000020d q 0 ge 0',
    'usada8 000003f0 q 0 ge 0',
    'clz 0000000f q 0 ge 0',
    '',
  ].join('\n'),
};

describe('ARMv6 bare-metal programs on the ARM1176JZF-S machine', () => {
  for (const name of Object.keys(GOLDEN)) {
    it(`${name}: golden output in both timing modes, same instruction count, cycle mode slower`, () => {
      const f = run(name, 'functional');
      const c = run(name, 'cycle');
      expect(f.result.reason).toBe('stopped');
      expect(f.result.exitStatus).toBe(0);
      expect(f.out).toBe(GOLDEN[name]);
      expect(c.out).toBe(GOLDEN[name]);
      expect(c.result.instructions).toBe(f.result.instructions);
      expect(f.result.cycles).toBe(f.result.instructions);
      expect(c.result.cycles).toBeGreaterThan(c.result.instructions);
    });

    it(`${name}: the same output with the MMU, caches, branch prediction and c1.U on, at a lower CPI`, () => {
      const uncached = run(name, 'cycle');
      const cached = run(name, 'cycle', true);
      expect(cached.out).toBe(GOLDEN[name]);
      expect(cached.result.cycles).toBeLessThan(uncached.result.cycles);
    });
  }
});

const QEMU = spawnSync('qemu-arm', ['--version']).status === 0;

describe.skipIf(!QEMU)(`under qemu-arm -cpu arm1176${QEMU ? '' : ' (skipped: qemu-arm not installed)'}`, () => {
  for (const name of ['v6-endian', 'v6-dsp']) {
    it(`${name} prints the golden output`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'l4lab-v6-'));
      try {
        const copy = join(dir, `${name}.elf`);
        copyFileSync(imagePath(name), copy);
        chmodSync(copy, 0o755);
        const r = spawnSync('qemu-arm', ['-cpu', 'arm1176', copy], { encoding: 'utf8', timeout: 20_000 });
        expect(r.status).toBe(0);
        // qemu-arm's semihosting console is its stderr.
        expect(r.stderr).toBe(GOLDEN[name]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
