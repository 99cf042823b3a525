// Lock-step test of translated blocks (src/jit; functional timing) and of the fast loop (cycle timing, caches
// on) against the reference interpreter (Cpu.step()), on programs
// made of what blocks translate: data processing, multiplies, loads and stores of every size through three
// sections (two mapped to different RAM, one unmapped: data aborts inside blocks), misaligned addresses,
// LDM/STM in all four modes with write-back, conditional forward branches, BL/BX pairs, LDR pc returns,
// stores into the program's own code, and a branch back to the start. After every batch every register,
// the flags, the PC, the cycle, instruction and fetch counts, the RAM writes and the fault registers must
// be identical; at the end the whole RAM is compared.
import { describe, expect, it } from 'vitest';
import { FastLoop } from '../../src/cpu/fast-loop.js';
import { Mode } from '../../src/cpu/modes.js';
import { ARM_ENCODINGS } from '../../src/isa/arm-encodings.js';
import { Prng } from '../../src/isa/prng.js';
import { createInstructionGenerator } from '../../src/isa/random.js';
import { createMachine, type CoreName, type Machine, type TimingMode } from '../../src/machine/create-machine.js';
import { machineState, ramWithVectors } from './harness.js';

const RAM_SIZE = 4 << 20;
const CODE = 0x1000;
const L1 = 0x8000;
/** Section 1 maps RAM 1–2 MB, section 2 maps RAM 3–4 MB, section 3 is unmapped (translation faults). */
const SECTION_A = 0x00100000;
const SECTION_B = 0x00200000;
const UNMAPPED = 0x00300000;

const cond = (rng: Prng) => (rng.below(3) === 0 ? rng.below(14) : 14) << 28;
const DATA_REGISTERS = [0, 1, 2, 3, 11, 12];

/**
 * r4/r5/r6 hold the bases of sections A, B and the unmapped one; r8–r10 are the working bases (reloaded
 * from r4–r6 now and then, moved by write-back in between); r7 = CODE; r13 a stack in section A.
 */
