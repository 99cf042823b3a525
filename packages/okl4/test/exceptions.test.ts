// Exception replies with the error bit, and ExchangeRegisters copy-regs with a source thread.
import { describe, expect, it } from 'vitest';
import { EXREG_SOURCE_SHIFT, ExregControl, Label, TagFlag, ThreadId, encodeTag, hostedL4, type HostedContext } from '../src/index.js';
import { userCpsr } from '../src/arch/arm/context.js';
import { BOARDS, bootBoard } from './boards.js';
import { guestImage } from './guest-images.js';

for (const board of BOARDS) {
  describe(`exception replies (${board})`, () => {
    it('halts the thread when the handler replies with the error bit', () => {
      const seen: number[] = [];
      const b = bootBoard(
        {
          programs: [
            {
              name: 'handler', priority: 200,
              *hosted(ctx: HostedContext) {
                const m = yield* hostedL4.wait(ctx);
                seen.push(m.label, m.words[3]);
                // Give up on it: same layout, error bit set.
                yield* hostedL4.ipc(ctx, m.from, ThreadId.nil, (encodeTag({ untyped: 5 }) | TagFlag.error) >>> 0, m.words);
                yield* hostedL4.wait(ctx);
              },
            },
            { name: 'exception', elf: guestImage('tests/exception/exception.elf'), exceptionHandler: 'handler', threads: [{ name: 'victim', entry: 'victim_main', priority: 90 }] },
          ],
        },
        { board },
      );
      const result = b.run(100_000_000);
      expect(seen).toEqual([Label.exception, 1]);
      const victim = [...b.kernel.threads.values()].find((t) => t.name === 'victim')!;
      expect(victim.halted).toBe(true);
      expect(b.console()).toMatch(/victim: unhandled user exception at 0x[0-9a-f]{8} \(error reply\); thread halted/);
      expect(result.reason).toBe('halted');
    });
  });
}

describe('ExchangeRegisters copy-regs', () => {
  it('copies r0–r12, lr and the CPSR from the source thread; sp and ip stay; a bad source is InvalidThread', () => {
    const { syscall } = hostedL4;
    const seen: Record<string, number[]> = {};
    const elf = guestImage('tests/pager/pager.elf');
    const b = bootBoard({
      programs: [
        {
          name: 'ctl', privileged: true, priority: 200,
          *hosted(ctx: HostedContext) {
            const dest = ctx.kernel.threads.get(17)!;
            const src = ctx.kernel.threads.get(18)!;
            const before = [dest.regs[13], dest.regs[15]];
            // Give the source known registers (MRs → regs): r0–r12 = 0x100 + i, sp, lr, pc, cpsr with Z and C.
            for (let i = 0; i < 13; i++) ctx.setMr(i, 0x100 + i);
            ctx.setMr(13, 0x00123000);
            ctx.setMr(14, 0x0000abcd);
            ctx.setMr(15, src.regs[15]);
            ctx.setMr(16, 0x60000010);
            yield* syscall(0x0c, src.tid, ExregControl.mrsToRegs);
            const r = yield* syscall(0x0c, dest.tid, (ExregControl.copyRegs | ((src.tid >>> EXREG_SOURCE_SHIFT) << EXREG_SOURCE_SHIFT)) >>> 0);
            seen.result = [r[0] === dest.tid ? 1 : 0];
            seen.regs = [...dest.regs.slice(0, 13)];
            seen.kept = [dest.regs[13] === before[0] ? 1 : 0, dest.regs[15] === before[1] ? 1 : 0, dest.regs[14], dest.regs[16]];
            const bad = yield* syscall(0x0c, dest.tid, (ExregControl.copyRegs | (0x3ffff << EXREG_SOURCE_SHIFT)) >>> 0);
            seen.bad = [bad[0], ctx.utcb(28)];
          },
        },
        { name: 'dest', elf, priority: 10 },
        { name: 'src', elf, priority: 10 },
      ],
    });
    b.run(10_000_000);
    expect(seen.result).toEqual([1]);
    expect(seen.regs).toEqual(Array.from({ length: 13 }, (_, i) => 0x100 + i));
    expect(seen.kept).toEqual([1, 1, 0xabcd, 0x60000010]);
    expect(seen.bad).toEqual([ThreadId.nil, 2]);
  });
});

describe('user CPSR', () => {
  it('keeps flags, Q, the ARMv6 GE bits and Thumb; forces user mode with interrupts enabled', () => {
    expect(userCpsr(0xf80f00ff)).toBe(0xf80f0030);
    expect(userCpsr(0x000001d3)).toBe(0x00000010);
  });
});
