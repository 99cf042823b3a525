import type { HostedBody } from '../hosted/hosted.js';

/**
 * A typed image description in the spirit of elfweaver's XML (reference/okl4.md §9): kernel options,
 * programs (native ELF or hosted TypeScript), each in its own address space, with threads, priorities,
 * arguments, environment and memsections.
 */
export interface ImageDescription {
  readonly programs: readonly ProgramDescription[];
}

export interface ThreadDescription {
  readonly name: string;
  /** Entry symbol in the program's ELF (native programs). */
  readonly entry?: string;
  /** Hosted thread body (hosted programs). */
  readonly hosted?: HostedBody;
  readonly priority?: number;
  readonly args?: readonly string[];
  readonly stackBytes?: number;
}

export interface MemsectionDescription {
  readonly name: string;
  readonly size: number;
  /** Virtual address (default: allocated from 0x01000000 up). */
  readonly virt?: number;
  /** Physical address (default: from the pool); give one for device memory. */
  readonly phys?: number;
  /** rwx, default 6 (read-write). */
  readonly rights?: number;
  /** Physical-descriptor attribute (default 0 = cached write-back; 2 = uncached). */
  readonly attribute?: number;
  /** false: reserve the range but leave it unmapped for the pager to fill on faults. */
  readonly mapped?: boolean;
}

export interface ProgramDescription {
  readonly name: string;
  /** ELF image of a native program (linked at user virtual addresses). */
  readonly elf?: Uint8Array;
  /** Hosted program: the main thread's body. */
  readonly hosted?: HostedBody;
  /** Root-task rights: ThreadControl, SpaceControl, MapControl, InterruptControl registration. */
  readonly privileged?: boolean;
  /** FCSE PID (ARMv5); default: the program's index + 1. */
  readonly pid?: number;
  /** Main thread priority (default 100, Iguana's default). */
  readonly priority?: number;
  readonly maxPriority?: number;
  /** Name of the thread that pages this program's threads ("program" or "program.thread"). */
  readonly pager?: string;
  /** Name of the thread that receives this program's exceptions. */
  readonly exceptionHandler?: string;
  readonly args?: readonly string[];
  /** Extra environment entries; every thread ("NAME" → tid) and memsection ("NAME" → VA) is added. */
  readonly environment?: Readonly<Record<string, number>>;
  readonly threads?: readonly ThreadDescription[];
  readonly memsections?: readonly MemsectionDescription[];
  readonly stackBytes?: number;
}

/** Layout of the block the builder writes on each native thread's stack; r0 points at it. */
export const BootInfo = {
  magic: 0x4934344c, // "L44I"
  words: ['magic', 'argc', 'argv', 'envc', 'env', 'myself', 'space', 'utcb'] as const,
} as const;
