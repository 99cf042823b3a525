import { describe, expect, it } from 'vitest';
import { Arm920tControl } from '../cp15/arm920t-cp15.js';
import { Cpu, type InstructionSet } from '../cpu/cpu.js';
import { Mode } from '../cpu/modes.js';
import { FaultStatus } from './fault-status.js';
import type { TimingMode } from './memory-types.js';
import { RAM_BASE, catchFault, enableMmu, makeMachine } from './test-support.js';

// ARM920T TRM, "Changing the ProcID": the two instructions after the MCR that writes the FCSE PID were
// already fetched with the old PID; the third and all data accesses use the new one.

const PID = (n: number) => (n << 25) >>> 0;
/** Process A (PID 1) and B (PID 2) each map their VA 0 (1 MB section) here. */
const PA_A = RAM_BASE + 0x200000;
const PA_B = RAM_BASE + 0x300000;
const MCR_PID = { opc1: 0, crn: 13, crm: 0, opc2: 0 };

function setup(timing: TimingMode) {
  const m = makeMachine(timing);
  m.tables.section(PID(1), PA_A, { ap: 3, c: true });
  m.tables.section(PID(2), PA_B, { ap: 3, c: true });
  // Each process's code at VA 0x200: words 0xa0.. (A) and 0xb0.. (B); data word at VA 0x10.
  for (let i = 0; i < 8; i++) {
    m.bus.write(PA_A + 0x200 + 4 * i, 0xa0 + i, 4);
    m.bus.write(PA_B + 0x200 + 4 * i, 0xb0 + i, 4);
  }
  m.bus.write(PA_A + 0x10, 0xda, 4);
  m.bus.write(PA_B + 0x10, 0xdb, 4);
  enableMmu(m.mem, Arm920tControl.I | Arm920tControl.C);
  m.mem.cp15.fcsePid = PID(1);
  return m;
}

describe.each<TimingMode>(['functional', 'cycle'])('FCSE PID fetch lag (%s)', (timing) => {
  it('fetches the two instructions after the MCR with the old PID, the third and data with the new one', () => {
    const { mem } = setup(timing);
    expect(mem.cp15.mcr(MCR_PID, PID(2), true)).toBe(true);
    expect(mem.read32(0x10)).toBe(0xdb);
    expect(mem.fetch32(0x200)).toBe(0xa0);
    expect(mem.fetch32(0x204)).toBe(0xa1);
    expect(mem.fetch32(0x208)).toBe(0xb2);
    expect(mem.fetch32(0x20c)).toBe(0xb3);
    expect(mem.fetch32(0x200)).toBe(0xb0);
  });

  it('installs the I fast path again once the lag is over', () => {
    const { mem } = setup(timing);
    mem.cp15.mcr(MCR_PID, PID(2), true);
    mem.fetch32(0x200);
    mem.fetch32(0x204);
    mem.fetch32(0x208);
    const lookups = mem.itlb.stats.hits + mem.itlb.stats.misses;
    expect(mem.fetch32(0x20c)).toBe(0xb3);
    expect(mem.fetch32(0x210)).toBe(0xb4);
    expect(mem.itlb.stats.hits + mem.itlb.stats.misses).toBe(lookups);
  });

  it('ends the lag at a jump (taken branch: the prefetched instruction is discarded)', () => {
    const { mem } = setup(timing);
    mem.cp15.mcr(MCR_PID, PID(2), true);
    expect(mem.fetch32(0x200)).toBe(0xa0);
    expect(mem.fetch32(0x210)).toBe(0xb4);
    expect(mem.fetch32(0x214)).toBe(0xb5);
  });

  it('ends the lag at a Thumb fetch (BX taken)', () => {
    const { mem } = setup(timing);
    mem.cp15.mcr(MCR_PID, PID(2), true);
    expect(mem.fetch32(0x200)).toBe(0xa0);
    expect(mem.fetch16(0x204)).toBe(0xb1);
  });

  it('ends the lag at an exception entry or return (CPSR write)', () => {
    const { mem } = setup(timing);
    mem.cp15.mcr(MCR_PID, PID(2), true);
    mem.modeChanged();
    expect(mem.fetch32(0x200)).toBe(0xb0);
    expect(mem.fetch32(0x204)).toBe(0xb1);
  });

  it('has no lag when the PID is set through the typed accessor', () => {
    const { mem } = setup(timing);
    mem.cp15.fcsePid = PID(2);
    expect(mem.fetch32(0x200)).toBe(0xb0);
  });

  it('takes a prefetch abort when the old PID does not map the prefetched instruction', () => {
    const { mem } = setup(timing);
    mem.cp15.fcsePid = PID(3);
    mem.cp15.mcr(MCR_PID, PID(2), true);
    const f = catchFault(() => mem.fetch32(0x200));
    expect(f).toMatchObject({ kind: 'prefetch', status: FaultStatus.TRANSLATION_SECTION, address: 0x200 });
    expect(mem.cp15.instructionFsr & 15).toBe(FaultStatus.TRANSLATION_SECTION);
    // The abort entry writes the CPSR, which ends the lag.
    mem.modeChanged();
    expect(mem.fetch32(0x200)).toBe(0xb0);
  });
});

describe.each<TimingMode>(['functional', 'cycle'])('FCSE PID fetch lag on the core (%s)', (timing) => {
  const MCR_C13 = 0xee0d0f10; // mcr p15, 0, r0, c13, c0, 0
  /** Stub ISA: the MCR above, and every other word (cond AL) records its low byte. */
  function wired() {
    const m = setup(timing);
    const seen: number[] = [];
    const isa: InstructionSet = {
      arch: 'v4T',
      decodeArm: (instr) =>
        instr >>> 0 === MCR_C13 ? (cpu) => void cpu.coprocessors[15]!.mcr(MCR_PID, cpu.r[0], cpu.privileged) : () => void seen.push(instr & 0xff),
      decodeThumb: () => () => {},
      decodeArmUnconditional: () => () => {},
    };
    const cpu = new Cpu({ isa, memory: m.mem, clock: m.clock, timing });
    cpu.coprocessors[15] = m.mem.cp15;
    const code = (pa: number, words: number[]) => words.forEach((w, i) => m.bus.write(pa + 4 * i, w, 4));
    code(PA_A + 0x200, [MCR_C13, 0xe00000a1, 0xe00000a2, 0xe00000a3]);
    code(PA_B + 0x200, [MCR_C13, 0xe00000b1, 0xe00000b2, 0xe00000b3]);
    code(PA_A + 0x18, [0xe00000a8]);
    code(PA_B + 0x18, [0xe00000b8]);
    cpu.cpsr = Mode.SVC;
    cpu.pc = 0x200;
    cpu.r[0] = PID(2);
    return { ...m, cpu, seen };
  }

  it('runs A1 and A2 from the old process and A3 from the new one', () => {
    const { cpu, seen } = wired();
    for (let i = 0; i < 4; i++) cpu.step();
    expect(seen).toEqual([0xa1, 0xa2, 0xb3]);
  });

  it('fetches the IRQ vector taken right after the MCR with the new PID', () => {
    const { cpu, seen } = wired();
    cpu.step();
    cpu.setIrqLine(true);
    cpu.step();
    expect(cpu.mode).toBe(Mode.IRQ);
    cpu.step();
    expect(seen).toEqual([0xb8]);
  });
});
