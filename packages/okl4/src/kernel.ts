import { Arm1176Cp15, CostMeter, Mode, type Cpu, type ExceptionEvent, type Machine } from '@l4lab/arm-core';
import { ErrorCode, ThreadId, UTCB_POINTER_ADDRESS, Utcb } from './abi.js';
import { enterIdle, restoreUserContext, saveUserContext } from './arch/arm/context.js';
import { KernelMemory } from './arch/arm/kernel-memory.js';
import type { AddressSpaceMmu, SpacePageTables } from './arch/arm/mmu.js';
import { createAddressSpaceMmu } from './arch/arm/select.js';
import { dispatchSyscall } from './api/dispatch.js';
import { Costs, SpaceLayout, TcbLayout } from './costs.js';
import { handleInterrupts, type InterruptRegistration } from './api/interrupt.js';
import { pageFault, undefinedInstruction } from './ipc/exception.js';
import { ipcFailed } from './ipc/ipc.js';
import { KERNEL_BASE, KernelRegion, PAGE, UTCB_AREA_BASE, UTCB_AREA_SECTIONS, UTCB_POINTER_PAGE, hex } from './layout.js';
import { PhysicalPool } from './object/physical-pool.js';
import { Space } from './object/space.js';
import { Tcb } from './object/tcb.js';
import { Platform, type BspFactory } from './plat/platform.js';
import { ReadyQueues } from './sched/scheduler.js';
import { IpcError } from './abi.js';
import { runHosted, type HostedBody, HostedThread } from './hosted/hosted.js';
import type { KernelMutex } from './api/mutex.js';

export interface KernelOptions {
  readonly machine: Machine;
  /** Builds the board's BSP over the kernel's metered register access. */
  readonly bsp: BspFactory;
  /** Board name for the banner, e.g. "MBA2440". */
  readonly board: string;
  readonly ram: { readonly base: number; readonly size: number };
  /** ARMv5: fast address-space switching (default true); false flushes on every switch. ARMv6 cores use ASIDs. */
  readonly fass?: boolean;
  /** Kernel heap for TCBs, page tables, UTCB pages (default 4 MB). */
  readonly heapBytes?: number;
  /** Tick rate (default 100 Hz = OKL4's 10 ms). */
  readonly tickHz?: number;
  /** Default timeslice in µs (default 10,000). */
  readonly timeslice?: number;
  /** Use the IPC fastpath (default true); the slowpath alone is the reference. */
  readonly fastpath?: boolean;
  /** Boot-log lines (banner, BSP description); default: printed on the console. */
  readonly bootLog?: (line: string) => void;
}

export const THREAD_NUMBER_SHIFT = 14;
const MAX_THREAD_NUMBER = (1 << 18) - 2;
const DEFAULT_PRIORITY = 100;
const TCB_BYTES = TcbLayout.size;

/** Why the kernel stopped the machine (deadlock: nothing can ever run again). */
export interface KernelHalt {
  readonly reason: string;
}

/**
 * OKL4 2.1 in TypeScript, driving the emulated ARM core: it owns the exception vectors through
 * `cpu.hookException`, saves and restores user context in TCBs, runs system calls, IPC, scheduling and
 * interrupts, and builds real page tables in simulated RAM. Every path is charged through the cost meter.
 */
