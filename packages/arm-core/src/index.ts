export { PhysicalBus, RamRegion } from './bus/physical-bus.js';
export { BusFault, GuestErrorLog, type AccessSize, type Device, type GuestErrorSink } from './bus/device.js';
export { Clock, EventScheduler, type EventCallback, type ScheduledEvent } from './sched/scheduler.js';
export { Cpu, type CpuOptions, type ExceptionEvent, type ExceptionHook, type InstructionHandler, type InstructionSet, type PipelineModel } from './cpu/cpu.js';
export { Arm1176Pipeline, type Arm1176PipelineStatistics } from './exec/pipeline/arm1176-pipeline.js';
export { Mode, PSR, bankOf, modeName, type ModeName, type ModeNumber } from './cpu/modes.js';
export { MemoryFault, VECTOR_OFFSET, type ExceptionKind } from './cpu/fault.js';
export type { Coprocessor, CoprocessorOperands } from './cpu/coprocessor.js';
export type { MemoryPort } from './cpu/memory-port.js';
export { ARCH_VERSIONS, archAtLeast, type ArchVersion } from './cpu/arch.js';
export { compilePattern, extractFields, fieldValue, insertField, DecodeTable, type Encoding, type CompiledPattern, type PatternField } from './isa/pattern.js';
export { bit, field, fields, getField, lowestSetBit, popcount, setField, testField, type Field } from './device/fields.js';
export { Register, RegisterBlock, registerArray, type RegisterBlockOptions, type RegisterSpec } from './device/registers.js';
export { RecordingLine, UNCONNECTED_LINE, pulseLine, type CoreInterruptInputs, type InterruptLine } from './device/irq.js';
export { TickTimeline } from './device/tick-timeline.js';
export {
  DEFAULT_SPIN_LIMIT,
  formatMHz,
  hex32,
  waitUntil,
  type BoardSupportPackage,
  type ConsoleDriver,
  type InterruptControllerDriver,
  type RegisterAccess,
  type TickTimerDriver,
} from './board/bsp.js';
export { advanceCycles, advanceNanoseconds } from './device/virtual-time.js';
export { ElfError, parseElf, loadElf, EM_ARM, ET_EXEC, PF_R, PF_W, PF_X, PT_LOAD, SHT_NOBITS, SHT_STRTAB, SHT_SYMTAB, SHT_ARM_ATTRIBUTES, type LoadElfOptions, type LoadedSegment, type ArmAttributes, type ElfHeader, type ElfImage, type ElfProgramHeader, type ElfSection, type ElfSegment, type ElfSymbol, type ElfSymbolBinding, type ElfSymbolType, type ElfSymbolVisibility } from './elf/index.js';
export { RunLoop, type RunOptions, type RunResult, type StopReason } from './machine/run-loop.js';
export { Semihosting, type SemihostingIo, type SemihostingExit } from './machine/semihosting.js';
export { createMachine, blocksFor, type Engine, type Machine, type MachineOptions, type MachineConfiguration, type CoreName, type TimingMode, type AnyMemorySystem, type MemorySystemFor } from './machine/create-machine.js';
export type { BlockOptions, BlockStatistics } from './jit/block-cache.js';
export type { FastLoopOptions } from './cpu/fast-loop.js';
export { THUMB_ENCODINGS, THUMB_UNDEFINED_SPACE, type ThumbDisasm, type ThumbEncoding } from './isa/thumb-encodings.js';
export { disassembleThumb, isThumbBranchLinkPair, type ThumbDisassemblyOptions } from './disasm/thumb.js';
export { Prng, createPrng } from './isa/prng.js';
export { randomInstructions, createInstructionGenerator, type RandomInstructionOptions, type RandomInstruction, type InstructionGenerator } from './isa/random.js';
export { armTraits, thumbTraits, INSTRUCTION_CLASSES, type InstructionClass, type InstructionTraits } from './isa/traits.js';
export { MemorySystem } from './memory/memory-system.js';
export type { MemorySystemOptions, MemoryStatistics, StallCycles, Translation, AccessKind } from './memory/memory-types.js';
export { Cache, Lfsr16, type CacheGeometry, type CacheAddressing, type CacheStatistics } from './memory/cache.js';
export { Tlb, type TlbEntryInfo, type TlbStatistics } from './memory/tlb.js';
export { WriteBuffer, type WriteBufferStatistics } from './memory/write-buffer.js';
export { FaultStatus, faultStatusName, faultDomainValid } from './memory/fault-status.js';
export { Mapping, Perm, walkV5, apPermissions } from './memory/page-table.js';
export { sectionDescriptor, coarseTableDescriptor, fineTableDescriptor, largePageDescriptor, smallPageDescriptor, tinyPageDescriptor, firstLevelIndex, coarseIndex, fineIndex, type DescriptorAttributes, type PageAttributes } from './memory/descriptors.js';
export { Arm920tCp15, Arm920tControl, ARM920T_ID, ARM920T_CACHE_TYPE, type Arm920tCp15Options, type Arm920tMemoryControl } from './cp15/arm920t-cp15.js';
export { CostMeter, type PathCost } from './cost/cost-meter.js';
export { ARM920T_TIMING, type Arm920tTiming } from './timing/arm920t.js';
export { createInstructionSet, armDecodeTable, type ArmInstructionSet, type InstructionSetOptions } from './isa/instruction-set.js';
export { ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS, type ArmDisasm, type ArmEncoding } from './isa/arm-encodings.js';
export { disassembleArm } from './disasm/arm.js';
export {
  bareMetalExitCode,
  describeBareMetalStop,
  formatBareMetalSummary,
  formatSimulatedTime,
  loadBareMetalImage,
  runBareMetal,
  type BareMetalBoard,
  type BareMetalConfiguration,
  type BareMetalIo,
  type BareMetalOptions,
  type BareMetalStopReason,
  type BareMetalSummary,
  type LoadedBareMetalImage,
} from './machine/bare-metal.js';
export {
  RUN_COMMAND_OPTIONS,
  byteReader,
  guestErrorPrinter,
  runCommand,
  type InputChunks,
  type RunCommandConsole,
  type RunCommandIo,
  type RunCommandOptions,
  type RunCommandValues,
} from './machine/run-command.js';
// ARM1176JZF-S: ARMv6 memory system, TrustZone CP15, timing, branch prediction.
export { MemorySystemBase, type MemorySystemBaseOptions } from './memory/memory-system-base.js';
export type { MemoryTimingTable } from './memory/memory-types.js';
export { Arm1176MemorySystem, type Arm1176MemorySystemOptions, type Arm1176MemoryStatistics } from './memory/arm1176-memory-system.js';
export { MainTlb, type MainTlbGeometry } from './memory/main-tlb.js';
export type { TlbOptions } from './memory/tlb.js';
export { FaultStatusV6, faultStatusNameV6, fsrValueV6, fsrStatusV6 } from './memory/fault-status.js';
export { walkV6, memoryType, firstLevelAddressV6, apPermissionsV6, apPermissionsForceAp, AP_TABLE_V6, type V6TranslationRegime } from './memory/page-table-v6.js';
export { MemoryTypeV6, sectionDescriptorV6, supersectionDescriptor, coarseTableDescriptorV6, largePageDescriptorV6, smallPageDescriptorV6, type DescriptorAttributesV6 } from './memory/descriptors-v6.js';
export { Arm1176Cp15, type Arm1176Cp15Options, type Arm1176MemoryControl } from './cp15/arm1176-cp15.js';
export {
  Arm1176Bank,
  Arm1176Control,
  AuxControl,
  Nsacr,
  Scr,
  ARM1176_ID,
  ARM1176_CACHE_TYPE,
  ARM1176_TCM_STATUS,
  ARM1176_TLB_TYPE,
  ARM1176_FEATURES,
  ARM1176_ISA_FEATURES,
  ARM1176_CONTROL_RESET,
  ARM1176_AUX_CONTROL_RESET,
} from './cp15/arm1176-registers.js';
export { ARM1176_TIMING, type Arm1176Timing } from './timing/arm1176.js';
export { BranchPredictor, ARM1176_BRANCH_PREDICTOR, type BranchKind, type BranchPrediction, type BranchPredictorConfig, type BranchPredictorStatistics, type PredictionSource } from './cpu/branch-predictor.js';
