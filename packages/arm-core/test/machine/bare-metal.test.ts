// Real toolchain output (committed guest images) running on the whole machine: core, memory system,
// semihosting and run loop together.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMachine, loadElf, parseElf, Semihosting, type TimingMode } from '../../src/index.js';

const guest = (p: string) => new Uint8Array(readFileSync(new URL(`../../guest/${p}`, import.meta.url)));

function runImage(path: string, timing: TimingMode = 'functional') {
  const m = createMachine({ cpu: 'arm920t', timing });
  m.bus.mapRam(0x30000000, 64 << 20);
  const image = parseElf(guest(path));
  loadElf(image, (pa, bytes) => m.bus.writeBytes(pa, bytes));
  m.cpu.pc = image.entry;
  let out = '';
  new Semihosting(m.cpu, { stdout: (b) => (out += new TextDecoder().decode(b)) }, (exit) => m.requestStop(exit.reason, exit.status));
  const result = m.run({ maxCycles: 200_000_000 });
  return { out, result, m };
}

describe('bare-metal programs on the ARM920T machine', () => {
  it('runs hello to a semihosting exit', () => {
    const { out, result } = runImage('hello/hello-mba2440.elf');
    expect(out).toContain('hello from arm-core');
    expect(result.reason).toBe('stopped');
    expect(result.exitStatus).toBe(0);
  });

  it('gives the same output and instruction count in both timing modes, more cycles in cycle mode', () => {
    const f = runImage('checksum/checksum-arm.elf', 'functional');
    const c = runImage('checksum/checksum-arm.elf', 'cycle');
    expect(f.result.reason).toBe('stopped');
    // Golden output: what qemu-arm prints for the same image.
    expect(f.out).toBe('crc32 414fa339\nmultiply 4c99d6e7\nwide e1240fda\ndivide 24e612d2\nbits dbc8f608\nchecksum c3c764d1\n');
    expect(c.out).toBe(f.out);
    expect(c.result.instructions).toBe(f.result.instructions);
    expect(f.result.cycles).toBe(f.result.instructions);
    expect(c.result.cycles).toBeGreaterThan(f.result.instructions);
  });

  it('runs the Thumb build to the same output as the ARM build', () => {
    const a = runImage('checksum/checksum-arm.elf');
    const t = runImage('checksum/checksum-thumb.elf');
    expect(t.result.reason).toBe('stopped');
    expect(t.out).toBe(a.out);
  });
});
