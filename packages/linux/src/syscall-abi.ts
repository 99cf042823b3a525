/**
 * ARM Linux system-call numbers (shared by OABI and EABI; OABI adds 0x900000 in the SWI immediate, EABI
 * passes the number in r7 with `swi 0`). Only calls the personality implements or must recognise are named.
 */
export const SyscallNumber = {
  exit: 1, fork: 2, read: 3, write: 4, open: 5, close: 6, creat: 8, link: 9, unlink: 10, execve: 11, chdir: 12,
  mknod: 14, chmod: 15, lseek: 19, getpid: 20, getuid: 24, pause: 29, access: 33, sync: 36, kill: 37, rename: 38,
  mkdir: 39, rmdir: 40, dup: 41, pipe: 42, times: 43, brk: 45, getgid: 47, geteuid: 49, getegid: 50, ioctl: 54,
  fcntl: 55, setpgid: 57, umask: 60, dup2: 63, getppid: 64, setsid: 66, sigaction: 67, gettimeofday: 78,
  munmap: 91, fstatfs: 100, wait4: 114, sysinfo: 116, clone: 120, uname: 122, mprotect: 125, sigprocmask: 126,
  getpgid: 132, _llseek: 140, getdents: 141, _newselect: 142, readv: 145, writev: 146, sched_yield: 158,
  nanosleep: 162, poll: 168, rt_sigreturn: 173, rt_sigaction: 174, rt_sigprocmask: 175, rt_sigsuspend: 179,
  getcwd: 183, vfork: 190, mmap2: 192, stat64: 195, lstat64: 196, fstat64: 197, getdents64: 217, fcntl64: 221,
  gettid: 224, exit_group: 248, set_tid_address: 256, clock_gettime: 263, socket: 281, socketpair: 288,
  set_tls: 0xf0005,
} as const;
export type SyscallName = keyof typeof SyscallNumber;

const NAME_BY_NUMBER = new Map<number, SyscallName>(Object.entries(SyscallNumber).map(([k, v]) => [v, k as SyscallName]));

export const OABI_SWI_BASE = 0x900000;
/** ARM-private calls (cacheflush, set_tls…) live at 0x0f0000 above the base. */
export const ARM_PRIVATE_BASE = 0x0f0000;

export interface DecodedSyscall {
  readonly abi: 'eabi' | 'oabi';
  readonly number: number;
  readonly name: SyscallName | undefined;
}

/**
 * Which system call an SWI asks for. `swiComment` is the SWI's 24-bit immediate; `r7` is used for EABI.
 * Returns undefined for an SWI that is neither ABI's (the kernel sends SIGILL then).
 */
export function decodeSyscall(swiComment: number, r7: number): DecodedSyscall | undefined {
  const comment = swiComment & 0xffffff;
  let number: number;
  let abi: 'eabi' | 'oabi';
  if (comment === 0) {
    abi = 'eabi';
    number = r7 >>> 0;
  } else if (comment >= OABI_SWI_BASE && comment < OABI_SWI_BASE + 0x100000) {
    abi = 'oabi';
    number = comment - OABI_SWI_BASE;
  } else return undefined;
  return { abi, number, name: NAME_BY_NUMBER.get(number) };
}
