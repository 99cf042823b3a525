import { describe, expect, it } from 'vitest';
import { EXAMPLES, bootIguanaBoard, multithreadProgram, programOutput, type BoardName } from './boards.js';

const SEVEN_LINES = [
  'Switching to the second thread:',
  'Second Thread Command Line Arguments:',
  '\tHello',
  '\tSecond',
  '\tThread',
  '-------------------------------------',
  'Second thread works!',
];

describe.each<BoardName>(['mba2440', 'smdk6410'])('examples on the %s', (board) => {
  it('multithread prints the seven lines of the paper\'s Figure 2, in order, and the system ends', () => {
    const b = bootIguanaBoard([multithreadProgram()], { board });
    const r = b.run();
    expect(programOutput(b.console())).toEqual(SEVEN_LINES);
    expect(b.console()).toContain('iguana: all programs have finished\n');
    expect(r.reason).toBe('halted');
    expect(b.kernel.threads.size).toBe(0);
  });

  it.each([2, 5, 16])('dining_philosophers with %i philosophers starts and finishes', (n) => {
    const b = bootIguanaBoard([{ name: 'dining_philosophers', elf: EXAMPLES.dining(), args: ['7', String(n), 'server'] }], { board });
    b.run();
    const main = b.iguana.server.threadIds.get('dining_philosophers')!.toString(16);
    expect(programOutput(b.console())).toEqual([
      `Start Dining philosophers test #7(0x${main}): ${n} philosophers`,
      `Dining philosophers test #7(0x${main}) finished`,
    ]);
    expect(b.kernel.threads.size).toBe(0);
    expect(b.kernel.mutexes.size).toBe(0);
  });
});

describe('examples together', () => {
  it('runs both examples in one image, each in its own PD', () => {
    const b = bootIguanaBoard([multithreadProgram(), { name: 'dining_philosophers', elf: EXAMPLES.dining(), args: ['1', '5'] }]);
    b.run();
    const out = programOutput(b.console());
    expect(out.filter((l) => !l.includes('Dining'))).toEqual(SEVEN_LINES);
    expect(out.filter((l) => l.includes('Dining'))).toHaveLength(2);
    expect(b.console()).toMatch(/boot info: 2 programs, \d+ memsections, 3 threads started/);
  });

  it('rejects a philosopher count it cannot seat', () => {
    const b = bootIguanaBoard([{ name: 'dining_philosophers', elf: EXAMPLES.dining(), args: ['1', '1'] }]);
    b.run();
    expect(programOutput(b.console())).toEqual(['dining_philosophers: need 2..64 philosophers, got 1']);
  });

  it('is deterministic: the same console and cycle count in cycle timing, run after run', () => {
    const once = () => {
      const b = bootIguanaBoard([{ name: 'dining_philosophers', elf: EXAMPLES.dining(), args: ['1', '5'] }], { timing: 'cycle' });
      b.run();
      return { out: b.console(), cycles: b.kernel.machine.clock.cycles };
    };
    expect(once()).toEqual(once());
  });
});
