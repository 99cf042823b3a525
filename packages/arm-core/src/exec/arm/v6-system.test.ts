import { describe, expect, it } from 'vitest';
import { MemoryFault } from '../../cpu/fault.js';
import { Mode, PSR } from '../../cpu/modes.js';
import { CODE_BASE, FlatMemory, createTestMachine, encodeArm, enterMode, execArm, runArm, type TestMachine } from './test-harness.js';

function v6(): TestMachine {
  return createTestMachine({ arch: 'v6Z' });
}

/** FlatMemory with the ARMv6 port extras: true unaligned accesses and a recorded alignment fault. */
class V6Memory extends FlatMemory {
  readonly alignmentFaults: number[] = [];
  readUnaligned32(va: number): number {
    return (this.read8(va) | (this.read8(va + 1) << 8) | (this.read8(va + 2) << 16) | (this.read8(va + 3) << 24)) >>> 0;
  }
  readUnaligned16(va: number): number {
    return this.read8(va) | (this.read8(va + 1) << 8);
  }
  writeUnaligned32(va: number, value: number): void {
    for (let i = 0; i < 4; i++) this.write8(va + i, (value >>> (8 * i)) & 0xff);
  }
  writeUnaligned16(va: number, value: number): void {
    this.write8(va, value & 0xff);
    this.write8(va + 1, (value >>> 8) & 0xff);
  }
  alignmentFault(va: number, write: boolean): never {
    this.alignmentFaults.push(va);
    throw new MemoryFault('data', 1, 0, va, write, 'alignment');
  }
}

function v6WithPort(): TestMachine {
  return createTestMachine({ arch: 'v6Z', memory: new V6Memory() });
}

describe('LDREX/STREX and the local monitor', () => {
  it('STREX succeeds after LDREX of the same address, then fails (monitor open again)', () => {
    const m = v6();
    m.memory.poke32(0x800, 41);
    m.cpu.r[1] = 0x800;
    m.cpu.r[3] = 42;
    runArm(m, [
      0xe1910f9f, // ldrex r0, [r1]
      0xe1812f93, // strex r2, r3, [r1]
      0xe1814f93, // strex r4, r3, [r1]
    ]);
    expect(m.cpu.r[0]).toBe(41);
    expect(m.memory.peek32(0x800)).toBe(42);
    expect([m.cpu.r[2], m.cpu.r[4]]).toEqual([0, 1]);
  });

  it('fails after CLREX, for another address, and after an exception; a failing STREX does not write', () => {
    const m = v6();
    m.cpu.r[1] = 0x800;
    m.cpu.r[5] = 0x804;
    m.cpu.r[3] = 7;
    runArm(m, [0xe1910f9f, 0xf57ff01f, 0xe1812f93]); // ldrex; clrex; strex
    expect(m.cpu.r[2]).toBe(1);
    runArm(m, [0xe1910f9f, 0xe1852f93]); // ldrex [r1]; strex [r5]
    expect(m.cpu.r[2]).toBe(1);
    expect(m.memory.peek32(0x804)).toBe(0);
    runArm(m, [0xe1910f9f]);
    m.cpu.takeException('irq', m.cpu.pc);
    enterMode(m.cpu, Mode.SVC);
    runArm(m, [0xe1812f93]);
    expect(m.cpu.r[2]).toBe(1);
    expect(m.memory.peek32(0x800)).toBe(0);
  });

  it('byte, halfword and doubleword forms', () => {
    const m = v6();
    m.memory.poke32(0x800, 0x89abcdef);
    m.memory.poke32(0x804, 0x01234567);
    m.cpu.r[1] = 0x800;
    m.cpu.r[6] = 0x11111111;
    m.cpu.r[7] = 0x22222222;
    runArm(m, [
      encodeArm('LDREXB', { n: 1, d: 0 }),
      encodeArm('LDREXH', { n: 1, d: 2 }),
      encodeArm('LDREXD', { n: 1, d: 4 }),
      encodeArm('STREXD', { n: 1, d: 3, m: 6 }),
    ]);
    expect([m.cpu.r[0], m.cpu.r[2], m.cpu.r[4], m.cpu.r[5], m.cpu.r[3]]).toEqual([0xef, 0xcdef, 0x89abcdef, 0x01234567, 0]);
    expect([m.memory.peek32(0x800), m.memory.peek32(0x804)]).toEqual([0x11111111, 0x22222222]);
    runArm(m, [encodeArm('LDREXH', { n: 1, d: 2 }), encodeArm('STREXH', { n: 1, d: 3, m: 7 })]);
    expect([m.memory.peek32(0x800), m.cpu.r[3]]).toEqual([0x11112222, 0]);
    runArm(m, [encodeArm('LDREXB', { n: 1, d: 2 }), encodeArm('STREXB', { n: 1, d: 3, m: 7 })]);
    expect([m.memory.peek32(0x800), m.cpu.r[3]]).toEqual([0x11112222 & ~0xff | 0x22, 0]);
  });

  it('makes odd doubleword registers UNDEFINED', () => {
    const m = v6();
    execArm(m, encodeArm('LDREXD', { n: 1, d: 3 }));
    expect(m.cpu.mode).toBe(Mode.UND);
    const n = v6();
    execArm(n, encodeArm('STREXD', { n: 1, d: 2, m: 5 }));
    expect(n.cpu.mode).toBe(Mode.UND);
  });

  it('raises an alignment fault for a misaligned exclusive, whatever the monitor says', () => {
    const m = v6WithPort();
    m.cpu.r[1] = 0x802;
    execArm(m, 0xe1910f9f);
    expect(m.cpu.mode).toBe(Mode.ABT);
    const n = v6WithPort();
    n.cpu.r[1] = 0x804;
    execArm(n, encodeArm('LDREXD', { n: 1, d: 4 }));
    expect((n.memory as V6Memory).alignmentFaults).toEqual([0x804]);
    const s = v6WithPort();
    s.cpu.r[1] = 0x801;
    execArm(s, 0xe1812f93); // strex with the monitor open
    expect((s.memory as V6Memory).alignmentFaults).toEqual([0x801]);
  });
});