function program(seed: number, arch: 'v4T' | 'v6Z'): number[] {
  const rng = new Prng(seed);
  const gen = createInstructionGenerator(ARM_ENCODINGS, {
    arch,
    rng,
    excludePcWrites: true,
    avoidRegisters: [4, 5, 6, 7, 8, 9, 10, 13, 14, 15],
    onlyEncodings: ARM_ENCODINGS.filter((e) => /^(AND|EOR|SUB|RSB|ADD|ADC|SBC|RSC|TST|TEQ|CMP|CMN|ORR|MOV|BIC|MVN)_|^(MUL|MLA|UMULL|SMLAL|CLZ|QADD|SMULxy|UXTB|REV|SEL|UADD8)$/.test(e.name) && (arch === 'v6Z' || e.since === 'v4T')).map((e) => e.name),
  });
  const code: number[] = [];
  const at = () => CODE + 4 * code.length;
  // Slots holding a generated data-processing word: the only ones the program overwrites, with each other.
  const plain: number[] = [];
  const filler = () => {
    plain.push(code.length);
    code.push(gen.next().instr);
  };
  const base = () => 8 + rng.below(rng.below(8) === 0 ? 3 : 2); // r10 (unmapped) rarely
  while (code.length < 200) {
    const k = rng.below(20);
    const rd = DATA_REGISTERS[rng.below(DATA_REGISTERS.length)];
    const rn = base();
    if (k < 4) {
      // LDR/STR/LDRB/STRB, immediate (sometimes misaligned) or register offset, any indexing.
      // A register offset (random values) never writes the base back, so the bases stay in their sections.
      const register = rng.below(3) === 0;
      const p = register || rng.below(4) !== 0 ? 1 : 0, u = rng.below(2), w = p === 1 && !register ? rng.below(4) === 0 ? 1 : 0 : 0;
      const b = rng.below(2), l = rng.below(2);
      const offset = register ? 0x02000000 | (rng.below(4) << 7) | (rng.below(3) << 5) | DATA_REGISTERS[rng.below(4)] : rng.below(64) * 4 + (rng.below(6) === 0 ? rng.below(4) : 0);
      code.push((cond(rng) | 0x04000000 | (p << 24) | (u << 23) | (b << 22) | (w << 21) | (l << 20) | (rn << 16) | (rd << 12) | (register ? offset & 0x02000fff : offset)) >>> 0);
    } else if (k < 6) {
      // LDRH/STRH/LDRSB/LDRSH, immediate offset.
      const p = rng.below(4) !== 0 ? 1 : 0, u = rng.below(2), w = p === 1 ? rng.below(4) === 0 ? 1 : 0 : 0;
      const [l, sh] = [[0, 1], [1, 1], [1, 2], [1, 3]][rng.below(4)];
      const imm = rng.below(128) * 2 + (rng.below(8) === 0 ? 1 : 0);
      code.push((cond(rng) | (p << 24) | (u << 23) | (1 << 22) | (w << 21) | (l << 20) | (rn << 16) | (rd << 12) | ((imm & 0xf0) << 4) | 0x90 | (sh << 5) | (imm & 0xf)) >>> 0);
    } else if (k < 8) {
      // LDM/STM of data registers, any mode, write-back sometimes (never the base in the list).
      const list = DATA_REGISTERS.reduce((m, r) => (rng.below(2) === 0 ? m | (1 << r) : m), 0) || 1;
      const mode = rng.below(4), w = rng.below(2), l = rng.below(2);
      code.push((cond(rng) | 0x08000000 | (mode << 23) | (w << 21) | (l << 20) | (rn << 16) | list) >>> 0);
    } else if (k === 19 && rn !== 10) {
      // A load with write-back into its own base (the loaded value wins), then the base reloaded.
      code.push((0xe4900000 | (rn << 16) | (rn << 12) | (rng.below(16) * 4) | (rng.below(2) << 22)) >>> 0);
      code.push((0xe02bb000 | rn) >>> 0); // EOR r11, r11, rn: the value is seen
      code.push((0xe1a00004 | (rn << 12) | (rn - 8)) >>> 0);
    } else if (k === 8) {
      code.push((0xe1a00004 | ((8 + rng.below(3)) << 12) | rng.below(3)) >>> 0); // MOV r8–r10, r4–r6
    } else if (k === 9) {
      const over = rng.below(3);
      code.push((cond(rng) | 0x0a000000 | over) >>> 0); // B forward over 1–3 fillers
      for (let i = 0; i <= over; i++) filler();
    } else if (k === 10 && code.length < 190) {
      // BL to a leaf that pushes lr, does a little, and returns with LDM {pc} or BX lr.
      code.push(0xeb000000); // BL to the leaf (over the B below)
      code.push(0xea000004); // B past the leaf
      code.push(0xe92d4000); // STMDB sp!, {lr}
      filler();
      code.push(0xe8bd4000); // LDMIA sp!, {lr}
      code.push(rng.below(2) === 0 ? 0xe12fff1e : 0xe1a0f00e); // BX lr / MOV pc, lr
      filler();
    } else if (k === 11 && plain.length > 4) {
      // Copy one generated word over another (self-modifying code, often inside the running block).
      code.push((0xe5970000 | (11 << 12) | (plain[rng.below(plain.length)] * 4)) >>> 0); // LDR r11, [r7, #i]
      code.push((0xe5870000 | (11 << 12) | (plain[rng.below(plain.length)] * 4)) >>> 0); // STR r11, [r7, #j]
    } else {
      filler();
    }
  }
  code.push((0xea000000 | (((CODE - at() - 8) >> 2) & 0xffffff)) >>> 0);
  return code;
}

interface Side {
  readonly machine: Machine;
  readonly writes: string[];
}

