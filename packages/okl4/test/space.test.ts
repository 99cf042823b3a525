import { describe, expect, it } from 'vitest';
import { BOARDS, bootBoard } from './boards.js';
import { guestImage } from './guest-images.js';

const space = guestImage('tests/space/space.elf');

// A PID change of the caller's own space must take effect before the caller's next access: otherwise the
// CPU keeps the old DACR/PID and every fetch faults on a CPD entry filled at the new PID's MVA.
describe('SpaceControl on the calling thread\'s own space', () => {
  for (const board of BOARDS) {
    it(`moves the space to new FCSE PIDs and keeps running on the ${board}`, () => {
      const b = bootBoard({ programs: [{ name: 'space', elf: space, privileged: true }] }, { board, timing: 'cycle' });
      const result = b.run(50_000_000);
      const out = b.console();
      expect(out, out).toContain('space test done: 0 failures');
      expect(out).not.toContain('FAIL');
      expect(result.reason).toBe('halted');
      // Each move costs at most a refill of the few sections the program touches, not a fault loop.
      expect(b.kernel.mmu.stats.domainFaults).toBeLessThan(40);
    });
  }

  it('works without FASS too (the PID is then only recorded)', () => {
    const b = bootBoard({ programs: [{ name: 'space', elf: space, privileged: true }] }, { kernel: { fass: false }, timing: 'cycle' });
    b.run(50_000_000);
    expect(b.console()).toContain('space test done: 0 failures');
  });
});
