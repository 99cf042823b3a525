import { describe, expect, it } from 'vitest';
import { Label, Utcb, encodeTag, fpage, hostedL4, physDescriptor, type HostedContext } from '../src/index.js';
import { bootBoard } from './boards.js';
import { guestImage } from './guest-images.js';

function expectAllOk(out: string, done: RegExp) {
  expect(out, out).toMatch(done);
  expect(out, out).not.toContain('FAIL');
}

describe('threads and spaces (guest C on the MBA2440)', () => {
  it('creates, starts, preempts, round-robins and deletes threads; builds a space with MapControl', () => {
    const board = bootBoard(
      { programs: [{ name: 'threads', elf: guestImage('tests/threads/threads.elf'), privileged: true }] },
      { kernel: { tickHz: 1000, timeslice: 1000 } },
    );
    const result = board.run(400_000_000);
    expectAllOk(board.console(), /threads test done: 0 failures/);
    expect(board.console()).toContain('round-robin order: ABCABCABC');
    expect(result.reason).toBe('halted');
  });
});

describe('exception IPC (guest C on the MBA2440)', () => {
  it('delivers undefined-instruction (u = 5) and syscall (u = 13) exceptions and applies the replies', () => {
    const elf = guestImage('tests/exception/exception.elf');
    const board = bootBoard({
      programs: [{ name: 'exception', elf, exceptionHandler: 'exception', threads: [{ name: 'victim', entry: 'victim_main', priority: 90 }] }],
    });
    board.run(200_000_000);
    expectAllOk(board.console(), /exception test done: 0 failures/);
  });
});

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

describe('page faults (guest C + hosted pager)', () => {
  it('resumes the faulting thread once the pager has mapped the page', () => {
    const board = bootBoard({
      programs: [
        { name: 'pager', hosted: pager, privileged: true, priority: 200 },
        { name: 'paged', elf: guestImage('tests/pager/pager.elf'), pager: 'pager', memsections: [{ name: 'heap', size: 8 * 4096, virt: 0x00800000, mapped: false }] },
      ],
    });
    board.run(200_000_000);
    expectAllOk(board.console(), /ok pages written and read back/);
    expect(board.kernel.stats.pageFaults).toBe(8);
  });
});

describe('interrupts (guest C on the MBA2440)', () => {
  it('delivers PWM timer 0 as notification bits, acknowledged through InterruptControl', () => {
    const board = bootBoard({ programs: [{ name: 'timer', elf: guestImage('tests/timer/timer.elf'), privileged: true }] });
    const result = board.run(400_000_000);
    const out = board.console();
    expectAllOk(out, /ok five interrupts in \d+ ms/);
    for (let i = 1; i <= 5; i++) expect(out).toContain(`timer interrupt ${i}: bits 8`);
    expect(result.reason).toBe('halted');
  });
});

describe('mutexes (guest C on the MBA2440)', () => {
  it('serialises contending threads', () => {
    const board = bootBoard(
      {
        programs: [
          {
            name: 'mutex', elf: guestImage('tests/mutex/mutex.elf'), privileged: true, priority: 100,
            threads: [1, 2, 3].map((i) => ({ name: `c${i}`, entry: 'contender_main', priority: 50 })),
          },
        ],
      },
      { kernel: { tickHz: 1000, timeslice: 1000 } },
    );
    board.run(400_000_000);
    expectAllOk(board.console(), /ok counter 600, violations 0/);
  });
});
