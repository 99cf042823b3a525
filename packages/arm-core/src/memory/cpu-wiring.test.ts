import { describe, expect, it } from 'vitest';
import { Arm920tControl } from '../cp15/arm920t-cp15.js';
import { Cpu, type InstructionHandler, type InstructionSet } from '../cpu/cpu.js';
import { Mode } from '../cpu/modes.js';
import { FaultStatus } from './fault-status.js';
import { RAM_BASE, makeMachine } from './test-support.js';

/**
 * A stub instruction set (the real one is built elsewhere): 0xE5910000 (ldr r0, [r1]) and 0xEE070F90
 * (mcr p15, 0, r0, c7, c0, 4: wait for interrupt); anything else is a no-op. Enough to check the wiring
 * of MemorySystem + CP15 to the core.
 */
const stubIsa: InstructionSet = {
  arch: 'v4T',
  decodeArm(instr: number): InstructionHandler {
    if (instr >>> 0 === 0xe5910000) return (cpu) => void (cpu.r[0] = cpu.memory.read32(cpu.r[1]));
    if (instr >>> 0 === 0xee070f90) {
      return (cpu) => {
        if (!cpu.coprocessors[15]!.mcr({ opc1: 0, crn: 7, crm: 0, opc2: 4 }, 0, cpu.privileged)) cpu.undefinedInstruction(instr);
      };
    }
    return () => {};
  },
  decodeThumb: () => () => {},
  decodeArmUnconditional: () => () => {},
};

function wiredMachine() {
  const m = makeMachine('functional');
  const cpu = new Cpu({ isa: stubIsa, memory: m.mem, clock: m.clock, timing: 'functional' });
  // The wiring the board does:
  cpu.coprocessors[15] = m.mem.cp15;
  m.mem.cp15.onWaitForInterrupt = () => (cpu.waitingForInterrupt = true);
  m.mem.cp15.onControlChange = (c) => (cpu.vectorBase = (c & Arm920tControl.V) !== 0 ? 0xffff0000 : 0);
  return { ...m, cpu };
}

describe('MemorySystem wired to the core', () => {
  it('turns a faulting load into a data abort with FSR and FAR recorded', () => {
    const { cpu, mem, bus, tables } = wiredMachine();
    tables.section(0x00000000, RAM_BASE + 0x100000, { ap: 3 });
    mem.cp15.dacr = 1;
    mem.cp15.control = Arm920tControl.M;
    bus.write(RAM_BASE + 0x100000, 0xe5910000, 4); // ldr r0, [r1]
    cpu.pc = 0;
    cpu.r[1] = 0x40000000;
    cpu.step();
    expect(cpu.mode).toBe(Mode.ABT);
    expect(cpu.pc).toBe(0x10);
    expect(cpu.r[14]).toBe(8);
    expect(mem.cp15.dataFsr).toBe(FaultStatus.TRANSLATION_SECTION);
    expect(mem.cp15.far).toBe(0x40000000);
  });

  it('turns a faulting fetch into a prefetch abort at high vectors when V=1', () => {
    const { cpu, mem } = wiredMachine();
    mem.cp15.dacr = 1;
    mem.cp15.control = Arm920tControl.M | Arm920tControl.V;
    expect(cpu.vectorBase).toBe(0xffff0000);
    cpu.pc = 0x1000;
    cpu.step();
    expect(cpu.mode).toBe(Mode.ABT);
    expect(cpu.pc).toBe(0xffff000c);
    expect(mem.cp15.instructionFsr).toBe(FaultStatus.TRANSLATION_SECTION);
  });

  it('user-mode loads are checked against user permissions, and CP15 is UNDEFINED from user mode', () => {
    const { cpu, mem, bus, tables } = wiredMachine();
    tables.section(0x00000000, RAM_BASE + 0x100000, { ap: 3 });
    tables.section(0x00100000, RAM_BASE + 0x200000, { ap: 1 });
    mem.cp15.dacr = 1;
    mem.cp15.control = Arm920tControl.M;
    bus.write(RAM_BASE + 0x100000, 0xe5910000, 4);
    bus.write(RAM_BASE + 0x100004, 0xee070f90, 4);
    cpu.cpsr = Mode.USR;
    expect(mem.privileged).toBe(false);
    cpu.pc = 0;
    cpu.r[1] = 0x00100000;
    cpu.step();
    expect(cpu.mode).toBe(Mode.ABT);
    expect(mem.cp15.dataFsr).toBe(FaultStatus.PERMISSION_SECTION);
    expect(mem.privileged).toBe(true);
    cpu.cpsr = Mode.USR;
    cpu.pc = 4;
    cpu.step();
    expect(cpu.mode).toBe(Mode.UND);
  });

  it('wait-for-interrupt stops the core', () => {
    const { cpu, bus } = wiredMachine();
    bus.write(RAM_BASE, 0xee070f90, 4);
    cpu.pc = RAM_BASE;
    cpu.step();
    expect(cpu.waitingForInterrupt).toBe(true);
  });
});