describe('CPS, SETEND, SRS, RFE, hints', () => {
  it('CPS changes A/I/F and the mode when privileged, nothing in User mode', () => {
    const m = v6();
    execArm(m, 0xf10801c0); // cpsie aif
    expect(m.cpu.cpsr & (PSR.A | PSR.I | PSR.F)).toBe(0);
    execArm(m, 0xf10e0091); // cpsid i, #17 (FIQ)
    expect(m.cpu.mode).toBe(Mode.FIQ);
    expect(m.cpu.cpsr & PSR.I).toBe(PSR.I);
    execArm(m, 0xf1020010); // cps #16
    expect(m.cpu.mode).toBe(Mode.USR);
    execArm(m, 0xf10e0093); // cpsid i, #19: no effect in User mode
    expect(m.cpu.mode).toBe(Mode.USR);
  });

  it('SETEND switches data endianness: LDR/STR/LDRH/LDM see big-endian data, fetches do not', () => {
    const m = v6();
    m.memory.poke32(0x800, 0x44332211);
    m.memory.poke32(0x804, 0x88776655);
    m.cpu.r[1] = 0x800;
    m.cpu.r[9] = 0xa1b2c3d4;
    runArm(m, [
      0xf1010200, // setend be
      0xe5910000, // ldr r0, [r1]
      0xe1d120b0, // ldrh r2, [r1]
      0xe1d130f0, // ldrsh r3, [r1]  (0x1122 → positive)
      0xe8910060, // ldm r1, {r5, r6}
      0xe5819008, // str r9, [r1, #8]
      0xe1c190bc, // strh r9, [r1, #12]
      0xe5d1a000, // ldrb r10, [r1]
      0xf1010000, // setend le
      0xe5914000, // ldr r4, [r1]
    ]);
    expect(m.cpu.r[0]).toBe(0x11223344);
    expect(m.cpu.r[2]).toBe(0x1122);
    expect(m.cpu.r[3]).toBe(0x1122);
    expect([m.cpu.r[5], m.cpu.r[6]]).toEqual([0x11223344, 0x55667788]);
    expect(m.memory.peek32(0x808)).toBe(0xd4c3b2a1);
    expect(m.memory.peek32(0x80c) & 0xffff).toBe(0xd4c3);
    expect(m.cpu.r[10]).toBe(0x11);
    expect(m.cpu.r[4]).toBe(0x44332211);
    expect(m.cpu.cpsr & PSR.E).toBe(0);
  });

  it('exception entry sets E from c1.EE (little-endian by default)', () => {
    const m = v6();
    execArm(m, 0xf1010200);
    expect(m.cpu.bigEndianData).toBe(true);
    m.cpu.takeException('irq', m.cpu.pc);
    expect(m.cpu.bigEndianData).toBe(false);
    expect(m.cpu.currentSpsr & PSR.E).toBe(PSR.E);
    m.cpu.exceptionBigEndian = true;
    m.cpu.takeException('swi', m.cpu.pc);
    expect(m.cpu.bigEndianData).toBe(true);
  });

  it('SRS stores LR and SPSR on another mode\'s stack; RFE returns through them', () => {
    const m = v6();
    enterMode(m.cpu, Mode.IRQ);
    m.cpu.r[14] = 0x2004;
    m.cpu.currentSpsr = Mode.USR | PSR.T | PSR.Z;
    m.cpu.writeBanked(13, Mode.SVC, 0x900);
    execArm(m, 0xf96d0513); // srsdb sp!, #19
    expect([m.memory.peek32(0x8f8), m.memory.peek32(0x8fc)]).toEqual([0x2004, Mode.USR | PSR.T | PSR.Z]);
    expect(m.cpu.readBanked(13, Mode.SVC)).toBe(0x8f8);
    enterMode(m.cpu, Mode.SVC);
    execArm(m, 0xf8bd0a00); // rfeia sp!
    expect(m.cpu.mode).toBe(Mode.USR);
    expect(m.cpu.thumb).toBe(true);
    expect(m.cpu.z).toBe(1);
    expect(m.cpu.pc).toBe(0x2004);
    expect(m.cpu.readBanked(13, Mode.SVC)).toBe(0x900);
  });

  it('SRS and RFE are UNDEFINED in User mode (SRS also in System mode: no SPSR)', () => {
    for (const mode of [Mode.USR, Mode.SYS]) {
      const m = v6();
      enterMode(m.cpu, mode);
      execArm(m, 0xf96d0513);
      expect(m.cpu.mode).toBe(Mode.UND);
    }
    const m = v6();
    enterMode(m.cpu, Mode.USR);
    execArm(m, 0xf8bd0a00);
    expect(m.cpu.mode).toBe(Mode.UND);
  });

  it('WFI waits for an interrupt; NOP, YIELD, WFE, SEV just move on', () => {
    const m = v6();
    for (const word of [0xe320f000, 0xe320f001, 0xe320f002, 0xe320f004]) {
      execArm(m, word);
      expect(m.cpu.waitingForInterrupt).toBe(false);
      expect(m.cpu.pc).toBe(CODE_BASE + 4);
    }
    execArm(m, 0xe320f003);
    expect(m.cpu.waitingForInterrupt).toBe(true);
  });
});

