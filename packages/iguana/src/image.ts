import { parseElf } from '@l4lab/arm-core';
import { ImageError, buildImage, type BuiltImage, type Kernel, type ProgramDescription } from '@l4lab/okl4';
import { devicecore, type DevicecoreDescription } from './devicecore/devicecore.js';
import type { BootProgram } from './server/loader.js';
import { IguanaServer, SHUTDOWN_LABEL } from './server/server.js';

/** A thread of an Iguana program besides main (elfweaver's `<thread name start priority>` + `<commandline>`). */
export interface IguanaThreadDescription {
  readonly name: string;
  /** Entry symbol in the program's ELF. */
  readonly entry: string;
  readonly args?: readonly string[];
  readonly priority?: number;
}

/** A program (elfweaver's `<program>`): one PD with its main thread and any extra threads. */
export interface IguanaProgramDescription {
  readonly name: string;
  readonly elf: Uint8Array;
  /** main's argv (only the listed arguments, no program name). */
  readonly args?: readonly string[];
  readonly priority?: number;
  readonly threads?: readonly IguanaThreadDescription[];
}

/** An Iguana system image: the server and devicecore are added; programs are paged by the server. */
export interface IguanaImageDescription {
  readonly programs: readonly IguanaProgramDescription[];
  /** The platform's devicecore, or none. */
  readonly devicecore?: DevicecoreDescription;
}

export const SERVER_NAME = 'iguana_server';
export const DEVICECORE_NAME = 'devicecore';
export const SERVER_PRIORITY = 250;
export const DEVICECORE_PRIORITY = 200;
/** Programs may use priorities below the system servers'. */
export const MAX_PROGRAM_PRIORITY = 199;
/** Iguana's default priority (reference/okl4.md §9). */
export const DEFAULT_PRIORITY = 100;
/** ELF segments must stay below the server's run-time memsection area (server/objects.ts). */
const ELF_LIMIT = 0x00400000;

export class IguanaImageError extends Error {
  override readonly name = 'IguanaImageError';
}

export interface BootedIguana {
  readonly server: IguanaServer;
  readonly built: BuiltImage;
}

/** Checks an Iguana image and says exactly what is wrong with it. */
export function validateIguanaImage(d: IguanaImageDescription): void {
  const fail = (m: string): never => {
    throw new IguanaImageError(`iguana image: ${m}`);
  };
  if (!d || !Array.isArray(d.programs) || d.programs.length === 0) fail('"programs" must list at least one program');
  const names = new Set<string>([SERVER_NAME, DEVICECORE_NAME]);
  d.programs.forEach((p, i) => {
    const where = `program ${i} (${typeof p?.name === 'string' ? p.name : '?'})`;
    if (typeof p.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name)) fail(`${where}: name must be a C identifier`);
    if (names.has(p.name)) fail(`${where}: the name "${p.name}" is taken (by ${p.name === SERVER_NAME || p.name === DEVICECORE_NAME ? 'a system server' : 'another program or thread'})`);
    names.add(p.name);
    if (!(p.elf instanceof Uint8Array) || p.elf.length < 4 || p.elf[0] !== 0x7f || p.elf[1] !== 0x45 || p.elf[2] !== 0x4c || p.elf[3] !== 0x46) {
      fail(`${where}: "elf" is not an ELF image`);
    }
    let segments: ReturnType<typeof parseElf>['segments'] = [];
    try {
      segments = parseElf(p.elf).segments;
    } catch (e) {
      fail(`${where}: ${(e as Error).message}`);
    }
    const elf = segments.length ? parseElf(p.elf) : undefined;
    for (const s of segments) {
      if (s.vaddr + s.memSize > ELF_LIMIT) fail(`${where}: segment at 0x${s.vaddr.toString(16)} reaches past 0x${ELF_LIMIT.toString(16)}, where the server's memsections begin`);
    }
    const prio = (v: unknown, what: string) => {
      if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_PROGRAM_PRIORITY)) {
        fail(`${where}: ${what} ${String(v)} is not in 1..${MAX_PROGRAM_PRIORITY} (the system servers run above)`);
      }
    };
    const args = (v: unknown, what: string) => {
      if (v !== undefined && (!Array.isArray(v) || !v.every((a) => typeof a === 'string'))) fail(`${where}: ${what} must be an array of strings`);
    };
    prio(p.priority, 'priority');
    args(p.args, 'args');
    for (const t of p.threads ?? []) {
      if (typeof t.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.name)) fail(`${where}: thread name ${JSON.stringify(t.name)} must be a C identifier`);
      if (names.has(t.name)) fail(`${where}: thread name "${t.name}" is used twice in the image`);
      names.add(t.name);
      if (typeof t.entry !== 'string' || t.entry === '') fail(`${where}: thread ${t.name} needs an "entry" symbol`);
      if (!elf?.symbol(t.entry)) fail(`${where}: thread ${t.name}: entry symbol "${t.entry}" is not in the ELF`);
      prio(t.priority, `thread ${t.name} priority`);
      args(t.args, `thread ${t.name} args`);
    }
  });
}

/**
 * Builds an Iguana system on a booted kernel: the server (root task, pager of every program), devicecore
 * when the platform has one, and the programs, each in its own PD. Call `kernel.start()` afterwards.
 */
export function bootIguana(kernel: Kernel, d: IguanaImageDescription, options: { onServerLine?: (line: string) => void } = {}): BootedIguana {
  validateIguanaImage(d);
  // The kernel image holds the hosted servers; the server itself loads the programs (its boot info).
  const boot: BootProgram[] = d.programs.map((p) => ({
    name: p.name,
    elf: p.elf,
    args: p.args ?? [],
    priority: p.priority ?? DEFAULT_PRIORITY,
    threads: (p.threads ?? []).map((t) => ({ name: t.name, entry: t.entry, args: t.args ?? [], priority: t.priority ?? p.priority ?? DEFAULT_PRIORITY })),
  }));
  const server = new IguanaServer(boot);
  let serverTid = 0;
  const programs: ProgramDescription[] = [{ name: SERVER_NAME, hosted: server.body, privileged: true, priority: SERVER_PRIORITY }];
  if (d.devicecore) {
    programs.push({ name: DEVICECORE_NAME, hosted: devicecore(d.devicecore, () => serverTid, SHUTDOWN_LABEL, options.onServerLine), privileged: true, priority: DEVICECORE_PRIORITY });
  }
  let built: BuiltImage;
  try {
    built = buildImage(kernel, { programs });
  } catch (e) {
    if (e instanceof ImageError) throw new IguanaImageError(`iguana image: ${e.message}`);
    throw e;
  }
  serverTid = built.threads.get(SERVER_NAME)!.tid;
  if (d.devicecore) server.devicecore = built.threads.get(DEVICECORE_NAME)!.tid;
  server.attach(built);
  return { server, built };
}
