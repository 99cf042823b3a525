import { IpcError, ThreadId, Utcb, ipcErrorWord } from '../abi.js';
import { TagFlag } from '../message-tag.js';
import type { Kernel } from '../kernel.js';
import type { Tcb } from '../object/tcb.js';
import { REG_CPSR, REG_PC } from '../object/tcb.js';
import { userCpsr } from '../arch/arm/context.js';
import { TcbLayout } from '../costs.js';
import { hex } from '../layout.js';

/** Acceptor bit in the UTCB acceptor word: notifications may satisfy a receive. */
export const ACCEPT_NOTIFY = 1;
/** Message registers in the UTCB. */
export const MR_COUNT = 32;

/**
 * The IPC slowpath: the reference behaviour (reference/okl4.md §1). Synchronous, unbuffered, no
 * timeouts; send phase then receive phase; blocking per the tag's s and r bits, polling otherwise.
 * Registers live in the TCB save area (r0 = to/from, r1 = from specifier, r3–r8 = MR0–MR5).
 */
export function sysIpc(k: Kernel, t: Tcb): void {
  k.stats.slowpathIpcs++;
  k.kmem.charge('ipcSlowpath');
  k.kmem.chargeWords(t.pa + TcbLayout.state, 4, false);
  const to = t.regs[0], from = t.regs[1], tag = t.regs[3];
  if (tag & TagFlag.notify) {
    notify(k, t, to, t.regs[4]);
    return;
  }
  if (to !== ThreadId.nil) {
    const dest = k.lookupThread(to, t);
    if (!dest || dest.state === 'dead') return ipcFailed(k, t, IpcError.NonExist, false);
    if ((tag & 0x3f) >= MR_COUNT) return ipcFailed(k, t, IpcError.MsgOverflow, false);
    if (accepts(dest, t)) {
      transfer(k, t, dest);
    } else if (tag & TagFlag.sendBlock) {
      t.state = 'sending';
      t.partner = dest.tid;
      t.pendingFrom = from;
      t.pendingReceiveBlock = (tag & TagFlag.receiveBlock) !== 0;
      dest.sendQueue.push(t);
      k.kmem.chargeWords(dest.pa + TcbLayout.sendQueue, 2, true);
      return;
    } else {
      return ipcFailed(k, t, IpcError.NoPartner, false);
    }
  }
  if (from !== ThreadId.nil) {
    receivePhase(k, t, from, (tag & TagFlag.receiveBlock) !== 0);
  } else {
    t.regs[0] = ThreadId.nil;
    t.regs[3] = 0;
  }
}

/** Whether `dest` is waiting in a receive that `sender` satisfies. */
export function accepts(dest: Tcb, sender: Tcb): boolean {
  return dest.state === 'receiving' && (dest.partner === sender.tid || (dest.partner === ThreadId.any && !dest.kernelIpc));
}

/**
 * Moves a message from `src` (its registers and UTCB, or a kernel-generated message) to `dst`, which was
 * waiting for it; `dst` becomes runnable and `src` goes on to its receive phase.
 */
export function transfer(k: Kernel, src: Tcb, dst: Tcb): void {
  const words = messageOf(k, src);
  if (dst.kernelIpc) {
    kernelReply(k, dst, words);
  } else {
    const u = words[0] & 0x3f;
    dst.regs[0] = src.tid;
    dst.regs[3] = (words[0] & ~(TagFlag.sendBlock | TagFlag.receiveBlock | TagFlag.memcpy)) >>> 0;
    for (let i = 1; i <= u; i++) k.setMr(dst, i, words[i]);
    if (u > 5) k.kmem.charge('ipcWordCopy', u - 5);
    k.utcbWrite(dst, Utcb.senderSpace, src.space.id);
  }
  k.kmem.chargeWords(dst.pa + TcbLayout.context + 12, Math.min(6, (words[0] & 0x3f) + 1), true);
  const wasCurrent = dst === k.current;
  k.wake(dst, true);
  if (wasCurrent) dst.state = 'runnable';
  if (src !== k.current) senderDone(k, src);
}

