import type { Space } from './space.js';
import type { HostedThread } from '../hosted/hosted.js';

/**
 * Thread states. `runnable` covers the current thread and ready ones; `sending`/`receiving` are blocked
 * in an IPC phase; `inactive` is a created thread not yet started by ExchangeRegisters.
 */
export type ThreadState = 'inactive' | 'runnable' | 'sending' | 'receiving' | 'mutex' | 'dead';

/** Kernel-generated IPC a thread is engaged in (its reply is consumed by the kernel, not its registers). */
export type KernelIpc = 'page-fault' | 'exception' | 'syscall-exception';

/** Register save area indices: r0–r14, then pc and cpsr. */
export const REG_PC = 15;
export const REG_CPSR = 16;

/** A thread control block: kernel state in TypeScript, mirrored at a simulated address for the cost meter. */
export class Tcb {
  readonly regs = new Uint32Array(17);
  state: ThreadState = 'inactive';
  halted = false;
  priority: number;
  /** Timeslice length and what is left of it, in microseconds. */
  timeslice: number;
  remaining: number;
  pager: number;
  exceptionHandler: number;
  scheduler: number;
  /** While `receiving`: the from specifier (tid, anythread or waitnotify). While `sending`: the destination. */
  partner = 0;
  /** Receive phase to run after the send phase completes (nilthread = none). */
  pendingFrom = 0;
  /** Whether the pending receive phase blocks. */
  pendingReceiveBlock = false;
  /** Threads blocked sending to this one, in arrival order. */
  readonly sendQueue: Tcb[] = [];
  /** Set while a kernel-generated message is being sent or its reply awaited. */
  kernelIpc: KernelIpc | undefined;
  /** The kernel-generated message (MR0 first) while it waits to be delivered. */
  kernelMessage: number[] | undefined;
  inReadyQueue = false;
  /** Hosted (TypeScript) thread state; undefined for threads running ARM code. */
  hosted: HostedThread | undefined;
  name: string;
  /** Ticks charged while this thread was current (for tests and statistics). */
  ticks = 0;

  constructor(
    readonly tid: number,
    public space: Space,
    /** Physical address of the TCB block and its kernel virtual alias. */
    readonly pa: number,
    readonly kva: number,
    /** The UTCB: user VA, physical address, kernel alias. */
    readonly utcbVa: number,
    readonly utcbPa: number,
    readonly utcbKva: number,
    options: { priority: number; timeslice: number; pager: number; exceptionHandler: number; scheduler: number; name: string },
  ) {
    this.priority = options.priority;
    this.timeslice = options.timeslice;
    this.remaining = options.timeslice;
    this.pager = options.pager;
    this.exceptionHandler = options.exceptionHandler;
    this.scheduler = options.scheduler;
    this.name = options.name;
  }

  get runnable(): boolean {
    return this.state === 'runnable' && !this.halted;
  }
}
