/**
 * The recorded oracle results: JSON files under fixtures/ (ARMv4T, record.ts), one per (architecture,
 * instruction set, variant), and under fixtures-arm1176/ (arm1176-record.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyBufferChanges, bufferChanges, hex } from './compare.js';
import type { FinalState, Isa, TestProgram } from './test-image.js';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const ARM1176_FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures-arm1176');
export const FIXTURE_FORMAT = 1;

export interface FixtureProgram {
  readonly seed: number;
  readonly profile: string;
  /** Instruction words (ARM) or halfwords (Thumb), hex. */
  readonly code: string[];
  readonly regs: string[];
  readonly flags: number;
  readonly bufferSeed: number;
  readonly expect: { readonly regs: string[]; readonly cpsr: string; readonly buffer: [number, string][] };
}

export interface FixtureFile {
  readonly format: number;
  readonly arch: string;
  readonly isa: Isa;
  /** The oracle: QEMU version line and CPU model. */
  readonly oracle: string;
  readonly qemuCpu: string;
  /** A campaign.ts variant other than `plain` (e.g. `stored-pc-8`). */
  readonly variant?: string;
  readonly description: string;
  readonly programs: FixtureProgram[];
}

const num = (s: string): number => parseInt(s, 16) >>> 0;

export function toFixtureProgram(seed: number, profile: string, program: TestProgram, final: FinalState): FixtureProgram {
  const width = program.isa === 'arm' ? 8 : 4;
  return {
    seed,
    profile,
    code: program.code.map((w) => hex(w, width)),
    regs: program.initial.regs.map((v) => hex(v)),
    flags: program.initial.flags,
    bufferSeed: program.initial.bufferSeed,
    expect: {
      regs: final.regs.map((v) => hex(v)),
      cpsr: hex(final.cpsr),
      buffer: bufferChanges(program.initial.bufferSeed, final.buffer).map(([off, v]) => [off, hex(v)]),
    },
  };
}

export function fromFixtureProgram(isa: Isa, p: FixtureProgram): { program: TestProgram; expected: FinalState } {
  return {
    program: { isa, code: p.code.map(num), initial: { regs: p.regs.map(num), flags: p.flags, bufferSeed: p.bufferSeed } },
    expected: {
      regs: p.expect.regs.map(num),
      cpsr: num(p.expect.cpsr),
      buffer: applyBufferChanges(p.bufferSeed, p.expect.buffer.map(([off, v]) => [off, num(v)] as const)),
    },
  };
}

/** The fixture files of `dir` in name order (none if the folder is missing). */
export function loadFixtures(dir: string = FIXTURE_DIR): { file: string; data: FixtureFile }[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as FixtureFile;
    if (data.format !== FIXTURE_FORMAT) throw new Error(`${name}: fixture format ${data.format}, expected ${FIXTURE_FORMAT}`);
    return { file: name, data };
  });
}

/** JSON with one program per line, so fixture diffs stay readable. */
export function formatFixtureFile(f: FixtureFile): string {
  const { programs, ...head } = f;
  const lines = programs.map((p) => `    ${JSON.stringify(p)}`);
  const headJson = JSON.stringify(head, null, 2);
  return `${headJson.slice(0, -2)},\n  "programs": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
