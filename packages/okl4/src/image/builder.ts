import { PF_W, PF_X, parseElf, type ElfImage } from '@l4lab/arm-core';
import { ThreadId } from '../abi.js';
import { Kernel } from '../kernel.js';
import { FCSE_WINDOW, MAX_FCSE_PID, PAGE, USER_TOP, hex } from '../layout.js';
import type { Space } from '../object/space.js';
import type { Tcb } from '../object/tcb.js';
import { BootInfo, type ImageDescription, type ProgramDescription, type ThreadDescription } from './description.js';

/** A description the builder cannot boot: the message names the program and the field. */
export class ImageError extends Error {
  override readonly name = 'ImageError';
}

export interface BuiltImage {
  readonly threads: ReadonlyMap<string, Tcb>;
  readonly spaces: ReadonlyMap<string, Space>;
}

/** First thread number the builder hands out; lower numbers are left for programs to choose. */
export const FIRST_IMAGE_THREAD = 16;
const STACK_TOP = 0x01f00000;
const MEMSECTION_BASE = 0x01000000;
const DEFAULT_STACK = 16 * 1024;

interface PlannedThread {
  readonly program: ProgramDescription;
  readonly programIndex: number;
  readonly name: string;
  readonly desc: ThreadDescription;
  readonly tid: number;
  readonly main: boolean;
}

function upper(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** Checks a description and says precisely what is wrong. */
export function validateImage(d: ImageDescription): void {
  const fail = (m: string): never => {
    throw new ImageError(m);
  };
  if (!d || !Array.isArray(d.programs) || d.programs.length === 0) fail('image: "programs" must list at least one program');
  const names = new Set<string>();
  const threadNames = new Set<string>();
  d.programs.forEach((p, i) => {
    const where = `program ${i} (${p?.name ?? '?'})`;
    if (typeof p.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(p.name)) fail(`${where}: name must be an identifier`);
    if (names.has(p.name)) fail(`${where}: duplicate program name`);
    names.add(p.name);
    if ((p.elf === undefined) === (p.hosted === undefined)) fail(`${where}: give exactly one of "elf" (native) or "hosted"`);
    const prio = (v: number | undefined, what: string) => {
      if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 255)) fail(`${where}: ${what} ${v} is not in 0..255`);
    };
    prio(p.priority, 'priority');
    prio(p.maxPriority, 'maxPriority');
    if (p.pid !== undefined && (!Number.isInteger(p.pid) || p.pid < 0 || p.pid > MAX_FCSE_PID)) fail(`${where}: pid ${p.pid} is not in 0..${MAX_FCSE_PID}`);
    threadNames.add(p.name);
    for (const t of p.threads ?? []) {
      if (threadNames.has(t.name)) fail(`${where}: thread name "${t.name}" is used twice in the image`);
      threadNames.add(t.name);
      prio(t.priority, `thread ${t.name} priority`);
      if (p.elf && !t.entry) fail(`${where}: thread ${t.name} needs an "entry" symbol`);
      if (p.hosted && !t.hosted) fail(`${where}: thread ${t.name} of a hosted program needs a "hosted" body`);
    }
    for (const m of p.memsections ?? []) {
      if (!Number.isInteger(m.size) || m.size <= 0 || m.size % PAGE) fail(`${where}: memsection ${m.name} size ${m.size} is not a positive multiple of 4 KB`);
      if (m.virt !== undefined && (m.virt % PAGE || m.virt + m.size > USER_TOP)) fail(`${where}: memsection ${m.name} at ${hex(m.virt)} is not page aligned in user space`);
      if (m.phys !== undefined && m.phys % PAGE) fail(`${where}: memsection ${m.name} physical ${hex(m.phys)} is not page aligned`);
    }
  });
  for (const p of d.programs) {
    for (const [field, ref] of [['pager', p.pager], ['exceptionHandler', p.exceptionHandler]] as const) {
      if (ref !== undefined && !threadNames.has(ref)) fail(`program ${p.name}: ${field} "${ref}" names no thread of the image (known: ${[...threadNames].join(', ')})`);
    }
  }
}

/**
 * Creates the image's spaces and threads on a booted kernel: loads each ELF's segments into pages from
 * the physical pool mapped at their virtual addresses, maps memsections and stacks, writes each native
 * thread's boot info (argv, environment, own tid) on its stack, and starts every thread. Call
 * `kernel.start()` afterwards.
 */
