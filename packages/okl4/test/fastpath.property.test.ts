// Random IPC scenarios run once through the fastpath and once through the slowpath alone: every IPC
// result each thread sees and the final kernel state must be identical (the slowpath is the reference).
import { createPrng, type Prng } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { Kernel, ThreadId, FIRST_IMAGE_THREAD, encodeTag, hostedL4, type HostedContext, type ProgramDescription } from '../src/index.js';
import { bootBoard } from './boards.js';

const THREADS = 4;
const STEPS = 40;
const tidOf = (i: number) => Kernel.tid(FIRST_IMAGE_THREAD + i);

type Op = { kind: 'call' | 'send' | 'reply-wait' | 'wait' | 'receive' | 'poll' | 'notify' | 'reply'; peer: number; u: number; label: number; words: number[] };

function script(prng: Prng, self: number): Op[] {
  const kinds: Op['kind'][] = ['call', 'call', 'reply-wait', 'reply-wait', 'send', 'wait', 'receive', 'poll', 'notify', 'reply'];
  return Array.from({ length: STEPS }, () => {
    let peer = prng.below(THREADS);
    if (peer === self) peer = (peer + 1) % THREADS;
    // Mostly a client/server shape (thread 0 serves), which is where the fastpath applies.
    if (prng.below(10) < 7) {
      const u = prng.below(6);
      const words = Array.from({ length: u }, () => prng.bits(32));
      return self === 0 ? { kind: 'reply-wait' as const, peer, u, label: prng.below(0x100), words } : { kind: 'call' as const, peer: 0, u, label: prng.below(0x100), words };
    }
    const u = prng.below(4) === 0 ? prng.below(12) : prng.below(6);
    return { kind: kinds[prng.below(kinds.length)], peer, u, label: prng.below(0x100), words: Array.from({ length: u }, () => prng.bits(32)) };
  });
}

function programs(seed: number, logs: string[][]): ProgramDescription[] {
  return Array.from({ length: THREADS }, (_, i) => {
    const ops = script(createPrng(seed * 31 + i), i);
    const log: string[] = (logs[i] = []);
    return {
      name: `t${i}`,
      // Distinct priorities: interleavings are decided by IPC alone, never by where a tick falls.
      priority: 110 - i,
      *hosted(ctx: HostedContext) {
        let lastFrom: number = ThreadId.nil;
        ctx.setUtcb(12, 1); // accept notifications
        ctx.setUtcb(16, 0xff);
        for (const op of ops) {
          const peer = tidOf(op.peer);
          const tag = encodeTag({ label: op.label, untyped: op.u });
          let r;
          switch (op.kind) {
            case 'call': r = yield* hostedL4.call(ctx, peer, tag, op.words); break;
            case 'send': r = yield* hostedL4.send(ctx, peer, tag, op.words); break;
            case 'reply-wait': r = yield* hostedL4.replyWait(ctx, lastFrom === ThreadId.nil ? peer : lastFrom, tag, op.words); break;
            case 'wait': r = yield* hostedL4.wait(ctx); break;
            case 'receive': r = yield* hostedL4.ipc(ctx, ThreadId.nil, peer, 0x4000); break;
            case 'poll': r = yield* hostedL4.ipc(ctx, ThreadId.nil, ThreadId.any, 0); break;
            case 'reply': r = yield* hostedL4.ipc(ctx, peer, ThreadId.nil, tag, op.words); break;
            case 'notify': r = yield* hostedL4.ipc(ctx, peer, ThreadId.nil, 0x2000 | 1, [1 << op.peer]); break;
          }
          if (r.from !== ThreadId.nil) lastFrom = r.from;
          log.push(`${op.kind}→${op.peer}: from ${r.from.toString(16)} tag ${r.tag.toString(16)} err ${r.errorCode} [${r.words.map((w) => w.toString(16)).join(' ')}]`);
        }
      },
    };
  });
}

function run(seed: number, fastpath: boolean) {
  const logs: string[][] = [];
  const board = bootBoard({ programs: programs(seed, logs) }, { kernel: { fastpath, timeslice: 1_000_000_000 } });
  board.run(200_000_000);
  const k = board.kernel;
  const state = [...k.threads.values()].map((t) => ({
    name: t.name, state: t.state, partner: t.partner, regs: [...t.regs], queue: t.sendQueue.map((s) => s.name),
    notify: k.kmem.read32(t.utcbPa + 20), ready: t.inReadyQueue,
  }));
  return { logs, state, current: k.current?.name, halt: k.halt?.reason, fast: k.stats.fastpathIpcs };
}

describe('IPC fastpath against the slowpath', () => {
  it('leaves the same results and kernel state on random scenarios', () => {
    let fastTotal = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const fast = run(seed, true);
      const slow = run(seed, false);
      fastTotal += fast.fast;
      expect(slow.fast).toBe(0);
      expect(fast.logs, `seed ${seed}`).toEqual(slow.logs);
      expect(fast.state, `seed ${seed}`).toEqual(slow.state);
      expect(fast.current).toBe(slow.current);
      expect(fast.halt).toBe(slow.halt);
    }
    // The scenarios must actually exercise the fastpath.
    expect(fastTotal).toBeGreaterThan(100);
  });
});
