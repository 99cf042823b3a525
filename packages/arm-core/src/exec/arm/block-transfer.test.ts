import { describe, expect, it } from 'vitest';
import { Mode, PSR } from '../../cpu/modes.js';
import { CODE_BASE, createTestMachine, enterMode, execArm } from './test-harness.js';

const BASE = 0x8000;

function fill(m: ReturnType<typeof createTestMachine>, from: number, words: number[]): void {
  words.forEach((w, i) => m.memory.poke32(from + 4 * i, w));
}

describe('LDM addressing modes', () => {
  // word, loaded from (lowest address), base after
  const cases: [string, number, number, number][] = [
    ['IA', 0xe890000e, BASE, BASE], // ldm r0, {r1, r2, r3}
    ['IB!', 0xe9b0000e, BASE + 4, BASE + 12], // ldmib r0!, {r1, r2, r3}
    ['DA!', 0xe830000e, BASE - 8, BASE - 12], // ldmda r0!, {r1, r2, r3}
    ['DB', 0xe910000e, BASE - 12, BASE], // ldmdb r0, {r1, r2, r3}
  ];
  it.each(cases)('%s loads ascending registers from ascending addresses', (_n, word, lowest, baseAfter) => {
    const m = createTestMachine();
    fill(m, BASE - 16, [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8]);
    m.cpu.r[0] = BASE;
    execArm(m, word);
    const first = 0xa0 + (lowest - (BASE - 16)) / 4;
    expect([m.cpu.r[1], m.cpu.r[2], m.cpu.r[3]]).toEqual([first, first + 1, first + 2]);
    expect(m.cpu.r[0]).toBe(baseAfter);
  });
});

describe('STM addressing modes', () => {
  const cases: [string, number, number, number][] = [
    ['IA!', 0xe8a0000e, BASE, BASE + 12],
    ['IB', 0xe980000e, BASE + 4, BASE],
    ['DA', 0xe800000e, BASE - 8, BASE],
    ['DB!', 0xe920000e, BASE - 12, BASE - 12],
  ];
  it.each(cases)('%s stores ascending registers at ascending addresses', (_n, word, lowest, baseAfter) => {
    const m = createTestMachine();
    m.cpu.r[0] = BASE;
    m.cpu.r[1] = 0x11;
    m.cpu.r[2] = 0x22;
    m.cpu.r[3] = 0x33;
    execArm(m, word);
    expect([m.memory.peek32(lowest), m.memory.peek32(lowest + 4), m.memory.peek32(lowest + 8)]).toEqual([0x11, 0x22, 0x33]);
    expect(m.memory.accesses.map((a) => a.address)).toEqual([lowest, lowest + 4, lowest + 8]);
    expect(m.cpu.r[0]).toBe(baseAfter);
  });
});

describe('base register in the list', () => {
  it('STM stores the original base when it is the first register', () => {
    const m = createTestMachine();
    m.cpu.r[0] = BASE;
    m.cpu.r[1] = 0x11;
    execArm(m, 0xe8a00003); // stmia r0!, {r0, r1}
    expect(m.memory.peek32(BASE)).toBe(BASE);
    expect(m.cpu.r[0]).toBe(BASE + 8);
  });

  it('STM stores the written-back base when it is not the first (ARM7TDMI behaviour)', () => {
    const m = createTestMachine();
    m.cpu.r[0] = 0x10;
    m.cpu.r[1] = BASE;
    execArm(m, 0xe8a10003); // stmia r1!, {r0, r1}
    expect(m.memory.peek32(BASE + 4)).toBe(BASE + 8);
    expect(m.cpu.r[1]).toBe(BASE + 8);
  });

  it('LDM with write-back: the loaded value wins', () => {
    const m = createTestMachine();
    fill(m, BASE, [0x1234, 0x5678]);
    m.cpu.r[0] = BASE;
    execArm(m, 0xe8b00003); // ldm r0!, {r0, r1}
    expect(m.cpu.r[0]).toBe(0x1234);
    m.cpu.r[1] = BASE;
    execArm(m, 0xe8b10003); // ldm r1!, {r0, r1}
    expect(m.cpu.r[1]).toBe(0x5678);
  });
});

describe('empty register list (UNPREDICTABLE: ARM7TDMI behaviour)', () => {
  it('LDM loads PC alone and steps the base by 0x40', () => {
    const m = createTestMachine();
    m.memory.poke32(BASE, 0x2000);
    m.cpu.r[0] = BASE;
    execArm(m, 0xe8b00000); // ldm r0!, {}
    expect(m.cpu.pc).toBe(0x2000);
    expect(m.cpu.r[0]).toBe(BASE + 0x40);
  });

  it('STMDB stores PC at base - 0x40 and writes back', () => {
    const m = createTestMachine();
    m.cpu.r[0] = BASE;
    execArm(m, 0xe9200000); // stmdb r0!, {}
    expect(m.memory.accesses).toEqual([{ kind: 'w', address: BASE - 0x40, size: 4, value: CODE_BASE + 12, privileged: true }]);
    expect(m.cpu.r[0]).toBe(BASE - 0x40);
  });
});

