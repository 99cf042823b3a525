import { parseElf } from '@l4lab/arm-core';
import { ExregControl, Kernel, MemoryAttribute, Syscall, fpage, hostedL4, physDescriptor, type HostedContext, type HostedSyscall } from '@l4lab/okl4';
import { IguanaCosts } from './costs.js';
import { Memsection, PAGE, type ProtectionDomain } from './objects.js';

const { syscall, mapControl } = hostedL4;
type Call<T> = Generator<HostedSyscall, T, Uint32Array>;

/** A native program as the server's boot info gives it (from the Iguana image description). */
export interface BootProgram {
  readonly name: string;
  readonly elf: Uint8Array;
  readonly args: readonly string[];
  readonly priority: number;
  readonly threads: readonly { readonly name: string; readonly entry: string; readonly args: readonly string[]; readonly priority: number }[];
}

/** One thread the loader will create: its tid is fixed before any is created, so the environment can name them all. */
export interface PlannedThread {
  readonly name: string;
  readonly tid: number;
  readonly entry: number;
  readonly args: readonly string[];
  readonly priority: number;
}

export const IMAGE_STACK_BYTES = 16 * 1024;
/** Image threads' stacks: below 0x01f00000, a guard page apart (run-time memsections stay below 16 MB). */
const STACK_TOP = 0x01f00000;
/** "I44L": the boot block's first word, which crt0 can check. */
export const BOOT_MAGIC = 0x4934344c;
const USER_MODE = 0x10;

export function upperName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** The threads of a program with their entry points (ELF entry for main, symbols for the others). */
export function planThreads(p: BootProgram, firstNumber: number): PlannedThread[] {
  const elf = parseElf(p.elf);
  const threads: PlannedThread[] = [{ name: p.name, tid: Kernel.tid(firstNumber), entry: elf.entry, args: p.args, priority: p.priority }];
  p.threads.forEach((t, i) => {
    const sym = elf.symbol(t.entry);
    if (!sym) throw new Error(`iguana image: program ${p.name}: thread ${t.name}: entry symbol "${t.entry}" is not in the ELF`);
    threads.push({ name: t.name, tid: Kernel.tid(firstNumber + 1 + i), entry: sym.value, args: t.args, priority: t.priority });
  });
  return threads;
}

/**
 * Executes one program's boot info: a space (SpaceControl), its ELF segments copied into frames from the
 * pool and mapped (a memsection each), then each thread: created (ThreadControl, the server as pager and
 * exception handler), given a stack memsection whose top holds the boot block (argv strings and
 * pointers, the environment, its own tid), and started at its entry with r0 and sp at that block.
 */
