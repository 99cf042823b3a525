import { ErrorCode, Syscall, decodeTrap } from '../abi.js';
import type { Kernel } from '../kernel.js';
import type { Tcb } from '../object/tcb.js';
import { syscallException } from '../ipc/exception.js';
import { ipcFastpath } from '../ipc/fastpath.js';
import { sysIpc } from '../ipc/ipc.js';
import { sysExchangeRegisters, sysSchedule, sysThreadControl, sysThreadSwitch } from './thread.js';
import { sysMapControl, sysSpaceControl } from './space.js';
import { sysCacheControl, kdbTrap } from './misc.js';
import { sysInterruptControl } from './interrupt.js';
import { sysMutex, sysMutexControl } from './mutex.js';

/**
 * System-call entry (reference/okl4.md §2): the call is decoded from the user SP, not the SWI immediate.
 * sp = 0xFFFFFF00 tries the IPC fastpath first; an ordinary SP is a syscall exception.
 */
export function dispatchSyscall(k: Kernel, t: Tcb, instruction: number): void {
  const trap = decodeTrap(t.regs[13]);
  k.entryName = trap.kind === 'syscall' || trap.kind === 'kdb' ? `${trap.kind}:${trap.name}` : trap.kind;
  if (trap.kind === 'exception') {
    syscallException(k, t, instruction);
    return;
  }
  if (trap.kind === 'syscall' && trap.name === 'Ipc') {
    if (k.options.fastpath && ipcFastpath(k, t)) {
      k.entryName = 'ipc-fastpath';
      return;
    }
    k.entryName = 'ipc-slowpath';
    sysIpc(k, t);
    return;
  }
  k.kmem.charge('syscall');
  if (trap.kind === 'kdb') {
    kdbTrap(k, t, trap.name);
    return;
  }
  if (trap.kind === 'unknown-syscall') return fail(k, t, ErrorCode.NotImplemented);
  switch (trap.offset) {
    case Syscall.ThreadSwitch:
      return sysThreadSwitch(k, t);
    case Syscall.ThreadControl:
      return sysThreadControl(k, t);
    case Syscall.ExchangeRegisters:
      return sysExchangeRegisters(k, t);
    case Syscall.Schedule:
      return sysSchedule(k, t);
    case Syscall.MapControl:
      return sysMapControl(k, t);
    case Syscall.SpaceControl:
      return sysSpaceControl(k, t);
    case Syscall.CacheControl:
      return sysCacheControl(k, t);
    case Syscall.InterruptControl:
      return sysInterruptControl(k, t);
    case Syscall.Mutex:
      return sysMutex(k, t);
    case Syscall.MutexControl:
      return sysMutexControl(k, t);
    default:
      return fail(k, t, ErrorCode.NotImplemented);
  }
}

/** A non-IPC call failed: r0 = 0 and the reason in the UTCB ErrorCode word. */
export function fail(k: Kernel, t: Tcb, code: number): void {
  t.regs[0] = 0;
  k.setError(t, code);
}

/** Privileged calls (ThreadControl, SpaceControl, MapControl, InterruptControl registration). */
export function privileged(k: Kernel, t: Tcb): boolean {
  if (t.space.privileged) return true;
  fail(k, t, ErrorCode.NoPrivilege);
  return false;
}
