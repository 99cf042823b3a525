import { FaultStatus } from '@l4lab/arm-core';
import { SYSCALL_BASE, Utcb } from '../abi.js';
import { dispatchSyscall } from '../api/dispatch.js';
import { TcbLayout } from '../costs.js';
import type { Kernel } from '../kernel.js';
import { KERNEL_BASE, KernelRegion, hex } from '../layout.js';
import type { Tcb } from '../object/tcb.js';

/** A system call a hosted thread makes: the call's SP offset (Syscall.* or KdbTrap.*) and r0–r8. */
export interface HostedSyscall {
  readonly number: number;
  readonly regs: readonly number[];
}

/** A hosted thread's code: yields at each system call and receives the registers the kernel returned. */
export type HostedBody = (ctx: HostedContext) => Generator<HostedSyscall, void, Uint32Array>;

/** Text for hosted servers' own work: 4 KB per hosted thread in the upper half of kernel text. */
const HOSTED_TEXT = KernelRegion.text + 0x20000;
const HOSTED_TEXT_SLOTS = 32;

/**
 * What a hosted thread may touch: its UTCB (message registers beyond MR5), its address space's memory
 * through its own page tables, physical memory from the user pool (a pager hands it out), and the cost
 * meter for its own work, charged as instructions fetched from its own text range.
 */
export class HostedContext {
  private readonly text: number;

  constructor(
    readonly kernel: Kernel,
    readonly tcb: Tcb,
  ) {
    // Per kernel, in creation order, so the same image always gets the same text addresses.
    this.text = KERNEL_BASE + HOSTED_TEXT + (kernel.hostedTextSlot++ % HOSTED_TEXT_SLOTS) * 0x1000;
  }

  get tid(): number {
    return this.tcb.tid;
  }

  /** Charges `instructions` of the server's own work (a loop over its 4 KB text). */
  work(instructions: number): void {
    if (instructions > 0) this.kernel.meter.instructions(Math.round(instructions), this.text, this.text + 0x1000);
  }

  /** UTCB word at byte offset `offset`. */
  utcb(offset: number): number {
    return this.kernel.utcbRead(this.tcb, offset);
  }
  setUtcb(offset: number, value: number): void {
    this.kernel.utcbWrite(this.tcb, offset, value);
  }
  /** MRi for i ≥ 6 (MR0–MR5 travel in registers). */
  mr(i: number): number {
    return this.utcb(Utcb.mr0 + 4 * i);
  }
  setMr(i: number, value: number): void {
    this.setUtcb(Utcb.mr0 + 4 * i, value);
  }

  /** Physical memory from the image's pool (what a root pager owns). */
  allocPhysical(bytes: number, align = 4096): number {
    const pa = this.kernel.userPool.alloc(bytes, align);
    if (pa === undefined) throw new Error(`hosted ${this.tcb.name}: physical pool exhausted (${bytes} bytes)`);
    return pa;
  }

  /** Writes bytes at a physical address (a pager filling a page), charged as stores through the kernel alias. */
  writePhysical(pa: number, bytes: Uint8Array): void {
    const k = this.kernel;
    k.machine.bus.writeBytes(pa, bytes);
    if (k.kmem.isRam(pa, bytes.length)) k.meter.writeRange(k.kmem.kva(pa), bytes.length);
  }

  /**
   * Reads a 32-bit device register through one of its own mappings (a direct memsection): the access goes
   * to the device on the bus and is charged at `va` through the D-TLB with the mapping's attributes —
   * uncached for device memory — as the thread's load would be.
   */
  readRegister(va: number): number {
    return this.kernel.machine.bus.read32(this.ownRegister(va, false)) >>> 0;
  }

  /** Writes a 32-bit device register through one of its own mappings, charged as `readRegister` is. */
  writeRegister(va: number, value: number): void {
    this.kernel.machine.bus.write32(this.ownRegister(va, true), value >>> 0);
  }

  private ownRegister(va: number, write: boolean): number {
    const k = this.kernel;
    const space = this.tcb.space;
    if (va % 4 !== 0) throw new Error(`hosted ${this.tcb.name}: register address ${hex(va)} is not word aligned`);
    const m = k.pageTables.lookup(space, va);
    if (!m || !(m.rights & (write ? 2 : 4))) throw new Error(`hosted ${this.tcb.name}: ${hex(va)} is not mapped ${write ? 'writable' : 'readable'}`);
    if (k.mmu.current !== space) throw new Error(`hosted ${this.tcb.name}: register access while its space is not current (kernel bug)`);
    const charge = () => (write ? k.meter.write(va) : k.meter.read(va));
    try {
      charge();
    } catch {
      // FASS: the section is not in the CPD under our domain yet; a native load would take this domain
      // fault first (charged there), then succeed.
      if (k.mmu.fault(space, va, FaultStatus.TRANSLATION_SECTION) !== 'resolved') throw new Error(`hosted ${this.tcb.name}: ${hex(va)} faults`);
      charge();
    }
    return (m.pa + (va - m.va)) >>> 0;
  }

  /** Reads bytes of its own address space. */
  readVirtual(va: number, length: number): Uint8Array {
    const k = this.kernel;
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const pa = k.pageTables.translate(this.tcb.space, va + i);
      if (pa === undefined) throw new Error(`hosted ${this.tcb.name}: ${hex(va + i)} is not mapped`);
      out[i] = k.machine.bus.read(pa, 1);
    }
    return out;
  }
}

export class HostedThread {
  readonly context: HostedContext;
  private readonly generator: Generator<HostedSyscall, void, Uint32Array>;
  started = false;
  finished = false;

  constructor(kernel: Kernel, tcb: Tcb, body: HostedBody) {
    this.context = new HostedContext(kernel, tcb);
    this.generator = body(this.context);
  }

  /** Resumes the body with the registers of its last call; the next call it makes, or undefined when done. */
  resume(regs: Uint32Array): HostedSyscall | undefined {
    const r = this.started ? this.generator.next(regs) : this.generator.next();
    this.started = true;
    if (r.done) {
      this.finished = true;
      return undefined;
    }
    return r.value;
  }

  dispose(): void {
    if (!this.finished) this.generator.return(undefined);
    this.finished = true;
  }
}

/**
 * Runs a hosted thread, which is current and in its own address space, until it makes a system call,
 * then performs that call through the same kernel paths (and costs) as a native SWI would.
 */
export function runHosted(k: Kernel, t: Tcb): void {
  const h = t.hosted!;
  const call = h.resume(Uint32Array.from(t.regs));
  if (!call) {
    k.deleteThread(t);
    return;
  }
  const start = k.machine.clock.cycles;
  for (let i = 0; i < 9; i++) t.regs[i] = (call.regs[i] ?? 0) >>> 0;
  t.regs[13] = (SYSCALL_BASE + call.number) >>> 0;
  k.kmem.charge('entry');
  k.kmem.chargeWords(t.pa + TcbLayout.context, 17, true);
  k.stats.syscalls++;
  dispatchSyscall(k, t, 0xef001400);
  k.kmem.charge('exit');
  k.kmem.chargeWords(t.pa + TcbLayout.context, 17, false);
  k.recordEntry(`hosted ${k.entryName}`, start);
}