export function* loadProgram(ctx: HostedContext, pd: ProtectionDomain, p: BootProgram, threads: readonly PlannedThread[], env: ReadonlyMap<string, number>, adopt: (tid: number) => void): Call<void> {
  const me = ctx.tid;
  ctx.work(IguanaCosts.bootObject.instructions);
  let r = yield* syscall(Syscall.SpaceControl, pd.id, 1, 0, 0, pd.id);
  if (r[0] !== 1) throw new Error(`iguana server: cannot create the space of ${p.name} (error ${ctx.utcb(28)})`);
  // Segments page by page; a page two segments share gets the union of their rights.
  const pages = new Map<number, { pa: number; rights: number }>();
  for (const seg of parseElf(p.elf).segments) {
    const base = seg.vaddr & ~(PAGE - 1);
    const size = Math.ceil((seg.vaddr + seg.memSize - base) / PAGE) * PAGE;
    const rights = 4 | (seg.flags & 2 ? 2 : 0) | (seg.flags & 1 ? 1 : 0);
    const m = new Memsection(base, size, 'image', rights, `${p.name} segment`);
    pd.add(m);
    for (let va = base; va < base + size; va += PAGE) {
      let page = pages.get(va);
      if (!page) {
        const pa = ctx.allocPhysical(PAGE);
        ctx.writePhysical(pa, new Uint8Array(PAGE)); // .bss and the rest of the page read as zero
        ctx.work(IguanaCosts.zeroPage.instructions);
        m.frames.set(va, pa);
        pages.set(va, (page = { pa, rights }));
      }
      page.rights |= rights;
      const from = Math.max(va, seg.vaddr), to = Math.min(va + PAGE, seg.vaddr + seg.fileBytes.length);
      if (to > from) {
        ctx.writePhysical(page.pa + (from - va), seg.fileBytes.subarray(from - seg.vaddr, to - seg.vaddr));
        ctx.work(IguanaCosts.loadPage.instructions);
      }
    }
  }
  for (const [va, page] of pages) yield* mapControl(ctx, pd.id, [[physDescriptor(page.pa, MemoryAttribute.default), fpage(va, 12, page.rights)]]);

  for (const [n, t] of threads.entries()) {
    ctx.work(IguanaCosts.thread.instructions);
    r = yield* syscall(Syscall.ThreadControl, t.tid, pd.id, me, me, me, 0, 0);
    if (r[0] !== 1) throw new Error(`iguana server: cannot create thread ${t.name} (error ${ctx.utcb(28)})`);
    adopt(t.tid);
    yield* syscall(Syscall.Schedule, t.tid, 0xffffffff, 0, 0, t.priority, 0);
    const top = STACK_TOP - n * (IMAGE_STACK_BYTES + PAGE);
    const stack = new Memsection(top - IMAGE_STACK_BYTES, IMAGE_STACK_BYTES, 'image', 6, `stack of ${t.name}`);
    pd.add(stack);
    const pa = ctx.allocPhysical(IMAGE_STACK_BYTES);
    const { image, offset } = bootBlock(t, pd.id, top, env);
    const frame = new Uint8Array(IMAGE_STACK_BYTES);
    frame.set(image, IMAGE_STACK_BYTES - image.length);
    ctx.writePhysical(pa, frame);
    for (let off = 0; off < IMAGE_STACK_BYTES; off += PAGE) {
      stack.frames.set(stack.base + off, pa + off);
      yield* mapControl(ctx, pd.id, [[physDescriptor(pa + off, MemoryAttribute.default), fpage(stack.base + off, 12, 6)]]);
    }
    // r0 = sp = the boot block, pc = entry, user mode: through the server's MRs (ExchangeRegisters bit 13).
    const sp = top - offset;
    for (let i = 0; i < 17; i++) ctx.setMr(i, 0);
    ctx.setMr(0, sp);
    ctx.setMr(13, sp);
    ctx.setMr(15, t.entry);
    ctx.setMr(16, USER_MODE | (t.entry & 1 ? 0x20 : 0));
    yield* syscall(Syscall.ExchangeRegisters, t.tid, ExregControl.mrsToRegs | ExregControl.sp | ExregControl.ip, sp, t.entry, 0, 0, 0);
  }
}

/**
 * The boot block at the top of a thread's stack (reference/okl4.md §6): words magic, argc, argv, envc,
 * env, own tid, space, then argv pointers (NULL-terminated), env pairs (key pointer, value), then the
 * strings. argv holds only the listed arguments. Returns the bytes and the block's distance below `top`.
 */
export function bootBlock(t: PlannedThread, space: number, top: number, env: ReadonlyMap<string, number>): { image: Uint8Array; offset: number } {
  const strings: number[] = [];
  const add = (s: string) => {
    const at = strings.length;
    for (const c of new TextEncoder().encode(s)) strings.push(c);
    strings.push(0);
    return at;
  };
  const argOffsets = t.args.map(add);
  const envEntries = [...env].map(([k, v]) => [add(k), v] as const);
  while (strings.length % 4) strings.push(0);
  const header = 7;
  const words = header + t.args.length + 1 + envEntries.length * 2;
  const size = (words * 4 + strings.length + 7) & ~7;
  const block = top - size;
  const stringsVa = block + words * 4;
  const argv = block + header * 4;
  const envVa = argv + (t.args.length + 1) * 4;
  const w = [BOOT_MAGIC, t.args.length, argv, envEntries.length, envVa, t.tid, space];
  for (const o of argOffsets) w.push(stringsVa + o);
  w.push(0);
  for (const [k, v] of envEntries) w.push(stringsVa + k, v);
  const image = new Uint8Array(size);
  const view = new DataView(image.buffer);
  w.forEach((v, i) => view.setUint32(i * 4, v >>> 0, true));
  image.set(strings, words * 4);
  return { image, offset: size };
}
