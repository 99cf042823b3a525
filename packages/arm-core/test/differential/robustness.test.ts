/**
 * Random bytes as code: whatever words a guest executes, `cpu.step()` never throws; execution ends in an
 * architectural exception (undefined instruction, prefetch/data abort, SWI). Deterministic seeds.
 */
import { describe, expect, it } from 'vitest';
import type { ArchVersion } from '../../src/cpu/arch.js';
import type { ExceptionKind } from '../../src/cpu/fault.js';
import { Mode, bankOf } from '../../src/cpu/modes.js';
import { ARM_ENCODINGS } from '../../src/isa/arm-encodings.js';
import { createInstructionSet } from '../../src/isa/instruction-set.js';
import type { Encoding } from '../../src/isa/pattern.js';
import { createInstructionGenerator } from '../../src/isa/random.js';
import { THUMB_ENCODINGS } from '../../src/isa/thumb-encodings.js';
import { Prng } from '../../src/isa/prng.js';
import { createMmuUserCpu, createUserCpu } from './core-runner.js';

const RAM_BASE = 0x8000;
const RAM_SIZE = 0x4000;
const CODE = 0x9000;
const EXCEPTION_MODE: Record<ExceptionKind, number> = {
  reset: Mode.SVC, undefined: Mode.UND, swi: Mode.SVC, smc: Mode.MON, 'prefetch-abort': Mode.ABT, 'data-abort': Mode.ABT, irq: Mode.IRQ, fiq: Mode.FIQ,
};

type Outcome = ExceptionKind | 'budget' | 'wfi';

interface RunSummary {
  readonly outcomes: Map<Outcome, number>;
  readonly problems: string[];
  readonly steps: number;
}

/**
 * Fills a block with random words (ARM) or halfwords (Thumb) and runs from its start, in user mode (or
 * SVC, to reach the privileged paths), until the first exception or a step budget. Registers are random,
 * half of them pointing into RAM so that loads and stores also succeed.
 */
function runRandomCode(arch: ArchVersion, thumb: boolean, seeds: number, blockLength: number, privileged: boolean, memory: 'flat' | 'mmu' = 'flat'): RunSummary {
  const isa = createInstructionSet(arch);
  const outcomes = new Map<Outcome, number>();
  const problems: string[] = [];
  let totalSteps = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const rng = new Prng(seed * 7919 + (thumb ? 1 : 0) + (privileged ? 2 : 0));
    const ram = new Uint8Array(RAM_SIZE);
    const view = new DataView(ram.buffer);
    for (let i = 0; i < RAM_SIZE; i += 4) view.setUint32(i, rng.uint32(), true);
    const { cpu, exceptions } = memory === 'flat' ? createUserCpu(isa, RAM_BASE, ram) : createMmuUserCpu(isa, RAM_BASE, ram, 'cycle');
    if (privileged) cpu.cpsr = Mode.SVC;
    for (let r = 0; r < 15; r++) cpu.setReg(r, rng.bool() ? RAM_BASE + rng.below(RAM_SIZE) : rng.uint32());
    cpu.cpsr = ((rng.bits(4) << 28) | cpu.cpsr) >>> 0;
    cpu.thumb = thumb;
    cpu.pc = CODE;
    // The block is the random RAM at CODE; past its end lies more random RAM, then unmapped space.
    const budget = blockLength * 8;
    let outcome: Outcome = 'budget';
    let steps = 0;
    const label = `${arch} ${thumb ? 'Thumb' : 'ARM'} ${privileged ? 'svc' : 'usr'} ${memory} seed ${seed}`;
    try {
      for (; steps < budget; steps++) {
        const pc = cpu.pc;
        const word = thumb ? view.getUint16((pc - RAM_BASE) & (RAM_SIZE - 2), true) : view.getUint32((pc - RAM_BASE) & (RAM_SIZE - 4), true);
        cpu.step();
        if (exceptions.length > 0) {
          const e = exceptions[0];
          outcome = e.kind;
          if (cpu.mode !== EXCEPTION_MODE[e.kind]) problems.push(`${label}: ${e.kind} at 0x${pc.toString(16)} (word ${word.toString(16)}) left mode 0x${cpu.mode.toString(16)}`);
          if (cpu.thumb) problems.push(`${label}: ${e.kind} entered in Thumb state`);
          break;
        }
        if (cpu.waitingForInterrupt) {
          outcome = 'wfi';
          break;
        }
        if (bankOf(cpu.mode) < 0) problems.push(`${label}: invalid mode 0x${cpu.mode.toString(16)} after word ${word.toString(16)} at 0x${pc.toString(16)}`);
      }
    } catch (err) {
      problems.push(`${label}: cpu.step() threw at pc 0x${cpu.currentPc.toString(16)} after ${steps} steps: ${(err as Error).stack ?? String(err)}`);
      continue;
    }
    totalSteps += steps;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  return { outcomes, problems, steps: totalSteps };
}

function describeOutcomes(s: RunSummary): string {
  return [...s.outcomes].map(([k, n]) => `${k} ${n}`).join(', ');
}

