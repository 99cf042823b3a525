import { describe, expect, it } from 'vitest';
import { KdbTrap, MemoryAttribute, ThreadId, encodeTag, fpage, hostedL4, physDescriptor, type HostedContext } from '../src/index.js';
import { BOARDS, BOARD_FACTS, bootBoard } from './boards.js';
import { guestImage } from './guest-images.js';

const { call, replyWait, wait, putString } = hostedL4;

describe('hosted threads', () => {
  it('ping-pong between two hosted servers in their own spaces', () => {
    const seen: number[] = [];
    const board = bootBoard({
      programs: [
        {
          name: 'pong',
          priority: 100,
          *hosted(ctx: HostedContext) {
            let m = yield* wait(ctx);
            for (;;) {
              ctx.work(20);
              m = yield* replyWait(ctx, m.from, encodeTag({ label: 2, untyped: 2 }), [m.words[0] + 1, m.words[1] * 2]);
            }
          },
        },
        {
          name: 'ping',
          priority: 90,
          environment: {},
          *hosted(ctx: HostedContext) {
            const pong = ctx.kernel.threads.get(16)!.tid;
            for (let i = 0; i < 5; i++) {
              const r = yield* call(ctx, pong, encodeTag({ label: 1, untyped: 2 }), [i, i + 10]);
              seen.push(r.label, ...r.words);
            }
            yield* putString('done\n');
            void KdbTrap;
            void ThreadId;
          },
        },
      ],
    });
    const result = board.run(50_000_000);
    expect(board.log[0]).toMatch(/^L4Lab OKL4 2.1 microkernel \(TypeScript model\) on MBA2440/);
    expect(board.console()).toContain('done\n');
    expect(seen).toEqual([2, 1, 20, 2, 2, 22, 2, 3, 24, 2, 4, 26, 2, 5, 28]);
    expect(result.reason).toBe('halted');
    expect(board.kernel.halt?.reason).toMatch(/no runnable threads/);
  });
});

describe('ExchangeRegisters and KDB traps (hosted callers)', () => {
  it('copies a native thread registers to MRs and back, and reads the tick', () => {
    const { syscall } = hostedL4;
    const seen: Record<string, number[]> = {};
    const board = bootBoard({
      programs: [
        {
          name: 'ctl', privileged: true, priority: 200,
          *hosted(ctx: HostedContext) {
            const target = ctx.kernel.threads.get(17)!;
            // Regs → MRs: MR0–12 r0–r12, MR13 sp, MR14 lr, MR15 pc, MR16 cpsr.
            let r = yield* syscall(0x0c, target.tid, 1 << 12);
            const mrs = Array.from({ length: 17 }, (_, i) => ctx.mr(i));
            seen.regsToMrs = [r[0] === target.tid ? 1 : 0, ...mrs];
            // MRs → regs: change r7 (MR7) and pc (MR15); the rest go back as they came.
            ctx.setMr(7, 0x77);
            ctx.setMr(15, 0x8000);
            r = yield* syscall(0x0c, target.tid, (1 << 13) | (1 << 9));
            seen.after = [target.regs[7], target.regs[15], r[1]];
            const t1 = yield* syscall(0xe0);
            ctx.work(1000);
            const t2 = yield* syscall(0xe0);
            seen.tick = [t2[0] - t1[0]];
            const u = yield* syscall(0xb0);
            seen.utcb = [u[0] === ctx.tcb.utcbVa ? 1 : 0];
            r = yield* syscall(0x0c, 0x12345, 0);
            seen.bad = [r[0], ctx.utcb(28)];
          },
        },
        { name: 'victim', elf: guestImage('tests/pager/pager.elf'), priority: 10 },
      ],
    });
    board.run(10_000_000);
    expect(seen.regsToMrs[0]).toBe(1);
    // The victim has not run yet (priority 10): pc is its ELF entry, r0 its boot-info pointer = sp.
    expect(seen.regsToMrs[16]).toBe(0x8000);
    expect(seen.regsToMrs[17]).toBe(0x10);
    expect(seen.regsToMrs[14]).toBe(seen.regsToMrs[1]);
    expect(seen.regsToMrs[14]).toBeGreaterThan(0x01ef0000);
    expect(seen.regsToMrs[14]).toBeLessThan(0x01f00000);
    expect(seen.after).toEqual([0x77, 0x8000, 0]);
    expect(seen.tick[0]).toBeGreaterThanOrEqual(1000);
    expect(seen.utcb).toEqual([1]);
    expect(seen.bad).toEqual([0xfffffffc, 2]);
  });
});

describe('determinism', () => {
  it.each(BOARDS)('gives the same cycle count for the same image, run after run (%s)', (board) => {
    const image = () => ({
      programs: [
        { name: 'a', *hosted(ctx: HostedContext) { for (let i = 0; i < 20; i++) { ctx.work(50); yield* putString('.'); } } },
        { name: 'b', *hosted(ctx: HostedContext) { for (let i = 0; i < 20; i++) { ctx.work(70); yield* putString(':'); } } },
      ],
    });
    const runs = [0, 1].map(() => {
      const b = bootBoard(image(), { board, timing: 'cycle' });
      const r = b.run(50_000_000);
      return { cycles: b.kernel.machine.clock.cycles, out: b.console(), reason: r.reason };
    });
    expect(runs[1]).toEqual(runs[0]);
  });
});

// Device registers through a hosted thread's own (uncached) mapping: the bus sees the access, the meter an
// uncached load/store at that VA (after the domain fault FASS would take on the first touch).
for (const board of BOARDS) {
  describe(`hosted register access on the ${board}`, () => {
    it('reads and writes PWM timer 0 registers through its own mapping, charged as uncached', () => {
      const pwm = BOARD_FACTS[board].environment.PWM_PHYS;
      const va = 0x00a00000;
      const seen: number[] = [];
      let uncached = 0;
      const b = bootBoard(
        {
          programs: [
            {
              name: 'driver', privileged: true,
              *hosted(ctx: HostedContext) {
                const ok = yield* hostedL4.mapControl(ctx, ctx.tcb.space.id, [[physDescriptor(pwm, MemoryAttribute.uncached), fpage(va, 12, 6)]]);
                if (!ok) throw new Error('MapControl failed');
                const stalls = () => ctx.kernel.machine.memory.statistics().stallCycles.uncached;
                const before = stalls();
                ctx.writeRegister(va + 0x0c, 5000); // TCNTB0
                seen.push(ctx.readRegister(va + 0x0c));
                uncached = stalls() - before;
                expect(() => ctx.readRegister(va + 0x1000)).toThrow(/is not mapped readable/);
              },
            },
          ],
        },
        { board, timing: 'cycle' },
      );
      b.run(50_000_000);
      expect(seen).toEqual([5000]);
      expect(uncached).toBeGreaterThan(0);
    });
  });
}
