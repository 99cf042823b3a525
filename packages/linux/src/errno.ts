/** Linux errno values (the generic numbering ARM uses). A syscall returns -errno in r0. */
export const Errno = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, ENOEXEC: 8, EBADF: 9, ECHILD: 10,
  EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, EBUSY: 16, EEXIST: 17, EXDEV: 18, ENODEV: 19, ENOTDIR: 20,
  EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOTTY: 25, EFBIG: 27, ENOSPC: 28, ESPIPE: 29, EROFS: 30,
  EMLINK: 31, EPIPE: 32, EDOM: 33, ERANGE: 34, EDEADLK: 35, ENAMETOOLONG: 36, ENOSYS: 38, ENOTEMPTY: 39,
  ELOOP: 40, ENOTSOCK: 88, EDESTADDRREQ: 89, EMSGSIZE: 90, EPROTOTYPE: 91, EOPNOTSUPP: 95, EAFNOSUPPORT: 97,
  EADDRINUSE: 98, ECONNRESET: 104, ENOTCONN: 107, ECONNREFUSED: 111,
} as const;
export type ErrnoName = keyof typeof Errno;

const NAME_BY_VALUE = new Map<number, ErrnoName>(Object.entries(Errno).map(([k, v]) => [v, k as ErrnoName]));

/** The value a failing syscall leaves in r0: -errno as an unsigned 32-bit word. */
export function errorReturn(name: ErrnoName): number {
  return -Errno[name] >>> 0;
}

/** Whether an r0 value is an error return (the kernel's convention: -4095..-1), and which. */
export function decodeReturn(r0: number): { ok: true; value: number } | { ok: false; errno: number; name: ErrnoName | undefined } {
  const signed = r0 | 0;
  if (signed < 0 && signed >= -4095) return { ok: false, errno: -signed, name: NAME_BY_VALUE.get(-signed) };
  return { ok: true, value: r0 >>> 0 };
}