export class Kernel {
  readonly machine: Machine;
  readonly cpu: Cpu;
  readonly meter: CostMeter;
  readonly kmem: KernelMemory;
  readonly mmu: AddressSpaceMmu;
  readonly pageTables: SpacePageTables;
  readonly platform: Platform;
  readonly ready = new ReadyQueues();
  readonly threads = new Map<number, Tcb>();
  readonly spaces = new Map<number, Space>();
  readonly userPool: PhysicalPool;
  readonly irqHandlers = new Map<number, InterruptRegistration>();
  readonly mutexes = new Map<number, KernelMutex>();
  readonly options: Required<Omit<KernelOptions, 'bootLog'>> & { bootLog?: (line: string) => void };
  readonly tickMicroseconds: number;
  current: Tcb | undefined;
  /** The partner an IPC just woke: a direct switch goes to it if nothing of higher priority is ready. */
  preferred: Tcb | undefined;
  /** Set by the IPC fastpath: the receiver runs next without a trip through the scheduler. */
  directSwitch: Tcb | undefined;
  /** The current thread gives up the processor (yield, timeslice end): it goes to the tail. */
  yieldCurrent = false;
  ticks = 0;
  halt: KernelHalt | undefined;
  /** Notified of every thread a syscall, fault or interrupt left current (tests, traces). */
  readonly stats = { syscalls: 0, fastpathIpcs: 0, slowpathIpcs: 0, switches: 0, interrupts: 0, pageFaults: 0, exceptions: 0 };
  readonly idlePc = KERNEL_BASE + KernelRegion.text + Costs.idle.text;
  /** Kernel entries by kind: calls and cycles from exception entry to the return to user. */
  readonly entries = new Map<string, { calls: number; cycles: number }>();
  /** Name of the entry being handled (set by the paths that know what it turned out to be). */
  entryName = '';
  /** Next text slot for a hosted thread's own work (hosted/hosted.ts). */
  hostedTextSlot = 0;
  private booted = false;
  private kickPending = false;
  private hostedDepth = 0;

  constructor(options: KernelOptions) {
    this.options = {
      fass: true,
      heapBytes: 4 << 20,
      tickHz: 100,
      timeslice: 10_000,
      fastpath: true,
      ...options,
    };
    const o = this.options;
    this.machine = o.machine;
    this.cpu = o.machine.cpu;
    this.meter = new CostMeter(o.machine.memory);
    if (o.ram.size % (1 << 20) !== 0) throw new Error(`kernel: RAM size ${o.ram.size} is not a multiple of 1 MB`);
    this.kmem = new KernelMemory(o.machine, this.meter, o.ram.base, o.ram.size, o.heapBytes);
    const userBase = Math.ceil((o.ram.base + KernelRegion.heap + o.heapBytes) / (1 << 20)) * (1 << 20);
    if (userBase >= o.ram.base + o.ram.size) throw new Error(`kernel: heap of ${o.heapBytes} bytes leaves no RAM for programs`);
    this.userPool = new PhysicalPool(userBase, o.ram.base + o.ram.size);
    const arch = createAddressSpaceMmu(this.kmem, o.fass, (space, index) => this.mmu.l1Changed(space, index));
    this.mmu = arch.mmu;
    this.pageTables = arch.pageTables;
    this.platform = new Platform(this.kmem, o.bsp);
    this.tickMicroseconds = Math.round(1e6 / o.tickHz);
  }

  /** Kernel banner and BSP lines for the boot log. */
  bootLog(line: string): void {
    if (this.options.bootLog) this.options.bootLog(line);
    else this.platform.puts(`${line}\n`);
  }

  /**
   * Builds the kernel's address space, enables the MMU and caches, installs the vectors, starts the tick
   * and the BSP. Programs are added afterwards (image builder), then `start()` runs the first thread.
   */
  boot(): void {
    if (this.booted) throw new Error('kernel: already booted');
    this.booted = true;
    const k = this.kmem;
    // The idle loop is real code: WFI (MCR p15, 0, r0, c7, c0, 4) and a branch back.
    const idlePa = k.ramBase + KernelRegion.text + Costs.idle.text;
    k.write32(idlePa, 0xee070f90);
    k.write32(idlePa + 4, 0xeafffffd);
    this.mmu.boot();
    this.platform.attachMmu(this.mmu);
    const bsp = this.platform.bsp;
    bsp.init();
    bsp.console.init(115200);
    this.bootLog(`L4Lab OKL4 2.1 microkernel (TypeScript model) on ${this.options.board}`);
    // TrustZone cores report the world the kernel boots in (the paper's SMDK6410 log: "Booting in secure world").
    const cp15 = this.machine.memory.cp15;
    if (cp15 instanceof Arm1176Cp15) this.bootLog(`Booting in ${cp15.describeSecurityState()}`);
    for (const line of bsp.describe()) this.bootLog(line);
    this.bootLog(`memory: ${this.mmu.name}; kernel heap ${hex(k.heap.base)}-${hex(k.heap.end)}, user pool ${hex(this.userPool.base)}-${hex(this.userPool.end)}`);
    const cpu = this.cpu;
    const entry = (name: string, handler: () => void) => {
      const start = this.machine.clock.cycles;
      this.entryName = name;
      handler();
      this.recordEntry(this.entryName, start);
    };
    cpu.hookException('swi', (_c, e) => entry('syscall', () => this.onSwi(e)));
    cpu.hookException('undefined', (_c, e) => entry('undefined', () => this.onUndefined(e)));
    cpu.hookException('prefetch-abort', (_c, e) => entry('prefetch-abort', () => this.onAbort(e)));
    cpu.hookException('data-abort', (_c, e) => entry('data-abort', () => this.onAbort(e)));
    cpu.hookException('irq', () => entry('interrupt', () => this.onInterrupt()));
    cpu.hookException('fiq', () => entry('interrupt', () => this.onInterrupt()));
    bsp.timer.start(this.options.tickHz);
    bsp.interrupts.unmask(bsp.timer.irq);
    enterIdle(cpu, this.idlePc, false);
  }

