import { describe, expect, it } from 'vitest';
import { Mode } from '../../cpu/modes.js';
import { CODE_BASE, createTestMachine, enterMode, execArm, runArm } from './test-harness.js';

const DATA = 0x8000;

describe('LDR/STR addressing (mode 2)', () => {
  it('immediate offset, pre-indexed, no write-back', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA + 4, 0xcafef00d);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe5910004); // ldr r0, [r1, #4]
    expect(m.cpu.r[0]).toBe(0xcafef00d);
    expect(m.cpu.r[1]).toBe(DATA);
  });

  it('negative pre-indexed with write-back', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA - 4, 0x11223344);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe5310004); // ldr r0, [r1, #-4]!
    expect(m.cpu.r[0]).toBe(0x11223344);
    expect(m.cpu.r[1]).toBe(DATA - 4);
  });

  it('post-indexed always writes back', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA, 0x55);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe4910004); // ldr r0, [r1], #4
    expect(m.cpu.r[0]).toBe(0x55);
    expect(m.cpu.r[1]).toBe(DATA + 4);
  });

  it('scaled register offsets: LSL, negative LSR with write-back, post-indexed RRX', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA + 12, 0xa);
    m.cpu.r[1] = DATA;
    m.cpu.r[2] = 3;
    execArm(m, 0xe7910102); // ldr r0, [r1, r2, lsl #2]
    expect(m.cpu.r[0]).toBe(0xa);

    m.memory.poke32(DATA - 8, 0xb);
    m.cpu.r[2] = 16;
    execArm(m, 0xe73100a2); // ldr r0, [r1, -r2, lsr #1]!
    expect(m.cpu.r[0]).toBe(0xb);
    expect(m.cpu.r[1]).toBe(DATA - 8);

    m.cpu.r[1] = DATA;
    m.cpu.r[2] = 8;
    m.cpu.c = 0;
    m.memory.poke32(DATA, 0xc);
    execArm(m, 0xe6910062); // ldr r0, [r1], r2, rrx → offset 4
    expect(m.cpu.r[0]).toBe(0xc);
    expect(m.cpu.r[1]).toBe(DATA + 4);
  });

  it('unaligned LDR rotates the aligned word right by 8 × address[1:0]', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA, 0x44332211);
    const expected = [0x44332211, 0x11443322, 0x22114433, 0x33221144];
    for (let offset = 0; offset < 4; offset++) {
      m.cpu.r[1] = DATA + offset;
      execArm(m, 0xe5910000); // ldr r0, [r1]
      expect(m.cpu.r[0], `offset ${offset}`).toBe(expected[offset]);
    }
  });

  it('LDRB/STRB move one byte', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA, 0x44332211);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe5d10001); // ldrb r0, [r1, #1]
    expect(m.cpu.r[0]).toBe(0x22);
    m.cpu.r[0] = 0x1ff;
    m.cpu.r[1] = DATA + 4;
    execArm(m, 0xe5610001); // strb r0, [r1, #-1]!
    expect(m.memory.peek32(DATA)).toBe(0xff332211);
    expect(m.cpu.r[1]).toBe(DATA + 3);
  });

  it('STR post-indexed negative and register offset', () => {
    const m = createTestMachine();
    m.cpu.r[0] = 0xdeadbeef;
    m.cpu.r[1] = DATA;
    execArm(m, 0xe4010008); // str r0, [r1], #-8
    expect(m.memory.peek32(DATA)).toBe(0xdeadbeef);
    expect(m.cpu.r[1]).toBe(DATA - 8);
    m.cpu.r[1] = DATA;
    m.cpu.r[2] = 0x10;
    execArm(m, 0xe7810002); // str r0, [r1, r2]
    expect(m.memory.peek32(DATA + 0x10)).toBe(0xdeadbeef);
  });

  it('PC as base reads the instruction address + 8', () => {
    const m = createTestMachine();
    m.memory.poke32(CODE_BASE + 4, 0x600df00d);
    execArm(m, 0xe51f0004); // ldr r0, [pc, #-4]
    expect(m.cpu.r[0]).toBe(0x600df00d);
  });
});

