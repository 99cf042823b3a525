/** Checks of the differential harness itself: it must notice a wrong interpreter, and explain it. */
import { describe, expect, it } from 'vitest';
import type { Cpu, InstructionHandler } from '../../src/cpu/cpu.js';
import { MemoryFault } from '../../src/cpu/fault.js';
import { armTraits, thumbTraits } from '../../src/isa/traits.js';
import { classifyArm } from './arm-generator.js';
import { checkAgainst, generateProgram, instructionSetFor } from './campaign.js';
import { diffStates, formatMismatch } from './compare.js';
import { CORE_CONFIGS, FlatRam, configName, runOnArmCore } from './core-runner.js';
import { fromFixtureProgram, loadFixtures } from './fixtures.js';
import { SkipStats } from './skip-list.js';
import { BLOCK, BUFFER, BUFFER_SIZE, type TestProgram } from './test-image.js';
import { classifyThumb } from './thumb-generator.js';

describe('FlatRam', () => {
  it('reads and writes little-endian, naturally aligned, and faults outside its range', () => {
    const ram = new FlatRam(0x1000, new Uint8Array(16));
    ram.write32(0x1004, 0x11223344);
    expect(ram.read8(0x1004)).toBe(0x44);
    expect(ram.read16(0x1007)).toBe(0x1122); // aligned halfword containing the address
    expect(ram.read32(0x1006)).toBe(0x11223344);
    ram.write16(0x1009, 0xbeef);
    expect(ram.read16(0x1008)).toBe(0xbeef);
    expect(() => ram.read32(0x1010)).toThrow(MemoryFault);
    expect(() => ram.fetch32(0xffc)).toThrow(MemoryFault);
  });
});

describe('harness', () => {
  const regs = Array.from({ length: 15 }, (_, i) => i);

  it('runs exactly the block and stops at its end', () => {
    const program: TestProgram = { isa: 'arm', code: [0xe2800001, 0xe2800001, 0xe2800001], initial: { regs, flags: 0, bufferSeed: 1 } };
    const r = runOnArmCore(instructionSetFor('v4T'), program);
    expect(r.ok).toBe(true);
    expect(r.steps).toBe(3);
    expect(r.state.regs[0]).toBe(3);
  });

  it('reports an exception taken inside the block as a failure', () => {
    const program: TestProgram = { isa: 'arm', code: [0xef000000], initial: { regs, flags: 0, bufferSeed: 1 } };
    const r = runOnArmCore(instructionSetFor('v4T'), program);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/swi exception at 0x10100/);
  });

  it('reports a data abort outside the flat RAM, and outside the MMU mapping', () => {
    const program: TestProgram = { isa: 'thumb', code: [0x6800 /* ldr r0, [r0] */], initial: { regs, flags: 0, bufferSeed: 1 } };
    const flat = runOnArmCore(instructionSetFor('v4T'), program);
    expect(!flat.ok && flat.error).toMatch(/data-abort/);
    const high = regs.map((v, i) => (i === 0 ? 0x00200000 : v)); // beyond the one mapped 1 MB section
    const mmu = runOnArmCore(instructionSetFor('v4T'), { ...program, initial: { ...program.initial, regs: high } }, CORE_CONFIGS[1]);
    expect(!mmu.ok && mmu.error).toMatch(/data-abort.*translation/i);
  });

  it('runs the same block in every core configuration', () => {
    const program: TestProgram = { isa: 'arm', code: [0xe2800001, 0xe58c0000 /* str r0, [r12] */], initial: { regs: regs.map((v, i) => (i === 12 ? BUFFER : v)), flags: 0, bufferSeed: 1 } };
    for (const config of CORE_CONFIGS) {
      const r = runOnArmCore(instructionSetFor('v4T'), program, config);
      expect(r.ok, configName(config)).toBe(true);
      expect(new DataView(r.state.buffer.buffer).getUint32(0, true)).toBe(1);
    }
  });

  it('notices a deliberately wrong instruction and explains it: seed, disassembly, differing registers', () => {
    const [fixture] = loadFixtures().filter((f) => f.data.isa === 'arm' && f.data.variant === undefined);
    expect(fixture).toBeDefined();
    const real = instructionSetFor('v4T');
    // A broken core: every ADD (any form) also sets bit 31 of its result register.
    const broken = {
      ...real,
      decodeArm(instr: number): InstructionHandler {
        const h = real.decodeArm(instr);
        if (classifyArm(instr).startsWith('dp') && ((instr >>> 21) & 15) === 4) {
          return (cpu: Cpu, i: number) => {
            h(cpu, i);
            cpu.r[(i >>> 12) & 15] |= 0x80000000;
          };
        }
        return h;
      },
    };
    let caught = 0;
    let report = '';
    for (const p of fixture.data.programs.slice(0, 60)) {
      const { program, expected } = fromFixtureProgram('arm', p);
      expect(diffStates(expected, runOnArmCore(real, program).state)).toEqual([]);
      const diffs = diffStates(expected, runOnArmCore(broken, program).state);
      if (diffs.length) {
        caught++;
        report ||= formatMismatch({ title: 'broken ADD', seed: p.seed, program, diffs, disasm: () => 'x' });
      }
    }
    expect(caught).toBeGreaterThan(5);
    expect(report).toMatch(/seed \d+ \(arm, 20 instructions\)/);
    expect(report).toMatch(/^ {2}r\d+ +qemu [0-9a-f]{8} {2}arm-core [0-9a-f]{8}/m);
    expect(report).toContain(`${BLOCK.toString(16).padStart(8, '0')}:`);
  });

  it('flags a mismatch through checkAgainst with a full report', () => {
    const { program } = generateProgram('arm', 'v4T', 3, 10, new SkipStats());
    const good = runOnArmCore(instructionSetFor('v4T'), program);
    const expected = { ...good.state, regs: good.state.regs.map((v, i) => (i === 5 ? v ^ 1 : v)) };
    const v = checkAgainst('v4T', program, expected, 3, 'planted');
    expect(v.ok).toBe(false);
    expect(v.report).toMatch(/planted \[arm-core functional\/flat\]: seed 3/);
    expect(v.report).toMatch(/r5 +qemu/);
  });
});

