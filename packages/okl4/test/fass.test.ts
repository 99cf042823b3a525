import { describe, expect, it } from 'vitest';
import { Costs, ImageError, KERNEL_BASE, buildImage, encodeTag, hostedL4, validateImage, type HostedContext, type ProgramDescription } from '../src/index.js';
import { bootBoard } from './boards.js';
import { guestImage } from './guest-images.js';

const ipc = guestImage('tests/ipc/ipc.elf');
function ipcPrograms(pids?: [number, number]): ProgramDescription[] {
  return [
    {
      name: 'ipc', elf: ipc, pid: pids?.[0],
      threads: [
        { name: 'pong', entry: 'pong_main' },
        { name: 's1', entry: 's1_main', priority: 90 },
        { name: 's2', entry: 's2_main', priority: 90 },
        { name: 'notifier', entry: 'notifier_main', priority: 80 },
      ],
    },
    { name: 'echo', elf: ipc, args: ['echo'], pid: pids?.[1] },
  ];
}

describe('ARMv5 address spaces', () => {
  it('without FASS flushes caches and TLBs on every switch and still passes the IPC test', () => {
    const board = bootBoard({ programs: ipcPrograms() }, { kernel: { fass: false }, timing: 'cycle' });
    board.run(400_000_000);
    expect(board.console()).toContain('ipc test done: 0 failures');
    const s = board.kernel.mmu.stats;
    expect(s.flushes).toBe(s.switches);
    expect(s.domainFaults).toBe(0);
  });

  it('with FASS two programs at the same VAs and the same PID share CPD sections by stealing them', () => {
    const board = bootBoard({ programs: ipcPrograms([0, 0]) }, { timing: 'cycle' });
    board.run(400_000_000);
    expect(board.console()).toContain('ipc test done: 0 failures');
    const s = board.kernel.mmu.stats;
    expect(s.domainFaults).toBeGreaterThan(6);
    expect(s.flushes).toBeGreaterThan(0);
  });

  it('recycles domains when more than 15 spaces run, flushing only for dirty victims', () => {
    const clients = 20;
    const programs: ProgramDescription[] = [
      {
        name: 'server', priority: 50,
        *hosted(ctx: HostedContext) {
          let m = yield* hostedL4.wait(ctx);
          for (;;) m = yield* hostedL4.replyWait(ctx, m.from, encodeTag({ label: 1, untyped: 1 }), [m.words[0] * 2]);
        },
      },
    ];
    const answers: number[] = [];
    for (let i = 0; i < clients; i++) {
      programs.push({
        name: `c${i}`, priority: 40,
        *hosted(ctx: HostedContext) {
          const server = ctx.kernel.threads.get(16)!.tid;
          for (let round = 0; round < 2; round++) {
            const r = yield* hostedL4.call(ctx, server, encodeTag({ untyped: 1 }), [i]);
            answers.push(r.words[0]);
          }
        },
      });
    }
    const board = bootBoard({ programs }, { timing: 'cycle' });
    board.run(400_000_000);
    expect(answers.length).toBe(2 * clients);
    expect([...answers].sort((a, b) => a - b)).toEqual(Array.from({ length: 2 * clients }, (_, i) => 2 * (i >> 1)));
    const s = board.kernel.mmu.stats;
    expect(s.recycles).toBeGreaterThan(0);
    expect(s.flushes).toBeGreaterThan(0);
    expect(s.flushes).toBeLessThanOrEqual(s.recycles);
  });
});

describe('image builder', () => {
  it('rejects bad descriptions with clear messages', () => {
    expect(() => validateImage({ programs: [] })).toThrow(/at least one program/);
    expect(() => validateImage({ programs: [{ name: 'a' }] })).toThrow(/exactly one of "elf" \(native\) or "hosted"/);
    expect(() => validateImage({ programs: [{ name: 'a', elf: ipc, priority: 300 }] })).toThrow(/priority 300 is not in 0..255/);
    expect(() => validateImage({ programs: [{ name: 'a', elf: ipc, pager: 'nobody' }] })).toThrow(/pager "nobody" names no thread/);
    expect(() => validateImage({ programs: [{ name: 'a', elf: ipc }, { name: 'a', elf: ipc }] })).toThrow(/duplicate program name/);
    expect(() => validateImage({ programs: [{ name: 'a', elf: ipc, threads: [{ name: 'x' }] }] })).toThrow(/thread x needs an "entry" symbol/);
    expect(() => validateImage({ programs: [{ name: 'a', elf: ipc, memsections: [{ name: 'm', size: 100 }] }] })).toThrow(/not a positive multiple of 4 KB/);
    expect(() => validateImage({ programs: [{ name: 'a', elf: ipc, pid: 120 }] })).toThrow(/pid 120 is not in 0..111/);
  });

  it('reports ELF problems and missing symbols as ImageError', () => {
    expect(() => bootBoard({ programs: [{ name: 'bad', elf: new Uint8Array([1, 2, 3]) }] })).toThrow(ImageError);
    expect(() => bootBoard({ programs: [{ name: 'a', elf: ipc, threads: [{ name: 't', entry: 'no_such_function' }] }] })).toThrow(/entry symbol "no_such_function"/);
    void buildImage;
  });
});

describe('cost budgets', () => {
  it('give every path its own text range inside kernel text, with a source', () => {
    const rows = Object.entries(Costs).sort((a, b) => a[1].text - b[1].text);
    for (let i = 0; i < rows.length; i++) {
      const [name, c] = rows[i];
      expect(c.source.length, name).toBeGreaterThan(10);
      expect(c.instructions, name).toBeGreaterThan(0);
      if (i + 1 < rows.length) expect(c.text + c.instructions * 4, name).toBeLessThanOrEqual(rows[i + 1][1].text);
      expect(KERNEL_BASE + c.text).toBeLessThan(KERNEL_BASE + 0x20000);
    }
  });
});