describe('r15 in loads and stores', () => {
  it('STR pc stores the address + 12 on ARM9TDMI (v4T default)', () => {
    const m = createTestMachine();
    m.cpu.r[1] = DATA;
    execArm(m, 0xe581f000); // str pc, [r1]
    expect(m.memory.peek32(DATA)).toBe(CODE_BASE + 12);
  });

  it('STR pc stores the address + 8 when configured (ARMv6 cores)', () => {
    const m = createTestMachine({ storedPcOffset: 8 });
    m.cpu.r[1] = DATA;
    execArm(m, 0xe581f000);
    expect(m.memory.peek32(DATA)).toBe(CODE_BASE + 8);
    expect(createTestMachine({ arch: 'v6' }).cpu.isa).toMatchObject({ storedPcOffset: 8 });
  });

  it('STRH pc stores the low half of address + 12', () => {
    const m = createTestMachine();
    m.cpu.r[1] = DATA;
    execArm(m, 0xe1c1f0b0); // strh pc, [r1]
    expect(m.memory.peek32(DATA) & 0xffff).toBe(CODE_BASE + 12);
  });

  it('LDR pc on v4T ignores bits [1:0] (no interworking) and costs 5 cycles', () => {
    const m = createTestMachine({ timing: 'cycle' });
    m.memory.poke32(DATA, 0x2001);
    m.cpu.r[1] = DATA;
    expect(execArm(m, 0xe591f000)).toBe(4); // ldr pc, [r1]
    expect(m.cpu.pc).toBe(0x2000);
    expect(m.cpu.thumb).toBe(false);
  });

  it('LDR pc interworks on v5T and later', () => {
    const m = createTestMachine({ arch: 'v5TE' });
    m.memory.poke32(DATA, 0x2001);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe591f000);
    expect(m.cpu.pc).toBe(0x2000);
    expect(m.cpu.thumb).toBe(true);
  });

  it('LDR pc with write-back updates the base too', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA + 4, 0x3000);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe5b1f004); // ldr pc, [r1, #4]!
    expect(m.cpu.pc).toBe(0x3000);
    expect(m.cpu.r[1]).toBe(DATA + 4);
  });
});

describe('base register written back and loaded (Rn = Rd)', () => {
  it('a load leaves the loaded value, pre- or post-indexed', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA + 4, 0xabc);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe5b11004); // ldr r1, [r1, #4]!
    expect(m.cpu.r[1]).toBe(0xabc);
    m.memory.poke32(DATA, 0xdef);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe4911004); // ldr r1, [r1], #4
    expect(m.cpu.r[1]).toBe(0xdef);
  });

  it('a store writes the original base value, then writes back', () => {
    const m = createTestMachine();
    m.cpu.r[1] = DATA;
    execArm(m, 0xe5a11004); // str r1, [r1, #4]!
    expect(m.memory.peek32(DATA + 4)).toBe(DATA);
    expect(m.cpu.r[1]).toBe(DATA + 4);
  });
});

describe('data aborts', () => {
  it('a faulting load leaves Rd and the base unchanged and enters Abort mode', () => {
    const m = createTestMachine();
    m.memory.faultAddresses.add(DATA - 4);
    m.cpu.r[0] = 0x1111;
    m.cpu.r[1] = DATA;
    execArm(m, 0xe5310004); // ldr r0, [r1, #-4]!
    expect(m.cpu.r[0]).toBe(0x1111);
    expect(m.cpu.mode).toBe(Mode.ABT);
    expect(m.cpu.getReg(1, 'svc')).toBe(DATA);
    expect(m.cpu.r[14]).toBe(CODE_BASE + 8);
    expect(m.cpu.pc).toBe(0x10);
  });

  it('a faulting post-indexed store leaves the base unchanged', () => {
    const m = createTestMachine();
    m.memory.faultAddresses.add(DATA);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe4010008); // str r0, [r1], #-8
    expect(m.cpu.getReg(1, 'svc')).toBe(DATA);
    expect(m.cpu.mode).toBe(Mode.ABT);
  });
});