describe('random bytes as code never crash the interpreter', () => {
  for (const arch of ['v4T', 'v5TE', 'v6'] as ArchVersion[]) {
    for (const thumb of [false, true]) {
      for (const privileged of [false, true]) {
        const seeds = arch === 'v4T' ? 400 : 150;
        it(`${arch} ${thumb ? 'Thumb' : 'ARM'} in ${privileged ? 'SVC' : 'user'} mode: ${seeds} seeds end in exceptions`, () => {
          const s = runRandomCode(arch, thumb, seeds, 64, privileged);
          if (process.env.L4LAB_ROBUST_VERBOSE) console.log(arch, thumb, privileged, describeOutcomes(s), s.steps);
          expect(s.problems.slice(0, 5)).toEqual([]);
          const exceptions = seeds - (s.outcomes.get('budget') ?? 0) - (s.outcomes.get('wfi') ?? 0);
          // Random code almost always traps quickly; a few seeds loop (e.g. a branch to itself).
          expect(exceptions, describeOutcomes(s)).toBeGreaterThan(seeds * 0.9);
          expect(s.outcomes.get('undefined') ?? 0, describeOutcomes(s)).toBeGreaterThan(0);
          expect((s.outcomes.get('data-abort') ?? 0) + (s.outcomes.get('prefetch-abort') ?? 0), describeOutcomes(s)).toBeGreaterThan(0);
        });
      }
    }
  }

  for (const [thumb, privileged] of [[false, false], [true, false], [false, true]]) {
    const where = `${thumb ? 'Thumb' : 'ARM'} in ${privileged ? 'SVC (CP15 reachable)' : 'user'} mode`;
    it(`v4T ${where} behind the MMU and caches (cycle timing): 200 seeds end in exceptions`, () => {
      const s = runRandomCode('v4T', thumb, 200, 64, privileged, 'mmu');
      expect(s.problems.slice(0, 5)).toEqual([]);
      expect(200 - (s.outcomes.get('budget') ?? 0), describeOutcomes(s)).toBeGreaterThan(180);
      expect(s.outcomes.get('data-abort') ?? 0, describeOutcomes(s)).toBeGreaterThan(0);
    });
  }

  for (const [thumb, privileged] of [[false, false], [false, true], [true, false], [true, true]]) {
    it(`v4T table-generated ${thumb ? 'Thumb' : 'ARM'} code with UNPREDICTABLE forms in ${privileged ? 'SVC' : 'user'} mode never throws`, () => {
      const isa = createInstructionSet('v4T');
      const problems: string[] = [];
      let steps = 0;
      const rng = new Prng(0);
      const table = (thumb ? THUMB_ENCODINGS : ARM_ENCODINGS) as readonly Encoding<unknown, unknown>[];
      const gen = createInstructionGenerator(table, { arch: 'v4T', rng, allowUnpredictable: true });
      for (let seed = 1; seed <= 150; seed++) {
        rng.seed(seed * 104729 + (thumb ? 1 : 0) + (privileged ? 2 : 0));
        const ram = new Uint8Array(RAM_SIZE);
        const view = new DataView(ram.buffer);
        for (let k = 0; k < 64; k++) {
          const w = gen.next().instr;
          if (thumb) view.setUint16(CODE - RAM_BASE + 2 * k, w, true);
          else view.setUint32(CODE - RAM_BASE + 4 * k, w, true);
        }
        const { cpu, exceptions } = createMmuUserCpu(isa, RAM_BASE, ram, 'cycle');
        if (privileged) cpu.cpsr = Mode.SVC;
        for (let r = 0; r < 15; r++) cpu.setReg(r, rng.below(4) ? RAM_BASE + rng.below(RAM_SIZE) : rng.uint32());
        cpu.thumb = thumb;
        cpu.pc = CODE;
        try {
          for (let k = 0; k < 256 && exceptions.length === 0 && !cpu.waitingForInterrupt; k++, steps++) cpu.step();
        } catch (err) {
          problems.push(`seed ${seed}: cpu.step() threw at 0x${cpu.currentPc.toString(16)}: ${(err as Error).message}`);
        }
        if (bankOf(cpu.mode) < 0) problems.push(`seed ${seed}: invalid mode 0x${cpu.mode.toString(16)}`);
      }
      expect(problems.slice(0, 5)).toEqual([]);
      expect(steps).toBeGreaterThan(150 * 3);
    });
  }

  it('every single ARM word on ARMv4T executes or traps without a host exception', () => {
    const isa = createInstructionSet('v4T');
    const rng = new Prng(0xa11);
    const ram = new Uint8Array(RAM_SIZE);
    const { cpu } = createUserCpu(isa, RAM_BASE, ram);
    const view = new DataView(ram.buffer);
    const problems: string[] = [];
    for (let k = 0; k < 20000; k++) {
      const word = rng.uint32();
      view.setUint32(CODE - RAM_BASE, word, true);
      cpu.cpsr = ((rng.bits(4) << 28) | (k & 1 ? Mode.USR : Mode.SVC)) >>> 0;
      for (let r = 0; r < 15; r++) cpu.setReg(r, rng.bool() ? RAM_BASE + rng.below(RAM_SIZE) : rng.uint32());
      cpu.thumb = false;
      cpu.pc = CODE;
      try {
        cpu.step();
      } catch (err) {
        problems.push(`word ${word.toString(16)}: ${(err as Error).message}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('every Thumb halfword on ARMv4T executes or traps without a host exception', () => {
    const isa = createInstructionSet('v4T');
    const rng = new Prng(0x7b);
    const ram = new Uint8Array(RAM_SIZE);
    const { cpu } = createUserCpu(isa, RAM_BASE, ram);
    const view = new DataView(ram.buffer);
    const problems: string[] = [];
    for (let half = 0; half < 0x10000; half++) {
      view.setUint16(CODE - RAM_BASE, half, true);
      view.setUint16(CODE - RAM_BASE + 2, rng.bits(16), true);
      cpu.cpsr = ((rng.bits(4) << 28) | Mode.USR) >>> 0;
      for (let r = 0; r < 15; r++) cpu.setReg(r, rng.bool() ? RAM_BASE + rng.below(RAM_SIZE) : rng.uint32());
      cpu.thumb = true;
      cpu.pc = CODE;
      try {
        cpu.step();
      } catch (err) {
        problems.push(`halfword ${half.toString(16)}: ${(err as Error).message}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
