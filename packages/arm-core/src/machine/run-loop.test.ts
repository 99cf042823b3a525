import { describe, expect, it } from 'vitest';
import { createMachine } from './create-machine.js';

/** Writes ARM words at 0x30000000 and points the core there. */
function machineWith(words: number[]) {
  const m = createMachine({ cpu: 'arm920t' });
  m.bus.mapRam(0x30000000, 1 << 20);
  words.forEach((w, i) => m.bus.write(0x30000000 + 4 * i, w, 4));
  m.cpu.pc = 0x30000000;
  return m;
}
const B_SELF = 0xeafffffe; // b .
const WFI = 0xee070f90; // mcr p15, 0, r0, c7, c0, 4
const CPSID_SVC_IRQ_ON = 0xe321f013; // msr cpsr_c, #0x13 (SVC, IRQ and FIQ enabled)

describe('RunLoop', () => {
  it('stops a runaway guest at the cycle limit', () => {
    const r = machineWith([B_SELF]).run({ maxCycles: 10_000 });
    expect(r).toMatchObject({ reason: 'cycle-limit', cycles: 10_000, instructions: 10_000 });
  });

  it('stops at the instruction limit', () => {
    expect(machineWith([B_SELF]).run({ maxInstructions: 77 })).toMatchObject({ reason: 'instruction-limit', instructions: 77 });
  });

  it('reports a halt when the core waits for an interrupt with IRQ and FIQ masked', () => {
    const r = machineWith([WFI, B_SELF]).run({ maxCycles: 1e6 });
    expect(r.reason).toBe('halted');
    expect(r.detail).toMatch(/masked/);
  });

  it('skips idle time to the next event and wakes on an interrupt line', () => {
    const m = machineWith([CPSID_SVC_IRQ_ON, WFI, B_SELF]);
    // An IRQ vector at 0x18 is absent; hook IRQ to observe when it is taken.
    let takenAt = -1;
    m.cpu.hookException('irq', (cpu) => {
      takenAt = m.clock.cycles;
      cpu.setIrqLine(false);
      cpu.returnFromException();
    });
    m.scheduler.schedule(1_000_000, () => m.cpu.setIrqLine(true), 'wake');
    const r = m.run({ maxCycles: 1_000_100 });
    expect(takenAt).toBe(1_000_000);
    expect(r.reason).toBe('cycle-limit');
    // Two instructions before the wait, then the idle skip, then spinning on `b .` until the limit.
    expect(r.instructions).toBeLessThan(200);
  });

  it('reports a halt when waiting with nothing scheduled that could raise an interrupt', () => {
    const r = machineWith([CPSID_SVC_IRQ_ON, WFI]).run({ maxCycles: 1e6 });
    expect(r).toMatchObject({ reason: 'halted' });
    expect(r.detail).toMatch(/nothing will raise/);
  });

  it('turns a simulator failure into an error result instead of crashing the host', () => {
    const m = machineWith([B_SELF]);
    m.scheduler.schedule(10, () => {
      throw new Error('device model bug');
    });
    expect(m.run({ maxCycles: 100 })).toMatchObject({ reason: 'error', detail: 'Error: device model bug' });
  });

  it('returns stopped with the exit status when asked to stop', () => {
    const m = machineWith([B_SELF]);
    m.scheduler.schedule(50, () => m.requestStop('test', 7));
    expect(m.run({ maxCycles: 1000 })).toMatchObject({ reason: 'stopped', detail: 'test', exitStatus: 7, cycles: 50 });
  });
});
