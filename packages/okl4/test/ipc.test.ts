import { describe, expect, it } from 'vitest';
import { BOARDS, bootBoard } from './boards.js';
import { expectGolden, guestImage } from './guest-images.js';

const ipc = guestImage('tests/ipc/ipc.elf');

function ipcImage() {
  return {
    programs: [
      {
        name: 'ipc',
        elf: ipc,
        priority: 100,
        threads: [
          { name: 'pong', entry: 'pong_main', priority: 100 },
          { name: 's1', entry: 's1_main', priority: 90 },
          { name: 's2', entry: 's2_main', priority: 90 },
          { name: 'notifier', entry: 'notifier_main', priority: 80 },
        ],
      },
      { name: 'echo', elf: ipc, args: ['echo'], priority: 100 },
    ],
  };
}

for (const board of BOARDS) {
  describe(`IPC (guest C on the ${board})`, () => {
    for (const fastpath of [true, false]) {
      it(`passes every check with the fastpath ${fastpath ? 'on' : 'off'}`, () => {
        const b = bootBoard(ipcImage(), { board, kernel: { fastpath } });
        const result = b.run(200_000_000);
        const out = b.console();
        expect(out, out).toContain('ipc test done: 0 failures');
        expect(out).not.toContain('FAIL');
        expect(result.reason).toBe('halted');
        if (fastpath) expect(b.kernel.stats.fastpathIpcs).toBeGreaterThan(0);
        else expect(b.kernel.stats.fastpathIpcs).toBe(0);
        expectGolden('ipc', out);
      });
    }
  });
}
