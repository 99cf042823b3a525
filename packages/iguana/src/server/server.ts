import {
  ExregControl, Kernel, THREAD_NUMBER_SHIFT, MemoryAttribute, NIL_SPACE, Syscall, ThreadId, encodeTag, fpage, hostedL4, physDescriptor,
  type BuiltImage, type HostedContext, type HostedIpcResult, type HostedSyscall,
} from '@l4lab/okl4';
import { IGUANA_IDL, idlOperation } from '../idl/iguana-idl.js';
import { IguanaCosts } from './costs.js';
import { type BootProgram, type PlannedThread, loadProgram, planThreads, upperName } from './loader.js';
import { Memsection, PAGE, ProtectionDomain } from './objects.js';

const { wait, replyWait, send, syscall, mapControl, putString } = hostedL4;

type Call<T> = Generator<HostedSyscall, T, Uint32Array>;
/** A server operation: the caller's PD and thread, the request words; result words, or undefined for no reply. */
export type OperationHandler = (pd: ProtectionDomain, caller: number, args: readonly number[]) => number[] | undefined | Call<number[] | undefined>;

/** Labels of the kernel's messages to a pager / exception handler (reference/okl4.md §3). */
const PAGE_FAULT_LABEL = 0xffe0;
const EXCEPTION_LABEL = 0xffb0;
/** The server's message telling devicecore the system has finished. */
export const SHUTDOWN_LABEL = 0x1aff;
const ERROR_LABEL = 1;
/** Thread numbers the server hands out at run time (the image's threads have numbers from 16 up). */
const FIRST_DYNAMIC_THREAD = 256;
const STACK_BYTES = 8 * 1024;


const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/**
 * The Iguana server: root task and pager. A hosted okl4 thread; it records the image's PDs, memsections
 * and threads (boot info), then serves the IDL's operations and its clients' page faults and exceptions.
 * When the last client PD has gone it tells devicecore to shut down and ends, so the kernel halts.
 */
export class IguanaServer {
  readonly pds = new Map<number, ProtectionDomain>();
  private readonly pdOfThread = new Map<number, ProtectionDomain>();
  /** Stacks the server made for threads (freed with the thread). */
  private readonly stackOf = new Map<number, Memsection>();
  private nextThread = FIRST_DYNAMIC_THREAD;
  private nextMutex = 1;
  private built: BuiltImage | undefined;
  readonly handlers: Readonly<Record<string, OperationHandler>>;
  /** Lines the server printed (also on the console). */
  readonly transcript: string[] = [];
  devicecore: number | undefined;
  /** The programs' threads by name (main threads under the program's name), known once attached. */
  readonly threadIds = new Map<string, number>();
  private readonly env = new Map<string, number>();
  private plans: { p: BootProgram; threads: PlannedThread[]; space: number }[] = [];
  private ctx!: HostedContext;

  constructor(private readonly programs: readonly BootProgram[]) {
    this.handlers = this.operations();
    const missing = IGUANA_IDL.filter((op) => !this.handlers[op.name]).map((op) => op.name);
    if (missing.length) throw new Error(`iguana server: no handler for ${missing.join(', ')}`);
  }

  /** Called by the image boot once okl4 has built the spaces and threads, before the kernel starts. */
  attach(built: BuiltImage): void {
    this.built = built;
    // Thread ids and spaces for the programs after the kernel image's; every tid is known before any
    // thread exists, so each environment names them all.
    let number = Math.max(...[...built.threads.values()].map((t) => t.tid >>> THREAD_NUMBER_SHIFT)) + 1;
    let space = Math.max(...[...built.spaces.values()].map((sp) => sp.id)) + 1;
    this.plans = this.programs.map((p) => {
      const threads = planThreads(p, number);
      number += threads.length;
      return { p, threads, space: space++ };
    });
    for (const [name, t] of built.threads) this.env.set(upperName(name), t.tid);
    for (const { threads } of this.plans) {
      for (const t of threads) {
        this.env.set(upperName(t.name), t.tid);
        this.threadIds.set(t.name, t.tid);
      }
    }
  }

  readonly body = (ctx: HostedContext): Call<void> => this.run(ctx);

  private *run(ctx: HostedContext): Call<void> {
    this.ctx = ctx;
    yield* this.executeBootInfo();
    let msg = yield* wait(ctx);
    while (this.clientsRemain) {
      if (msg.error) {
        msg = yield* wait(ctx);
        continue;
      }
      ctx.work(IguanaCosts.dispatch.instructions);
      const reply = yield* this.handle(msg);
      if (!this.clientsRemain) break;
      msg = reply ? yield* replyWait(ctx, msg.from, reply.tag, reply.words) : yield* wait(ctx);
    }
    yield* this.print('iguana: all programs have finished');
    if (this.devicecore !== undefined) yield* send(ctx, this.devicecore, encodeTag({ label: SHUTDOWN_LABEL, untyped: 0 }));
  }