  /** Runs the scheduler for the first time: the highest-priority started thread goes on the CPU. */
  start(): void {
    if (!this.booted) throw new Error('kernel: boot() first');
    this.exitToUser();
  }

  // ---- exception entry ---------------------------------------------------------------------------------

  recordEntry(name: string, start: number): void {
    let row = this.entries.get(name);
    if (!row) this.entries.set(name, (row = { calls: 0, cycles: 0 }));
    row.calls++;
    row.cycles += this.machine.clock.cycles - start;
  }

  private requireUserEntry(e: ExceptionEvent): Tcb {
    const t = this.current;
    const fromMode = this.cpu.currentSpsr & 0x1f;
    if (!t || t.hosted || fromMode !== Mode.USR) {
      throw new Error(`kernel: ${e.kind} at ${hex(e.address)} from ${t ? `thread ${t.name}` : 'idle'} in mode 0x${fromMode.toString(16)} (kernel bug)${e.fault ? `: ${e.fault.toString()}` : ''}`);
    }
    return t;
  }

  private onSwi(e: ExceptionEvent): void {
    const t = this.requireUserEntry(e);
    saveUserContext(this.cpu, t, this.cpu.r[14], this.kmem);
    this.stats.syscalls++;
    dispatchSyscall(this, t, e.instruction);
    this.exitToUser();
  }

  private onUndefined(e: ExceptionEvent): void {
    const t = this.requireUserEntry(e);
    saveUserContext(this.cpu, t, e.address, this.kmem);
    this.stats.exceptions++;
    undefinedInstruction(this, t, e.instruction);
    this.exitToUser();
  }

  private onAbort(e: ExceptionEvent): void {
    const t = this.requireUserEntry(e);
    saveUserContext(this.cpu, t, e.address, this.kmem);
    const fault = e.fault;
    if (!fault) throw new Error('kernel: abort without fault information');
    const prefetch = e.kind === 'prefetch-abort';
    const va = prefetch ? e.address : fault.address;
    this.entryName = 'domain-fault';
    if (this.mmu.fault(t.space, va, fault.status) === 'page-fault') {
      this.stats.pageFaults++;
      this.entryName = 'page-fault';
      pageFault(this, t, va, prefetch ? 1 : fault.write ? 2 : 4, fault.status);
    }
    this.exitToUser();
  }

  private onInterrupt(): void {
    const t = this.current;
    const fromMode = this.cpu.currentSpsr & 0x1f;
    if (t && !t.hosted && fromMode === Mode.USR) saveUserContext(this.cpu, t, this.cpu.r[14] - 4, this.kmem);
    else if (t) throw new Error(`kernel: interrupt while ${t.name} is current outside user mode (kernel bug)`);
    handleInterrupts(this);
    this.exitToUser();
  }

  // ---- scheduling --------------------------------------------------------------------------------------

  /** Makes a thread runnable (not the current one: it is already). */
  wake(t: Tcb, partner = false): void {
    t.state = 'runnable';
    if (t.halted || t === this.current) return;
    this.ready.enqueue(t);
    if (partner) this.preferred = t;
  }

