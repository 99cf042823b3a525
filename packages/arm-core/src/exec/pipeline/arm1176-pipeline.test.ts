import { describe, expect, it } from 'vitest';
import { BranchPredictor } from '../../cpu/branch-predictor.js';
import { ARM1176_TIMING } from '../../timing/arm1176.js';
import { CODE_BASE, createTestMachine, runArm, type TestMachine } from '../arm/test-harness.js';
import { thumbHarness } from '../thumb/test-harness.js';
import { Arm1176Pipeline } from './arm1176-pipeline.js';
import { BranchClass, armTimingInfo, thumbTimingInfo } from './arm1176-timing.js';
import { Prng } from '../../isa/prng.js';

const P = ARM1176_TIMING.pipeline;
const B = ARM1176_TIMING.branch;

function machine(predictor = true): TestMachine & { pipeline: Arm1176Pipeline } {
  const m = createTestMachine({ arch: 'v6Z', timing: 'cycle' });
  const pipeline = new Arm1176Pipeline(predictor ? new BranchPredictor() : undefined);
  m.cpu.pipeline = pipeline;
  return { ...m, pipeline };
}

/** Cycles each instruction took (flat test RAM adds no memory stalls). */
function perInstruction(m: TestMachine, words: readonly number[], steps = words.length): number[] {
  words.forEach((w, i) => m.memory.poke32(CODE_BASE + 4 * i, w));
  m.cpu.pc = CODE_BASE;
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    const before = m.clock.cycles;
    m.cpu.step();
    out.push(m.clock.cycles - before);
  }
  return out;
}

const LDR_R0 = 0xe5910000; // ldr r0, [r1]
const ADD_R2_R0 = 0xe2802001; // add r2, r0, #1
const NOP = 0xe1a00000; // mov r0, r0 (reads r0!)
const MOV_R5 = 0xe3a05001; // mov r5, #1

describe('ARM1176 pipeline: result latencies', () => {
  it('a load result is forwarded after 3 cycles: +2, +1, +0 for a use 1, 2, 3 instructions later', () => {
    const m = machine();
    m.cpu.r[1] = 0x800;
    expect(perInstruction(m, [LDR_R0, ADD_R2_R0])).toEqual([1, 1 + (P.loadResultLatency - 1)]);
    expect(perInstruction(m, [LDR_R0, MOV_R5, ADD_R2_R0])).toEqual([1, 1, 1 + (P.loadResultLatency - 2)]);
    expect(perInstruction(m, [LDR_R0, MOV_R5, MOV_R5, ADD_R2_R0])).toEqual([1, 1, 1, 1]);
  });

  it('ALU results forward at once; an address base needs its value a cycle early', () => {
    const m = machine();
    m.cpu.r[1] = 0x800;
    expect(perInstruction(m, [0xe2811004 /* add r1, r1, #4 */, 0xe2812004 /* add r2, r1, #4 */])).toEqual([1, 1]);
    expect(perInstruction(m, [0xe2811004 /* add r1, r1, #4 */, LDR_R0])).toEqual([1, 2]);
  });

  it('MUL issues in 2 cycles (5 with S) and forwards after 4; SMULL issues in 3', () => {
    const m = machine();
    expect(perInstruction(m, [0xe0000291 /* mul r0, r1, r2 */, ADD_R2_R0])).toEqual([P.multiplyIssue, 1 + (P.multiplyLatency - P.multiplyIssue)]);
    expect(perInstruction(m, [0xe0100291 /* muls r0, r1, r2 */])).toEqual([P.multiplyFlagsIssue]);
    expect(perInstruction(m, [0xe0c10392 /* smull r0, r1, r2, r3 */])).toEqual([P.longMultiplyIssue]);
  });

  it('a register-specified shift issues in 2 cycles; a failed condition costs one', () => {
    const m = machine();
    expect(perInstruction(m, [0xe0810312 /* add r0, r1, r2, lsl r3 */])).toEqual([2]);
    m.cpu.z = 0;
    expect(perInstruction(m, [0x00000291 /* muleq: not executed */])).toEqual([1]);
  });

  it('Thumb: LDR then a dependent ADD stalls as in ARM state', () => {
    const h = thumbHarness({ arch: 'v6', timing: 'cycle' });
    h.cpu.pipeline = new Arm1176Pipeline(new BranchPredictor());
    h.cpu.r[1] = 0x8000;
    h.load([0x6808 /* ldr r0, [r1] */, 0x1c42 /* adds r2, r0, #1 */]);
    h.cpu.pc = 0x1000;
    const start = h.clock.cycles;
    h.cpu.step();
    h.cpu.step();
    expect(h.clock.cycles - start).toBe(2 + (P.loadResultLatency - 1));
  });
});