export function buildImage(kernel: Kernel, d: ImageDescription): BuiltImage {
  validateImage(d);
  const plan: PlannedThread[] = [];
  let number = FIRST_IMAGE_THREAD;
  d.programs.forEach((program, programIndex) => {
    plan.push({ program, programIndex, name: program.name, desc: { name: program.name, priority: program.priority, args: program.args, stackBytes: program.stackBytes, hosted: program.hosted }, tid: Kernel.tid(number++), main: true });
    for (const t of program.threads ?? []) plan.push({ program, programIndex, name: t.name, desc: t, tid: Kernel.tid(number++), main: false });
  });
  const tidOf = new Map(plan.map((p) => [p.name, p.tid]));
  const threads = new Map<string, Tcb>();
  const spaces = new Map<string, Space>();
  const elves = new Map<ProgramDescription, ElfImage>();
  const env = new Map<string, number>();
  for (const p of plan) env.set(upper(p.name), p.tid);

  d.programs.forEach((program, i) => {
    const pid = program.pid ?? (kernel.options.fass ? i + 1 : 0);
    const space = kernel.createSpace(i + 1, { pid, maxPriority: program.maxPriority, privileged: program.privileged });
    if (typeof space === 'number') throw new ImageError(`program ${program.name}: cannot create its space (error ${space})`);
    spaces.set(program.name, space);
    env.set(`${upper(program.name)}_SPACE`, space.id);
    if (program.elf) {
      let elf: ElfImage;
      try {
        elf = parseElf(program.elf);
      } catch (e) {
        throw new ImageError(`program ${program.name}: ${(e as Error).message}`);
      }
      elves.set(program, elf);
      loadSegments(kernel, program, space, elf);
    }
    let nextVirt = MEMSECTION_BASE;
    for (const m of program.memsections ?? []) {
      const va = m.virt ?? nextVirt;
      nextVirt = Math.max(nextVirt, va + m.size + PAGE);
      env.set(upper(m.name), va);
      if (m.mapped === false) continue;
      const pa = m.phys ?? alloc(kernel, program, m.size);
      mapOrFail(kernel, program, space, va, pa, m.size, m.rights ?? 6, m.attribute ?? 0, `memsection ${m.name}`);
    }
  });

  const stackIndex = new Map<ProgramDescription, number>();
  for (const p of plan) {
    const space = spaces.get(p.program.name)!;
    const pager = p.program.pager ? tidOf.get(p.program.pager)! : ThreadId.nil;
    const handler = p.program.exceptionHandler ? tidOf.get(p.program.exceptionHandler)! : ThreadId.nil;
    const priority = p.desc.priority ?? p.program.priority ?? 100;
    const o = { pager, exceptionHandler: handler, priority, name: p.name };
    const t = p.desc.hosted ? kernel.createHostedThread(p.tid, space, p.desc.hosted, o) : kernel.createThread(p.tid, space, o);
    if (typeof t === 'number') throw new ImageError(`thread ${p.name}: cannot create (error ${t})`);
    threads.set(p.name, t);
    if (t.hosted) {
      kernel.wake(t);
      continue;
    }
    const elf = elves.get(p.program)!;
    let entry = elf.entry;
    if (!p.main) {
      const sym = elf.symbol(p.desc.entry!);
      if (!sym) throw new ImageError(`thread ${p.name}: entry symbol "${p.desc.entry}" is not in ${p.program.name}'s ELF`);
      entry = sym.value;
    }
    const n = stackIndex.get(p.program) ?? 0;
    stackIndex.set(p.program, n + 1);
    const stackBytes = Math.ceil((p.desc.stackBytes ?? DEFAULT_STACK) / PAGE) * PAGE;
    const top = STACK_TOP - n * (stackBytes + PAGE);
    const stackPa = alloc(kernel, p.program, stackBytes);
    mapOrFail(kernel, p.program, space, top - stackBytes, stackPa, stackBytes, 6, 0, `stack of ${p.name}`);
    const programEnv = p.program.environment ? new Map([...env, ...Object.entries(p.program.environment)]) : env;
    const { sp, info } = writeBootInfo(kernel, stackPa, top, stackBytes, p.desc.args ?? [], programEnv, t);
    kernel.startThread(t, entry, sp, info);
  }
  return { threads, spaces };
}

function alloc(kernel: Kernel, program: ProgramDescription, bytes: number): number {
  const pa = kernel.userPool.alloc(bytes);
  if (pa === undefined) throw new ImageError(`program ${program.name}: physical pool exhausted allocating ${bytes} bytes (${kernel.userPool.freeBytes} free)`);
  kernel.machine.bus.writeBytes(pa, new Uint8Array(bytes));
  return pa;
}

