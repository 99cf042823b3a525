import { describe, expect, it } from 'vitest';
import type { Coprocessor, CoprocessorOperands } from '../../cpu/coprocessor.js';
import { Mode } from '../../cpu/modes.js';
import { createTestMachine, enterMode, execArm } from './test-harness.js';

/** Records calls; registers live in a map keyed by "opc1,crn,crm,opc2"; unknown registers are UNDEFINED. */
class RecordingCoprocessor implements Coprocessor {
  readonly calls: string[] = [];
  readonly registers = new Map<string, number>();
  ldcWords: number[] = [];
  cdpAccepts = true;

  private key(op: CoprocessorOperands): string {
    return `${op.opc1},${op.crn},${op.crm},${op.opc2}`;
  }
  mrc(op: CoprocessorOperands, privileged: boolean): number | undefined {
    this.calls.push(`mrc ${this.key(op)} ${privileged ? 'priv' : 'user'}`);
    return this.registers.get(this.key(op));
  }
  mcr(op: CoprocessorOperands, value: number, privileged: boolean): boolean {
    this.calls.push(`mcr ${this.key(op)} ${value.toString(16)} ${privileged ? 'priv' : 'user'}`);
    if (!this.registers.has(this.key(op))) return false;
    this.registers.set(this.key(op), value);
    return true;
  }
  cdp(op: CoprocessorOperands & { readonly crd: number }): boolean {
    this.calls.push(`cdp ${this.key(op)} crd=${op.crd}`);
    return this.cdpAccepts;
  }
  ldc(crd: number, words: number[]): boolean {
    this.calls.push(`ldc cr${crd} ${words.map((w) => w.toString(16)).join(',')}`);
    this.ldcWords = [...words];
    return true;
  }
  stcWords(crd: number, count: number): number[] | undefined {
    this.calls.push(`stc cr${crd} ${count}`);
    return Array.from({ length: count }, (_, i) => 0xc0 + i);
  }
}

function machineWith(cpNumber: number) {
  const m = createTestMachine();
  const cp = new RecordingCoprocessor();
  m.cpu.coprocessors[cpNumber] = cp;
  return { m, cp };
}

describe('MCR/MRC', () => {
  it('route opc1, CRn, CRm, opc2 and the privilege to the coprocessor', () => {
    const { m, cp } = machineWith(15);
    cp.registers.set('0,1,0,0', 0x1234);
    execArm(m, 0xee110f10); // mrc p15, 0, r0, c1, c0, 0
    expect(m.cpu.r[0]).toBe(0x1234);
    m.cpu.r[0] = 0xc0007177;
    execArm(m, 0xee010f10); // mcr p15, 0, r0, c1, c0, 0
    expect(cp.registers.get('0,1,0,0')).toBe(0xc0007177);
    expect(cp.calls).toEqual(['mrc 0,1,0,0 priv', 'mcr 0,1,0,0 c0007177 priv']);
  });

  it('MRC to r15 sets N Z C V from the top four bits', () => {
    const { m, cp } = machineWith(15);
    cp.registers.set('0,7,14,3', 0x40000000);
    m.cpu.n = 1;
    execArm(m, 0xee17ff7e); // mrc p15, 0, APSR_nzcv, c7, c14, 3
    expect([m.cpu.n, m.cpu.z, m.cpu.c, m.cpu.v]).toEqual([0, 1, 0, 0]);
    expect(m.cpu.pc).toBe(0x1004);
  });

  it('pass opc1 of three bits and the User-mode privilege', () => {
    const { m, cp } = machineWith(7);
    enterMode(m.cpu, Mode.USR);
    m.cpu.r[0] = 5;
    execArm(m, 0xee220793); // mcr p7, 1, r0, c2, c3, 4 (unknown register → UNDEFINED)
    expect(cp.calls).toEqual(['mcr 1,2,3,4 5 user']);
    expect(m.cpu.mode).toBe(Mode.UND);
  });

  it('are UNDEFINED without a coprocessor or when it answers undefined', () => {
    const m = createTestMachine();
    execArm(m, 0xee110f10);
    expect(m.cpu.mode).toBe(Mode.UND);
    const { m: m2 } = machineWith(15);
    m2.cpu.r[0] = 0xabc;
    execArm(m2, 0xee110f10); // register not present
    expect(m2.cpu.mode).toBe(Mode.UND);
  });

  it('cost coprocessor handshake cycles', () => {
    const m = createTestMachine({ timing: 'cycle' });
    const cp = new RecordingCoprocessor();
    cp.registers.set('0,1,0,0', 0);
    m.cpu.coprocessors[15] = cp;
    expect(execArm(m, 0xee110f10)).toBe(2);
  });
});

describe('CDP', () => {
  it('routes all operands', () => {
    const { m, cp } = machineWith(7);
    execArm(m, 0xeef217e3); // cdp p7, 15, c1, c2, c3, 7
    expect(cp.calls).toEqual(['cdp 15,2,3,7 crd=1']);
    expect(m.cpu.mode).toBe(Mode.SVC);
  });

  it('is UNDEFINED when refused', () => {
    const { m, cp } = machineWith(7);
    cp.cdpAccepts = false;
    execArm(m, 0xeef217e3);
    expect(m.cpu.mode).toBe(Mode.UND);
  });
});

describe('LDC/STC', () => {
  const BASE = 0x8000;

  it('LDC pre-indexed reads the words and passes them on', () => {
    const { m, cp } = machineWith(7);
    m.memory.poke32(BASE + 8, 0xaaaa);
    m.cpu.r[0] = BASE;
    execArm(m, 0xed901702); // ldc p7, c1, [r0, #8]
    expect(cp.calls).toEqual(['ldc cr1 aaaa']);
    expect(m.cpu.r[0]).toBe(BASE);
  });

  it('LDCL with write-back moves two words and updates the base', () => {
    const { m, cp } = machineWith(7);
    m.memory.poke32(BASE - 1020, 1);
    m.memory.poke32(BASE - 1016, 2);
    m.cpu.r[0] = BASE;
    execArm(m, 0xed7017ff); // ldcl p7, c1, [r0, #-1020]!
    expect(cp.ldcWords).toEqual([1, 2]);
    expect(m.cpu.r[0]).toBe(BASE - 1020);
  });

  it('STC post-indexed stores at the base, then writes back', () => {
    const { m } = machineWith(7);
    m.cpu.r[0] = BASE;
    execArm(m, 0xec201702); // stc p7, c1, [r0], #-8
    expect(m.memory.peek32(BASE)).toBe(0xc0);
    expect(m.cpu.r[0]).toBe(BASE - 8);
  });

  it('STC unindexed leaves the base', () => {
    const { m } = machineWith(7);
    m.cpu.r[0] = BASE;
    execArm(m, 0xec801704); // stc p7, c1, [r0], {4}
    expect(m.memory.peek32(BASE)).toBe(0xc0);
    expect(m.cpu.r[0]).toBe(BASE);
  });

  it('are UNDEFINED when the coprocessor has no LDC/STC', () => {
    const m = createTestMachine();
    m.cpu.coprocessors[7] = { mrc: () => undefined, mcr: () => false };
    execArm(m, 0xed901702);
    expect(m.cpu.mode).toBe(Mode.UND);
  });
});
