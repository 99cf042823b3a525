// Lock-step test of the fast execution path (src/cpu/fast-loop.ts) against the reference interpreter
// (Cpu.step()). Two identical machines run the same random program — ARM or Thumb, with loads, stores,
// block transfers, SWIs, interrupts and self-modifying code (guest stores of new instruction words into the
// region being executed, which then loops back over them) — one instruction at a time through `step()`
// and through `FastLoop.run`; after every instruction (and, in block mode, after every block of up to 40)
// every register of every mode, the CPSR and SPSRs, the PC, the cycle and instruction counts and the log
// of RAM writes (address, size, value) must be identical; at the end the whole RAM is compared.
import { describe, expect, it } from 'vitest';
import { FastLoop, type FastLoopOptions } from '../../src/cpu/fast-loop.js';
import { Mode, PSR } from '../../src/cpu/modes.js';
import { ARM_ENCODINGS } from '../../src/isa/arm-encodings.js';
import { Prng } from '../../src/isa/prng.js';
import { createInstructionGenerator } from '../../src/isa/random.js';
import { THUMB_ENCODINGS } from '../../src/isa/thumb-encodings.js';
import { createMachine, type CoreName, type Machine, type TimingMode } from '../../src/machine/create-machine.js';
import { ramWithVectors } from './harness.js';

const RAM_SIZE = 1 << 20;
const CODE = 0x1000;
/** Alternative instruction words the guest copies into its own code. */
const POOL = 0x8000;
const DATA = 0x40000;
const MODES = [Mode.USR, Mode.FIQ, Mode.IRQ, Mode.SVC, Mode.ABT, Mode.UND];


interface Program {
  readonly code: number[];
  readonly pool: number[];
  readonly thumb: boolean;
  readonly registers: number[];
}

const armLdrImm = (rt: number, rn: number, imm: number) => (0xe5900000 | (rn << 16) | (rt << 12) | imm) >>> 0;
const armStrImm = (rt: number, rn: number, imm: number) => (0xe5800000 | (rn << 16) | (rt << 12) | imm) >>> 0;
const armBranch = (from: number, to: number) => (0xea000000 | (((to - from - 8) >> 2) & 0xffffff)) >>> 0;

/**
 * ARM: random words (r10–r12 reserved: pool base, scratch, code base), every few words a guest copy of a
 * pool word over one of the random slots (LDR r11,[r10,#i]; STR r11,[r12,#j]), a SWI now and then, and a
 * branch back to the start so modified code is executed again.
 */
function armProgram(seed: number, arch: 'v4T' | 'v6Z', length: number): Program {
  const rng = new Prng(seed);
  const gen = createInstructionGenerator(ARM_ENCODINGS, {
    arch,
    rng,
    excludePcWrites: true,
    avoidRegisters: [10, 11, 12, 15],
    weights: { coprocessor: 0, status: 0.3 },
  });
  const pool = Array.from({ length: 64 }, () => gen.next().instr);
  const code: number[] = [];
  const randomSlots: number[] = [];
  while (code.length < length) {
    const k = rng.below(10);
    if (k === 0 && code.length > 0) {
      code.push(armLdrImm(11, 10, rng.below(pool.length) * 4));
      code.push(armStrImm(11, 12, randomSlots[rng.below(randomSlots.length)] * 4));
    } else if (k === 1) {
      code.push((0xef000000 | rng.bits(24)) >>> 0);
    } else {
      randomSlots.push(code.length);
      code.push(gen.next().instr);
    }
  }
  code.push(armBranch(CODE + code.length * 4, CODE));
  return { code, pool, thumb: false, registers: initialRegisters(rng, [10, POOL], [12, CODE]) };
}