describe('r15 in the list', () => {
  it('STM stores the address + 12', () => {
    const m = createTestMachine();
    m.cpu.r[0] = BASE;
    execArm(m, 0xe8808000); // stm r0, {pc}
    expect(m.memory.peek32(BASE)).toBe(CODE_BASE + 12);
  });

  it('LDM loads PC without interworking on v4T and costs n + 4 cycles', () => {
    const m = createTestMachine({ timing: 'cycle' });
    fill(m, BASE, [7, 0x2003]);
    m.cpu.r[0] = BASE;
    expect(execArm(m, 0xe8908002)).toBe(1 + 4); // ldm r0, {r1, pc}
    expect(m.cpu.r[1]).toBe(7);
    expect(m.cpu.pc).toBe(0x2000);
    expect(m.cpu.thumb).toBe(false);
  });

  it('pop {r4-r11, pc} returns', () => {
    const m = createTestMachine();
    fill(m, BASE, [4, 5, 6, 7, 8, 9, 10, 11, 0x3000]);
    m.cpu.r[13] = BASE;
    execArm(m, 0xe8bd8ff0);
    expect(Array.from(m.cpu.r.slice(4, 12))).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(m.cpu.r[13]).toBe(BASE + 36);
    expect(m.cpu.pc).toBe(0x3000);
  });
});

describe('^ forms', () => {
  it('STM ^ stores the User-mode r8–r14 from FIQ mode', () => {
    const m = createTestMachine();
    for (let i = 8; i <= 14; i++) m.cpu.setReg(i, 0x100 + i, 'usr');
    enterMode(m.cpu, Mode.FIQ);
    for (let i = 8; i <= 14; i++) m.cpu.r[i] = 0xf00 + i;
    m.cpu.r[0] = BASE;
    execArm(m, 0xe8c07f00); // stmia r0, {r8-r14}^
    for (let i = 8; i <= 14; i++) expect(m.memory.peek32(BASE + 4 * (i - 8))).toBe(0x100 + i);
  });

  it('LDM ^ without PC loads the User-mode registers and does not write back', () => {
    const m = createTestMachine();
    enterMode(m.cpu, Mode.FIQ);
    for (let i = 8; i <= 14; i++) m.cpu.r[i] = 0xf00 + i;
    fill(m, BASE, [8, 9, 10, 11, 12, 13, 14]);
    m.cpu.r[0] = BASE;
    execArm(m, 0xe8f07f00); // ldm r0!, {r8-r14}^ (W set: ignored)
    for (let i = 8; i <= 14; i++) {
      expect(m.cpu.getReg(i, 'usr')).toBe(i);
      expect(m.cpu.r[i]).toBe(0xf00 + i);
    }
    expect(m.cpu.r[0]).toBe(BASE);
  });

  it('LDM ^ with PC restores CPSR from SPSR (exception return), with write-back', () => {
    const m = createTestMachine();
    m.cpu.setReg(13, 0x7777, 'usr');
    enterMode(m.cpu, Mode.SVC);
    m.cpu.currentSpsr = (Mode.USR | PSR.Z | PSR.T) >>> 0;
    fill(m, BASE, [0x42, 0x4001]);
    m.cpu.r[0] = BASE;
    execArm(m, 0xe8f08002); // ldm r0!, {r1, pc}^
    expect(m.cpu.mode).toBe(Mode.USR);
    expect(m.cpu.thumb).toBe(true);
    expect(m.cpu.z).toBe(1);
    expect(m.cpu.pc).toBe(0x4000);
    expect(m.cpu.r[1]).toBe(0x42);
    expect(m.cpu.r[13]).toBe(0x7777);
    expect(m.cpu.getReg(0, 'usr')).toBe(BASE + 8);
  });
});

describe('data aborts', () => {
  it('an abort on any word of LDM leaves every register unchanged', () => {
    const m = createTestMachine();
    fill(m, BASE, [1, 2, 3]);
    m.memory.faultAddresses.add(BASE + 8);
    m.cpu.r[0] = BASE;
    m.cpu.r[1] = 0xaa;
    m.cpu.r[2] = 0xbb;
    execArm(m, 0xe8b0000e); // ldm r0!, {r1, r2, r3}
    expect(m.cpu.mode).toBe(Mode.ABT);
    expect([m.cpu.getReg(0, 'svc'), m.cpu.getReg(1), m.cpu.getReg(2)]).toEqual([BASE, 0xaa, 0xbb]);
    expect(m.cpu.r[14]).toBe(CODE_BASE + 8);
  });

  it('an abort in STM leaves the base unchanged (base-restored model)', () => {
    const m = createTestMachine();
    m.memory.faultAddresses.add(BASE + 4);
    m.cpu.r[0] = BASE;
    execArm(m, 0xe8a0000e); // stmia r0!, {r1, r2, r3}
    expect(m.cpu.getReg(0, 'svc')).toBe(BASE);
    expect(m.cpu.mode).toBe(Mode.ABT);
  });
});

describe('timing (cycle mode)', () => {
  it('n registers take n cycles, at least 2', () => {
    const m = createTestMachine({ timing: 'cycle' });
    m.cpu.r[0] = BASE;
    expect(execArm(m, 0xe880000e)).toBe(2); // stm r0, {r1, r2, r3}
    expect(execArm(m, 0xe8800002)).toBe(1); // stm r0, {r1}: 2 cycles
    expect(execArm(m, 0xe890000e)).toBe(2); // ldm r0, {r1, r2, r3}
    expect(execArm(m, 0xe8900002)).toBe(1); // ldm r0, {r1}: 2 cycles
    // The next instruction reads r1, which the LDM just loaded: one more cycle.
    expect(execArm(m, 0xe880000e)).toBe(3);
  });
});
