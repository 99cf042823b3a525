import { ErrorCode, IpcError, ThreadId, Utcb } from '../abi.js';
import type { Kernel } from '../kernel.js';
import { REG_CPSR, REG_PC, type Tcb } from '../object/tcb.js';
import { userCpsr } from '../arch/arm/context.js';
import { ipcFailed } from '../ipc/ipc.js';
import { TcbLayout } from '../costs.js';
import { fail, privileged } from './dispatch.js';

/** Space argument meaning "no space" (delete, or modify only). */
export const NIL_SPACE = 0xffffffff;
const UNCHANGED = 0xffffffff;

/**
 * ThreadControl(dest r0, space r1, scheduler r2, pager r3, excHandler r4, resources r5, utcb r6).
 * space ≠ nil: create (inactive until ExchangeRegisters starts it) or modify in place; space = nil and
 * utcb = ~0: modify pager/handler/scheduler; space = nil otherwise: delete. Privileged.
 */
export function sysThreadControl(k: Kernel, t: Tcb): void {
  k.kmem.charge('threadControl');
  if (!privileged(k, t)) return;
  const [dest, spaceId, scheduler, pager, handler, , utcb] = t.regs;
  if (!k.validThreadId(dest)) return fail(k, t, ErrorCode.InvalidThread);
  const existing = k.lookupThread(dest);
  const modify = (target: Tcb) => {
    if (pager !== ThreadId.nil) target.pager = pager;
    if (handler !== ThreadId.nil) target.exceptionHandler = handler;
    if (scheduler !== ThreadId.nil) target.scheduler = scheduler;
    k.kmem.chargeWords(target.pa + TcbLayout.pager, 2, true);
    t.regs[0] = 1;
  };
  if (spaceId === NIL_SPACE) {
    if (!existing) return fail(k, t, ErrorCode.InvalidThread);
    if (utcb === UNCHANGED) return modify(existing);
    k.deleteThread(existing);
    t.regs[0] = 1;
    return;
  }
  const space = k.spaces.get(spaceId);
  if (!space) return fail(k, t, ErrorCode.InvalidSpace);
  if (existing) {
    if (existing.space !== space) return fail(k, t, ErrorCode.InvalidSpace);
    return modify(existing);
  }
  const created = k.createThread(dest, space, {
    pager: pager === UNCHANGED ? ThreadId.nil : pager,
    exceptionHandler: handler === UNCHANGED ? ThreadId.nil : handler,
    scheduler: scheduler === ThreadId.nil || scheduler === UNCHANGED ? t.tid : scheduler,
  });
  if (typeof created === 'number') return fail(k, t, created);
  t.regs[0] = 1;
}

export const ExregControl = {
  halt: 1 << 0,
  abortReceive: 1 << 1,
  abortSend: 1 << 2,
  sp: 1 << 3,
  ip: 1 << 4,
  flags: 1 << 5,
  userHandle: 1 << 6,
  tls: 1 << 7,
  haltFlag: 1 << 8,
  deliver: 1 << 9,
  copyRegs: 1 << 10,
  suspend: 1 << 11,
  regsToMrs: 1 << 12,
  mrsToRegs: 1 << 13,
} as const;

/** ExchangeRegisters control [31:14]: the source thread of copy-regs (bit 10), by thread number. */
export const EXREG_SOURCE_SHIFT = 14;

/** State bits returned in r1 by ExchangeRegisters. */
export const ExregState = { halted: 1, receiving: 2, sending: 4, inactive: 8 } as const;

/**
 * ExchangeRegisters(dest r0, control r1, sp r2, ip r3, flags r4, userHandle r5, tls r6) → r0 = dest (nil on
 * error), r1 = state, r2 = old sp, r3 = old ip, r4 = old flags, r5 = old user handle. Bit 12 copies the
 * target's registers into the caller's UTCB MR0–MR16 (r0–r12, sp, lr, pc, cpsr), bit 13 the reverse; bit 10
 * copies r0–r12, lr and the CPSR from the source thread named in control [31:14] (its number). Setting
 * ip starts an inactive thread. Allowed on threads of the caller's space, or from a privileged space.
 */
