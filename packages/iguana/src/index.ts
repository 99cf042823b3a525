export { RangeAllocator } from './range-allocator.js';
export { IGUANA_IDL, IGUANA_LABEL_BASE, idlOperation, type IdlOperation } from './idl/iguana-idl.js';
export { generateHeader, generateSource, GENERATED_HEADER, GENERATED_SOURCE } from './idl/generate.js';
export { IguanaServer, SHUTDOWN_LABEL, type OperationHandler } from './server/server.js';
export { bootBlock, BOOT_MAGIC, type BootProgram, type PlannedThread } from './server/loader.js';
export { IguanaCosts, type IguanaCostName } from './server/costs.js';
export { Memsection, ProtectionDomain } from './server/objects.js';
export { devicecore, DEVICECORES, type DevicecoreDescription, type DeviceDescription } from './devicecore/devicecore.js';
export {
  bootIguana, validateIguanaImage, IguanaImageError, SERVER_NAME, DEVICECORE_NAME, SERVER_PRIORITY, DEVICECORE_PRIORITY, MAX_PROGRAM_PRIORITY,
  type IguanaImageDescription, type IguanaProgramDescription, type IguanaThreadDescription, type BootedIguana,
} from './image.js';
export { IGUANA_EXAMPLES, exampleProgram, runIguanaSystem, runSummary, type ExampleDefinition, type IguanaSystemOptions, type IguanaRun } from './system.js';
export { BOOT_COMMAND_OPTIONS, bootCommand, bootHelp, type BootCommandIo, type BootCommandOptions, type ParseBootArguments } from './boot/boot-command.js';
