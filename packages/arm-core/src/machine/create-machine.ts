import { GuestErrorLog, type GuestErrorSink } from '../bus/device.js';
import { PhysicalBus } from '../bus/physical-bus.js';
import { Cpu } from '../cpu/cpu.js';
import { createInstructionSet } from '../isa/instruction-set.js';
import { MemorySystem } from '../memory/memory-system.js';
import { Clock, EventScheduler } from '../sched/scheduler.js';
import { RunLoop, type RunOptions, type RunResult } from './run-loop.js';

export type CoreName = 'arm920t';
export type TimingMode = 'functional' | 'cycle';

export interface MachineOptions {
  readonly cpu: CoreName;
  readonly timing?: TimingMode;
  /** Core clock; default the board's usual figure for the core (ARM920T: 400 MHz). */
  readonly coreHz?: number;
  /** Where guest errors go (unmodelled registers, refused CP15 bits); default: collected, not printed. */
  readonly guestErrors?: GuestErrorSink;
}

/** What a result records about the machine it came from. */
export interface MachineConfiguration {
  readonly cpu: CoreName;
  readonly arch: string;
  readonly timing: TimingMode;
  readonly coreHz: number;
}

export interface Machine {
  readonly cpu: Cpu;
  readonly bus: PhysicalBus;
  readonly memory: MemorySystem;
  readonly clock: Clock;
  readonly scheduler: EventScheduler;
  readonly guestErrors: GuestErrorSink;
  readonly configuration: MachineConfiguration;
  run(options?: RunOptions): RunResult;
  /** Makes the running `run` return with reason 'stopped'. */
  requestStop(detail: string, exitStatus?: number): void;
  /** Resets the core and devices (RAM keeps its contents). */
  reset(): void;
}

const CORES: Record<CoreName, { arch: 'v4T'; defaultHz: number }> = {
  arm920t: { arch: 'v4T', defaultHz: 400_000_000 },
};

/**
 * Builds an ARM machine with an empty physical bus: map RAM and devices, load code, set `cpu.pc`, run.
 * The core starts as after reset: SVC mode, IRQ/FIQ masked, MMU and caches off.
 */
export function createMachine(options: MachineOptions): Machine {
  const core = CORES[options.cpu];
  if (!core) throw new Error(`createMachine: unknown cpu '${String(options.cpu)}' (known: ${Object.keys(CORES).join(', ')})`);
  const timing = options.timing ?? 'functional';
  if (timing !== 'functional' && timing !== 'cycle') throw new Error(`createMachine: timing must be 'functional' or 'cycle', got '${String(timing)}'`);
  const coreHz = options.coreHz ?? core.defaultHz;
  const guestErrors = options.guestErrors ?? new GuestErrorLog('silent');
  const clock = new Clock(coreHz);
  const scheduler = new EventScheduler(clock);
  const bus = new PhysicalBus();
  let cpu: Cpu | undefined;
  const memory = new MemorySystem({
    bus,
    clock,
    timing,
    guestErrors,
    onWaitForInterrupt: () => {
      if (cpu) cpu.waitingForInterrupt = true;
    },
    onControlChange: (control) => {
      // V (bit 13) selects the high vectors.
      if (cpu) cpu.vectorBase = control & (1 << 13) ? 0xffff0000 : 0;
    },
  });
  cpu = new Cpu({ isa: createInstructionSet(core.arch), memory, clock, timing });
  cpu.coprocessors[15] = memory.cp15;
  const loop = new RunLoop(cpu, clock, scheduler);
  const machineCpu = cpu;
  return {
    cpu: machineCpu,
    bus,
    memory,
    clock,
    scheduler,
    guestErrors,
    configuration: { cpu: options.cpu, arch: core.arch, timing, coreHz },
    run: (runOptions) => loop.run(runOptions),
    requestStop: (detail, exitStatus) => loop.requestStop(detail, exitStatus),
    reset: () => {
      bus.resetDevices();
      machineCpu.reset();
    },
  };
}
