/**
 * ARM1176 (ARMv6KZ) differential campaign: program generation per seed and comparison with an oracle
 * state, shared by the vitest suite and arm1176-record.ts. The same seed always gives the same program.
 */
import type { ArchVersion } from '../../src/cpu/arch.js';
import { disassembleArm } from '../../src/disasm/arm.js';
import { disassembleThumb } from '../../src/disasm/thumb.js';
import { ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS } from '../../src/isa/arm-encodings.js';
import { createInstructionSet, type ArmInstructionSet } from '../../src/isa/instruction-set.js';
import type { Encoding } from '../../src/isa/pattern.js';
import { Prng } from '../../src/isa/prng.js';
import { createInstructionGenerator, type InstructionGenerator } from '../../src/isa/random.js';
import { THUMB_ENCODINGS } from '../../src/isa/thumb-encodings.js';
import { generateArm1176Program, generateThumb1176Program } from './arm1176-generator.js';
import { ARM1176_CONFIGS, diffStates1176, runOnArm1176, type Arm1176Config } from './arm1176-runner.js';
import { checkConfigs, classWeights, hashSeed, profileForSeed, type CoreUnderTest, type Verdict } from './campaign.js';
import type { BlockDisassembler } from './compare.js';
import { configName } from './core-runner.js';
import type { SkipStats } from './skip-list.js';
import type { FinalState, Isa, TestProgram } from './test-image.js';

export const ARM1176_ARCH: ArchVersion = 'v6Z';
export const ARM1176_QEMU_CPU = 'arm1176';

type AnyEncoding = Encoding<unknown, unknown>;

/** Unconditional words worth drawing: the rest leave the block or trap. */
const UNCONDITIONAL = ['CLREX', 'SETEND', 'CPS', 'PLD_imm', 'PLD_reg'];
const SINGLE_TRANSFERS = ['LDR_imm', 'STR_imm', 'LDRH_imm', 'STRH_imm', 'LDRSH_imm'];

interface Streams {
  readonly rng: Prng;
  readonly sources: { readonly gen: InstructionGenerator<AnyEncoding>; readonly weight: number; readonly size: number }[];
}

const cache = new Map<string, Streams>();

function generator(table: readonly AnyEncoding[], rng: Prng, profile: 'alu' | 'mem', only?: string[]): InstructionGenerator<AnyEncoding> {
  return createInstructionGenerator(table, { arch: ARM1176_ARCH, rng, weights: classWeights(profile), verifyDecode: false, ...(only ? { onlyEncodings: only } : {}) });
}

/**
 * Word sources per (isa, profile): the ARMv5/ARMv6 encodings (most draws), the whole table (ARMv4T mixed
 * in) and, for ARM, the useful unconditional ones. Built once, warmed up with a fixed seed, and rebuilt if a
 * source dropped an encoding, so a seed gives the same program alone or in a batch.
 */
function streams(isa: Isa, profile: 'alu' | 'mem'): Streams {
  const key = `${isa}/${profile}`;
  const cached = cache.get(key);
  if (cached && cached.sources.every((s) => s.gen.encodings.length === s.size)) return cached;
  const rng = new Prng(0);
  const table: readonly AnyEncoding[] = isa === 'arm' ? ARM_ENCODINGS : THUMB_ENCODINGS;
  const newer = table.filter((e) => e.since !== 'v4T').map((e) => e.name);
  const sources = [
    { gen: generator(table, rng, profile, newer), weight: 0.6 },
    { gen: generator(table, rng, profile), weight: isa === 'arm' ? 0.32 : 0.4 },
  ];
  if (isa === 'arm') sources.push({ gen: generator(ARM_UNCONDITIONAL_ENCODINGS, rng, profile, profile === 'alu' ? ['CLREX', 'SETEND', 'CPS'] : UNCONDITIONAL), weight: 0.08 });
  // Word and halfword transfers, some of which the generator makes unaligned (c1.U = 1).
  if (isa === 'arm' && profile === 'mem') {
    sources[1].weight -= 0.1;
    sources.push({ gen: generator(ARM_ENCODINGS, rng, profile, SINGLE_TRANSFERS), weight: 0.1 });
  }
  rng.seed(0x1176);
  for (const s of sources) for (let k = 0; k < 3000; k++) s.gen.next();
  const fresh: Streams = { rng, sources: sources.map((s) => ({ ...s, size: s.gen.encodings.length })) };
  cache.set(key, fresh);
  return fresh;
}

function streamSeed(isa: Isa, seed: number): number {
  return hashSeed(`arm1176/${isa}/${seed}`);
}

export function generateArm1176(isa: Isa, seed: number, length: number, stats: SkipStats): { program: TestProgram; profile: string } {
  const profile = profileForSeed(seed);
  const { rng, sources } = streams(isa, profile);
  rng.seed(streamSeed(isa, seed));
  const next = (): number => {
    let pick = rng.float();
    for (const s of sources) {
      pick -= s.weight;
      if (pick < 0) return s.gen.next().instr;
    }
    return sources[0].gen.next().instr;
  };
  const g = isa === 'arm' ? generateArm1176Program(rng, profile, length, next, stats) : generateThumb1176Program(rng, profile, length, next, stats);
  return { program: { isa, code: g.code, initial: g.initial }, profile };
}

let instructionSet: ArmInstructionSet | undefined;
export function arm1176InstructionSet(): ArmInstructionSet {
  return (instructionSet ??= createInstructionSet(ARM1176_ARCH));
}

export const arm1176Disassembler: BlockDisassembler = (isa, instr, address, next) =>
  isa === 'arm' ? disassembleArm(instr, address, ARM1176_ARCH) : disassembleThumb(instr, address, { arch: ARM1176_ARCH, next });

export type Arm1176Verdict = Verdict;

const ARM1176_CORE: CoreUnderTest = {
  run: (program, config) => runOnArm1176(arm1176InstructionSet(), program, config),
  diff: diffStates1176,
  label: (config) => `arm-core ARM1176 ${configName(config)}`,
  disasm: arm1176Disassembler,
};

/** Runs `program` on every ARM1176 configuration; the first that disagrees with `expected` is reported. */
export function checkArm1176(program: TestProgram, expected: FinalState, seed: number | string, title: string, configs: readonly Arm1176Config[] = ARM1176_CONFIGS): Arm1176Verdict {
  return checkConfigs(ARM1176_CORE, program, expected, seed, title, configs);
}