describe('LDRT/STRT/LDRBT/STRBT: user-mode accesses', () => {
  it('access memory unprivileged and restore privilege afterwards', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA, 0x77);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe4b10004); // ldrt r0, [r1], #4
    expect(m.cpu.r[0]).toBe(0x77);
    expect(m.cpu.r[1]).toBe(DATA + 4);
    execArm(m, 0xe4a10004); // strt r0, [r1], #4
    m.cpu.r[2] = 1;
    execArm(m, 0xe6f10002); // ldrbt r0, [r1], r2
    execArm(m, 0xe6610002); // strbt r0, [r1], -r2
    expect(m.memory.accesses.map((a) => a.privileged)).toEqual([false, false, false, false]);
    expect(m.memory.accesses.map((a) => a.kind + a.size)).toEqual(['r4', 'w4', 'r1', 'w1']);
    expect(m.memory.privileged).toBe(true);
  });

  it('fault as a user access would, and leave privilege restored', () => {
    const m = createTestMachine();
    m.memory.userFaultAddresses.add(DATA);
    m.memory.poke32(DATA, 0x77);
    m.cpu.r[0] = 5;
    m.cpu.r[1] = DATA;
    execArm(m, 0xe5910000); // ldr r0, [r1]: privileged, fine
    expect(m.cpu.r[0]).toBe(0x77);
    m.cpu.r[0] = 5;
    execArm(m, 0xe4b10004); // ldrt r0, [r1], #4: faults
    expect(m.cpu.mode).toBe(Mode.ABT);
    expect(m.cpu.getReg(0)).toBe(5);
    expect(m.cpu.getReg(1, 'svc')).toBe(DATA);
    expect(m.memory.privileged).toBe(true);
  });
});

describe('halfword and signed transfers (mode 3)', () => {
  it('LDRH immediate: pre-indexed, pre-indexed with write-back, post-indexed', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA, 0xbbbbaaaa);
    m.memory.poke32(DATA - 4, 0xddddcccc);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe1d100b2); // ldrh r0, [r1, #2]
    expect(m.cpu.r[0]).toBe(0xbbbb);
    execArm(m, 0xe17100b2); // ldrh r0, [r1, #-2]!
    expect(m.cpu.r[0]).toBe(0xdddd);
    expect(m.cpu.r[1]).toBe(DATA - 2);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe0d100b2); // ldrh r0, [r1], #2
    expect(m.cpu.r[0]).toBe(0xaaaa);
    expect(m.cpu.r[1]).toBe(DATA + 2);
  });

  it('LDRH/STRH register offsets', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA + 8, 0x00001234);
    m.cpu.r[1] = DATA;
    m.cpu.r[2] = 8;
    execArm(m, 0xe19100b2); // ldrh r0, [r1, r2]
    expect(m.cpu.r[0]).toBe(0x1234);
    m.cpu.r[0] = 0xffff5678;
    execArm(m, 0xe00100b2); // strh r0, [r1], -r2
    expect(m.memory.peek32(DATA) & 0xffff).toBe(0x5678);
    expect(m.cpu.r[1]).toBe(DATA - 8);
  });

  it('LDRSB/LDRSH sign-extend', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA, 0x8000ff7f);
    m.cpu.r[1] = DATA;
    execArm(m, 0xe1d100d1); // ldrsb r0, [r1, #1]
    expect(m.cpu.r[0]).toBe(0xffffffff);
    execArm(m, 0xe05100d1); // ldrsb r0, [r1], #-1
    expect(m.cpu.r[0]).toBe(0x7f);
    expect(m.cpu.r[1]).toBe(DATA - 1);
    m.cpu.r[1] = DATA;
    m.cpu.r[2] = 2;
    execArm(m, 0xe1b100f2); // ldrsh r0, [r1, r2]!
    expect(m.cpu.r[0]).toBe(0xffff8000);
    expect(m.cpu.r[1]).toBe(DATA + 2);
  });
});