  /** Picks who runs next; the current thread keeps the CPU unless someone of higher priority is ready. */
  private chooseNext(): Tcb | undefined {
    const cur = this.current;
    const direct = this.directSwitch;
    if (direct) {
      this.directSwitch = undefined;
      this.preferred = undefined;
      this.yieldCurrent = false;
      return direct;
    }
    const preferred = this.preferred;
    this.preferred = undefined;
    const yieldNow = this.yieldCurrent;
    this.yieldCurrent = false;
    const highest = this.ready.highest();
    if (cur && cur.runnable) {
      if (!yieldNow && highest <= cur.priority) return cur;
      if (!yieldNow) this.ready.enqueue(cur, true);
      else if (highest >= cur.priority) this.ready.enqueue(cur);
      else return cur;
    }
    this.kmem.charge('schedule');
    if (preferred && preferred.runnable && preferred.inReadyQueue && preferred.priority >= this.ready.highest()) {
      this.ready.remove(preferred);
      return preferred;
    }
    return this.ready.takeHighest();
  }

  /** Makes `t` current: address space, UTCB pointer word, bookkeeping. */
  private switchTo(t: Tcb): void {
    if (this.current === t) return;
    this.stats.switches++;
    this.kmem.charge('threadSwitch');
    this.kmem.chargeWords(t.pa + TcbLayout.state, 2, false);
    this.mmu.activate(t.space);
    this.meter.write(UTCB_POINTER_ADDRESS);
    this.kmem.write32(this.kmem.ramBase + KernelRegion.utcbPointerPage + (UTCB_POINTER_ADDRESS & 0xfff), t.utcbVa);
    this.current = t;
  }

  /**
   * Leaves the kernel: chooses the next thread and loads it on the CPU. Hosted threads run here, inside
   * the kernel hook, until a native thread is chosen or nothing is runnable (idle).
   */
  exitToUser(): void {
    for (;;) {
      const next = this.chooseNext();
      if (!next) {
        this.goIdle();
        return;
      }
      this.switchTo(next);
      if (next.hosted) {
        if (this.hostedDepth > 0) return; // a hosted step's syscall: the outer loop continues
        this.hostedDepth++;
        try {
          runHosted(this, next);
        } finally {
          this.hostedDepth--;
        }
        this.serviceEvents();
        continue;
      }
      restoreUserContext(this.cpu, next, this.kmem);
      return;
    }
  }

  /** While hosted threads run inside the hook: fire due events and take asserted interrupts. */
  private serviceEvents(): void {
    const s = this.machine.scheduler;
    if (s.nextEventAt <= this.machine.clock.cycles) s.runDue();
    if (this.cpu.irqLine) handleInterrupts(this);
  }

  private goIdle(): void {
    const cur = this.current;
    this.current = undefined;
    if (cur && cur.runnable) throw new Error('kernel: idle with a runnable current thread (kernel bug)');
    const waiting = this.irqHandlers.size > 0 || this.kickPending;
    if (!waiting) {
      this.halt = { reason: 'no runnable threads and no interrupt can wake one' };
      enterIdle(this.cpu, this.idlePc, false);
      return;
    }
    this.kmem.charge('idle');
    enterIdle(this.cpu, this.idlePc, true);
  }

  /** Timer tick: charge the current thread's timeslice; at its end, round-robin within its priority. */
  tick(): void {
    this.ticks++;
    this.kmem.charge('tick');
    const cur = this.current;
    if (!cur) return;
    cur.ticks++;
    this.kmem.chargeWords(cur.pa + TcbLayout.timeslice, 1, true);
    cur.remaining -= this.tickMicroseconds;
    if (cur.remaining <= 0) {
      cur.remaining = cur.timeslice;
      this.yieldCurrent = true;
    }
  }

  // ---- objects -----------------------------------------------------------------------------------------

  static tid(number: number, version = 1): number {
    return ((number << THREAD_NUMBER_SHIFT) | (version & 0x3fff)) >>> 0;
  }

  /** The thread a tid names (myself resolved against `self`), if it exists with that version. */
  lookupThread(tid: number, self?: Tcb): Tcb | undefined {
    tid >>>= 0;
    if (tid === ThreadId.myself) return self;
    if (tid === ThreadId.nil || tid === ThreadId.any || tid === ThreadId.waitNotify) return undefined;
    const t = this.threads.get(tid >>> THREAD_NUMBER_SHIFT);
    return t && t.tid === tid ? t : undefined;
  }

  validThreadId(tid: number): boolean {
    tid >>>= 0;
    const n = tid >>> THREAD_NUMBER_SHIFT;
    return n <= MAX_THREAD_NUMBER && (tid & 0x3fff) !== 0;
  }

