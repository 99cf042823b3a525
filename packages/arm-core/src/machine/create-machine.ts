import { GuestErrorLog, type GuestErrorSink } from '../bus/device.js';
import { PhysicalBus } from '../bus/physical-bus.js';
import { ARM1176_AUX_CONTROL_RESET, ARM1176_CONTROL_RESET, Arm1176Control } from '../cp15/arm1176-registers.js';
import type { ArchVersion } from '../cpu/arch.js';
import { BranchPredictor } from '../cpu/branch-predictor.js';
import { Cpu } from '../cpu/cpu.js';
import { Arm1176Pipeline } from '../exec/pipeline/arm1176-pipeline.js';
import { createInstructionSet } from '../isa/instruction-set.js';
import { Arm1176MemorySystem } from '../memory/arm1176-memory-system.js';
import { MemorySystem } from '../memory/memory-system.js';
import { Clock, EventScheduler } from '../sched/scheduler.js';
import { RunLoop, type RunOptions, type RunResult } from './run-loop.js';
import type { BlockOptions, BlockStatistics } from '../jit/block-cache.js';

export type CoreName = 'arm920t' | 'arm1176jzf-s';
export type TimingMode = 'functional' | 'cycle';
/** The memory system of either core. */
export type AnyMemorySystem = MemorySystem | Arm1176MemorySystem;
/** The memory system type `createMachine` builds for core `C`. */
export type MemorySystemFor<C extends CoreName> = C extends 'arm1176jzf-s' ? Arm1176MemorySystem : MemorySystem;

export interface MachineOptions {
  readonly cpu: CoreName;
  readonly timing?: TimingMode;
  /** Core clock; default the board's usual figure for the core (ARM920T: 400 MHz; ARM1176JZF-S: 532 MHz). */
  readonly coreHz?: number;
  /** Where guest errors go (unmodelled registers, refused CP15 bits); default: collected, not printed. */
  readonly guestErrors?: GuestErrorSink;
  /**
   * Translated blocks (functional timing): options, or false for the interpreter alone. Results are
   * identical either way; blocks are faster. Default on where the host allows runtime code generation.
   */
  readonly blocks?: BlockOptions | false;
}

/** How a machine executes instructions (see MachineOptions.blocks); results are the same either way. */
export type Engine = 'blocks' | 'interpreter';

/** `MachineOptions.blocks` for an engine name (the default options for 'blocks'). */
export function blocksFor(engine: Engine | undefined): false | undefined {
  return engine === 'interpreter' ? false : undefined;
}

/** What a result records about the machine it came from. */
export interface MachineConfiguration {
  readonly cpu: CoreName;
  readonly arch: string;
  readonly timing: TimingMode;
  readonly coreHz: number;
  /** How instructions execute: the interpreter alone, or translated blocks where possible (same results). */
  readonly engine: Engine;
}

export interface Machine<M extends AnyMemorySystem = AnyMemorySystem> {
  readonly cpu: Cpu;
  readonly bus: PhysicalBus;
  readonly memory: M;
  /**
   * ARM1176: the program flow predictor, kept in step with c1.Z, the auxiliary control register and the
   * BTAC flush operations; the executors consult it (`predict`/`update`) in cycle mode. ARM920T: none.
   */
  readonly branchPredictor?: BranchPredictor;
  readonly clock: Clock;
  readonly scheduler: EventScheduler;
  readonly guestErrors: GuestErrorSink;
  readonly configuration: MachineConfiguration;
  /** What the block translator did (undefined when the engine is the interpreter alone). */
  blockStatistics(): BlockStatistics | undefined;
  run(options?: RunOptions): RunResult;
  /** Makes the running `run` return with reason 'stopped'. */
  requestStop(detail: string, exitStatus?: number): void;
  /** Resets the core and devices (RAM keeps its contents). */
  reset(): void;
}

interface CoreSpec {
  readonly arch: ArchVersion;
  readonly defaultHz: number;
  /** What STR/STM of r15 store: instruction address + 12 (ARM9TDMI) or + 8 (ARM11). */
  readonly storedPcOffset: 8 | 12;
}