/** The words `src` sends: MR0..MRu, or its pending kernel message. */
function messageOf(k: Kernel, src: Tcb): number[] {
  if (src.kernelMessage) {
    const m = src.kernelMessage;
    src.kernelMessage = undefined;
    return m;
  }
  const tag = src.regs[3];
  const u = tag & 0x3f;
  const words = [tag];
  for (let i = 1; i <= u; i++) words.push(k.getMr(src, i));
  return words;
}

/** A sender whose message was just taken by a receiver: run its receive phase or finish. */
function senderDone(k: Kernel, s: Tcb): void {
  if (s.pendingFrom !== ThreadId.nil) {
    const from = s.pendingFrom;
    s.pendingFrom = ThreadId.nil;
    s.state = 'runnable';
    receivePhase(k, s, from, s.pendingReceiveBlock);
    if (s.state === 'runnable' && s !== k.current) k.wake(s);
  } else {
    s.regs[0] = ThreadId.nil;
    s.regs[3] = 0;
    k.wake(s);
  }
}

/** Receive phase: queued senders and notifications first; then block or fail (polling). */
export function receivePhase(k: Kernel, t: Tcb, from: number, block: boolean): void {
  const notifyOnly = from === ThreadId.waitNotify;
  if (!t.kernelIpc && (notifyOnly || (k.utcbRead(t, Utcb.acceptor) & ACCEPT_NOTIFY))) {
    const bits = k.utcbRead(t, Utcb.notifyBits) & k.utcbRead(t, Utcb.notifyMask);
    if (bits) {
      deliverNotification(k, t, bits);
      return;
    }
  }
  if (!notifyOnly) {
    if (from !== ThreadId.any && !k.lookupThread(from, t)) return ipcFailed(k, t, IpcError.NonExist, true);
    const queue = t.sendQueue;
    const i = from === ThreadId.any ? (queue.length ? 0 : -1) : queue.findIndex((s) => s.tid === from);
    if (i >= 0) {
      const sender = queue[i];
      queue.splice(i, 1);
      k.kmem.chargeWords(t.pa + TcbLayout.sendQueue, 2, true);
      t.state = 'receiving';
      t.partner = sender.tid;
      transferFromQueued(k, sender, t);
      return;
    }
  }
  if (block) {
    t.state = 'receiving';
    t.partner = from;
    k.kmem.chargeWords(t.pa + TcbLayout.state, 2, true);
    return;
  }
  ipcFailed(k, t, IpcError.NoPartner, true);
}

/** The receiver takes a queued sender's message: the receiver continues, the sender goes on. */
function transferFromQueued(k: Kernel, sender: Tcb, receiver: Tcb): void {
  const words = messageOf(k, sender);
  if (receiver.kernelIpc) {
    kernelReply(k, receiver, words);
  } else {
    const u = words[0] & 0x3f;
    receiver.regs[0] = sender.tid;
    receiver.regs[3] = (words[0] & ~(TagFlag.sendBlock | TagFlag.receiveBlock | TagFlag.memcpy)) >>> 0;
    for (let i = 1; i <= u; i++) k.setMr(receiver, i, words[i]);
    if (u > 5) k.kmem.charge('ipcWordCopy', u - 5);
    k.utcbWrite(receiver, Utcb.senderSpace, sender.space.id);
  }
  receiver.state = 'runnable';
  if (receiver !== k.current) k.wake(receiver);
  senderDone(k, sender);
}

/** A notification satisfies `t`'s receive: from nilthread, notify flag, MR1 = the accepted bits. */
export function deliverNotification(k: Kernel, t: Tcb, bits: number): void {
  k.utcbWrite(t, Utcb.notifyBits, k.utcbRead(t, Utcb.notifyBits) & ~bits);
  t.regs[0] = ThreadId.nil;
  t.regs[3] = TagFlag.notify | 1;
  t.regs[4] = bits >>> 0;
  const wasCurrent = t === k.current;
  k.wake(t, true);
  if (wasCurrent) t.state = 'runnable';
}

