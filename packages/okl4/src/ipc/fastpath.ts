import { ThreadId, Utcb } from '../abi.js';
import { TagFlag } from '../message-tag.js';
import type { Kernel } from '../kernel.js';
import type { Tcb } from '../object/tcb.js';
import { TcbLayout } from '../costs.js';
import { ACCEPT_NOTIFY } from './ipc.js';

const SLOW_FLAGS = TagFlag.notify | TagFlag.memcpy;

/**
 * The IPC fastpath: a straight line of cheap checks for the common case — a call or reply-and-wait of at
 * most MR0–MR5 (all in registers) to a thread already waiting for us, where the sender then blocks in a
 * receive nobody can satisfy yet and nothing of higher priority than the receiver is ready. Then the
 * message moves register to register and the kernel switches directly to the receiver. Anything else
 * returns false and the slowpath (the reference) runs; the property test checks both leave the same state.
 */
export function ipcFastpath(k: Kernel, t: Tcb): boolean {
  const r = t.regs;
  const to = r[0], from = r[1], tag = r[3];
  const u = tag & 0x3f;
  if (u > 5 || (tag & SLOW_FLAGS) !== 0 || (tag & TagFlag.receiveBlock) === 0) return false;
  if (to === ThreadId.nil || from === ThreadId.nil || from === ThreadId.waitNotify) return false;
  const dest = k.lookupThread(to);
  if (!dest || dest === t || dest.state !== 'receiving' || dest.kernelIpc || dest.halted) return false;
  if (dest.partner !== t.tid && dest.partner !== ThreadId.any) return false;
  if (t.sendQueue.length !== 0 || t.kernelIpc) return false;
  if (from !== ThreadId.any && !k.lookupThread(from, t)) return false;
  if (dest.priority < k.ready.highest()) return false;
  if ((k.utcbRead(t, Utcb.acceptor) & ACCEPT_NOTIFY) !== 0 && (k.utcbRead(t, Utcb.notifyBits) & k.utcbRead(t, Utcb.notifyMask)) !== 0) return false;

  k.stats.fastpathIpcs++;
  k.kmem.charge('ipcFastpath');
  k.kmem.chargeWords(dest.pa + TcbLayout.state, 2, false);
  const d = dest.regs;
  d[0] = t.tid;
  d[3] = (tag & ~(TagFlag.sendBlock | TagFlag.receiveBlock | TagFlag.memcpy)) >>> 0;
  for (let i = 1; i <= u; i++) d[3 + i] = r[3 + i];
  k.kmem.chargeWords(dest.pa + TcbLayout.context + 12, u + 1, true);
  k.utcbWrite(dest, Utcb.senderSpace, t.space.id);
  dest.state = 'runnable';
  t.state = 'receiving';
  t.partner = from;
  k.kmem.chargeWords(t.pa + TcbLayout.state, 2, true);
  k.directSwitch = dest;
  return true;
}
