/**
 * The OKL4 ARM system-call ABI (reference/okl4.md §1–2): a call is `swi` with sp = 0xFFFFFF00 + offset;
 * the kernel decodes the call from the user SP, not from the SWI immediate.
 */
export const SYSCALL_BASE = 0xffffff00;

export const Syscall = {
  Ipc: 0x00,
  ThreadSwitch: 0x04,
  ThreadControl: 0x08,
  ExchangeRegisters: 0x0c,
  Schedule: 0x10,
  MapControl: 0x14,
  SpaceControl: 0x18,
  CacheControl: 0x20,
  Lipc: 0x28,
  PlatformControl: 0x2c,
  SpaceSwitch: 0x30,
  Mutex: 0x34,
  MutexControl: 0x38,
  InterruptControl: 0x3c,
  CapControl: 0x40,
  MemoryCopy: 0x44,
} as const;
export type SyscallName = keyof typeof Syscall;

/** KDB traps: SWI with sp = 0xFFFFFF00 + trap. */
export const KdbTrap = {
  PutChar: 0xa0,
  GetChar: 0xa4,
  GetCharNonBlocking: 0xa8,
  DebugString: 0xac,
  GetUtcb: 0xb0,
  SetObjectName: 0xb8,
  GetTick: 0xe0,
} as const;
export type KdbTrapName = keyof typeof KdbTrap;

export type DecodedTrap =
  | { kind: 'syscall'; name: SyscallName; offset: number }
  | { kind: 'kdb'; name: KdbTrapName; offset: number }
  | { kind: 'unknown-syscall'; offset: number }
  | { kind: 'exception' };

const SYSCALL_BY_OFFSET = new Map<number, SyscallName>(Object.entries(Syscall).map(([k, v]) => [v, k as SyscallName]));
const KDB_BY_OFFSET = new Map<number, KdbTrapName>(Object.entries(KdbTrap).map(([k, v]) => [v, k as KdbTrapName]));

/**
 * What an SWI means given the user's SP: an OKL4 system call, a KDB trap, or (SP below the syscall window)
 * a syscall exception to be sent as exception IPC to the thread's handler.
 */
export function decodeTrap(userSp: number): DecodedTrap {
  const sp = userSp >>> 0;
  if (sp < SYSCALL_BASE) return { kind: 'exception' };
  const offset = sp - SYSCALL_BASE;
  const sys = SYSCALL_BY_OFFSET.get(offset);
  if (sys) return { kind: 'syscall', name: sys, offset };
  const kdb = KDB_BY_OFFSET.get(offset);
  if (kdb) return { kind: 'kdb', name: kdb, offset };
  return { kind: 'unknown-syscall', offset };
}

/** ErrorCode values written to the UTCB by non-IPC calls that return 0. */
export const ErrorCode = {
  NoPrivilege: 1,
  InvalidThread: 2,
  InvalidSpace: 3,
  InvalidScheduler: 4,
  InvalidParam: 5,
  UtcbArea: 6,
  NoMem: 8,
  SpaceNotEmpty: 9,
  InvalidMutex: 10,
  MutexBusy: 11,
  InvalidClist: 12,
  InvalidCap: 13,
  DomainConflict: 15,
  NotImplemented: 16,
} as const;

/** IPC error codes: reported as (code << 1) | phase, phase 1 = receive. */
export const IpcError = {
  NoPartner: 1,
  NonExist: 2,
  Canceled: 3,
  MsgOverflow: 4,
  NotAccepted: 5,
  Aborted: 7,
} as const;

export function ipcErrorWord(code: number, receivePhase: boolean): number {
  return ((code << 1) | (receivePhase ? 1 : 0)) >>> 0;
}

/** Special thread IDs. */
export const ThreadId = {
  nil: 0xfffffffc,
  any: 0xffffffff,
  waitNotify: 0xfffffffe,
  myself: 0xfffffffd,
} as const;

/** UTCB byte offsets. */
export const Utcb = {
  mutexThreadHandle: 0,
  userHandle: 4,
  preemptFlags: 8,
  acceptor: 12,
  notifyMask: 16,
  notifyBits: 20,
  processorNumber: 24,
  errorCode: 28,
  preemptCallbackIp: 36,
  preemptedIp: 40,
  shareFaultAddress: 44,
  senderSpace: 48,
  mr0: 64,
  messageRegisters: 32,
  tls: 192,
  userWords: 216,
  size: 256,
} as const;

/** The user-readable word holding the current thread's UTCB address. */
export const UTCB_POINTER_ADDRESS = 0xff000ff0;

/** Labels of kernel-generated messages. */
export const Label = {
  pageFault: 0xffe0,
  exception: 0xffb0,
  preemption: 0xffd0,
  interrupt: 0xfff0,
} as const;