function buildSide(core: CoreName, timing: TimingMode, code: number[], seed: number): Side {
  const machine = createMachine({ cpu: core, timing, blocks: false });
  const { ram, writes } = ramWithVectors(machine, RAM_SIZE);
  code.forEach((w, i) => (ram.words[(CODE >>> 2) + i] = w));
  const rng = new Prng(seed);
  for (let i = 0; i < 0x10000; i++) ram.words[(SECTION_A >>> 2) + i] = rng.uint32();
  for (let i = 0; i < 0x10000; i++) ram.words[(0x300000 >>> 2) + i] = rng.uint32();
  // Sections (AP = 11, domain 0): 0 → 0 and 1 → 1 MB write-back, 2 → 3 MB write-through; 3 unmapped.
  ram.words[L1 >>> 2] = 0x00000c1e;
  ram.words[(L1 >>> 2) + 1] = 0x00100c1e;
  ram.words[(L1 >>> 2) + 2] = 0x00300c1a;
  const { cpu } = machine;
  const cp15 = machine.memory.cp15;
  cp15.ttb = L1;
  cp15.dacr = 0b01;
  // MMU, D-cache and I-cache on (the caches matter in cycle timing).
  cp15.control = cp15.control | 1 | (1 << 2) | (1 << 12);
  cpu.writeCpsr(Mode.SVC);
  for (let n = 0; n < 13; n++) cpu.r[n] = rng.uint32();
  cpu.r[4] = SECTION_A + 0x8000;
  cpu.r[5] = SECTION_B + 0x8000;
  cpu.r[6] = UNMAPPED + 0x100;
  cpu.r[7] = CODE;
  cpu.r[8] = cpu.r[4];
  cpu.r[9] = cpu.r[5];
  cpu.r[10] = cpu.r[6];
  cpu.r[13] = SECTION_A + 0xf0000;
  cpu.pc = CODE;
  return { machine, writes };
}


const NO_STOP = { stopPending: false };
const NO_EVENT = { nextEventAt: Number.POSITIVE_INFINITY };

describe('translated blocks (functional) and the fast loop (cycle) in lock-step with the reference interpreter', () => {
  for (const [core, arch, timing] of [['arm920t', 'v4T', 'functional'], ['arm1176jzf-s', 'v6Z', 'functional'], ['arm920t', 'v4T', 'cycle'], ['arm1176jzf-s', 'v6Z', 'cycle']] as const) {
    it(`${core} ${timing}: memory through three sections with aborts, LDM/STM, calls, self-modifying code`, () => {
      let inBlocks = 0;
      let aborts = 0;
      for (let seed = 1; seed <= 8; seed++) {
        const code = program(seed * 104729 + arch.length, arch);
        const ref = buildSide(core, timing, code, seed);
        const fast = buildSide(core, timing, code, seed);
        const loop = new FastLoop(fast.machine.cpu, { blocks: { threshold: 1 + (seed % 3), maxLength: 8 + seed * 8 } });
        const rng = new Prng(seed);
        for (let round = 0; round < 300; round++) {
          const n = 1 + rng.below(rng.below(4) === 0 ? 400 : 40);
          const target = ref.machine.cpu.instructions + n;
          while (ref.machine.cpu.instructions < target) ref.machine.cpu.step();
          loop.run(fast.machine.cpu.instructions + n, Number.POSITIVE_INFINITY, NO_EVENT, NO_STOP);
          const a = machineState(ref.machine, ref.writes);
          const b = machineState(fast.machine, fast.writes);
          if (JSON.stringify(a) !== JSON.stringify(b)) expect(b, `${core} seed ${seed} round ${round} (pc 0x${(a.pc as number).toString(16)})`).toEqual(a);
        }
        expect(Buffer.compare(Buffer.from(ref.machine.bus.ram[0].words.buffer), Buffer.from(fast.machine.bus.ram[0].words.buffer)), 'final RAM').toBe(0);
        inBlocks += loop.blocks?.stats.instructions ?? 0;
        aborts += ref.machine.cpu.exceptionsTaken;
        // The program kept running its own code or a vector (no escape into the idle loops at 0x00 and 0x14).
        const pc = ref.machine.cpu.pc;
        expect((pc >= CODE && pc < CODE + 4 * code.length) || (pc < 0x20 && pc !== 0 && pc !== 0x14), `seed ${seed} ended at 0x${pc.toString(16)}`).toBe(true);
      }
      // Blocks run in functional timing; cycle timing checks the fast loop itself on the same programs.
      if (timing === 'functional') expect(inBlocks, 'instructions run in translated blocks').toBeGreaterThan(20_000);
      expect(aborts, 'data aborts taken').toBeGreaterThan(50);
    });
  }
});
