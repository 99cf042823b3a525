import { describe, expect, it } from 'vitest';
import { Label, Utcb, encodeTag, fpage, hostedL4, physDescriptor, type HostedContext } from '../src/index.js';
import { BOARDS, BOARD_FACTS, bootBoard, type BoardName } from './boards.js';
import { expectGolden, guestImage } from './guest-images.js';

function expectAllOk(out: string, done: RegExp) {
  expect(out, out).toMatch(done);
  expect(out, out).not.toContain('FAIL');
}

const env = (board: BoardName) => BOARD_FACTS[board].environment;

// Every guest test runs on both boards from the same ELF image; the console output is the same golden text.
for (const board of BOARDS) {
  describe(`threads and spaces (guest C on the ${board})`, () => {
    it('creates, starts, preempts, round-robins and deletes threads; builds a space with MapControl', () => {
      const b = bootBoard(
        { programs: [{ name: 'threads', elf: guestImage('tests/threads/threads.elf'), privileged: true, environment: env(board) }] },
        { board, kernel: { tickHz: 1000, timeslice: 1000 } },
      );
      const result = b.run(400_000_000);
      expectAllOk(b.console(), /threads test done: 0 failures/);
      expect(b.console()).toContain('round-robin order: ABCABCABC');
      expect(result.reason).toBe('halted');
      expectGolden('threads', b.console());
    });
  });

  describe(`exception IPC (guest C on the ${board})`, () => {
    it('delivers undefined-instruction (u = 5) and syscall (u = 13) exceptions and applies the replies', () => {
      const elf = guestImage('tests/exception/exception.elf');
      const b = bootBoard(
        { programs: [{ name: 'exception', elf, exceptionHandler: 'exception', environment: env(board), threads: [{ name: 'victim', entry: 'victim_main', priority: 90 }] }] },
        { board },
      );
      b.run(200_000_000);
      expectAllOk(b.console(), /exception test done: 0 failures/);
      expectGolden('exception', b.console());
    });
  });

  describe(`page faults (guest C + hosted pager on the ${board})`, () => {
    it('resumes the faulting thread once the pager has mapped the page', () => {
      const b = bootBoard(
        {
          programs: [
            { name: 'pager', hosted: pager, privileged: true, priority: 200 },
            { name: 'paged', elf: guestImage('tests/pager/pager.elf'), pager: 'pager', environment: env(board), memsections: [{ name: 'heap', size: 8 * 4096, virt: 0x00800000, mapped: false }] },
          ],
        },
        { board },
      );
      b.run(200_000_000);
      expectAllOk(b.console(), /ok pages written and read back/);
      expect(b.kernel.stats.pageFaults).toBe(8);
      expectGolden('pager', b.console());
    });
  });

  describe(`interrupts (guest C on the ${board})`, () => {
    it('delivers PWM timer 0 as notification bits, acknowledged through InterruptControl', () => {
      const b = bootBoard({ programs: [{ name: 'timer', elf: guestImage('tests/timer/timer.elf'), privileged: true, environment: env(board) }] }, { board });
      const result = b.run(400_000_000);
      const out = b.console();
      expectAllOk(out, /ok five interrupts in \d+ ms/);
      for (let i = 1; i <= 5; i++) expect(out).toContain(`timer interrupt ${i}: bits 8`);
      expect(result.reason).toBe('halted');
      expectGolden('timer', out);
    });
  });

  describe(`mutexes (guest C on the ${board})`, () => {
    it('serialises contending threads', () => {
      const b = bootBoard(
        {
          programs: [
            {
              name: 'mutex', elf: guestImage('tests/mutex/mutex.elf'), privileged: true, priority: 100, environment: env(board),
              threads: [1, 2, 3].map((i) => ({ name: `c${i}`, entry: 'contender_main', priority: 50 })),
            },
          ],
        },
        { board, kernel: { tickHz: 1000, timeslice: 1000 } },
      );
      b.run(400_000_000);
      expectAllOk(b.console(), /ok counter 600, violations 0/);
      expectGolden('mutex', b.console());
    });
  });
}

/** A hosted pager: maps a fresh zeroed page for each fault and replies. */
function* pager(ctx: HostedContext) {
  let m = yield* hostedL4.wait(ctx);
  for (;;) {
    ctx.work(80);
    if ((m.label & 0xfff0) !== Label.pageFault) throw new Error(`pager: unexpected label ${m.label.toString(16)}`);
    const page = ctx.allocPhysical(4096);
    const va = m.words[0] & ~0xfff;
    const space = ctx.utcb(Utcb.senderSpace);
    const ok = yield* hostedL4.mapControl(ctx, space, [[physDescriptor(page), fpage(va, 12, 7)]]);
    if (!ok) throw new Error('pager: MapControl failed');
    m = yield* hostedL4.replyWait(ctx, m.from, encodeTag({}));
  }
}
