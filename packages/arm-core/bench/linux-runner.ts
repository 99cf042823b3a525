/**
 * A minimal Linux user-mode ABI for arm-core, enough for the CPU benchmarks in guest/bench: a static ARM
 * EABI ELF is loaded into flat RAM at physical 0 (MMU off, so virtual = physical), the core starts in USR
 * mode at the entry point with a Linux-style initial stack (argc, argv, envp, auxv), and a hook on the SWI
 * vector implements write(2) to fd 1/2 and exit(2)/exit_group(2). Every other system call returns -ENOSYS
 * and is recorded. Aborts and undefined instructions stop the run like the signal a kernel would send.
 *
 * Two memory configurations:
 *   flat    MMU, caches and write buffer off (reset state): every access goes to SDRAM.
 *   cached  an identity map of 1 MB sections (write-back, domain 0 client, AP = read/write for all) at
 *           PAGE_TABLE, and CP15 c1 with M, C and I set: translation through the TLBs, I- and D-cache and
 *           write buffer in use, as a kernel would run a user program.
 *
 * Bench code, not part of the published package. It uses only the package's public surface.
 */
import { Mode, blocksFor, createMachine, loadElf, parseElf, EM_ARM, ET_EXEC, type Engine, type Machine, type MachineConfiguration, type RunResult, type StopReason } from '../src/index.js';

/** Cores the bench knows about; a core the machine factory does not build yet is reported as unavailable. */
export const BENCH_CORES = ['arm920t', 'arm1176jzf-s'] as const;
export type BenchCore = (typeof BENCH_CORES)[number];
export type BenchTiming = 'functional' | 'cycle';
/** How the machine executes: translated blocks where it can (the default), or the interpreter alone. */
export const BENCH_ENGINES: readonly Engine[] = ['blocks', 'interpreter'];
export type BenchEngine = Engine;
export const BENCH_MEMORY = ['flat', 'cached'] as const;
export type BenchMemory = (typeof BENCH_MEMORY)[number];

/** RAM mapped at physical 0; the stack grows down from its top. */
export const RAM_SIZE = 16 * 1024 * 1024;
const STACK_TOP = RAM_SIZE;
/** Lowest address a program may be loaded at: page 0 stays free, as under Linux. */
const LOAD_FLOOR = 0x1000;
/** The first-level page table of the cached configuration (16 KB aligned, above every program). */
const PAGE_TABLE = 0x00e00000;
/** Programs must end below this: the page table and the stack live above it. */
const PROGRAM_LIMIT = PAGE_TABLE;
/**
 * Section descriptor: AP = 3 (read/write at every privilege), domain 0, C and B (write-back). Bit 4 must be
 * one on the ARM920T; on ARMv6 it is XN in the v6 format (and ignored in the backwards-compatible one), so
 * it is left clear there.
 */
const SECTION_WRITE_BACK = (3 << 10) | (0 << 5) | 0x8 | 0x4 | 0b10;
const SECTION_BIT4_V5 = 0x10;
/** CP15 c1 bits: MMU, D-cache, I-cache. */
const CONTROL_M = 1 << 0;
const CONTROL_C = 1 << 2;
const CONTROL_I = 1 << 12;

const SYS_EXIT = 1;
const SYS_WRITE = 4;
const SYS_EXIT_GROUP = 248;
const EBADF = 9;
const EFAULT = 14;
const ENOSYS = 38;
const SIGILL = 4;
const SIGSEGV = 11;
const AT_NULL = 0;
const AT_PAGESZ = 6;
const AT_ENTRY = 9;
const AT_HWCAP = 16;
const AT_PLATFORM = 15;

export interface LinuxProgramOptions {
  readonly core: BenchCore;
  readonly timing: BenchTiming;
  /** Default 'flat'. */
  readonly memory?: BenchMemory;
  /** Default 'blocks' (cycle timing always interprets). */
  readonly engine?: BenchEngine;
  /** argv[0]; default "program". */
  readonly name?: string;
  /** argv[1..]. */
  readonly args?: readonly string[];
}