describe('unaligned accesses with c1.U = 1', () => {
  it('LDR/STR/LDRH/STRH make true unaligned accesses; LDM stays aligned', () => {
    const m = v6WithPort();
    const mem = m.memory;
    mem.poke32(0x800, 0x44332211);
    mem.poke32(0x804, 0x88776655);
    m.cpu.unalignedAccess = true;
    m.cpu.r[1] = 0x801;
    m.cpu.r[9] = 0xa1b2c3d4;
    runArm(m, [
      0xe5910000, // ldr r0, [r1]
      0xe1d120b0, // ldrh r2, [r1]
      0xe5819004, // str r9, [r1, #4]  (0x805)
    ]);
    expect(m.cpu.r[0]).toBe(0x55443322);
    expect(m.cpu.r[2]).toBe(0x3322);
    expect(mem.peek32(0x804)).toBe(0xb2c3d455);
    expect(mem.peek8(0x808)).toBe(0xa1);
  });

  it('with U = 0 an unaligned LDR still rotates (ARMv4/v5 behaviour)', () => {
    const m = v6WithPort();
    m.memory.poke32(0x800, 0x44332211);
    m.cpu.r[1] = 0x801;
    execArm(m, 0xe5910000);
    expect(m.cpu.r[0]).toBe(0x11443322);
  });

  it('big-endian and unaligned together: bytes in memory order, most significant first', () => {
    const m = v6WithPort();
    m.memory.poke32(0x800, 0x44332211);
    m.memory.poke32(0x804, 0x88776655);
    m.cpu.unalignedAccess = true;
    m.cpu.r[1] = 0x803;
    runArm(m, [0xf1010200, 0xe5910000]);
    expect(m.cpu.r[0]).toBe(0x44556677);
  });
});