/** Index of the instruction a B/Bcc/BL at index k branches to (undefined for a BL suffix, checked with its prefix). */
function branchTargetIndex(isa: 'arm' | 'thumb', code: readonly number[], k: number): number | undefined {
  const w = code[k];
  if (isa === 'arm') return k + 2 + ((w << 8) >> 8);
  if (w >>> 12 === 0xd) return k + 2 + ((w << 24) >> 24);
  if (w >>> 11 === 0x1c) return k + 2 + ((w << 21) >> 21);
  if (w >>> 11 === 0x1e) return k + 2 + ((((w & 0x7ff) << 21) >> 10) | (code[k + 1] & 0x7ff));
  return undefined;
}

describe('generation is deterministic', () => {
  it('a seed gives the same program alone, after other seeds, and in another instruction set order', () => {
    const once = generateProgram('arm', 'v4T', 77, 20, new SkipStats()).program;
    for (let s = 1; s < 40; s++) generateProgram(s % 2 ? 'arm' : 'thumb', 'v4T', s, 20, new SkipStats());
    expect(generateProgram('arm', 'v4T', 77, 20, new SkipStats()).program).toEqual(once);
  });
});

describe('generated programs keep to the rules', () => {
  const lastSeed = 300;
  for (const isa of ['arm', 'thumb'] as const) {
    it(`${isa}: no excluded class, branches only forward inside the block, every access inside the buffer (seeds 1–${lastSeed})`, () => {
      const problems: string[] = [];
      for (let seed = 1; seed <= lastSeed; seed++) {
        const { program } = generateProgram(isa, 'v4T', seed, 20, new SkipStats());
        program.code.forEach((w, k) => {
          const t = isa === 'arm' ? armTraits(w, 'v4T') : thumbTraits(w, 'v4T');
          const cls = isa === 'arm' ? classifyArm(w) : classifyThumb(w);
          if (t.class === 'branch') {
            const target = branchTargetIndex(isa, program.code, k);
            if (target !== undefined && (target <= k || target > program.code.length)) problems.push(`seed ${seed}: branch ${w.toString(16)} at ${k} goes to ${target}`);
            return;
          }
          if (t.writesPc || t.unpredictable || t.class === 'exception' || t.class === 'coprocessor') {
            problems.push(`seed ${seed}: ${w.toString(16)} (${cls}) has traits ${JSON.stringify(t)}`);
          }
        });
        // Run it with a RAM that holds only the image: any stray access would abort.
        const r = runOnArmCore(instructionSetFor('v4T'), program);
        if (!r.ok) problems.push(`seed ${seed}: ${r.error}`);
      }
      expect(problems.slice(0, 10)).toEqual([]);
      expect(BUFFER + BUFFER_SIZE).toBeGreaterThan(BUFFER);
    });
  }
});