  private get clientsRemain(): boolean {
    for (const pd of this.pds.values()) if (!pd.system) return true;
    return false;
  }

  private *print(line: string): Call<void> {
    this.transcript.push(line);
    yield* putString(`${line}\n`);
  }

  /** Boot info: one PD per program, memsections for its ELF segments and stacks, its threads. */
  private *executeBootInfo(): Call<void> {
    const built = this.built;
    if (!built) throw new Error('iguana server: started before the image was attached');
    // System servers the kernel image holds (devicecore) are PDs the server serves but does not wait for.
    for (const [name, t] of built.threads) {
      if (t.tid === this.ctx.tid) continue;
      const pd = new ProtectionDomain(t.space.id, name, true);
      this.pds.set(pd.id, pd);
      this.adopt(pd, t.tid);
    }
    const plans = this.plans;
    const env = this.env;
    let memsections = 0, threads = 0;
    for (const plan of plans) {
      const pd = new ProtectionDomain(plan.space, plan.p.name, false);
      this.pds.set(pd.id, pd);
      yield* loadProgram(this.ctx, pd, plan.p, plan.threads, env, (tid) => this.adopt(pd, tid));
      memsections += pd.memsections.length;
      threads += plan.threads.length;
    }
    yield* this.print(`iguana: root task and pager ${hex(this.ctx.tid)}; boot info: ${plans.length} program${plans.length === 1 ? '' : 's'}, ${memsections} memsections, ${threads} thread${threads === 1 ? '' : 's'} started`);
  }

  private adopt(pd: ProtectionDomain, tid: number): void {
    pd.threads.add(tid);
    this.pdOfThread.set(tid, pd);
  }

  private *handle(msg: HostedIpcResult): Call<{ tag: number; words: number[] } | undefined> {
    const pd = this.pdOfThread.get(msg.from);
    const ok = (words: number[]) => ({ tag: encodeTag({ label: 0, untyped: words.length }), words });
    if (!pd) return { tag: encodeTag({ label: ERROR_LABEL, untyped: 1 }), words: [0] };
    const label = msg.label;
    if ((label & 0xfff0) === PAGE_FAULT_LABEL) return (yield* this.pageFault(pd, msg.from, msg.words[0], msg.words[1], label & 7)) ? ok([]) : undefined;
    if (label === EXCEPTION_LABEL) {
      yield* this.print(`iguana: Unhandled exception in thread ${hex(msg.from)} at ip ${hex(msg.words[0])}; thread deleted`);
      yield* this.deleteThread(pd, msg.from);
      return undefined;
    }
    const op = idlOperation(label);
    if (!op || msg.words.length !== op.args.length) return { tag: encodeTag({ label: ERROR_LABEL, untyped: 1 }), words: [0] };
    const out = this.handlers[op.name](pd, msg.from, msg.words);
    const result = out === undefined || Array.isArray(out) ? out : yield* out;
    return result && !op.oneway ? ok(result) : undefined;
  }

  /** thread → PD → memsection → back with memory → MapControl; false: unhandled, the thread is gone. */
  private *pageFault(pd: ProtectionDomain, tid: number, va: number, ip: number, rwx: number): Call<boolean> {
    this.ctx.work(IguanaCosts.pageFaultLookup.instructions);
    const m = pd.memsectionAt(va);
    const page = (va & ~(PAGE - 1)) >>> 0;
    if (m && m.kind === 'lazy' && (rwx & ~m.rights) === 0 && !m.frames.has(page)) {
      const pa = this.ctx.allocPhysical(PAGE);
      this.ctx.writePhysical(pa, new Uint8Array(PAGE));
      this.ctx.work(IguanaCosts.zeroPage.instructions);
      m.frames.set(page, pa);
      if (yield* mapControl(this.ctx, pd.id, [[physDescriptor(pa, MemoryAttribute.default), fpage(page, 12, m.rights)]])) return true;
    }
    const access = rwx & 2 ? 'write' : rwx & 1 ? 'execute' : 'read';
    yield* this.print(`iguana: Unhandled page fault at ${hex(va)} (${access}, ip ${hex(ip)}) in thread ${hex(tid)} of ${pd.name}; thread deleted`);
    yield* this.deleteThread(pd, tid);
    return false;
  }