/** Thumb: as ARM with r5–r7 reserved (LDR r5,[r6,#i*4]; STRH r5,[r7,#j*2]) and a B back to the start. */
function thumbProgram(seed: number, arch: 'v4T' | 'v6Z', length: number): Program {
  const rng = new Prng(seed);
  const gen = createInstructionGenerator(THUMB_ENCODINGS, {
    arch,
    rng,
    excludePcWrites: true,
    avoidRegisters: [5, 6, 7, 15],
    weights: { coprocessor: 0, status: 0.3 },
  });
  const pool = Array.from({ length: 32 }, () => gen.next().instr);
  const code: number[] = [];
  const randomSlots: number[] = [];
  while (code.length < length) {
    const k = rng.below(10);
    // STRH's imm5 reaches 31 halfwords, so only those slots are rewritten.
    const reachable = randomSlots.filter((s) => s < 32);
    if (k === 0 && reachable.length > 0) {
      code.push(0x6800 | (rng.below(pool.length) << 6) | (6 << 3) | 5);
      code.push(0x8000 | (reachable[rng.below(reachable.length)] << 6) | (7 << 3) | 5);
    } else if (k === 1) {
      code.push(0xdf00 | rng.bits(8));
    } else {
      randomSlots.push(code.length);
      code.push(gen.next().instr);
    }
  }
  const at = CODE + code.length * 2;
  code.push(0xe000 | (((CODE - at - 4) >> 1) & 0x7ff));
  // Pool words are 32-bit slots holding one halfword each (LDR of a word).
  return { code, pool, thumb: true, registers: initialRegisters(rng, [6, POOL], [7, CODE]) };
}

/** Random registers, about half of them pointing into the data area so loads and stores mostly hit RAM. */
function initialRegisters(rng: Prng, ...fixed: [number, number][]): number[] {
  const regs = Array.from({ length: 15 }, () => (rng.below(2) === 0 ? DATA + rng.below(0x10000) : rng.uint32()));
  for (const [n, v] of fixed) regs[n] = v;
  return regs;
}

interface Side {
  readonly machine: Machine;
  readonly writes: string[];
}

function buildSide(core: CoreName, timing: TimingMode, program: Program): Side {
  const machine = createMachine({ cpu: core, timing });
  const { ram, writes } = ramWithVectors(machine, RAM_SIZE);
  if (program.thumb) program.code.forEach((h, i) => (ram.halves[(CODE >>> 1) + i] = h));
  else program.code.forEach((w, i) => (ram.words[(CODE >>> 2) + i] = w));
  program.pool.forEach((w, i) => (ram.words[(POOL >>> 2) + i] = w));
  for (let i = 0; i < 0x4000; i++) ram.words[(DATA >>> 2) + i] = Math.imul(i + 1, 0x9e3779b1) >>> 0;
  const { cpu } = machine;
  // Banked registers of the other modes get distinct values too.
  for (const mode of MODES) for (const n of [8, 9, 10, 11, 12, 13, 14]) if (mode !== Mode.SVC) cpu.writeBanked(n, mode, (0x1000 * mode + n * 4 + DATA) >>> 0);
  // SVC, interrupts enabled (the test raises them), ARM or Thumb.
  cpu.writeCpsr(Mode.SVC | (program.thumb ? PSR.T : 0));
  program.registers.forEach((v, n) => (cpu.r[n] = v));
  cpu.pc = CODE;
  return { machine, writes };
}

function snapshot(side: Side): Record<string, unknown> {
  const { cpu, clock } = side.machine;
  const banked: number[] = [];
  for (const mode of MODES) for (let n = 8; n <= 14; n++) banked.push(cpu.readBanked(n, mode));
  return {
    r: Array.from(cpu.r.subarray(0, 15)),
    pc: cpu.pc,
    cpsr: cpu.cpsr,
    spsr: Array.from(cpu.spsr),
    banked,
    cycles: clock.cycles,
    instructions: cpu.instructions,
    waiting: cpu.waitingForInterrupt,
    exceptions: cpu.exceptionsTaken,
    fetches: side.machine.memory.fetches,
    writes: side.writes.splice(0),
  };
}

const NO_STOP = { stopPending: false };

/** The reference: `step()` until one more instruction has executed (interrupt entries are not instructions). */
function referenceInstructions(side: Side, count: number): void {
  const { cpu } = side.machine;
  const target = cpu.instructions + count;
  while (cpu.instructions < target && !cpu.waitingForInterrupt) cpu.step();
}

/** Translated blocks from the first entry, so short random programs exercise them. */
const EAGER_BLOCKS: FastLoopOptions = { blocks: { threshold: 1 } };

/** Instructions the fast side ran inside translated blocks (0 when it has none). */
function blockInstructions(loop: FastLoop): number {
  return loop.blocks?.stats.instructions ?? 0;
}

