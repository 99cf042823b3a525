import { KdbTrap, Syscall, ThreadId } from '../abi.js';
import { TagFlag } from '../message-tag.js';
import type { HostedContext, HostedSyscall } from './hosted.js';

/** What an IPC returned to a hosted thread. */
export interface HostedIpcResult {
  readonly from: number;
  readonly tag: number;
  readonly label: number;
  readonly error: boolean;
  /** MR1..MRu. */
  readonly words: number[];
  /** UTCB ErrorCode when `error`. */
  readonly errorCode: number;
}

type Call<T> = Generator<HostedSyscall, T, Uint32Array>;

/** libl4 for hosted threads: each helper is a generator to use with `yield*`. */
export function* ipc(ctx: HostedContext, to: number, from: number, tag: number, words: readonly number[] = []): Call<HostedIpcResult> {
  const u = tag & 0x3f;
  const regs = [to, from, 0, tag, 0, 0, 0, 0, 0];
  for (let i = 1; i <= u; i++) {
    const w = words[i - 1] ?? 0;
    if (i <= 5) regs[3 + i] = w;
    else ctx.setMr(i, w);
  }
  const out = yield { number: Syscall.Ipc, regs };
  const rtag = out[3];
  const error = (rtag & TagFlag.error) !== 0 && (rtag & TagFlag.notify) === 0;
  const ru = rtag & 0x3f;
  const result: number[] = [];
  for (let i = 1; i <= ru; i++) result.push(i <= 5 ? out[3 + i] : ctx.mr(i));
  return { from: out[0], tag: rtag, label: rtag >>> 16, error, words: result, errorCode: error ? ctx.utcb(28) : 0 };
}

export function call(ctx: HostedContext, to: number, tag: number, words: readonly number[] = []): Call<HostedIpcResult> {
  return ipc(ctx, to, to, (tag | TagFlag.sendBlock | TagFlag.receiveBlock) >>> 0, words);
}
export function send(ctx: HostedContext, to: number, tag: number, words: readonly number[] = []): Call<HostedIpcResult> {
  return ipc(ctx, to, ThreadId.nil, (tag | TagFlag.sendBlock) >>> 0, words);
}
export function wait(ctx: HostedContext): Call<HostedIpcResult> {
  return ipc(ctx, ThreadId.nil, ThreadId.any, TagFlag.receiveBlock);
}
export function replyWait(ctx: HostedContext, to: number, tag: number, words: readonly number[] = []): Call<HostedIpcResult> {
  return ipc(ctx, to, ThreadId.any, (tag | TagFlag.receiveBlock) >>> 0, words);
}

/** Any other system call: r0–r8 in, registers out. */
export function* syscall(number: number, ...args: number[]): Call<Uint32Array> {
  return yield { number, regs: args };
}

export function* mapControl(ctx: HostedContext, space: number, items: readonly (readonly [physDesc: number, fpage: number])[], control = 0): Call<boolean> {
  const regs = [space, (control | items.length) >>> 0, 0, 0, 0, 0, 0, 0, 0];
  items.forEach(([pd, fp], i) => {
    for (const [j, w] of [[2 * i, pd], [2 * i + 1, fp]] as const) {
      if (j < 6) regs[3 + j] = w;
      else ctx.setMr(j, w);
    }
  });
  const out = yield { number: Syscall.MapControl, regs };
  return out[0] === 1;
}

export function* putString(text: string): Call<void> {
  for (let i = 0; i < text.length; i++) yield { number: KdbTrap.PutChar, regs: [text.charCodeAt(i)] };
}