/** Notify: OR bits into the receiver's notify word; wake it if it waits accepting them. Never blocks. */
export function notify(k: Kernel, t: Tcb | undefined, to: number, bits: number): void {
  k.kmem.charge('notify');
  const dest = k.lookupThread(to, t);
  if (!dest || dest.state === 'dead') {
    if (t) ipcFailed(k, t, IpcError.NonExist, false);
    return;
  }
  notifyThread(k, dest, bits);
  if (t) {
    t.regs[0] = ThreadId.nil;
    t.regs[3] = 0;
  }
}

export function notifyThread(k: Kernel, dest: Tcb, bits: number): void {
  const word = (k.utcbRead(dest, Utcb.notifyBits) | bits) >>> 0;
  k.utcbWrite(dest, Utcb.notifyBits, word);
  if (dest.state !== 'receiving' || dest.kernelIpc) return;
  if (dest.partner !== ThreadId.waitNotify && !(k.utcbRead(dest, Utcb.acceptor) & ACCEPT_NOTIFY)) return;
  const accepted = word & k.utcbRead(dest, Utcb.notifyMask);
  if (accepted) deliverNotification(k, dest, accepted);
}

/** An IPC error: tag error bit, ErrorCode (code << 1 | phase) in the UTCB; a blocked thread wakes. */
export function ipcFailed(k: Kernel, t: Tcb, code: number, receivePhase: boolean): void {
  if (t.kernelIpc) {
    // The kernel's own fault/exception IPC failed: the thread cannot continue.
    t.kernelIpc = undefined;
    t.kernelMessage = undefined;
    k.report(`OKL4: ${t.name}: fault handler gone (IPC error ${code}); thread halted`);
    k.setHalted(t, true);
    t.state = 'runnable';
    return;
  }
  t.regs[0] = ThreadId.nil;
  t.regs[3] = TagFlag.error;
  t.pendingFrom = ThreadId.nil;
  k.setError(t, ipcErrorWord(code, receivePhase));
  const wasCurrent = t === k.current;
  if (t.state !== 'runnable' || !wasCurrent) k.wake(t);
  t.state = 'runnable';
}

/** The reply to a kernel-generated IPC: page faults resume; exception replies set registers, or halt the thread when the reply tag has the error bit. */
function kernelReply(k: Kernel, t: Tcb, words: number[]): void {
  const kind = t.kernelIpc;
  t.kernelIpc = undefined;
  const u = words[0] & 0x3f;
  const r = t.regs;
  if ((kind === 'exception' || kind === 'syscall-exception') && (words[0] & TagFlag.error) !== 0) {
    // The handler gave up on the exception (OKL4 finish_exception_ipc: tag.is_error() → halt_user_thread).
    k.kmem.charge('exceptionReply');
    k.report(`OKL4: ${t.name}: unhandled user exception at ${hex(r[REG_PC])} (error reply); thread halted`);
    k.setHalted(t, true);
    return;
  }
  if (kind === 'exception' && u >= 3) {
    k.kmem.charge('exceptionReply');
    r[REG_PC] = words[1];
    r[13] = words[2];
    r[REG_CPSR] = userCpsr(words[3]);
  } else if (kind === 'syscall-exception' && u >= 13) {
    k.kmem.charge('exceptionReply');
    for (let i = 0; i < 4; i++) r[4 + i] = words[1 + i];
    for (let i = 0; i < 4; i++) r[i] = words[5 + i];
    r[REG_PC] = words[9];
    r[13] = words[10];
    r[14] = words[11];
    if (u >= 13) r[REG_CPSR] = userCpsr(words[13] ?? r[REG_CPSR]);
  }
}