function runLockstep(core: CoreName, timing: TimingMode, program: Program, steps: number, block: number, seed: number, options: FastLoopOptions = {}): number {
  const ref = buildSide(core, timing, program);
  const fast = buildSide(core, timing, program);
  const loop = new FastLoop(fast.machine.cpu, options);
  const scheduler = { nextEventAt: Number.POSITIVE_INFINITY };
  const rng = new Prng(seed ^ 0x5a5a);
  let done = 0;
  while (done < steps) {
    // Interrupt lines change between blocks, identically on both sides.
    if (rng.below(25) === 0) {
      const irq = rng.below(2) === 0;
      const fiq = rng.below(4) === 0;
      for (const s of [ref, fast]) {
        s.machine.cpu.setIrqLine(irq);
        s.machine.cpu.setFiqLine(fiq);
        s.machine.cpu.waitingForInterrupt = false;
      }
    }
    const n = block === 1 ? 1 : 1 + rng.below(block);
    referenceInstructions(ref, n);
    const fcpu = fast.machine.cpu;
    loop.run(fcpu.instructions + n, Number.POSITIVE_INFINITY, scheduler, NO_STOP);
    const a = snapshot(ref);
    const b = snapshot(fast);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      expect(b, `${core} ${timing} ${program.thumb ? 'Thumb' : 'ARM'} seed ${seed}: diverged after ${done} + ${n} instructions (pc 0x${(a.pc as number).toString(16)})`).toEqual(a);
    }
    done += n;
    // WFI: wake both (as an interrupt or event would) and go on.
    ref.machine.cpu.waitingForInterrupt = false;
    fcpu.waitingForInterrupt = false;
  }
  const ramA = ref.machine.bus.ram[0].words;
  const ramB = fast.machine.bus.ram[0].words;
  expect(Buffer.compare(Buffer.from(ramA.buffer), Buffer.from(ramB.buffer)), 'final RAM').toBe(0);
  return blockInstructions(loop);
}

const CASES: { core: CoreName; arch: 'v4T' | 'v6Z' }[] = [
  { core: 'arm920t', arch: 'v4T' },
  { core: 'arm1176jzf-s', arch: 'v6Z' },
];

