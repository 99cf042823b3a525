/**
 * Program generation and comparison shared by the vitest suites and the recording script: the same seed
 * always gives the same program.
 */
import type { ArchVersion } from '../../src/cpu/arch.js';
import { disassembleArm } from '../../src/disasm/arm.js';
import { disassembleThumb } from '../../src/disasm/thumb.js';
import { ARM_ENCODINGS } from '../../src/isa/arm-encodings.js';
import { createInstructionSet, type ArmInstructionSet, type InstructionSetOptions } from '../../src/isa/instruction-set.js';
import { Prng } from '../../src/isa/prng.js';
import { createInstructionGenerator, type InstructionGenerator } from '../../src/isa/random.js';
import type { Encoding } from '../../src/isa/pattern.js';
import { THUMB_ENCODINGS } from '../../src/isa/thumb-encodings.js';
import { generateArmProgram, type Profile } from './arm-generator.js';
import { diffStates, formatMismatch, type BlockDisassembler, type Difference } from './compare.js';
import { CORE_CONFIGS, configName, runOnArmCore, type CoreConfig, type CoreResult } from './core-runner.js';
import type { SkipStats } from './skip-list.js';
import type { FinalState, Isa, TestProgram } from './test-image.js';
import { generateThumbProgram } from './thumb-generator.js';

/** Instruction classes the table generator never needs to offer (the classifier would drop them anyway). */
const NEVER = { exception: 0, coprocessor: 0, undefined: 0 } as const;
const NO_MEMORY = { load: 0, store: 0, 'load-multiple': 0, 'store-multiple': 0, atomic: 0 } as const;

/** The table generator's class weights for a profile: `alu` also leaves out every memory access. */
export function classWeights(profile: Profile): Record<string, number> {
  return profile === 'alu' ? { ...NEVER, ...NO_MEMORY } : NEVER;
}

/** FNV-1a of `key`: a stream seed independent of its neighbours. */
export function hashSeed(key: string): number {
  let h = 0x811c9dc5;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

export function profileForSeed(seed: number): Profile {
  return seed % 3 === 0 ? 'alu' : 'mem';
}

/** A stream seed independent of the seed's neighbours and of the instruction set. */
function streamSeed(isa: Isa, arch: string, seed: number): number {
  return hashSeed(`${isa}/${arch}/${seed}`);
}

interface CachedGenerator {
  readonly gen: InstructionGenerator<Encoding<unknown, unknown>>;
  readonly rng: Prng;
  readonly encodings: number;
}
const generators = new Map<string, CachedGenerator>();

/**
 * The table's word generator for (isa, arch, profile), built once (building one costs milliseconds) and
 * re-seeded per program. A generator that dropped an encoding is rebuilt, so every program starts from the
 * same generator state and a seed gives the same program alone or in a batch.
 */
function wordGenerator(isa: Isa, arch: ArchVersion, profile: Profile): CachedGenerator {
  const key = `${isa}/${arch}/${profile}`;
  const cached = generators.get(key);
  if (cached && cached.gen.encodings.length === cached.encodings) return cached;
  const rng = new Prng(0);
  const table: readonly Encoding<unknown, unknown>[] = isa === 'arm' ? ARM_ENCODINGS : THUMB_ENCODINGS;
  // verifyDecode is off: the independent classifiers in arm-generator/thumb-generator judge every word.
  const gen = createInstructionGenerator(table, { arch, rng, weights: classWeights(profile), verifyDecode: false });
  // Warm up with a fixed seed: encodings that can never satisfy the options (e.g. LDM with S in user
  // mode) are dropped now, so the state every program starts from is the same.
  rng.seed(0x3a11);
  for (let k = 0; k < 4000; k++) gen.next();
  const fresh = { gen, rng, encodings: gen.encodings.length };
  generators.set(key, fresh);
  return fresh;
}

/**
 * Test variants: `plain` compares the core as configured for the architecture; `stored-pc-8` configures
 * arm-core to store PC + 8 (as QEMU does; ARM920T stores + 12) and lets the generator keep STR/STM of PC.
 */
export const VARIANTS = {
  plain: { storePc: false, isaOptions: {} as InstructionSetOptions },
  'stored-pc-8': { storePc: true, isaOptions: { storedPcOffset: 8 } as InstructionSetOptions },
} as const;
export type Variant = keyof typeof VARIANTS;

/** The program of `seed`: table-driven random words, constrained by arm-generator / thumb-generator. */
export function generateProgram(
  isa: Isa,
  arch: ArchVersion,
  seed: number,
  length: number,
  stats: SkipStats,
  variant: Variant = 'plain',
): { program: TestProgram; profile: Profile } {
  const profile = profileForSeed(seed);
  const { gen, rng } = wordGenerator(isa, arch, profile);
  rng.seed(streamSeed(isa, variant === 'plain' ? arch : `${arch}/${variant}`, seed));
  const next = (): number => gen.next().instr;
  const g =
    isa === 'arm'
      ? generateArmProgram(rng, profile, length, next, stats, VARIANTS[variant].storePc)
      : generateThumbProgram(rng, profile, length, next, stats);
  return { program: { isa, code: g.code, initial: g.initial }, profile };
}

const instructionSets = new Map<string, ArmInstructionSet>();

export function instructionSetFor(arch: ArchVersion, variant: Variant = 'plain'): ArmInstructionSet {
  const key = `${arch}/${variant}`;
  let s = instructionSets.get(key);
  if (!s) {
    s = createInstructionSet(arch, VARIANTS[variant].isaOptions);
    instructionSets.set(key, s);
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

/** How one core is run and compared, for `checkConfigs`. */
export interface CoreUnderTest {
  /** Runs the program in one configuration. */
  readonly run: (program: TestProgram, config: CoreConfig) => CoreResult;
  readonly diff: (expected: FinalState, actual: FinalState) => Difference[];
  /** Names the configuration in a report's title. */
  readonly label: (config: CoreConfig) => string;
  readonly disasm: BlockDisassembler;
}

/**
 * Runs `program` in every configuration; each must give the oracle's final state. The first that does not
 * is reported (with a full report); when all agree, the first configuration's verdict is returned.
 */
export function checkConfigs(
  core: CoreUnderTest,
  program: TestProgram,
  expected: FinalState,
  seed: number | string,
  title: string,
  configs: readonly CoreConfig[],
): Verdict {
  let first: Verdict | undefined;
  for (const config of configs) {
    const result = core.run(program, config);
    const diffs = core.diff(expected, result.state);
    const ok = result.ok && diffs.length === 0;
    first ??= { ok, diffs, core: result };
    if (ok) continue;
    return {
      ok,
      diffs,
      core: result,
      report: formatMismatch({ title: `${title} [${core.label(config)}]`, seed, program, diffs, error: result.ok ? undefined : result.error, disasm: core.disasm }),
    };
  }
  return first!;
}

/** Runs `program` in arm-core and compares with the oracle's final state. */
export function checkAgainst(
  arch: ArchVersion,
  program: TestProgram,
  expected: FinalState,
  seed: number | string,
  title: string,
  variant: Variant = 'plain',
  configs: readonly CoreConfig[] = CORE_CONFIGS,
): Verdict {
  const core: CoreUnderTest = {
    run: (p, config) => runOnArmCore(instructionSetFor(arch, variant), p, config),
    diff: diffStates,
    label: (config) => `arm-core ${configName(config)}`,
    disasm: disassemblerFor(arch),
  };
  return checkConfigs(core, program, expected, seed, title, configs);
}
