export { Errno, errorReturn, decodeReturn, type ErrnoName } from './errno.js';
export { SyscallNumber, decodeSyscall, OABI_SWI_BASE, ARM_PRIVATE_BASE, type DecodedSyscall, type SyscallName } from './syscall-abi.js';