describe('fast path in lock-step with the reference interpreter', () => {
  for (const { core, arch } of CASES) {
    for (const timing of ['functional', 'cycle'] as const) {
      for (const thumb of [false, true]) {
        it(`${core} ${timing} ${thumb ? 'Thumb' : 'ARM'}: every instruction, then blocks`, () => {
          let inBlocks = 0;
          for (let seed = 1; seed <= 6; seed++) {
            const s = seed * 7919 + (thumb ? 1 : 0) + (timing === 'cycle' ? 2 : 0) + (core === 'arm920t' ? 0 : 4);
            const program = thumb ? thumbProgram(s, arch, 48) : armProgram(s, arch, 96);
            runLockstep(core, timing, program, 1500, 1, s);
            runLockstep(core, timing, program, 3000, 40, s + 1);
            inBlocks += runLockstep(core, timing, program, 3000, 40, s + 2, EAGER_BLOCKS);
          }
          // Translated blocks run ARM code (Thumb programs' vectors are ARM) in functional timing only.
          if (timing === 'cycle') expect(inBlocks).toBe(0);
          else if (!thumb) expect(inBlocks, 'instructions run in translated blocks').toBeGreaterThan(1000);
        });
      }
    }
  }

  it('runs of straight-line instructions stop exactly at cycle, event and instruction bounds', () => {
    // Long runs of data processing (the fast loop's straight-line runs) with B/BL and stores in between,
    // bounded by a cycle limit, a next event or an instruction limit that falls anywhere in a run.
    for (const core of ['arm920t', 'arm1176jzf-s'] as const) {
      for (const timing of ['functional', 'cycle'] as const) {
        const rng = new Prng(core.length * 31 + timing.length);
        const code: number[] = [];
        while (code.length < 400) {
          const k = rng.below(40);
          // ADD/EOR/MOV/ORR/SUBS/CMP/MUL on r0–r9 (no PC, no memory).
          const rd = rng.below(10), rn = rng.below(10), rm = rng.below(10);
          if (k === 0) code.push(armStrImm(rd, 12, 0x800 + rng.below(64) * 4));
          else if (k === 1) code.push(0xeb000000); // BL to the next instruction + 4 (skips one)
          else if (k === 2) code.push(0xea000000); // B over one
          else if (k === 3) code.push((0xe0000090 | (rd << 16) | (rm << 8) | rn) >>> 0);
          else code.push((([0xe0800000, 0xe0200000, 0xe1a00000, 0xe1800000, 0xe0500000, 0xe1500000][rng.below(6)] | (rn << 16) | (rd << 12) | (rng.below(32) << 7) | rm) >>> 0));
        }
        code.push(armBranch(CODE + code.length * 4, CODE));
        const program: Program = { code, pool: [], thumb: false, registers: initialRegisters(rng, [12, CODE]) };
        const ref = buildSide(core, timing, program);
        const fast = buildSide(core, timing, program);
        const loop = new FastLoop(fast.machine.cpu);
        for (let i = 0; i < 400; i++) {
          const fcpu = fast.machine.cpu;
          const fclock = fast.machine.clock;
          const kind = rng.below(3);
          const n = 1 + rng.below(60);
          const scheduler = { nextEventAt: kind === 1 ? fclock.cycles + n : Number.POSITIVE_INFINITY };
          loop.run(kind === 2 ? fcpu.instructions + n : Number.POSITIVE_INFINITY, kind === 0 ? fclock.cycles + n : Number.POSITIVE_INFINITY, scheduler, NO_STOP);
          // The reference: step() while the same bounds allow (each checked before an instruction).
          const rcpu = ref.machine.cpu;
          const rclock = ref.machine.clock;
          const limit = kind === 2 ? rcpu.instructions + n : Number.POSITIVE_INFINITY;
          const bound = kind !== 2 ? rclock.cycles + n : Number.POSITIVE_INFINITY;
          while (rcpu.instructions < limit && rclock.cycles < bound) rcpu.step();
          expect(snapshot(fast), `${core} ${timing} round ${i}`).toEqual(snapshot(ref));
        }
      }
    }
  });

  it('straight-line runs across 4 KB pages (one remapped, one unmapped: prefetch aborts mid-run), ARM920T MMU on', () => {
    // Code at VA 0x1000–0x3fff in three small pages (VA page 2 maps PA page 0x30), page 4 unmapped: runs
    // cross page boundaries, read through a non-zero delta, and fall off into a prefetch abort whose
    // vector branches back to the start. Stores rewrite code words through the same mapping.
    const L1 = 0x80000;
    const L2 = 0x84000;
    for (const timing of ['functional', 'cycle'] as const) {
      const rng = new Prng(0x1234 + timing.length);
      const code: number[] = [];
      while (code.length < 3 * 1024) {
        const k = rng.below(60);
        const rd = rng.below(10), rn = rng.below(10), rm = rng.below(10);
        // Copy a word of its own code onto another of its slots (r12 = CODE): self-modifying code.
        if (k === 0) code.push(armLdrImm(11, 12, rng.below(1024) * 4), armStrImm(11, 12, rng.below(1024) * 4));
        else if (k === 1) code.push(armStrImm(rd, 10, rng.below(64) * 4));
        else code.push(([0xe0800000, 0xe0200000, 0xe1a00000, 0xe1800000, 0xe0500000, 0xe1500000][rng.below(6)] | (rn << 16) | (rd << 12) | (rng.below(32) << 7) | rm) >>> 0);
      }
      code.length = 3 * 1024;
      const program: Program = { code, pool: [], thumb: false, registers: initialRegisters(rng, [10, DATA], [12, CODE]) };
      const sides = [buildSide('arm920t', timing, program), buildSide('arm920t', timing, program)];
      for (const side of sides) {
        const ram = side.machine.bus.ram[0];
        // Prefetch abort vector: MOV pc, #0x1000.
        ram.words[3] = 0xe3a0fa01;
        // VA page 2 lives at PA page 0x30.
        // (PA page 2, no longer mapped, gets other code: reading it would show.)
        for (let i = 0; i < 1024; i++) {
          ram.words[(0x30000 >>> 2) + i] = ram.words[(0x2000 >>> 2) + i];
          ram.words[(0x2000 >>> 2) + i] = 0xe2800001; // ADD r0, r0, #1
        }
        ram.words[L1 >>> 2] = (L2 | (0 << 5) | 0x10 | 0x1) >>> 0;
        for (let page = 0; page < 256; page++) {
          const pa = page === 2 ? 0x30000 : page * 0x1000;
          ram.words[(L2 >>> 2) + page] = page === 4 ? 0 : (pa | 0xff0 | 0x2) >>> 0;
        }
        const cp15 = side.machine.memory.cp15;
        cp15.ttb = L1;
        cp15.dacr = 0b01;
        cp15.control = cp15.control | 1;
      }
      const [ref, fast] = sides;
      const loop = new FastLoop(fast.machine.cpu);
      for (let i = 0; i < 300; i++) {
        const n = 1 + rng.below(400);
        referenceInstructions(ref, n);
        loop.run(fast.machine.cpu.instructions + n, Number.POSITIVE_INFINITY, { nextEventAt: Number.POSITIVE_INFINITY }, NO_STOP);
        expect(snapshot(fast), `${timing} round ${i}`).toEqual(snapshot(ref));
      }
      expect(ref.machine.cpu.exceptionsTaken, 'prefetch aborts happened').toBeGreaterThan(0);
      expect(Buffer.compare(Buffer.from(ref.machine.bus.ram[0].words.buffer), Buffer.from(fast.machine.bus.ram[0].words.buffer)), 'final RAM').toBe(0);
    }
  });

  it('translated blocks stop where an instruction unmasks a pending interrupt', () => {
    // Loop: mask IRQ, count, unmask (a pending IRQ is taken right here), count, branch back. The IRQ
    // vector returns at once, so while the line is up the core bounces between the vector and the loop.
    const code = [0xe321f0d3, 0xe2800001, 0xe321f053, 0xe2811001, 0xe2822001, armBranch(CODE + 20, CODE)];
    const timing = 'functional';
    const program: Program = { code, pool: [], thumb: false, registers: new Array<number>(15).fill(0) };
    const ref = buildSide('arm920t', timing, program);
    const fast = buildSide('arm920t', timing, program);
    const loop = new FastLoop(fast.machine.cpu, EAGER_BLOCKS);
    const rng = new Prng(7 + timing.length);
    for (let round = 0; round < 400; round++) {
      if (rng.below(6) === 0) {
        const up = rng.below(2) === 0;
        ref.machine.cpu.setIrqLine(up);
        fast.machine.cpu.setIrqLine(up);
      }
      const n = 1 + rng.below(30);
      referenceInstructions(ref, n);
      loop.run(fast.machine.cpu.instructions + n, Number.POSITIVE_INFINITY, { nextEventAt: Number.POSITIVE_INFINITY }, NO_STOP);
      expect(snapshot(fast), `${timing} round ${round}`).toEqual(snapshot(ref));
    }
    expect(blockInstructions(loop), `${timing}: blocks ran`).toBeGreaterThan(50);
    expect(ref.machine.cpu.exceptionsTaken, 'interrupts taken').toBeGreaterThan(10);
  });

  it('sees guest stores into the code it is executing (the decoded cache is never stale)', () => {
    // MOV r0,#1; STR r1,[r2] (overwrites the ADD below with MOV r0,#2); ADD r0,r0,#10; B back-to-start.
    const code = [0xe3a00001, 0xe5821000, 0xe280000a, armBranch(CODE + 12, CODE)];
    const program: Program = { code, pool: [], thumb: false, registers: [0, 0xe3a00002, CODE + 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] };
    const side = buildSide('arm920t', 'functional', program);
    const loop = new FastLoop(side.machine.cpu);
    const cpu = side.machine.cpu;
    // Execute the original ADD once (the cache learns it), then the whole loop: the store replaces it.
    cpu.pc = CODE + 8;
    loop.run(cpu.instructions + 1, Number.POSITIVE_INFINITY, { nextEventAt: Number.POSITIVE_INFINITY }, NO_STOP);
    expect(cpu.r[0]).toBe(10);
    cpu.pc = CODE;
    loop.run(cpu.instructions + 3, Number.POSITIVE_INFINITY, { nextEventAt: Number.POSITIVE_INFINITY }, NO_STOP);
    expect(cpu.r[0]).toBe(2);
  });
});
