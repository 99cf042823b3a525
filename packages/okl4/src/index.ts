export {
  SYSCALL_BASE, Syscall, KdbTrap, decodeTrap, ErrorCode, IpcError, ipcErrorWord, ThreadId, Utcb, UTCB_POINTER_ADDRESS, Label,
  type SyscallName, type KdbTrapName, type DecodedTrap,
} from './abi.js';
export { encodeTag, decodeTag, TagFlag, type MessageTag } from './message-tag.js';