describe('SWP/SWPB', () => {
  it('swaps a word and a byte', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA, 0x11111111);
    m.cpu.r[1] = 0x22222222;
    m.cpu.r[2] = DATA;
    execArm(m, 0xe1020091); // swp r0, r1, [r2]
    expect(m.cpu.r[0]).toBe(0x11111111);
    expect(m.memory.peek32(DATA)).toBe(0x22222222);
    m.cpu.r[1] = 0x1ab;
    execArm(m, 0xe1420091); // swpb r0, r1, [r2]
    expect(m.cpu.r[0]).toBe(0x22);
    expect(m.memory.peek32(DATA)).toBe(0x222222ab);
  });

  it('with Rd = Rm stores the old register value', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA, 5);
    m.cpu.r[0] = 9;
    m.cpu.r[2] = DATA;
    execArm(m, 0xe1020090); // swp r0, r0, [r2]
    expect(m.cpu.r[0]).toBe(5);
    expect(m.memory.peek32(DATA)).toBe(9);
  });

  it('rotates an unaligned load like LDR', () => {
    const m = createTestMachine();
    m.memory.poke32(DATA, 0x44332211);
    m.cpu.r[2] = DATA + 1;
    execArm(m, 0xe1020091);
    expect(m.cpu.r[0]).toBe(0x11443322);
  });

  it('leaves Rd unchanged when the store aborts', () => {
    const m = createTestMachine();
    m.memory.faultAddresses.add(DATA);
    m.cpu.r[0] = 3;
    m.cpu.r[2] = DATA;
    execArm(m, 0xe1020091);
    expect(m.cpu.getReg(0)).toBe(3);
    expect(m.cpu.mode).toBe(Mode.ABT);
  });
});

describe('load-use interlock (cycle mode)', () => {
  function cyclesOf(words: number[]): number {
    const m = createTestMachine({ timing: 'cycle' });
    m.memory.poke32(DATA, 1);
    m.cpu.r[1] = DATA;
    const before = m.clock.cycles;
    runArm(m, words);
    return m.clock.cycles - before;
  }
  const LDR = 0xe5910000; // ldr r0, [r1]
  const LDRB = 0xe5d10000; // ldrb r0, [r1]
  const LDRH = 0xe1d100b0; // ldrh r0, [r1]
  const USE_R0 = 0xe2803001; // add r3, r0, #1
  const NO_USE = 0xe2843001; // add r3, r4, #1

  it('LDR followed by a use of the result stalls one cycle', () => {
    expect(cyclesOf([LDR, NO_USE])).toBe(2);
    expect(cyclesOf([LDR, USE_R0])).toBe(3);
  });

  it('byte and halfword loads stall two cycles', () => {
    expect(cyclesOf([LDRB, USE_R0])).toBe(4);
    expect(cyclesOf([LDRH, USE_R0])).toBe(4);
    expect(cyclesOf([LDRB, NO_USE, USE_R0])).toBe(3);
  });

  it('a condition-failed instruction in between absorbs the interlock', () => {
    const ADDNE_R0 = 0x12803001; // addne r3, r0, #1 (Z set: skipped)
    const m = createTestMachine({ timing: 'cycle' });
    m.cpu.z = 1;
    m.cpu.r[1] = DATA;
    runArm(m, [LDR, ADDNE_R0, USE_R0]);
    expect(m.clock.cycles).toBe(3);
  });

  it('functional mode counts one cycle per instruction', () => {
    const m = createTestMachine();
    m.cpu.r[1] = DATA;
    runArm(m, [LDR, USE_R0, 0xe1b00211]);
    expect(m.clock.cycles).toBe(3);
  });

  it('a load into the base register of a store next stalls too', () => {
    const m = createTestMachine({ timing: 'cycle' });
    m.memory.poke32(DATA, DATA + 0x100);
    m.cpu.r[1] = DATA;
    runArm(m, [0xe5912000, 0xe5820000]); // ldr r2, [r1]; str r0, [r2]
    expect(m.clock.cycles).toBe(3);
  });
});

it('runs in user mode too (privilege follows the mode)', () => {
  const m = createTestMachine();
  enterMode(m.cpu, Mode.USR);
  m.memory.poke32(DATA, 0x42);
  m.cpu.r[1] = DATA;
  execArm(m, 0xe5910000);
  expect(m.cpu.r[0]).toBe(0x42);
  expect(m.memory.accesses[0].privileged).toBe(false);
});