  private *deleteThread(pd: ProtectionDomain, tid: number): Call<void> {
    this.ctx.work(IguanaCosts.threadDelete.instructions);
    yield* syscall(Syscall.ThreadControl, tid, NIL_SPACE, 0, 0, 0, 0, 0);
    pd.threads.delete(tid);
    this.pdOfThread.delete(tid);
    const stack = this.stackOf.get(tid);
    this.stackOf.delete(tid);
    if (pd.threads.size === 0) return yield* this.deletePd(pd);
    if (stack) yield* this.unmapAndFree(pd, stack);
  }

  /** A PD ends: threads, memsections (frames back to the pool), mutexes, then its space. */
  private *deletePd(pd: ProtectionDomain): Call<void> {
    for (const tid of [...pd.threads]) {
      this.ctx.work(IguanaCosts.threadDelete.instructions);
      yield* syscall(Syscall.ThreadControl, tid, NIL_SPACE, 0, 0, 0, 0, 0);
      this.pdOfThread.delete(tid);
      this.stackOf.delete(tid);
    }
    pd.threads.clear();
    for (const m of [...pd.memsections]) this.freeMemsection(pd, m);
    for (const id of pd.mutexes) yield* syscall(Syscall.MutexControl, id, 2);
    yield* syscall(Syscall.SpaceControl, pd.id, 2, 0, 0, 0);
    this.pds.delete(pd.id);
  }

  private freeMemsection(pd: ProtectionDomain, m: Memsection): void {
    this.ctx.work(IguanaCosts.memsection.instructions);
    for (const pa of m.frames.values()) this.ctx.kernel.userPool.free(pa, PAGE);
    m.frames.clear();
    pd.remove(m);
  }

  private newMemsection(pd: ProtectionDomain, size: number, kind: 'lazy' | 'direct', base?: number, phys?: number): Memsection | undefined {
    this.ctx.work(IguanaCosts.memsection.instructions);
    if (!Number.isInteger(size) || size <= 0 || size > 0x00c00000) return undefined;
    size = Math.ceil(size / PAGE) * PAGE;
    let at: number | undefined;
    if (base === undefined) at = pd.vspace.allocate(size, PAGE);
    else if (base % PAGE === 0 && pd.vspace.claim(base, size)) at = base;
    if (at === undefined) return undefined;
    const m = new Memsection(at, size, kind, 6, kind, phys);
    pd.add(m);
    return m;
  }

  /** The server's implementation of every IDL operation (the dispatch table the IDL drives). */
  private operations(): Record<string, OperationHandler> {
    return {
      pd_myself: (pd) => [pd.id],
      memsection_create: (pd, _caller, [size]) => [this.newMemsection(pd, size, 'lazy')?.base ?? 0],
      memsection_create_fixed: (pd, _caller, [size, base]) => [this.newMemsection(pd, size, 'lazy', base)?.base ?? 0],
      memsection_create_direct: (pd, _caller, [size, phys]) => this.createDirect(pd, size, phys),
      memsection_lookup: (pd, _caller, [address]) => {
        const m = pd.memsectionAt(address);
        return m ? [m.base, m.size] : [0, 0];
      },
      memsection_delete: (pd, _caller, [base]) => this.deleteMemsection(pd, base),
      thread_create: (pd, _caller, [priority]) => this.createThreadOp(pd, priority),
      thread_create_simple: (pd, _caller, [fn, arg, priority, trampoline]) => this.createSimple(pd, fn, arg, priority, trampoline),
      thread_start: (pd, _caller, [tid, ip, sp]) => this.startOp(pd, tid, ip, sp),
      thread_delete: (pd, caller, [tid]) => this.deleteThreadOp(pd, caller, tid),
      thread_l4tid: (_pd, _caller, [thread]) => [thread],
      thread_myself: (_pd, caller) => [caller],
      mutex_create: (pd) => this.createMutex(pd),
      mutex_delete: (pd, _caller, [id]) => this.deleteMutex(pd, id),
      exit: (pd) => this.exitOp(pd),
    };
  }

  private *createDirect(pd: ProtectionDomain, size: number, phys: number): Call<number[]> {
    if (phys % PAGE) return [0];
    const m = this.newMemsection(pd, size, 'direct', undefined, phys);
    if (!m) return [0];
    for (let off = 0; off < m.size; off += PAGE) {
      const ok = yield* mapControl(this.ctx, pd.id, [[physDescriptor(phys + off, MemoryAttribute.uncached), fpage(m.base + off, 12, 6)]]);
      if (!ok) {
        this.freeMemsection(pd, m);
        return [0];
      }
    }
    return [m.base];
  }