export interface LinuxRunResult {
  readonly stdout: string;
  readonly stderr: string;
  /** exit(2)'s status, or 128 + signal for a fault; undefined when the run did not end. */
  readonly exitStatus: number | undefined;
  /** Why the run loop returned ('stopped' after exit or a fault). */
  readonly reason: StopReason;
  readonly detail?: string;
  readonly instructions: number;
  readonly cycles: number;
  /** System calls answered with -ENOSYS, by number, with counts. */
  readonly unsupportedSyscalls: ReadonlyMap<number, number>;
  readonly configuration: MachineConfiguration & { readonly memory: BenchMemory; readonly control: number };
}

export interface LinuxProcess {
  readonly machine: Machine;
  /** Runs until exit, a fault, or `maxInstructions` more instructions; may be called again to continue. */
  run(maxInstructions?: number): LinuxRunResult;
}

/** Thrown when a core is not (yet) built by the machine factory. */
export class CoreUnavailableError extends Error {
  constructor(
    readonly core: string,
    cause: unknown,
  ) {
    super(`core ${core} is not available: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'CoreUnavailableError';
  }
}

/** Builds a machine for `core`, or throws CoreUnavailableError if the factory does not know it. */
export function createBenchMachine(core: BenchCore, timing: BenchTiming, engine: BenchEngine = 'blocks'): Machine {
  try {
    // The factory's CoreName grows as cores are added; it validates the name at run time.
    return createMachine({ cpu: core as Parameters<typeof createMachine>[0]['cpu'], timing, blocks: blocksFor(engine) });
  } catch (e) {
    throw new CoreUnavailableError(core, e);
  }
}

/** Loads a static ARM Linux EABI executable into a fresh machine, ready to run in USR mode. */
export function loadLinuxProgram(image: Uint8Array, options: LinuxProgramOptions): LinuxProcess {
  const elf = parseElf(image);
  if (elf.header.machine !== EM_ARM) throw new Error(`not an ARM executable (e_machine ${elf.header.machine})`);
  if (elf.header.type !== ET_EXEC) throw new Error(`not a static executable (e_type ${elf.header.type}); dynamic objects need a loader this runner does not have`);
  if (elf.header.eabiVersion !== 5) throw new Error(`expected an ARM EABI version 5 image, got version ${elf.header.eabiVersion} (old-ABI system calls are not supported)`);
  for (const s of elf.segments) {
    if (s.vaddr < LOAD_FLOOR || s.vaddr + s.memSize > PROGRAM_LIMIT) {
      throw new Error(`segment ${s.index} at 0x${s.vaddr.toString(16)} (+0x${s.memSize.toString(16)}) is outside the program area 0x${LOAD_FLOOR.toString(16)}–0x${PROGRAM_LIMIT.toString(16)}`);
    }
  }

  const machine = createBenchMachine(options.core, options.timing, options.engine);
  const ram = machine.bus.mapRam(0, RAM_SIZE);
  loadElf(elf, (address, bytes) => ram.bytes.set(bytes, address), { by: 'vaddr' });

  const memory = options.memory ?? 'flat';
  if (memory === 'cached') enableIdentityMapWithCaches(machine, ram.bytes, options.core);
  else if (memory !== 'flat') throw new Error(`memory must be 'flat' or 'cached', got '${String(memory)}'`);
  const configuration = { ...machine.configuration, memory, control: machine.memory.cp15.control };

  const cpu = machine.cpu;
  const sp = buildInitialStack(ram.bytes, [options.name ?? 'program', ...(options.args ?? [])], elf.header.entry);
  cpu.cpsr = Mode.USR; // USR, ARM state, interrupts enabled (nothing raises them), flags clear
  cpu.setReg(13, sp);
  for (let r = 0; r <= 12; r++) cpu.setReg(r, 0);
  cpu.setReg(14, 0);
  cpu.thumb = (elf.header.entry & 1) !== 0;
  cpu.pc = elf.header.entry & ~1;

  const stdout: number[] = [];
  const stderr: number[] = [];
  const unsupported = new Map<number, number>();
  let exitStatus: number | undefined;
  const stop = (detail: string, status: number) => {
    exitStatus = status;
    machine.requestStop(detail, status);
  };

  cpu.hookException('swi', (c) => {
    // On entry: SVC mode, r0–r7 are the user's (unbanked), LR_svc = the instruction after the SVC.
    const number = c.r[7];
    let result: number;
    switch (number) {
      case SYS_WRITE: {
        const fd = c.r[0];
        const buffer = c.r[1];
        const length = c.r[2];
        if (fd !== 1 && fd !== 2) result = -EBADF;
        else if (buffer + length > RAM_SIZE) result = -EFAULT;
        else {
          const target = fd === 1 ? stdout : stderr;
          for (let i = 0; i < length; i++) target.push(ram.bytes[buffer + i]);
          result = length;
        }
        break;
      }
      case SYS_EXIT:
      case SYS_EXIT_GROUP:
        stop(number === SYS_EXIT ? 'exit' : 'exit_group', c.r[0] & 0xff);
        return;
      default:
        unsupported.set(number, (unsupported.get(number) ?? 0) + 1);
        result = -ENOSYS;
    }
    c.r[0] = result >>> 0;
    c.returnFromException('swi');
  });
  cpu.hookException('undefined', (_c, e) => stop(`SIGILL: undefined instruction 0x${e.instruction.toString(16).padStart(8, '0')} at 0x${e.address.toString(16)}`, 128 + SIGILL));
  cpu.hookException('prefetch-abort', (_c, e) => stop(`SIGSEGV: prefetch abort at 0x${e.address.toString(16)}${e.fault ? ` (${e.fault.toString()})` : ''}`, 128 + SIGSEGV));
  cpu.hookException('data-abort', (_c, e) => stop(`SIGSEGV: data abort at 0x${e.address.toString(16)}${e.fault ? ` (${e.fault.toString()})` : ''}`, 128 + SIGSEGV));

  const decoder = new TextDecoder('utf-8');
  const totals = { instructions: 0, cycles: 0 };
  return {
    machine,
    run(maxInstructions?: number): LinuxRunResult {
      const r: RunResult = exitStatus === undefined ? machine.run({ maxInstructions }) : { instructions: 0, cycles: 0, reason: 'stopped', detail: 'already exited', exitStatus };
      totals.instructions += r.instructions;
      totals.cycles += r.cycles;
      return {
        stdout: decoder.decode(new Uint8Array(stdout)),
        stderr: decoder.decode(new Uint8Array(stderr)),
        exitStatus,
        reason: r.reason,
        detail: r.detail,
        instructions: totals.instructions,
        cycles: totals.cycles,
        unsupportedSyscalls: new Map(unsupported),
        configuration,
      };
    },
  };
}

/** Identity-maps RAM with write-back sections and turns on the MMU and both caches. */
function enableIdentityMapWithCaches(machine: Machine, memory: Uint8Array, core: BenchCore): void {
  const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  const attributes = core === 'arm920t' ? SECTION_WRITE_BACK | SECTION_BIT4_V5 : SECTION_WRITE_BACK;
  for (let section = 0; section < 4096; section++) {
    const descriptor = section < RAM_SIZE >>> 20 ? ((section << 20) | attributes) >>> 0 : 0;
    view.setUint32(PAGE_TABLE + 4 * section, descriptor, true);
  }
  const cp15 = machine.memory.cp15;
  cp15.ttb = PAGE_TABLE;
  cp15.dacr = 0b01; // domain 0: client (permissions checked)
  cp15.control = cp15.control | CONTROL_M | CONTROL_C | CONTROL_I;
}

/**
 * Writes the initial process stack below STACK_TOP as the Linux ELF loader does and returns sp:
 *   sp → argc, argv[0..n-1], NULL, (no environment) NULL, auxv pairs ending with AT_NULL; strings above.
 */
function buildInitialStack(memory: Uint8Array, argv: readonly string[], entry: number): number {
  const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  const encoder = new TextEncoder();
  let top = STACK_TOP - 16; // a guard of zeroes at the very top
  const putString = (s: string): number => {
    const bytes = encoder.encode(s);
    top -= bytes.length + 1;
    memory.set(bytes, top);
    memory[top + bytes.length] = 0;
    return top;
  };
  const platform = putString('v4l');
  const argvPointers = argv.map(putString);
  const auxv: [number, number][] = [
    [AT_PAGESZ, 4096],
    [AT_ENTRY, entry >>> 0],
    [AT_HWCAP, 0],
    [AT_PLATFORM, platform],
    [AT_NULL, 0],
  ];
  const words = [argv.length, ...argvPointers, 0, 0, ...auxv.flat()];
  const sp = (top - 4 * words.length) & ~7;
  for (const [i, w] of words.entries()) view.setUint32(sp + 4 * i, w >>> 0, true);
  return sp >>> 0;
}
