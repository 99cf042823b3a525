import { ErrorCode, ThreadId } from '../abi.js';
import type { Kernel } from '../kernel.js';
import type { Tcb } from '../object/tcb.js';
import { notifyThread, receivePhase } from '../ipc/ipc.js';
import { fail } from './dispatch.js';

export interface InterruptRegistration {
  readonly thread: Tcb;
  readonly irq: number;
  /** Notify bit number (0–31) delivered to the thread. */
  readonly bit: number;
}

export const InterruptOp = { register: 0, unregister: 1, acknowledge: 2, acknowledgeWait: 3 } as const;

/** control word: irq [15:0], notify bit [20:16], op [31:29]. */
export function interruptControlWord(op: number, irq: number, bit = 0): number {
  return ((op << 29) | ((bit & 31) << 16) | (irq & 0xffff)) >>> 0;
}

/**
 * InterruptControl(thread r0, control r1). Register (privileged) routes the IRQ to the thread as notify
 * bit `bit` and unmasks it; unregister masks it; acknowledge (by the handler) unmasks it again;
 * acknowledge-and-wait then waits for notifications (IPC-style return).
 */
export function sysInterruptControl(k: Kernel, t: Tcb): void {
  k.kmem.charge('interruptControl');
  const [threadId, control] = t.regs;
  const op = control >>> 29, irq = control & 0xffff, bit = (control >>> 16) & 31;
  const bsp = k.platform.bsp;
  if (irq >= bsp.interrupts.count || irq === bsp.timer.irq) return fail(k, t, ErrorCode.InvalidParam);
  const reg = k.irqHandlers.get(irq);
  switch (op) {
    case InterruptOp.register: {
      if (!t.space.privileged) return fail(k, t, ErrorCode.NoPrivilege);
      const target = k.lookupThread(threadId, t);
      if (!target) return fail(k, t, ErrorCode.InvalidThread);
      if (reg && reg.thread !== target) return fail(k, t, ErrorCode.InvalidParam);
      k.irqHandlers.set(irq, { thread: target, irq, bit });
      bsp.interrupts.unmask(irq);
      t.regs[0] = 1;
      return;
    }
    case InterruptOp.unregister:
      if (!t.space.privileged) return fail(k, t, ErrorCode.NoPrivilege);
      if (!reg) return fail(k, t, ErrorCode.InvalidParam);
      bsp.interrupts.mask(irq);
      k.irqHandlers.delete(irq);
      t.regs[0] = 1;
      return;
    case InterruptOp.acknowledge:
    case InterruptOp.acknowledgeWait:
      if (!reg || reg.thread !== t) return fail(k, t, ErrorCode.InvalidParam);
      bsp.interrupts.unmask(irq);
      t.regs[0] = 1;
      if (op === InterruptOp.acknowledgeWait) receivePhase(k, t, ThreadId.waitNotify, true);
      return;
    default:
      return fail(k, t, ErrorCode.InvalidParam);
  }
}

/**
 * IRQ entry: the tick charges the current timeslice; any other source is masked, acknowledged at the
 * controller and delivered as a notify bit to its handler thread (unmasked again on acknowledge).
 */
export function handleInterrupts(k: Kernel): void {
  const bsp = k.platform.bsp;
  k.kmem.charge('interrupt');
  for (let guard = 0; guard < 64; guard++) {
    const irq = bsp.interrupts.pending();
    if (irq === undefined) return;
    k.stats.interrupts++;
    if (irq === bsp.timer.irq) {
      bsp.timer.acknowledge();
      bsp.interrupts.acknowledge(irq);
      k.tick();
      continue;
    }
    bsp.interrupts.mask(irq);
    bsp.interrupts.acknowledge(irq);
    const reg = k.irqHandlers.get(irq);
    if (reg) notifyThread(k, reg.thread, (1 << reg.bit) >>> 0);
    else k.report(`OKL4: spurious interrupt ${irq} (${bsp.interrupts.name(irq)}) masked`);
  }
}
