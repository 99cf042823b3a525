export { encodeSyscallMessage, decodeSyscallMessage, SYSCALL_EXCEPTION_WORDS, type SyscallFrame } from './syscall-message.js';
