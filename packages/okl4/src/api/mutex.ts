import { ErrorCode } from '../abi.js';
import type { Kernel } from '../kernel.js';
import type { Tcb } from '../object/tcb.js';
import { TcbLayout } from '../costs.js';
import { fail } from './dispatch.js';

export const MutexControlOp = { create: 1, delete: 2 } as const;
export const MutexFlag = { lock: 1, blocking: 2 } as const;

/** A kernel mutex: owner and waiters in FIFO order (priority inheritance is a TODO). */
export interface KernelMutex {
  readonly id: number;
  owner: Tcb | undefined;
  readonly waiters: Tcb[];
}

const MAX_MUTEXES = 4096;

function table(k: Kernel): Map<number, KernelMutex> {
  return k.mutexes;
}

/** MutexControl(mutex r0, control r1): create 1, delete 2 (not while held). Privileged. */
export function sysMutexControl(k: Kernel, t: Tcb): void {
  k.kmem.charge('mutex');
  if (!t.space.privileged) return fail(k, t, ErrorCode.NoPrivilege);
  const [id, control] = t.regs;
  const mutexes = table(k);
  if (id >= MAX_MUTEXES) return fail(k, t, ErrorCode.InvalidMutex);
  if (control === MutexControlOp.create) {
    if (mutexes.has(id)) return fail(k, t, ErrorCode.InvalidMutex);
    mutexes.set(id, { id, owner: undefined, waiters: [] });
  } else if (control === MutexControlOp.delete) {
    const m = mutexes.get(id);
    if (!m) return fail(k, t, ErrorCode.InvalidMutex);
    if (m.owner) return fail(k, t, ErrorCode.MutexBusy);
    mutexes.delete(id);
  } else {
    return fail(k, t, ErrorCode.InvalidParam);
  }
  t.regs[0] = 1;
}

/**
 * Mutex(mutex r0, flags r1): lock (flag 1) takes a free mutex or, with the blocking flag (2), waits for it
 * (ownership is handed over on unlock, FIFO); without it a held mutex fails with MutexBusy. Unlock
 * (flag 0) by the owner hands the mutex to the first waiter.
 */
export function sysMutex(k: Kernel, t: Tcb): void {
  k.kmem.charge('mutex');
  const [id, flags] = t.regs;
  const m = table(k).get(id);
  if (!m) return fail(k, t, ErrorCode.InvalidMutex);
  if (flags & MutexFlag.lock) {
    if (!m.owner) {
      m.owner = t;
      t.regs[0] = 1;
      return;
    }
    if (m.owner === t) return fail(k, t, ErrorCode.MutexBusy);
    if (!(flags & MutexFlag.blocking)) return fail(k, t, ErrorCode.MutexBusy);
    t.state = 'mutex';
    t.partner = id;
    m.waiters.push(t);
    k.kmem.chargeWords(t.pa + TcbLayout.state, 2, true);
    return;
  }
  if (m.owner !== t) return fail(k, t, ErrorCode.InvalidMutex);
  const next = m.waiters.shift();
  m.owner = next;
  t.regs[0] = 1;
  if (next) {
    next.regs[0] = 1;
    k.wake(next, true);
  }
}
