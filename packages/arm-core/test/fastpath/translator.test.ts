// Each encoding the block translator takes, one instruction at a time against the interpreter: random words
// of that encoding (every condition, flags and registers random, addresses mostly in RAM, some unaligned or
// unmapped) run as a one-instruction block and through Cpu.step(); registers, flags, PC, counters, RAM
// writes (address, size, value) and taken exceptions must agree. Also: which encodings translate, and the shape of a block.
import { describe, expect, it } from 'vitest';
import { FastLoop } from '../../src/cpu/fast-loop.js';
import { Mode } from '../../src/cpu/modes.js';
import { ARM_ENCODINGS } from '../../src/isa/arm-encodings.js';
import { createInstructionSet } from '../../src/isa/instruction-set.js';
import { Prng } from '../../src/isa/prng.js';
import { createInstructionGenerator } from '../../src/isa/random.js';
import { createMachine, type CoreName, type Machine } from '../../src/machine/create-machine.js';
import { translateArmBlock } from '../../src/jit/arm-translator.js';
import { machineState, ramWithVectors } from './harness.js';

const RAM = 1 << 20;
const CODE = 0x1000;
const DATA = 0x40000;
/** MRS r0, CPSR: not translated, so the block under test is exactly one instruction. */
const STOP = 0xe10f0000;

/** Random words per encoding (each a separate translation and compilation). */
const SAMPLES = 30;

const OPTIONS = { storedPcOffset: 12, interworkingLoads: false, maxLength: 32 };

function translatedNames(arch: 'v4T' | 'v6Z'): string[] {
  const isa = createInstructionSet(arch);
  const names: string[] = [];
  for (const e of isa.armTable.entries) {
    // A representative word: the pattern's fixed bits, cond AL, register fields 1–4 (never r15).
    let word = (e.compiled.value | 0xe0000000) >>> 0;
    if ((e.compiled.mask & 0xf0000000) === 0xf0000000) continue;
    for (const [letter, field] of e.compiled.fields) {
      if ('dnmshlar'.includes(letter)) for (const [shift, width] of field.runs) word = (word | ((1 % (1 << width)) << shift)) >>> 0;
    }
    if (translateArmBlock(isa.armTable, CODE, (i) => (i === 0 ? word : STOP), 2, OPTIONS)) names.push(e.name);
  }
  return names.sort();
}

interface Side {
  readonly machine: Machine;
  readonly writes: string[];
}

function side(core: CoreName): Side {
  const machine = createMachine({ cpu: core, timing: 'functional', blocks: false });
  return { machine, writes: ramWithVectors(machine, RAM).writes };
}

/** Sample i: its word at CODE + 8i (a fresh block address), then STOP; random data, flags and registers. */
function prepare(s: Side, i: number, word: number, rng: Prng): void {
  const ram = s.machine.bus.ram[0];
  const at = CODE + 8 * i;
  ram.words[at >>> 2] = word;
  ram.words[(at >>> 2) + 1] = STOP;
  for (let j = 0; j < 0x1000; j++) ram.words[(DATA >>> 2) + j] = rng.uint32();
  const cpu = s.machine.cpu;
  cpu.writeCpsr(Mode.SVC | (rng.bits(4) << 28));
  for (let n = 0; n < 15; n++) {
    const k = rng.below(8);
    // Mostly addresses in the data area (some unaligned), sometimes small values, sometimes anything.
    cpu.r[n] = k < 5 ? DATA + 0x800 + rng.below(0x1000) : k < 7 ? rng.below(64) : rng.uint32();
  }
  cpu.pc = at;
  s.writes.length = 0;
}


describe('block translator', () => {
  it('translates the data-processing, multiply, load/store, block-transfer and branch encodings', () => {
    const v4 = translatedNames('v4T');
    for (const name of ['ADD_imm', 'SUB_reg', 'MOV_rsr', 'CMP_imm', 'TST_reg', 'MUL', 'MLA', 'UMULL', 'LDR_imm', 'STRB_reg', 'LDRSH_imm', 'STRH_reg', 'LDM', 'STM', 'B', 'BL', 'BX']) {
      expect(v4, name).toContain(name);
    }
    for (const name of ['MRS', 'MSR_reg', 'SWI', 'MCR', 'LDRT_imm', 'LDM_user', 'STM_user', 'SWP', 'LDC']) expect(v4, name).not.toContain(name);
    const v6 = translatedNames('v6Z');
    for (const name of ['CLZ', 'QADD', 'SMULxy', 'UXTB', 'REV', 'SEL', 'UADD8', 'SMLAD']) expect(v6, name).toContain(name);
    for (const name of ['LDREX', 'STREX', 'LDRD_imm', 'CPS', 'SRS']) expect(v6, name).not.toContain(name);
  });

  it('a block is one pass over its instructions, looping on a branch back to its start', () => {
    const isa = createInstructionSet('v4T');
    // SUBS r0, r0, #1; ADD r1, r1, r0; BNE start
    const words = [0xe2500001, 0xe0811000, 0x1afffffc];
    const t = translateArmBlock(isa.armTable, CODE, (i) => words[i], 3, OPTIONS);
    expect(t?.length).toBe(3);
    expect(t?.body).toContain('continue;');
    expect(t?.handlers).toHaveLength(0);
    // Words past an untranslatable one are not part of the block.
    expect(translateArmBlock(isa.armTable, CODE, (i) => [0xe2500001, STOP, 0xe0811000][i], 3, OPTIONS)?.length).toBe(1);
    expect(translateArmBlock(isa.armTable, CODE, () => STOP, 1, OPTIONS)).toBeUndefined();
  });

  for (const [core, arch] of [['arm920t', 'v4T'], ['arm1176jzf-s', 'v6Z']] as const) {
    it(`${core}: every translated encoding agrees with the interpreter on random words`, () => {
      const names = translatedNames(arch);
      let compared = 0;
      for (const name of names) {
        const rng = new Prng(name.length * 7919 + arch.length);
        const gen = createInstructionGenerator(ARM_ENCODINGS, { arch, rng, onlyEncodings: [name] });
        const ref = side(core);
        const fast = side(core);
        const loop = new FastLoop(fast.machine.cpu, { blocks: { threshold: 1 } });
        for (let i = 0; i < SAMPLES; i++) {
          const word = gen.next().instr;
          const seed = rng.uint32();
          prepare(ref, i, word, new Prng(seed));
          prepare(fast, i, word, new Prng(seed));
          ref.machine.cpu.step();
          loop.run(fast.machine.cpu.instructions + 1, Number.POSITIVE_INFINITY, { nextEventAt: Number.POSITIVE_INFINITY }, { stopPending: false });
          const a = JSON.stringify(machineState(ref.machine, ref.writes));
          const b = JSON.stringify(machineState(fast.machine, fast.writes));
          if (a !== b) expect(JSON.parse(b), `${name} 0x${word.toString(16)} (seed ${seed})`).toEqual(JSON.parse(a));
        }
        compared += loop.blocks?.stats.instructions ?? 0;
      }
      // Most of them ran as blocks (the rest left before the instruction: unaligned, unmapped, r15 forms).
      expect(compared).toBeGreaterThan(names.length * SAMPLES * 0.5);
    }, 60_000);
  }
});
