import { Label, ThreadId } from '../abi.js';
import { encodeTag } from '../message-tag.js';
import type { Kernel } from '../kernel.js';
import type { KernelIpc, Tcb } from '../object/tcb.js';
import { REG_CPSR, REG_PC } from '../object/tcb.js';
import { TcbLayout } from '../costs.js';
import { hex } from '../layout.js';
import { accepts, receivePhase, transfer } from './ipc.js';

/** Exception numbers in MR4 of a u = 5 exception message: the ARM vector offset / 4. */
export const ExceptionNumber = { undefined: 1, swi: 2, prefetchAbort: 3, dataAbort: 4 } as const;

/**
 * Sends a kernel-generated message on behalf of `t` to `target` and waits for the reply, which the
 * kernel consumes (send + receive blocking, closed receive). Without a handler the thread is halted.
 */
export function kernelIpc(k: Kernel, t: Tcb, kind: KernelIpc, target: number, words: number[], what: string): void {
  const dest = k.lookupThread(target);
  if (!dest || dest === t) {
    k.report(`OKL4: unhandled ${what} in ${t.name} (${hex(t.tid)}) at ip ${hex(t.regs[REG_PC])}: no ${kind === 'page-fault' ? 'pager' : 'exception handler'}; thread halted`);
    k.setHalted(t, true);
    return;
  }
  t.kernelIpc = kind;
  t.kernelMessage = words;
  t.pendingFrom = ThreadId.nil;
  if (accepts(dest, t)) {
    transfer(k, t, dest);
    receivePhase(k, t, dest.tid, true);
  } else {
    t.state = 'sending';
    t.partner = dest.tid;
    t.pendingFrom = dest.tid;
    t.pendingReceiveBlock = true;
    dest.sendQueue.push(t);
    k.kmem.chargeWords(dest.pa + TcbLayout.sendQueue, 2, true);
  }
}

/** Page fault → pager: label 0xFFE0 | rwx, u = 2, MR1 fault address, MR2 IP. */
export function pageFault(k: Kernel, t: Tcb, va: number, rwx: number, status: number): void {
  k.kmem.charge('pageFault');
  const words = [encodeTag({ label: Label.pageFault | rwx, untyped: 2 }), va >>> 0, t.regs[REG_PC]];
  kernelIpc(k, t, 'page-fault', t.pager, words, `page fault at ${hex(va)} (status 0x${status.toString(16)}, rwx ${rwx})`);
}

/** General exception → exception handler: label 0xFFB0, u = 5: IP, SP, CPSR, exception number, error code. */
export function exceptionIpc(k: Kernel, t: Tcb, number: number, errorCode: number): void {
  k.kmem.charge('exceptionIpc');
  const r = t.regs;
  const words = [encodeTag({ label: Label.exception, untyped: 5 }), r[REG_PC], r[13], r[REG_CPSR], number, errorCode >>> 0];
  kernelIpc(k, t, 'exception', t.exceptionHandler, words, `exception ${number} (code ${hex(errorCode)})`);
}

export function undefinedInstruction(k: Kernel, t: Tcb, instruction: number): void {
  exceptionIpc(k, t, ExceptionNumber.undefined, instruction);
}

/**
 * An SWI with an ordinary SP: a syscall exception, u = 13: MR1–4 = r4–r7, MR5–8 = r0–r3, MR9 PC (after
 * the SWI), MR10 SP, MR11 LR, MR12 the SWI instruction word, MR13 CPSR.
 */
export function syscallException(k: Kernel, t: Tcb, instruction: number): void {
  k.kmem.charge('exceptionIpc');
  const r = t.regs;
  const words = [encodeTag({ label: Label.exception, untyped: 13 }), r[4], r[5], r[6], r[7], r[0], r[1], r[2], r[3], r[REG_PC], r[13], r[14], instruction >>> 0, r[REG_CPSR]];
  kernelIpc(k, t, 'syscall-exception', t.exceptionHandler, words, `system call exception (swi ${hex(instruction)})`);
}
