import type { Cpu } from '../cpu/cpu.js';
import { FastLoop, type FastLoopOptions } from '../cpu/fast-loop.js';
import type { BlockCache } from '../jit/block-cache.js';
import { PSR } from '../cpu/modes.js';
import type { Clock, EventScheduler } from '../sched/scheduler.js';

export type StopReason =
  /** `maxInstructions` executed. */
  | 'instruction-limit'
  /** `maxCycles` elapsed: a runaway guest ends here. */
  | 'cycle-limit'
  /** Waiting for an interrupt with IRQ and FIQ masked, or with nothing left that could raise one. */
  | 'halted'
  /** Someone (semihosting exit, a kernel, the board) asked the machine to stop. */
  | 'stopped'
  /** The simulator itself failed; `detail` says how. The host process is not brought down. */
  | 'error';

export interface RunOptions {
  readonly maxInstructions?: number;
  readonly maxCycles?: number;
}

export interface RunResult {
  readonly instructions: number;
  readonly cycles: number;
  readonly reason: StopReason;
  /** For 'stopped': who stopped it and any status (e.g. a semihosting exit code). */
  readonly detail?: string;
  readonly exitStatus?: number;
}

/**
 * Runs the core against the event scheduler: executes instructions in batches up to the next event,
 * fires due events, and skips idle time while the core waits for an interrupt.
 */
export class RunLoop {
  private stopRequest: { detail: string; exitStatus?: number } | undefined;
  /** True while a stop request is pending (read by the fast loop after every instruction). */
  stopPending = false;
  private readonly fast: FastLoop;

  constructor(
    private readonly cpu: Cpu,
    private readonly clock: Clock,
    private readonly scheduler: EventScheduler,
    options: FastLoopOptions = {},
  ) {
    this.fast = new FastLoop(cpu, options);
  }

  /** The fast loop's translated blocks, when it has them. */
  get blocks(): BlockCache | undefined {
    return this.fast.blocks;
  }

  /** Asks the current `run` to return after the executing instruction. */
  requestStop(detail: string, exitStatus?: number): void {
    this.stopRequest = { detail, exitStatus };
    this.stopPending = true;
  }

  run(options: RunOptions = {}): RunResult {
    const { cpu, clock, scheduler } = this;
    const startInstructions = cpu.instructions;
    const startCycles = clock.cycles;
    const instructionLimit = startInstructions + (options.maxInstructions ?? Number.POSITIVE_INFINITY);
    const cycleLimit = startCycles + (options.maxCycles ?? Number.POSITIVE_INFINITY);
    const result = (reason: StopReason, extra: Partial<RunResult> = {}): RunResult => ({
      instructions: cpu.instructions - startInstructions,
      cycles: clock.cycles - startCycles,
      reason,
      ...extra,
    });
    this.stopRequest = undefined;
    this.stopPending = false;
    try {
      for (;;) {
        if (this.stopRequest) {
          const { detail, exitStatus } = this.stopRequest;
          this.stopRequest = undefined;
          this.stopPending = false;
          return result('stopped', { detail, exitStatus });
        }
        if (clock.cycles >= cycleLimit) return result('cycle-limit');
        if (cpu.instructions >= instructionLimit) return result('instruction-limit');
        if (scheduler.nextEventAt <= clock.cycles) {
          scheduler.runDue();
          continue;
        }
        if (cpu.waitingForInterrupt) {
          if (cpu.irqLine || cpu.fiqLine) {
            // An asserted line wakes WFI even when masked; the core then runs on (or takes the interrupt).
            cpu.waitingForInterrupt = false;
            continue;
          }
          if ((cpu.cpsr & (PSR.I | PSR.F)) === (PSR.I | PSR.F)) return result('halted', { detail: 'waiting for an interrupt with IRQ and FIQ masked' });
          if (scheduler.nextEventAt === Number.POSITIVE_INFINITY) return result('halted', { detail: 'waiting for an interrupt that nothing will raise' });
          clock.cycles = Math.min(scheduler.nextEventAt, cycleLimit);
          continue;
        }
        // The fast path (checked against cpu.step() in test/fastpath/lockstep.test.ts). nextEventAt is read
        // after every instruction: an instruction may schedule an event (a device register write).
        this.fast.run(instructionLimit, cycleLimit, scheduler, this);
      }
    } catch (e) {
      return result('error', { detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
}
