import { describe, expect, it } from 'vitest';
import { Mode, PSR } from '../../cpu/modes.js';
import { createTestMachine, enterMode, execArm } from './test-harness.js';

const MRS_CPSR = 0xe10f0000; // mrs r0, CPSR
const MRS_SPSR = 0xe14f0000; // mrs r0, SPSR
const MSR_CPSR_C = 0xe121f000; // msr CPSR_c, r0
const MSR_CPSR_F = 0xe128f000; // msr CPSR_f, r0
const MSR_CPSR_ALL = 0xe12ff000; // msr CPSR_fsxc, r0
const MSR_SPSR_ALL = 0xe16ff000; // msr SPSR_fsxc, r0

describe('MRS', () => {
  it('reads CPSR and SPSR', () => {
    const m = createTestMachine();
    enterMode(m.cpu, Mode.IRQ);
    m.cpu.currentSpsr = 0x600000d3;
    m.cpu.z = 1;
    execArm(m, MRS_CPSR);
    expect(m.cpu.r[0]).toBe((PSR.Z | PSR.I | PSR.F | Mode.IRQ) >>> 0);
    execArm(m, MRS_SPSR);
    expect(m.cpu.r[0]).toBe(0x600000d3);
  });

  it('reads the CPSR for SPSR in User mode (UNPREDICTABLE)', () => {
    const m = createTestMachine();
    enterMode(m.cpu, Mode.USR);
    execArm(m, MRS_SPSR);
    expect(m.cpu.r[0]).toBe(m.cpu.cpsr);
  });
});

describe('MSR', () => {
  it('c field changes mode and banks in a privileged mode', () => {
    const m = createTestMachine();
    m.cpu.setReg(13, 0x1111, 'irq');
    m.cpu.r[0] = Mode.IRQ | PSR.I;
    execArm(m, MSR_CPSR_C);
    expect(m.cpu.mode).toBe(Mode.IRQ);
    expect(m.cpu.r[13]).toBe(0x1111);
    expect(m.cpu.cpsr & PSR.F).toBe(0);
  });

  it('f field writes only the flags', () => {
    const m = createTestMachine();
    m.cpu.r[0] = 0xf00000ff;
    execArm(m, MSR_CPSR_F);
    expect([m.cpu.n, m.cpu.z, m.cpu.c, m.cpu.v]).toEqual([1, 1, 1, 1]);
    expect(m.cpu.mode).toBe(Mode.SVC);
  });

  it('User mode may write only the flags', () => {
    const m = createTestMachine();
    enterMode(m.cpu, Mode.USR);
    m.cpu.r[0] = (PSR.N | Mode.SVC) >>> 0;
    execArm(m, MSR_CPSR_ALL);
    expect(m.cpu.mode).toBe(Mode.USR);
    expect(m.cpu.n).toBe(1);
    expect(m.cpu.cpsr & PSR.I).toBe(PSR.I); // the operand clears I; User mode cannot
  });

  it('never changes the T bit through the CPSR', () => {
    const m = createTestMachine();
    m.cpu.r[0] = PSR.T | Mode.SVC;
    execArm(m, MSR_CPSR_ALL);
    expect(m.cpu.thumb).toBe(false);
  });

  it('ignores bits ARMv4T does not define (Q, and the s/x fields)', () => {
    const m = createTestMachine();
    m.cpu.r[0] = 0x08ffff00 | Mode.SVC;
    execArm(m, MSR_CPSR_ALL);
    expect(m.cpu.cpsr).toBe(Mode.SVC);
  });

  it('writes Q on ARMv5TE', () => {
    const m = createTestMachine({ arch: 'v5TE' });
    m.cpu.r[0] = PSR.Q | Mode.SVC;
    execArm(m, MSR_CPSR_ALL);
    expect(m.cpu.q).toBe(1);
  });

  it('SPSR takes every defined bit including T', () => {
    const m = createTestMachine();
    m.cpu.r[0] = 0xf00000ff;
    execArm(m, MSR_SPSR_ALL);
    expect(m.cpu.currentSpsr).toBe(0xf00000ff);
    m.cpu.r[0] = 0xffffffff;
    execArm(m, 0xe168f000); // msr SPSR_f, r0
    expect(m.cpu.currentSpsr).toBe(0xf00000ff);
  });

  it('ignores an SPSR write in User mode', () => {
    const m = createTestMachine();
    enterMode(m.cpu, Mode.USR);
    m.cpu.r[0] = 0xffffffff;
    execArm(m, MSR_SPSR_ALL);
    expect(m.cpu.mode).toBe(Mode.USR);
  });

  it('immediate form', () => {
    const m = createTestMachine();
    execArm(m, 0xe321f0d2); // msr CPSR_c, #0xd2 → IRQ mode, I and F set
    expect(m.cpu.mode).toBe(Mode.IRQ);
    execArm(m, 0xe328f20f); // msr CPSR_f, #0xf0000000
    expect([m.cpu.n, m.cpu.z, m.cpu.c, m.cpu.v]).toEqual([1, 1, 1, 1]);
  });

  it('an empty field mask writes nothing', () => {
    const m = createTestMachine();
    m.cpu.r[0] = 0xffffffff;
    execArm(m, 0xe120f000); // msr CPSR_, r0
    expect(m.cpu.cpsr).toBe((Mode.SVC | PSR.I | PSR.F) >>> 0);
  });
});
