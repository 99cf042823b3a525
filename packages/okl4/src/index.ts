export {
  SYSCALL_BASE, Syscall, KdbTrap, decodeTrap, ErrorCode, IpcError, ipcErrorWord, ThreadId, Utcb, UTCB_POINTER_ADDRESS, Label,
  type SyscallName, type KdbTrapName, type DecodedTrap,
} from './abi.js';
export { encodeTag, decodeTag, TagFlag, type MessageTag } from './message-tag.js';
export { Kernel, type KernelOptions, type KernelHalt, THREAD_NUMBER_SHIFT } from './kernel.js';
export { Costs, TcbLayout, type PathBudget, type CostPath } from './costs.js';
export { Tcb, type ThreadState } from './object/tcb.js';
export { Space } from './object/space.js';
export type { AddressSpaceMmu, FaultOutcome, SpacePageTables, SpaceMapping } from './arch/arm/mmu.js';
export { ArmV5Mmu } from './arch/arm/v5/fass.js';
export { ArmV6Mmu, ARMV6_ASIDS } from './arch/arm/v6/asid.js';
export { MemoryAttribute, Rights } from './arch/arm/v5/page-table.js';
export type { BspFactory } from './plat/platform.js';
export { ExregControl, ExregState, EXREG_SOURCE_SHIFT, NIL_SPACE } from './api/thread.js';
export { SpaceControlBits, MapControlBits, fpage, physDescriptor } from './api/space.js';
export { InterruptOp, interruptControlWord } from './api/interrupt.js';
export { CacheOp } from './api/misc.js';
export { MutexControlOp, MutexFlag } from './api/mutex.js';
export { ACCEPT_NOTIFY } from './ipc/ipc.js';
export { ExceptionNumber } from './ipc/exception.js';
export { HostedContext, type HostedBody, type HostedSyscall } from './hosted/hosted.js';
export * as hostedL4 from './hosted/l4.js';
export type { HostedIpcResult } from './hosted/l4.js';
export { buildImage, validateImage, ImageError, FIRST_IMAGE_THREAD, type BuiltImage } from './image/builder.js';
export { BootInfo, type ImageDescription, type ProgramDescription, type ThreadDescription, type MemsectionDescription } from './image/description.js';
export { KERNEL_BASE, USER_TOP, UTCB_AREA_BASE } from './layout.js';
