import { Label, decodeTag, encodeTag } from '@l4lab/okl4';

/** User registers carried by a syscall exception IPC (label 0xFFB0, u = 13; reference/okl4.md §3). */
export interface SyscallFrame {
  /** r0–r7 */
  readonly r: readonly number[];
  readonly pc: number;
  readonly sp: number;
  readonly lr: number;
  /** The SWI instruction word; Wombat decodes the Linux call from its low 24 bits. */
  readonly swi: number;
  readonly cpsr: number;
}

export const SYSCALL_EXCEPTION_WORDS = 13;

/**
 * Lays a frame out as MR0–MR13: MR1–4 = r4–r7, MR5–8 = r0–r3, MR9 PC, MR10 SP, MR11 LR, MR12 SWI word,
 * MR13 CPSR. The kernel builds this message; the Linux server parses it and replies in the same layout.
 */
export function encodeSyscallMessage(frame: SyscallFrame): number[] {
  if (frame.r.length !== 8) throw new RangeError(`syscall frame needs r0–r7, got ${frame.r.length} registers`);
  const mr = [encodeTag({ label: Label.exception, untyped: SYSCALL_EXCEPTION_WORDS, sendBlock: true, receiveBlock: true })];
  mr.push(...frame.r.slice(4, 8), ...frame.r.slice(0, 4), frame.pc, frame.sp, frame.lr, frame.swi, frame.cpsr);
  return mr.map((w) => w >>> 0);
}

export function decodeSyscallMessage(mr: readonly number[]): SyscallFrame {
  const tag = decodeTag(mr[0] ?? 0);
  if (tag.label !== Label.exception || tag.untyped !== SYSCALL_EXCEPTION_WORDS || mr.length < 14) {
    throw new Error(`not a syscall exception message: label 0x${tag.label.toString(16)}, ${tag.untyped} words`);
  }
  return {
    r: [mr[5], mr[6], mr[7], mr[8], mr[1], mr[2], mr[3], mr[4]].map((w) => w >>> 0),
    pc: mr[9] >>> 0,
    sp: mr[10] >>> 0,
    lr: mr[11] >>> 0,
    swi: mr[12] >>> 0,
    cpsr: mr[13] >>> 0,
  };
}