describe('ARM1176 pipeline: branch prediction', () => {
  it('a backward loop branch: static prediction first, then the BTAC; the exit is mispredicted', () => {
    const m = machine();
    m.cpu.r[0] = 3;
    // loop: subs r0, r0, #1 ; bne loop
    const cycles = perInstruction(m, [0xe2500001, 0x1afffffd], 6);
    expect(cycles).toEqual([1, 1 + B.staticTakenPenalty, 1, 1 + B.predictedPenalty, 1, 1 + B.mispredictPenalty]);
  });

  it('BL then BX lr: the return stack predicts the return', () => {
    const m = machine();
    // 0: bl 8 ; 4: mov r5, #1 ; 8: bx lr — runs bl, bx lr, mov r5
    const cycles = perInstruction(m, [0xeb000000, MOV_R5, 0xe12fff1e], 2);
    expect(cycles).toEqual([1 + B.staticTakenPenalty, 1 + B.predictedPenalty]);
    expect(m.cpu.pc).toBe(CODE_BASE + 4);
  });

  it('an indirect branch through a register is not predicted', () => {
    const m = machine();
    m.cpu.r[2] = CODE_BASE + 0x100;
    expect(perInstruction(m, [0xe1a0f002 /* mov pc, r2 */])).toEqual([1 + B.indirectPenalty]);
  });

  it('without a predictor every taken branch costs the mispredict penalty', () => {
    const m = machine(false);
    expect(perInstruction(m, [0xea000000 /* b .+8 */])).toEqual([1 + B.mispredictPenalty]);
  });

  it('exception entry refills the pipeline', () => {
    const m = machine();
    expect(perInstruction(m, [0xef000000 /* svc 0 */])).toEqual([1 + P.exceptionEntry]);
    expect(m.pipeline.stats.flushCycles).toBe(P.exceptionEntry);
  });
});

describe('ARM920T timing is untouched', () => {
  it('a v4T core without a pipeline model still charges the ARM9TDMI costs', () => {
    const m = createTestMachine({ arch: 'v4T', timing: 'cycle' });
    m.cpu.r[1] = 0x800;
    runArm(m, [LDR_R0, ADD_R2_R0, NOP]);
    // 1 + (1 + 1 interlock) + 1
    expect(m.clock.cycles).toBe(4);
  });
});

describe('ARM1176 timing classification', () => {
  it('classifies every Thumb halfword and random ARM words: issue ≥ 1, r15 never scoreboarded', () => {
    for (let h = 0; h < 0x10000; h++) {
      const t = thumbTimingInfo(h);
      expect(t.issue >= 1 && (t.writes & 0x8000) === 0, `0x${h.toString(16)}`).toBe(true);
    }
    const rng = new Prng(1176);
    for (let k = 0; k < 50_000; k++) {
      const w = rng.uint32();
      const t = armTimingInfo(w);
      expect(t.issue >= 1 && (t.writes & 0x8000) === 0, `0x${w.toString(16)}`).toBe(true);
    }
  });

  it('names the branch kinds the predictor needs', () => {
    expect(armTimingInfo(0xeb000000).branch).toBe(BranchClass.CALL); // bl
    expect(armTimingInfo(0xe12fff1e).branch).toBe(BranchClass.RETURN); // bx lr
    expect(armTimingInfo(0xe8bd8010).branch).toBe(BranchClass.RETURN); // pop {r4, pc}
    expect(armTimingInfo(0xe49df004).branch).toBe(BranchClass.RETURN); // ldr pc, [sp], #4
    expect(armTimingInfo(0xe1a0f00e).branch).toBe(BranchClass.RETURN); // mov pc, lr
    expect(armTimingInfo(0xe12fff33).branch).toBe(BranchClass.INDIRECT_CALL); // blx r3
    expect(armTimingInfo(0xe59ff004).branch).toBe(BranchClass.INDIRECT); // ldr pc, [pc, #4]
    expect(armTimingInfo(0xe121f000).branch).toBe(BranchClass.FLUSH); // msr cpsr_c, r0
    expect(armTimingInfo(0xef000000).branch).toBe(BranchClass.EXCEPTION); // svc
    expect(thumbTimingInfo(0xbd10).branch).toBe(BranchClass.RETURN); // pop {r4, pc}
    expect(thumbTimingInfo(0xf800).branch).toBe(BranchClass.CALL); // bl suffix
    expect(thumbTimingInfo(0xd0fe).conditional).toBe(true); // beq
  });
});