function mapOrFail(kernel: Kernel, program: ProgramDescription, space: Space, va: number, pa: number, size: number, rights: number, attr: number, what: string): void {
  if (va + size > USER_TOP) throw new ImageError(`program ${program.name}: ${what} at ${hex(va)} reaches past user space (${hex(USER_TOP)})`);
  const r = kernel.pageTables.map(space, va, pa, size, rights, attr);
  if (r !== 'ok') throw new ImageError(`program ${program.name}: cannot map ${what} at ${hex(va)}: ${r}`);
}

/** Loads PT_LOAD segments page by page; pages shared by two segments get the union of their rights. */
function loadSegments(kernel: Kernel, program: ProgramDescription, space: Space, elf: ElfImage): void {
  const pages = new Map<number, { pa: number; rights: number }>();
  for (const seg of elf.segments) {
    if (seg.vaddr + seg.memSize > USER_TOP) throw new ImageError(`program ${program.name}: segment at ${hex(seg.vaddr)} is outside user space`);
    if (kernel.options.fass && seg.vaddr + seg.memSize > FCSE_WINDOW && seg.vaddr < FCSE_WINDOW) {
      throw new ImageError(`program ${program.name}: segment at ${hex(seg.vaddr)} straddles the 32 MB FCSE window`);
    }
    const rights = 4 | (seg.flags & PF_W ? 2 : 0) | (seg.flags & PF_X ? 1 : 0);
    for (let v = seg.vaddr & ~(PAGE - 1); v < seg.vaddr + seg.memSize; v += PAGE) {
      let page = pages.get(v);
      if (!page) pages.set(v, (page = { pa: alloc(kernel, program, PAGE), rights }));
      page.rights |= rights;
    }
    const base = seg.vaddr & ~(PAGE - 1);
    const bytes = seg.fileBytes;
    for (let off = 0; off < bytes.length; ) {
      const v = seg.vaddr + off;
      const page = pages.get(v & ~(PAGE - 1))!;
      const n = Math.min(bytes.length - off, PAGE - (v % PAGE));
      kernel.machine.bus.writeBytes(page.pa + (v % PAGE), bytes.subarray(off, off + n));
      off += n;
    }
    void base;
  }
  for (const [v, page] of pages) mapOrFail(kernel, program, space, v, page.pa, PAGE, page.rights, 0, `segment page ${hex(v)}`);
}

/** Writes argv strings, environment and the boot-info block below the stack top; returns sp and r0. */
function writeBootInfo(kernel: Kernel, stackPa: number, top: number, stackBytes: number, args: readonly string[], env: ReadonlyMap<string, number>, t: Tcb): { sp: number; info: number } {
  const bytes: number[] = [];
  const strings: number[] = [];
  const addString = (s: string): number => {
    const at = bytes.length;
    for (const c of new TextEncoder().encode(s)) bytes.push(c);
    bytes.push(0);
    return at;
  };
  const argOffsets = args.map(addString);
  const envEntries = [...env.entries()].map(([key, value]) => ({ key: addString(key), value }));
  while (bytes.length % 4) bytes.push(0);
  const stringsSize = bytes.length;
  const words = BootInfo.words.length + args.length + 1 + envEntries.length * 2;
  const blockSize = stringsSize + words * 4;
  const blockVa = (top - blockSize) & ~7;
  const stringsVa = blockVa + words * 4;
  const info = blockVa;
  const argvVa = blockVa + BootInfo.words.length * 4;
  const envVa = argvVa + (args.length + 1) * 4;
  const w: number[] = [BootInfo.magic, args.length, argvVa, envEntries.length, envVa, t.tid, t.space.id, t.utcbVa];
  for (const o of argOffsets) w.push(stringsVa + o);
  w.push(0);
  for (const e of envEntries) w.push(stringsVa + e.key, e.value);
  void strings;
  if (blockSize > stackBytes / 2) throw new ImageError(`thread ${t.name}: arguments and environment (${blockSize} bytes) do not fit its stack`);
  const block = new Uint8Array(blockSize);
  const view = new DataView(block.buffer);
  w.forEach((v, i) => view.setUint32(i * 4, v >>> 0, true));
  block.set(bytes, words * 4);
  kernel.machine.bus.writeBytes(stackPa + stackBytes - (top - blockVa), block);
  return { sp: blockVa, info };
}