  utcbRead(t: Tcb, offset: number): number {
    return this.kmem.load(t.utcbPa + offset);
  }
  utcbWrite(t: Tcb, offset: number, value: number): void {
    this.kmem.store(t.utcbPa + offset, value >>> 0);
  }
  setError(t: Tcb, code: number): void {
    this.utcbWrite(t, Utcb.errorCode, code);
  }

  /** MRi: MR0–MR5 in r3–r8 (the save area), the rest in the UTCB. */
  getMr(t: Tcb, i: number): number {
    return i < 6 ? t.regs[3 + i] : this.utcbRead(t, Utcb.mr0 + 4 * i);
  }
  setMr(t: Tcb, i: number, value: number): void {
    if (i < 6) t.regs[3 + i] = value >>> 0;
    else this.utcbWrite(t, Utcb.mr0 + 4 * i, value);
  }

  /** Creates a space (SpaceControl new): page directory, kernel object, UTCB section. */
  createSpace(id: number, options: { pid?: number; maxPriority?: number; privileged?: boolean; resources?: number } = {}): Space | number {
    if (!Number.isInteger(id) || id < 0 || id >= UTCB_AREA_SECTIONS) return ErrorCode.InvalidSpace;
    if (this.spaces.has(id)) return ErrorCode.InvalidSpace;
    const k = this.kmem;
    const l1 = k.heap.alloc(16384);
    const obj = l1 === undefined ? undefined : k.heap.alloc(SpaceLayout.size);
    if (l1 === undefined || obj === undefined) {
      if (l1 !== undefined) k.heap.free(l1, 16384);
      return ErrorCode.NoMem;
    }
    const s = new Space(id);
    s.l1Pa = l1;
    s.pa = obj;
    s.kva = k.kva(obj);
    s.pid = options.pid ?? 0;
    s.resources = options.resources ?? s.pid;
    s.maxPriority = options.maxPriority ?? 255;
    s.privileged = options.privileged ?? false;
    s.utcbSection = (UTCB_AREA_BASE + id * (1 << 20)) >>> 0;
    k.chargeWords(obj, 4, true);
    this.mmu.spaceCreated(s);
    this.spaces.set(id, s);
    return s;
  }

  deleteSpace(s: Space): number {
    if (s.threads.size) return ErrorCode.SpaceNotEmpty;
    this.mmu.spaceDeleted(s);
    for (const pa of s.utcbPages.values()) this.kmem.heap.free(pa, PAGE);
    this.pageTables.destroy(s);
    this.kmem.heap.free(s.pa, SpaceLayout.size);
    this.spaces.delete(s.id);
    return 0;
  }

  /** Creates a thread (ThreadControl create): TCB, UTCB slot in its space's UTCB section; inactive. */
  createThread(tid: number, space: Space, o: { pager?: number; exceptionHandler?: number; scheduler?: number; priority?: number; name?: string } = {}): Tcb | number {
    if (!this.validThreadId(tid)) return ErrorCode.InvalidThread;
    if (this.threads.has(tid >>> THREAD_NUMBER_SHIFT)) return ErrorCode.InvalidThread;
    const k = this.kmem;
    let slot = 0;
    while (space.utcbSlots.has(slot)) slot++;
    if (slot >= (1 << 20) / Utcb.size) return ErrorCode.UtcbArea;
    const pageIndex = slot >>> 4;
    let page = space.utcbPages.get(pageIndex);
    if (page === undefined) {
      page = k.heap.alloc(PAGE);
      if (page === undefined) return ErrorCode.NoMem;
      const r = this.pageTables.map(space, space.utcbSection + pageIndex * PAGE, page, PAGE, 6, 0);
      if (r !== 'ok') {
        k.heap.free(page, PAGE);
        return ErrorCode.NoMem;
      }
      space.utcbPages.set(pageIndex, page);
    }
    const tcbPa = k.heap.alloc(TCB_BYTES);
    if (tcbPa === undefined) return ErrorCode.NoMem;
    const utcbPa = page + (slot & 15) * Utcb.size;
    const t = new Tcb(tid, space, tcbPa, k.kva(tcbPa), space.utcbSection + slot * Utcb.size, utcbPa, k.kva(utcbPa), {
      priority: Math.min(o.priority ?? DEFAULT_PRIORITY, space.maxPriority),
      timeslice: this.options.timeslice,
      pager: o.pager ?? ThreadId.nil,
      exceptionHandler: o.exceptionHandler ?? ThreadId.nil,
      scheduler: o.scheduler ?? ThreadId.nil,
      name: o.name ?? `thread-${(tid >>> THREAD_NUMBER_SHIFT).toString(16)}`,
    });
    t.regs[16] = Mode.USR;
    space.utcbSlots.set(slot, t);
    space.threads.add(t);
    this.threads.set(tid >>> THREAD_NUMBER_SHIFT, t);
    k.machine.bus.writeBytes(utcbPa, new Uint8Array(Utcb.size));
    k.chargeWords(tcbPa, 24, true);
    this.utcbWrite(t, Utcb.mutexThreadHandle, tid);
    return t;
  }

