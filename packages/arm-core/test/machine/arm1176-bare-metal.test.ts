// The committed ARMv4T bare-metal images on the ARM1176JZF-S machine: core, ARMv6 memory system, TrustZone
// CP15, semihosting and run loop together.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Arm1176Control, MemoryTypeV6, createMachine, loadElf, parseElf, sectionDescriptorV6, Semihosting, type TimingMode } from '../../src/index.js';

const guest = (p: string) => new Uint8Array(readFileSync(new URL(`../../guest/${p}`, import.meta.url)));

const CHECKSUM_OUTPUT = 'crc32 414fa339\nmultiply 4c99d6e7\nwide e1240fda\ndivide 24e612d2\nbits dbc8f608\nchecksum c3c764d1\n';

/**
 * Runs `path` on an ARM1176 machine with 128 MB of SDRAM at 0x50000000 (the SMDK6410 map) and 64 MB at
 * 0x30000000 (where the images shared with the MBA2440 link). `mmu`: identity-map both with ARMv6
 * write-back sections (XP = 1) and turn on the MMU and both caches before the image starts.
 */
function runImage(path: string, timing: TimingMode = 'functional', mmu = false) {
  const m = createMachine({ cpu: 'arm1176jzf-s', timing });
  m.bus.mapRam(0x50000000, 128 << 20);
  m.bus.mapRam(0x30000000, 64 << 20);
  if (mmu) {
    const table = 0x57ff0000;
    for (let mb = 0; mb < 128; mb++) m.bus.write(table + (((0x50000000 >>> 20) + mb) << 2), sectionDescriptorV6((0x50000000 + (mb << 20)) >>> 0, { ap: 1, ...MemoryTypeV6.writeBack }), 4);
    for (let mb = 0; mb < 64; mb++) m.bus.write(table + (((0x30000000 >>> 20) + mb) << 2), sectionDescriptorV6((0x30000000 + (mb << 20)) >>> 0, { ap: 1, ...MemoryTypeV6.writeBack }), 4);
    const cp15 = m.memory.cp15;
    cp15.ttbr0 = table;
    cp15.dacr = 0b01;
    cp15.control = cp15.control | Arm1176Control.M | Arm1176Control.C | Arm1176Control.I | Arm1176Control.XP | Arm1176Control.Z;
  }
  const image = parseElf(guest(path));
  loadElf(image, (pa, bytes) => m.bus.writeBytes(pa, bytes));
  m.cpu.pc = image.entry;
  let out = '';
  new Semihosting(m.cpu, { stdout: (b) => (out += new TextDecoder().decode(b)) }, (exit) => m.requestStop(exit.reason, exit.status));
  const result = m.run({ maxCycles: 200_000_000 });
  return { out, result, m };
}

describe('bare-metal programs on the ARM1176JZF-S machine', () => {
  it('runs hello (linked at 0x50000000) to a semihosting exit, in the Secure world', () => {
    const { out, result, m } = runImage('hello/hello-smdk6410.elf');
    expect(out).toBe('hello from arm-core\n');
    expect(result.reason).toBe('stopped');
    expect(result.exitStatus).toBe(0);
    expect(m.configuration).toEqual({ cpu: 'arm1176jzf-s', arch: 'v6Z', timing: 'functional', coreHz: 532_000_000, engine: 'blocks' });
    expect(m.memory.cp15.secure).toBe(true);
    expect(`Booting in ${m.memory.cp15.describeSecurityState()}`).toBe('Booting in secure world');
  });

  it('runs the checksum images (ARM and Thumb) to the golden output in both timing modes', () => {
    const f = runImage('checksum/checksum-arm.elf', 'functional');
    const c = runImage('checksum/checksum-arm.elf', 'cycle');
    const t = runImage('checksum/checksum-thumb.elf', 'cycle');
    expect(f.out).toBe(CHECKSUM_OUTPUT);
    expect(c.out).toBe(CHECKSUM_OUTPUT);
    expect(t.out).toBe(CHECKSUM_OUTPUT);
    expect(c.result.instructions).toBe(f.result.instructions);
    expect(f.result.cycles).toBe(f.result.instructions);
    expect(c.result.cycles).toBeGreaterThan(f.result.instructions);
  });

  it('runs with the ARMv6 MMU and VIPT caches on: same output, far fewer memory stalls', () => {
    const off = runImage('checksum/checksum-arm.elf', 'cycle');
    const on = runImage('checksum/checksum-arm.elf', 'cycle', true);
    expect(on.out).toBe(CHECKSUM_OUTPUT);
    expect(on.result.instructions).toBe(off.result.instructions);
    expect(on.result.cycles).toBeLessThan(off.result.cycles / 2);
    const s = on.m.memory.statistics();
    expect(s.icache.readHits).toBeGreaterThan(s.icache.readMisses * 4);
    // One walk per section in use (code, data, stack, semihosting buffers): a handful.
    expect(s.mainTlb.misses).toBeGreaterThan(0);
    expect(s.mainTlb.walkReads).toBe(s.mainTlb.misses);
    expect(s.mainTlb.misses).toBeLessThan(10);
  });

  it('is deterministic: two cycle-mode runs give the same cycle count', () => {
    const a = runImage('checksum/checksum-thumb.elf', 'cycle', true);
    const b = runImage('checksum/checksum-thumb.elf', 'cycle', true);
    expect(a.result.cycles).toBe(b.result.cycles);
  });
});