const CORES: Record<CoreName, CoreSpec> = {
  arm920t: { arch: 'v4T', defaultHz: 400_000_000, storedPcOffset: 12 },
  // ARMv6 with the K, Z (TrustZone) additions; ARMv5TE/ARMv6 encodings decode as the ISA tables gain them.
  'arm1176jzf-s': { arch: 'v6Z', defaultHz: 532_000_000, storedPcOffset: 8 },
};

/**
 * Builds an ARM machine with an empty physical bus: map RAM and devices, load code, set `cpu.pc`, run.
 * The core starts as after reset: SVC mode, IRQ/FIQ masked, MMU and caches off (ARM1176: Secure world).
 */
export function createMachine<C extends CoreName>(options: MachineOptions & { readonly cpu: C }): Machine<MemorySystemFor<C>> {
  const core: CoreSpec | undefined = CORES[options.cpu];
  if (!core) throw new Error(`createMachine: unknown cpu '${String(options.cpu)}' (known: ${Object.keys(CORES).join(', ')})`);
  const timing = options.timing ?? 'functional';
  if (timing !== 'functional' && timing !== 'cycle') throw new Error(`createMachine: timing must be 'functional' or 'cycle', got '${String(timing)}'`);
  const coreHz = options.coreHz ?? core.defaultHz;
  const guestErrors = options.guestErrors ?? new GuestErrorLog('silent');
  const clock = new Clock(coreHz);
  const scheduler = new EventScheduler(clock);
  const bus = new PhysicalBus();
  let cpu: Cpu | undefined = undefined; // assigned once the memory system exists (its callbacks need it)
  let arm1176: Arm1176MemorySystem | undefined;
  const branchPredictor = options.cpu === 'arm1176jzf-s' ? new BranchPredictor() : undefined;
  branchPredictor?.configure(ARM1176_CONTROL_RESET, ARM1176_AUX_CONTROL_RESET);
  const onWaitForInterrupt = () => {
    if (cpu) cpu.waitingForInterrupt = true;
  };
  const memory: AnyMemorySystem =
    options.cpu === 'arm1176jzf-s'
      ? (arm1176 = new Arm1176MemorySystem({
          bus,
          clock,
          timing,
          guestErrors,
          onWaitForInterrupt,
          onControlChange: (control) => {
            if (!cpu || !arm1176) return;
            cpu.unalignedAccess = (control & Arm1176Control.U) !== 0;
            cpu.exceptionBigEndian = (control & Arm1176Control.EE) !== 0;
            branchPredictor?.configure(control, arm1176.cp15.auxControl);
          },
          onVectorsChange: (vectorBase, monitorVectorBase) => {
            if (!cpu) return;
            cpu.vectorBase = vectorBase;
            cpu.monitorVectorBase = monitorVectorBase;
          },
          onFlushBranchTargets: () => branchPredictor?.flush(),
        }))
      : new MemorySystem({
          bus,
          clock,
          timing,
          guestErrors,
          onWaitForInterrupt,
          onControlChange: (control) => {
            // V (bit 13) selects the high vectors.
            if (cpu) cpu.vectorBase = control & (1 << 13) ? 0xffff0000 : 0;
          },
        });
  // ARM1176: its own pipeline model (result latencies, program flow prediction) times cycle mode.
  const pipeline = branchPredictor ? new Arm1176Pipeline(branchPredictor) : undefined;
  cpu = new Cpu({ isa: createInstructionSet(core.arch, { storedPcOffset: core.storedPcOffset }), memory, clock, timing, pipeline });
  cpu.coprocessors[15] = memory.cp15;
  const loop = new RunLoop(cpu, clock, scheduler, { blocks: options.blocks });
  const machineCpu = cpu;
  return {
    cpu: machineCpu,
    bus,
    memory: memory as MemorySystemFor<C>,
    branchPredictor,
    clock,
    scheduler,
    guestErrors,
    configuration: { cpu: options.cpu, arch: core.arch, timing, coreHz, engine: loop.blocks ? 'blocks' : 'interpreter' },
    blockStatistics: () => loop.blocks && { ...loop.blocks.stats },
    run: (runOptions) => loop.run(runOptions),
    requestStop: (detail, exitStatus) => loop.requestStop(detail, exitStatus),
    reset: () => {
      bus.resetDevices();
      branchPredictor?.reset();
      machineCpu.reset();
    },
  };
}