  /** Adds a hosted (TypeScript) thread: a generator that yields at each system call. */
  createHostedThread(tid: number, space: Space, body: HostedBody, o: { pager?: number; exceptionHandler?: number; priority?: number; name?: string } = {}): Tcb | number {
    const t = this.createThread(tid, space, o);
    if (typeof t === 'number') return t;
    t.hosted = new HostedThread(this, t, body);
    return t;
  }

  /** Starts an inactive thread at ip/sp (ExchangeRegisters with sp and ip). */
  startThread(t: Tcb, ip: number, sp: number, r0 = 0): void {
    t.regs[15] = ip >>> 0;
    t.regs[13] = sp >>> 0;
    t.regs[0] = r0 >>> 0;
    if (ip & 1) t.regs[16] |= 1 << 5;
    if (t.state === 'inactive') this.wake(t);
  }

  /** Deletes a thread: partners blocked on it fail with NonExist, its UTCB slot and TCB are freed. */
  deleteThread(t: Tcb): void {
    const was = t.state;
    t.state = 'dead';
    this.threads.delete(t.tid >>> THREAD_NUMBER_SHIFT);
    this.ready.remove(t);
    if (was === 'sending') {
      const dest = this.lookupThread(t.partner);
      if (dest) dest.sendQueue.splice(dest.sendQueue.indexOf(t), 1);
    }
    for (const s of t.sendQueue.splice(0)) {
      ipcFailed(this, s, IpcError.NonExist, false);
    }
    for (const other of this.threads.values()) {
      if (other.state === 'receiving' && other.partner === t.tid) ipcFailed(this, other, IpcError.NonExist, true);
    }
    t.kernelIpc = undefined;
    for (const [irq, reg] of this.irqHandlers) if (reg.thread === t) this.irqHandlers.delete(irq);
    for (const m of this.mutexes.values()) {
      const i = m.waiters.indexOf(t);
      if (i >= 0) m.waiters.splice(i, 1);
      if (m.owner === t) {
        m.owner = m.waiters.shift();
        if (m.owner) this.wake(m.owner);
      }
    }
    t.hosted?.dispose();
    const space = t.space;
    space.threads.delete(t);
    for (const [slot, owner] of space.utcbSlots) if (owner === t) space.utcbSlots.delete(slot);
    this.kmem.heap.free(t.pa, TCB_BYTES);
    if (this.preferred === t) this.preferred = undefined;
  }

  /** Halts or resumes a thread (ExchangeRegisters halt flag). */
  setHalted(t: Tcb, halted: boolean): void {
    if (t.halted === halted) return;
    t.halted = halted;
    if (halted) this.ready.remove(t);
    else if (t.state === 'runnable' && t !== this.current) this.ready.enqueue(t);
  }

  /** Schedules a reschedule from the run loop (used when something outside a hook makes a thread ready). */
  kick(): void {
    if (this.kickPending) return;
    this.kickPending = true;
    this.machine.scheduler.scheduleIn(0, () => {
      this.kickPending = false;
      if (this.current === undefined && this.cpu.waitingForInterrupt) {
        this.halt = undefined;
        this.exitToUser();
      }
    }, 'okl4-kick');
  }

  /** Prints a kernel diagnostic on the console (as OKL4's KDB would). */
  report(text: string): void {
    this.platform.puts(`${text}\n`);
  }

  get utcbPointerPage(): number {
    return UTCB_POINTER_PAGE;
  }
}