  private *deleteMemsection(pd: ProtectionDomain, base: number): Call<number[]> {
    const m = pd.memsections.find((x) => x.base === base && x.kind !== 'image' && ![...this.stackOf.values()].includes(x));
    if (!m) return [0];
    yield* this.unmapAndFree(pd, m);
    return [1];
  }

  private *unmapAndFree(pd: ProtectionDomain, m: Memsection): Call<void> {
    for (let off = 0; off < m.size; off += PAGE) {
      if (m.kind === 'direct' || m.frames.has(m.base + off)) yield* mapControl(this.ctx, pd.id, [[0, fpage(m.base + off, 12, 0)]]);
    }
    this.freeMemsection(pd, m);
  }

  private *createThreadOp(pd: ProtectionDomain, priority: number): Call<number[]> {
    return [yield* this.createThread(pd, priority)];
  }

  private *createSimple(pd: ProtectionDomain, fn: number, arg: number, priority: number, trampoline: number): Call<number[]> {
    const tid = yield* this.createThread(pd, priority);
    if (!tid) return [0];
    // A stack memsection backed at once: the trampoline pops arg and fn from its top.
    const stack = this.newMemsection(pd, STACK_BYTES, 'lazy');
    if (!stack) return [0];
    const pa = this.ctx.allocPhysical(STACK_BYTES);
    const image = new Uint8Array(STACK_BYTES);
    const view = new DataView(image.buffer);
    view.setUint32(STACK_BYTES - 8, arg >>> 0, true);
    view.setUint32(STACK_BYTES - 4, fn >>> 0, true);
    this.ctx.writePhysical(pa, image);
    for (let off = 0; off < STACK_BYTES; off += PAGE) {
      stack.frames.set(stack.base + off, pa + off);
      yield* mapControl(this.ctx, pd.id, [[physDescriptor(pa + off, MemoryAttribute.default), fpage(stack.base + off, 12, 6)]]);
    }
    this.stackOf.set(tid, stack);
    yield* this.start(tid, trampoline, stack.base + STACK_BYTES - 8);
    return [tid];
  }

  private *startOp(pd: ProtectionDomain, tid: number, ip: number, sp: number): Call<number[]> {
    if (!pd.threads.has(tid)) return [0];
    yield* this.start(tid, ip, sp);
    return [1];
  }

  private *deleteThreadOp(pd: ProtectionDomain, caller: number, tid: number): Call<number[] | undefined> {
    const target = tid === ThreadId.myself ? caller : tid;
    if (!pd.threads.has(target)) return [0];
    yield* this.deleteThread(pd, target);
    return target === caller ? undefined : [1];
  }

  private *createMutex(pd: ProtectionDomain): Call<number[]> {
    this.ctx.work(IguanaCosts.mutex.instructions);
    const id = this.nextMutex++;
    const r = yield* syscall(Syscall.MutexControl, id, 1);
    if (r[0] !== 1) return [0];
    pd.mutexes.add(id);
    return [id];
  }

  private *deleteMutex(pd: ProtectionDomain, id: number): Call<number[]> {
    this.ctx.work(IguanaCosts.mutex.instructions);
    if (!pd.mutexes.has(id)) return [0];
    const r = yield* syscall(Syscall.MutexControl, id, 2);
    if (r[0] === 1) pd.mutexes.delete(id);
    return [r[0] === 1 ? 1 : 0];
  }

  private *exitOp(pd: ProtectionDomain): Call<undefined> {
    yield* this.deletePd(pd);
    return undefined;
  }

  private *createThread(pd: ProtectionDomain, priority: number): Call<number> {
    this.ctx.work(IguanaCosts.thread.instructions);
    const tid = Kernel.tid(this.nextThread++);
    const me = this.ctx.tid;
    const r = yield* syscall(Syscall.ThreadControl, tid, pd.id, me, me, me, 0, 0);
    if (r[0] !== 1) return 0;
    this.adopt(pd, tid);
    if (priority > 0) yield* syscall(Syscall.Schedule, tid, 0xffffffff, 0, 0, Math.min(priority, 199), 0);
    return tid;
  }

  private *start(tid: number, ip: number, sp: number): Call<void> {
    yield* syscall(Syscall.ExchangeRegisters, tid, ExregControl.sp | ExregControl.ip, sp, ip, 0, 0, 0);
  }

  /** Which PD a thread belongs to (tests, tools). */
  pdOf(tid: number): ProtectionDomain | undefined {
    return this.pdOfThread.get(tid);
  }
}

