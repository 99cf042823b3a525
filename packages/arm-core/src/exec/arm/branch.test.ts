import { describe, expect, it } from 'vitest';
import { Mode, PSR } from '../../cpu/modes.js';
import { CODE_BASE, createTestMachine, execArm, setFlags } from './test-harness.js';

describe('B/BL', () => {
  it('B . branches to itself; B +0 skips one instruction', () => {
    const m = createTestMachine();
    execArm(m, 0xeafffffe); // b .
    expect(m.cpu.pc).toBe(CODE_BASE);
    execArm(m, 0xea000000); // b .+8
    expect(m.cpu.pc).toBe(CODE_BASE + 8);
  });

  it('BL links the return address and branches backwards', () => {
    const m = createTestMachine();
    execArm(m, 0xebfffffc); // bl .-8
    expect(m.cpu.r[14]).toBe(CODE_BASE + 4);
    expect(m.cpu.pc).toBe(CODE_BASE - 8);
  });

  it('uses the full signed 24-bit offset', () => {
    const m = createTestMachine();
    execArm(m, 0xea7fffff); // b +0x2000004 (largest forward)
    expect(m.cpu.pc).toBe(CODE_BASE + 8 + 0x1fffffc);
    execArm(m, 0xea800000); // most negative: −0x2000000, wraps below 0
    expect(m.cpu.pc).toBe((CODE_BASE + 8 - 0x2000000) >>> 0);
  });

  it('honours the condition', () => {
    const m = createTestMachine();
    setFlags(m.cpu, 0b0100); // Z
    execArm(m, 0x1a000010); // bne
    expect(m.cpu.pc).toBe(CODE_BASE + 4);
    execArm(m, 0x0a000010); // beq
    expect(m.cpu.pc).toBe(CODE_BASE + 8 + 0x40);
  });

  it('costs 3 cycles', () => {
    const m = createTestMachine({ timing: 'cycle' });
    expect(execArm(m, 0xea000000)).toBe(2);
  });
});

describe('BX', () => {
  it('enters Thumb state on bit 0 set, ARM state on bit 0 clear', () => {
    const m = createTestMachine();
    m.cpu.r[0] = 0x2001;
    execArm(m, 0xe12fff10); // bx r0
    expect(m.cpu.thumb).toBe(true);
    expect(m.cpu.pc).toBe(0x2000);
    m.cpu.thumb = false;
    m.cpu.r[14] = 0x3000;
    execArm(m, 0xe12fff1e); // bx lr
    expect(m.cpu.thumb).toBe(false);
    expect(m.cpu.pc).toBe(0x3000);
  });

  it('a BX with should-be-one bits clear is UNDEFINED', () => {
    const m = createTestMachine();
    execArm(m, 0xe12ffe10);
    expect(m.cpu.mode).toBe(Mode.UND);
  });
});

describe('SWI', () => {
  it('enters SVC mode at vector 0x08 with LR = next instruction and SPSR = old CPSR', () => {
    const m = createTestMachine();
    m.cpu.writeCpsr(Mode.USR | PSR.C);
    execArm(m, 0xef000123); // svc 0x123
    expect(m.cpu.mode).toBe(Mode.SVC);
    expect(m.cpu.pc).toBe(0x08);
    expect(m.cpu.r[14]).toBe(CODE_BASE + 4);
    expect(m.cpu.currentSpsr).toBe(Mode.USR | PSR.C);
    expect(m.cpu.cpsr & PSR.I).toBe(PSR.I);
  });

  it('passes the instruction word to a kernel hook', () => {
    const m = createTestMachine();
    const seen: number[] = [];
    m.cpu.hookException('swi', (_cpu, event) => seen.push(event.instruction, event.address));
    execArm(m, 0xef123456);
    expect(seen).toEqual([0xef123456, CODE_BASE]);
  });
});

describe('UNDEFINED', () => {
  const undefinedWords: [string, number][] = [
    ['architecturally undefined space (cccc 011x … xxx1 xxxx)', 0xe6000010],
    ['UDF', 0xe7f000f0],
    ['cond = 1111 on v4T', 0xf0000000],
    ['BLX immediate (v5) on v4T', 0xfa000000],
    ['LDRD (v5TE) on v4T', 0xe1c000d0],
    ['CLZ (v5) on v4T', 0xe16f0f11],
    ['BKPT (v5) on v4T', 0xe1200070],
    ['MOVW (v6T2) on v4T', 0xe3000000],
    ['MSR immediate with SBO bits clear', 0xe3200000],
    ['SWP with should-be-zero bits set', 0xe1020f91],
    ['LDC unindexed with U = 0', 0xec101700],
  ];
  it.each(undefinedWords)('%s takes the undefined-instruction exception', (_name, word) => {
    const m = createTestMachine();
    execArm(m, word);
    expect(m.cpu.mode).toBe(Mode.UND);
    expect(m.cpu.pc).toBe(0x04);
    expect(m.cpu.r[14]).toBe(CODE_BASE + 4);
  });
});
