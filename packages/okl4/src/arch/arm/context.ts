import { Mode, PSR, type Cpu } from '@l4lab/arm-core';
import { REG_CPSR, REG_PC, type Tcb } from '../../object/tcb.js';
import { TcbLayout } from '../../costs.js';
import type { KernelMemory } from './kernel-memory.js';

/**
 * CPSR bits a user may hold: flags (N Z C V Q), the ARMv6 SIMD GE[19:16] flags (kept across preemption on
 * the ARM1176; nothing reads them on ARMv4T), Thumb state; the mode is always USR with interrupts enabled.
 */
const USER_PSR_MASK = 0xf8000000 | 0x000f0000 | PSR.T;

export function userCpsr(requested: number): number {
  return ((requested & USER_PSR_MASK) | Mode.USR) >>> 0;
}

/**
 * Exception entry: the user registers (user bank, r0–r12 shared with every non-FIQ mode), the SPSR of
 * the exception mode and the resume address go into the TCB save area, charged as 17 word stores.
 */
export function saveUserContext(cpu: Cpu, t: Tcb, resumePc: number, kmem: KernelMemory): void {
  const r = t.regs;
  for (let n = 0; n < 15; n++) r[n] = cpu.readBanked(n, Mode.USR);
  r[REG_PC] = resumePc >>> 0;
  r[REG_CPSR] = cpu.currentSpsr;
  kmem.charge('entry');
  kmem.chargeWords(t.pa + TcbLayout.context, 17, true);
}

/** Exception exit: loads the TCB save area into the user bank and drops to user mode at the saved pc. */
export function restoreUserContext(cpu: Cpu, t: Tcb, kmem: KernelMemory): void {
  kmem.charge('exit');
  kmem.chargeWords(t.pa + TcbLayout.context, 17, false);
  const r = t.regs;
  cpu.writeCpsr(userCpsr(r[REG_CPSR]));
  for (let n = 0; n < 15; n++) cpu.r[n] = r[n];
  const thumb = (r[REG_CPSR] & PSR.T) !== 0;
  cpu.pc = (r[REG_PC] & (thumb ? ~1 : ~3)) >>> 0;
}

/** Idle: SVC mode with IRQs enabled, waiting for an interrupt at the idle loop's address. */
export function enterIdle(cpu: Cpu, idlePc: number, interruptsEnabled: boolean): void {
  cpu.writeCpsr(Mode.SVC | PSR.F | (interruptsEnabled ? 0 : PSR.I));
  cpu.pc = idlePc;
  cpu.waitingForInterrupt = true;
}