export function sysExchangeRegisters(k: Kernel, t: Tcb): void {
  k.kmem.charge('exchangeRegisters');
  const [destId, control, sp, ip, flags, userHandle, tls] = t.regs;
  const d = k.lookupThread(destId, t);
  if (!d) {
    t.regs[0] = ThreadId.nil;
    return k.setError(t, ErrorCode.InvalidThread);
  }
  if (d.space !== t.space && !t.space.privileged) {
    t.regs[0] = ThreadId.nil;
    return k.setError(t, ErrorCode.NoPrivilege);
  }
  k.kmem.chargeWords(d.pa + TcbLayout.context, 17, false);
  const r = d.regs;
  const state = (d.halted ? ExregState.halted : 0) | (d.state === 'receiving' ? ExregState.receiving : 0) |
    (d.state === 'sending' ? ExregState.sending : 0) | (d.state === 'inactive' ? ExregState.inactive : 0);
  const old = [r[13], r[REG_PC], r[REG_CPSR] & 0xf8000020, k.utcbRead(d, Utcb.userHandle)];
  // The register images go through the caller's UTCB MR area (MR0–MR16), since r0–r5 carry the results.
  const mr = (i: number) => Utcb.mr0 + 4 * i;
  if (control & ExregControl.regsToMrs) {
    for (let i = 0; i < 15; i++) k.utcbWrite(t, mr(i), r[i]);
    k.utcbWrite(t, mr(15), r[REG_PC]);
    k.utcbWrite(t, mr(16), r[REG_CPSR]);
  }
  if (control & ExregControl.copyRegs) {
    // Source thread: its number in control [31:14] (our thread-id layout, version bits left out). Like
    // OKL4's copy_user_regs: r0–r12, lr and the CPSR; sp and ip come from their own control bits.
    const src = k.threads.get(control >>> EXREG_SOURCE_SHIFT);
    if (!src || (src.space !== t.space && !t.space.privileged)) {
      t.regs[0] = ThreadId.nil;
      return k.setError(t, ErrorCode.InvalidThread);
    }
    k.kmem.chargeWords(src.pa + TcbLayout.context, 15, false);
    for (let i = 0; i < 13; i++) r[i] = src.regs[i];
    r[14] = src.regs[14];
    r[REG_CPSR] = userCpsr(src.regs[REG_CPSR]);
    k.kmem.chargeWords(d.pa + TcbLayout.context, 15, true);
  }
  if (control & ExregControl.mrsToRegs) {
    const words = Array.from({ length: 17 }, (_, i) => k.utcbRead(t, mr(i)));
    for (let i = 0; i < 15; i++) r[i] = words[i];
    r[REG_PC] = words[15];
    r[REG_CPSR] = userCpsr(words[16]);
  }
  if (control & ExregControl.abortReceive && d.state === 'receiving') ipcFailed(k, d, IpcError.Canceled, true);
  if (control & ExregControl.abortSend && d.state === 'sending') {
    const to = k.lookupThread(d.partner);
    if (to) to.sendQueue.splice(to.sendQueue.indexOf(d), 1);
    ipcFailed(k, d, IpcError.Canceled, false);
  }
  if (control & ExregControl.sp) r[13] = sp;
  if (control & ExregControl.ip) r[REG_PC] = ip;
  if (control & ExregControl.flags) r[REG_CPSR] = userCpsr(flags);
  if (control & ExregControl.userHandle) k.utcbWrite(d, Utcb.userHandle, userHandle);
  if (control & ExregControl.tls) k.utcbWrite(d, Utcb.tls, tls);
  if (control & (ExregControl.halt | ExregControl.suspend)) k.setHalted(d, (control & ExregControl.haltFlag) !== 0);
  if (control & ExregControl.ip && d.state === 'inactive') k.wake(d);
  if (d !== t) {
    t.regs[1] = state;
    t.regs[2] = old[0];
    t.regs[3] = old[1];
    t.regs[4] = old[2];
    t.regs[5] = old[3];
  }
  t.regs[0] = d.tid;
}

/**
 * Schedule(dest r0, timeslice r1, hwThreadMask r2, procCtrl r3, prio r4, flags r5) → r0 = 1, r1 = remaining
 * timeslice. ~0 leaves a value unchanged. The caller must be the target's scheduler (or privileged).
 */
export function sysSchedule(k: Kernel, t: Tcb): void {
  k.kmem.charge('scheduleCall');
  const [destId, timeslice, , , prio] = t.regs;
  const d = k.lookupThread(destId, t);
  if (!d) return fail(k, t, ErrorCode.InvalidThread);
  if (d.scheduler !== t.tid && d !== t && !t.space.privileged) return fail(k, t, ErrorCode.InvalidScheduler);
  if (prio !== UNCHANGED && (prio > 255 || prio > d.space.maxPriority)) return fail(k, t, ErrorCode.InvalidParam);
  if (timeslice !== UNCHANGED && timeslice === 0) return fail(k, t, ErrorCode.InvalidParam);
  if (timeslice !== UNCHANGED) {
    d.timeslice = timeslice;
    d.remaining = Math.min(d.remaining, timeslice);
  }
  if (prio !== UNCHANGED && prio !== d.priority) {
    const queued = d.inReadyQueue;
    k.ready.remove(d);
    d.priority = prio;
    if (queued) k.ready.enqueue(d);
  }
  k.kmem.chargeWords(d.pa + TcbLayout.priority, 2, true);
  t.regs[0] = 1;
  t.regs[1] = d.remaining;
}

/** ThreadSwitch(dest r0): nil yields the rest of the timeslice; a runnable thread gets the processor. */
export function sysThreadSwitch(k: Kernel, t: Tcb): void {
  k.kmem.charge('scheduleCall');
  const dest = t.regs[0];
  const d = dest === ThreadId.nil ? undefined : k.lookupThread(dest, t);
  k.yieldCurrent = true;
  if (d && d !== t && d.runnable && d.inReadyQueue) k.preferred = d;
  t.regs[0] = 1;
}
