/**
 * Program generation and comparison shared by the vitest suites and the recording script: the same seed
 * always gives the same program.
 */
import type { ArchVersion } from '../../src/cpu/arch.js';
import { disassembleArm } from '../../src/disasm/arm.js';
import { disassembleThumb } from '../../src/disasm/thumb.js';
import { ARM_ENCODINGS } from '../../src/isa/arm-encodings.js';
import { createInstructionSet, type ArmInstructionSet } from '../../src/isa/instruction-set.js';
import { Prng } from '../../src/isa/prng.js';
import { createInstructionGenerator } from '../../src/isa/random.js';
import { THUMB_ENCODINGS } from '../../src/isa/thumb-encodings.js';
import { generateArmProgram, type Profile } from './arm-generator.js';
import { diffStates, formatMismatch, type BlockDisassembler, type Difference } from './compare.js';
import { runOnArmCore, type CoreResult } from './core-runner.js';
import type { SkipStats } from './skip-list.js';
import type { FinalState, Isa, TestProgram } from './test-image.js';
import { generateThumbProgram } from './thumb-generator.js';

/** Instruction classes the table generator never needs to offer (the classifier would drop them anyway). */
const NEVER = { branch: 0, exception: 0, coprocessor: 0, undefined: 0 } as const;

export function profileForSeed(seed: number): Profile {
  return seed % 3 === 0 ? 'alu' : 'mem';
}

/** A stream seed independent of the seed's neighbours and of the instruction set. */
function streamSeed(isa: Isa, arch: ArchVersion, seed: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${isa}/${arch}/${seed}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

/** The program of `seed`: table-driven random words, constrained by arm-generator / thumb-generator. */
export function generateProgram(isa: Isa, arch: ArchVersion, seed: number, length: number, stats: SkipStats): { program: TestProgram; profile: Profile } {
  const rng = new Prng(streamSeed(isa, arch, seed));
  const profile = profileForSeed(seed);
  const table = isa === 'arm' ? ARM_ENCODINGS : THUMB_ENCODINGS;
  const gen = createInstructionGenerator(table, { arch, rng, excludeMemory: profile === 'alu', weights: NEVER });
  const next = (): number => gen.next().instr;
  const g = isa === 'arm' ? generateArmProgram(rng, profile, length, next, stats) : generateThumbProgram(rng, profile, length, next, stats);
  return { program: { isa, code: g.code, initial: g.initial }, profile };
}

const instructionSets = new Map<ArchVersion, ArmInstructionSet>();

export function instructionSetFor(arch: ArchVersion): ArmInstructionSet {
  let s = instructionSets.get(arch);
  if (!s) {
    s = createInstructionSet(arch);
    instructionSets.set(arch, s);
  }
  return s;
}

export function disassemblerFor(arch: ArchVersion): BlockDisassembler {
  return (isa, instr, address, next) => (isa === 'arm' ? disassembleArm(instr, address, arch) : disassembleThumb(instr, address, { arch, next }));
}

export interface Verdict {
  readonly ok: boolean;
  readonly diffs: Difference[];
  readonly core: CoreResult;
  /** Full report when not ok. */
  readonly report?: string;
}

/** Runs `program` in arm-core and compares with the oracle's final state. */
export function checkAgainst(arch: ArchVersion, program: TestProgram, expected: FinalState, seed: number | string, title: string): Verdict {
  const core = runOnArmCore(instructionSetFor(arch), program);
  const diffs = diffStates(expected, core.state);
  const ok = core.ok && diffs.length === 0;
  if (ok) return { ok, diffs, core };
  return {
    ok,
    diffs,
    core,
    report: formatMismatch({ title, seed, program, diffs, error: core.ok ? undefined : core.error, disasm: disassemblerFor(arch) }),
  };
}
