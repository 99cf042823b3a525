import type { Cpu, InstructionHandler } from './cpu.js';
import { MemoryFault } from './fault.js';
import type { FastPath } from '../memory/fast-path.js';
import { MemorySystemBase } from '../memory/memory-system-base.js';
import { BlockCache, type BlockOptions } from '../jit/block-cache.js';

/** Condition pass table indexed by (cond << 4) | NZCV (same as Cpu.conditionPassed). */
const CONDITION_PASSES = (() => {
  const t = new Uint8Array(256);
  for (let cond = 0; cond < 16; cond++) {
    for (let f = 0; f < 16; f++) {
      const n = (f >> 3) & 1, z = (f >> 2) & 1, c = (f >> 1) & 1, v = f & 1;
      const r = [z, 1 - z, c, 1 - c, n, 1 - n, v, 1 - v, c & (1 - z), (1 - c) | z, n === v ? 1 : 0, n !== v ? 1 : 0,
        z === 0 && n === v ? 1 : 0, z === 1 || n !== v ? 1 : 0, 1, 1][cond];
      t[(cond << 4) | f] = r;
    }
  }
  return t;
})();

/** Entries of the decoded-instruction cache (direct-mapped by word address). */
const CACHE_BITS = 14;
const CACHE_MASK = (1 << CACHE_BITS) - 1;

/** What the run loop lets the batch see of its own state. */
export interface BatchControl {
  /** True once someone asked the run to stop; the batch returns after the executing instruction. */
  readonly stopPending: boolean;
}

export interface FastLoopOptions {
  /** Translated blocks in functional timing (default on where the host allows runtime code); false: off. */
  readonly blocks?: BlockOptions | false;
}

/** Reads cycle and event bounds the batch stops at. */
export interface BatchScheduler {
  readonly nextEventAt: number;
}

/**
 * The fast execution path: runs instructions exactly as `Cpu.step()` does (same register, memory, cycle
 * and exception effects, same order of memory accesses) but in one loop, with
 *
 * - a decoded-instruction cache: a direct-mapped table indexed by the fetch address holding the instruction
 *   word and its handler (for the condition-passed case; cond = 0b1111 through the unconditional decoder).
 *   The fetch itself still goes through the memory system (translation, permissions, I-cache timing,
 *   counters stay exact), and a hit is validated against the word it returned, so the cache can never be
 *   stale: self-modifying code, DMA and loader writes, cache maintenance and remapping all show up as a
 *   different fetched word, and a handler is a pure function of the word for one core. No invalidation
 *   bookkeeping (ramWriteObserver) is needed. The cached word is held as a tagged value, so the handler
 *   call does not box a fresh uint32 on every instruction;
 * - one try/catch around the inner loop (re-entered after a fault) instead of one per instruction;
 * - the stop checks of the run loop folded into the loop (cycle limit, next event, instruction limit,
 *   WFI, stop request), with interrupts handed to `Cpu.step()` (the reference) when a line is asserted.
 *
 * In functional timing `runFunctional` runs straight-line instructions with fewer checks and direct fetches
 * (see there), and hands ARM code to translated blocks (src/jit/block-cache.ts) where there are any; cycle
 * timing and pipeline models take the general loop.
 *
 * Counters (`cpu.instructions`, `clock.cycles`) are updated in place after every instruction, never kept
 * in locals across a call: exception hooks (kernels) read and change them inside the handler call.
 * `Cpu.step()` stays the reference; test/fastpath/lockstep.test.ts runs both side by side.
 */
export class FastLoop {
  /** Cached instruction words (tagged numbers; -1 = empty). Generic elements so values stay boxed once. */
  private readonly words: number[] = new Array<number>(1 << CACHE_BITS).fill(-1);
  private readonly handlers: InstructionHandler[];
  private readonly faulting = new Float64Array(2);
  /** Per cache slot: 1 when the cached word is a straight-line instruction (see `isStraightLine`). */
  private readonly pure = new Uint8Array(1 << CACHE_BITS);

  /**
   * The memory system's I-side fast path and the memory system itself (its fetch counter), when fetch32's
   * fast-path hit is all a fetch does (`MemorySystemBase.directPaths`: functional timing, the base
   * accessors; see `runFunctional`); undefined otherwise.
   */
  private readonly fetchPath: { readonly ifp: FastPath; readonly memory: MemorySystemBase } | undefined;
  /** Translated blocks (functional timing, ARM state); undefined when off or not possible. */
  readonly blocks: BlockCache | undefined;

  constructor(
    private readonly cpu: Cpu,
    options: FastLoopOptions = {},
  ) {
    const memory = cpu.memory;
    const paths = memory instanceof MemorySystemBase ? memory.directPaths() : undefined;
    this.fetchPath = paths !== undefined && memory instanceof MemorySystemBase ? { ifp: paths.ifp, memory } : undefined;
    this.blocks = options.blocks === false || this.fetchPath === undefined ? undefined : BlockCache.for(cpu, this.faulting, options.blocks);
    const placeholder: InstructionHandler = () => undefined;
    this.handlers = new Array<InstructionHandler>(1 << CACHE_BITS).fill(placeholder);
    // Keep the word table in generic (tagged) element representation rather than unboxed doubles.
    (this.words as unknown[])[0] = undefined;
    this.words[0] = -1;
  }

  /**
   * Runs until `clock.cycles` reaches `cycleLimit` or `scheduler.nextEventAt`, `cpu.instructions` reaches
   * `instructionLimit`, the core waits for an interrupt, or `control.stopPending`. Host errors other than
   * memory faults propagate (the run loop reports them).
   */
  run(instructionLimit: number, cycleLimit: number, scheduler: BatchScheduler, control: BatchControl): void {
    if (!this.cpu.cycleTiming) {
      this.runFunctional(instructionLimit, cycleLimit, scheduler, control);
      return;
    }
    const cpu = this.cpu;
    const clock = cpu.clock;
    const memory = cpu.memory;
    const isa = cpu.isa;
    const r = cpu.r;
    const words = this.words;
    const handlers = this.handlers;
    const pure = this.pure;
    const cycleTiming = cpu.cycleTiming;
    const pipeline = cpu.pipeline;
    // What the fault handler needs of the faulting instruction, kept out of locals that live across the
    // try (V8 would box them on every instruction): [0] its address, [1] its word (-1: fetch aborted,
    // only tracked with a pipeline model, the only reader).
    const faulting = this.faulting;
    let thumb = false;
    let exceptionsBefore = 0;
    for (;;) {
      try {
        for (;;) {
          const cycles = clock.cycles;
          if (cycles >= cycleLimit || cycles >= scheduler.nextEventAt || cpu.instructions >= instructionLimit || cpu.waitingForInterrupt || control.stopPending) return;
          if ((cpu.irqLine || cpu.fiqLine) && cpu.interruptPending) {
            // Interrupt entry (and its cost) exactly as the reference does it.
            cpu.step();
            continue;
          }
          const pc = cpu.nextPc;
          cpu.currentPc = pc;
          faulting[0] = pc;
          cpu.extraCycles = 0;
          thumb = cpu.thumb;
          exceptionsBefore = cpu.exceptionsTaken;
          if (thumb) {
            if (pipeline !== undefined) faulting[1] = -1;
            const instr = memory.fetch16(pc);
            if (pipeline !== undefined) faulting[1] = instr;
            r[15] = pc + 4;
            cpu.nextPc = (pc + 2) >>> 0;
            isa.decodeThumb(instr)(cpu, instr);
            cpu.instructions++;
            if (!cycleTiming) clock.cycles += 1;
            else if (pipeline === undefined) clock.cycles += 1 + cpu.extraCycles;
            else clock.cycles += pipeline.cycles(cpu, pc, instr, true, true, cpu.exceptionsTaken !== exceptionsBefore);
          } else {
            if (pipeline !== undefined) faulting[1] = -1;
            const fetched = memory.fetch32(pc);
            if (pipeline !== undefined) faulting[1] = fetched;
            r[15] = pc + 8;
            cpu.nextPc = (pc + 4) >>> 0;
            const cond = fetched >>> 28;
            let executed = true;
            if (cond >= 0xe || CONDITION_PASSES[(cond << 4) | (cpu.n << 3) | (cpu.z << 2) | (cpu.c << 1) | cpu.v] === 1) {
              const slot = (pc >>> 2) & CACHE_MASK;
              const cached = words[slot];
              if (cached === fetched) {
                handlers[slot](cpu, cached);
              } else {
                const handler = cond === 0xf ? isa.decodeArmUnconditional(fetched) : isa.decodeArm(fetched);
                words[slot] = fetched;
                handlers[slot] = handler;
                pure[slot] = isStraightLine(fetched) ? 1 : 0;
                handler(cpu, fetched);
              }
            } else executed = false;
            cpu.instructions++;
            if (!cycleTiming) clock.cycles += 1;
            else if (pipeline === undefined) clock.cycles += 1 + cpu.extraCycles;
            else clock.cycles += pipeline.cycles(cpu, pc, fetched, false, executed, cpu.exceptionsTaken !== exceptionsBefore);
          }
        }
      } catch (e) {
        if (!(e instanceof MemoryFault)) throw e;
        const pc = faulting[0];
        memory.privileged = cpu.privileged;
        cpu.takeException(e.kind === 'prefetch' ? 'prefetch-abort' : 'data-abort', pc, 0, e);
        cpu.instructions++;
        if (!cycleTiming) clock.cycles += 1;
        else if (pipeline === undefined) clock.cycles += 1 + cpu.extraCycles;
        else clock.cycles += pipeline.cycles(cpu, pc, faulting[1], thumb, true, cpu.exceptionsTaken !== exceptionsBefore);
      }
    }
  }

  /**
   * `run` for functional timing (every instruction costs exactly one cycle), in runs of straight-line
   * instructions (`isStraightLine`: no memory access, no PC write other than B/BL, no CPSR/mode write,
   * cannot trap, calls nothing outside the core). A run starts after the full stop checks and goes on
   * while its instructions are straight-line:
   *
   * - stop checks: after a straight-line instruction nothing they read can have changed except
   *   `clock.cycles` and `cpu.instructions`, each by exactly one (interrupt lines and masks, the next
   *   event, WFI and stop requests are as they were), so the run only counts down a budget taken from the
   *   cycle, event and instruction bounds at its start; the instruction that is not straight-line ends the
   *   run and the full checks follow, exactly where the general loop makes them;
   * - fetches: a straight-line instruction changes neither the I fast path nor the privilege, so the next
   *   fetch in the page the last `fetch32` left in the fast path is what `fetch32`'s fast-path hit would
   *   do: read the RAM word (live, so stores are seen) at va + delta. The fetch counter is added up in a
   *   local and written back before anything else can run (`fetch32`, a non-straight-line handler, the
   *   end of the run). This mirrors `MemorySystemBase.fetch32` in functional timing, which keeps its
   *   special cases (FCSE PID fetch lag) out of the fast path by leaving it empty (size 0).
   *
   * The decoded cache is the general loop's (the same tables).
   */
  private runFunctional(instructionLimit: number, cycleLimit: number, scheduler: BatchScheduler, control: BatchControl): void {
    const cpu = this.cpu;
    const clock = cpu.clock;
    const memory = cpu.memory;
    const isa = cpu.isa;
    const r = cpu.r;
    const words = this.words;
    const handlers = this.handlers;
    const pure = this.pure;
    const faulting = this.faulting;
    const fetchPath = this.fetchPath;
    const blocks = this.blocks;
    for (;;) {
      try {
        for (;;) {
          const cycles = clock.cycles;
          const nextEventAt = scheduler.nextEventAt;
          const instructions = cpu.instructions;
          if (cycles >= cycleLimit || cycles >= nextEventAt || instructions >= instructionLimit || cpu.waitingForInterrupt || control.stopPending) return;
          if ((cpu.irqLine || cpu.fiqLine) && cpu.interruptPending) {
            cpu.step();
            continue;
          }
          if (cpu.thumb) {
            const pc = cpu.nextPc;
            cpu.currentPc = pc;
            faulting[0] = pc;
            cpu.extraCycles = 0;
            const instr = memory.fetch16(pc);
            r[15] = pc + 4;
            cpu.nextPc = (pc + 2) >>> 0;
            isa.decodeThumb(instr)(cpu, instr);
            cpu.instructions++;
            clock.cycles += 1;
            continue;
          }
          // Instructions that may run before the limits must be looked at again (at least 1).
          let budget = Math.min(cycleLimit - cycles, nextEventAt - cycles, instructionLimit - instructions);
          // The I fast-path page the last fetch hit, kept while only straight-line instructions run (they
          // change neither it nor the privilege): the next fetch in it reads the RAM words directly.
          let chainWords: Uint32Array | undefined;
          let chainBase = 0;
          let chainSize = 0;
          let chainDelta = 0;
          let chainRegionBase = 0;
          let chainFetches = 0;
          for (;;) {
            const pc = cpu.nextPc;
            if (blocks !== undefined) {
              // The fetches counted so far go in first: a block may throw a data abort.
              if (chainFetches !== 0) {
                fetchPath!.memory.fetches += chainFetches;
                chainFetches = 0;
              }
              // A translated block runs only straight-line instructions and RAM accesses through the fast
              // paths, so the budget bounds it exactly as it bounds a run.
              const ran = blocks.execute(pc, budget);
              if (ran > 0) {
                budget -= ran;
                if (budget > 0 && !cpu.thumb) continue;
                break;
              }
            }
            cpu.currentPc = pc;
            faulting[0] = pc;
            cpu.extraCycles = 0;
            let fetched: number;
            if (chainWords !== undefined && ((pc - chainBase) >>> 0) < chainSize) {
              // What fetch32 does on a fast-path hit in RAM (functional timing: no I-cache model).
              fetched = chainWords[(((pc + chainDelta) >>> 0) - chainRegionBase) >>> 2];
              chainFetches++;
            } else {
              if (chainFetches !== 0) {
                fetchPath!.memory.fetches += chainFetches;
                chainFetches = 0;
              }
              fetched = memory.fetch32(pc);
              if (fetchPath !== undefined) {
                const fp = fetchPath.ifp;
                const region = fp.region;
                if (fp.size !== 0 && region !== undefined) {
                  chainWords = region.words;
                  chainBase = fp.base;
                  chainSize = fp.size;
                  chainDelta = fp.delta;
                  chainRegionBase = region.base;
                } else chainWords = undefined;
              }
            }
            r[15] = pc + 8;
            cpu.nextPc = (pc + 4) >>> 0;
            const slot = (pc >>> 2) & CACHE_MASK;
            const cond = fetched >>> 28;
            let cached = words[slot];
            if (cached !== fetched) {
              words[slot] = fetched;
              handlers[slot] = cond === 0xf ? isa.decodeArmUnconditional(fetched) : isa.decodeArm(fetched);
              pure[slot] = isStraightLine(fetched) ? 1 : 0;
              cached = fetched;
            }
            const straight = pure[slot] !== 0;
            if (!straight && chainFetches !== 0) {
              fetchPath!.memory.fetches += chainFetches;
              chainFetches = 0;
            }
            if (cond >= 0xe || CONDITION_PASSES[(cond << 4) | (cpu.n << 3) | (cpu.z << 2) | (cpu.c << 1) | cpu.v] === 1) handlers[slot](cpu, cached);
            cpu.instructions++;
            clock.cycles += 1;
            if (!straight) break;
            if (--budget <= 0) {
              if (chainFetches !== 0) fetchPath!.memory.fetches += chainFetches;
              break;
            }
          }
        }
      } catch (e) {
        if (!(e instanceof MemoryFault)) throw e;
        const pc = faulting[0];
        memory.privileged = cpu.privileged;
        cpu.takeException(e.kind === 'prefetch' ? 'prefetch-abort' : 'data-abort', pc, 0, e);
        cpu.instructions++;
        clock.cycles += 1;
      }
    }
  }
}

/**
 * True for an ARM instruction that accesses no memory, cannot trap, calls nothing outside the core and
 * changes nothing but general registers (not the PC), NZCV and, for B/BL only, the next PC: data processing
 * (immediate, register shifted by immediate or by register) with Rd != 15, except opcode 10xx with S = 0
 * (MRS/MSR/BX/CLZ/hints and the other miscellaneous encodings); MUL/MLA and the long multiplies
 * (UMULL/UMLAL/SMULL/SMLAL) with no destination 15; B and BL. Never for cond = 0b1111.
 */
function isStraightLine(instr: number): boolean {
  if (instr >>> 28 === 0xf) return false;
  if ((instr & 0x0e000000) === 0x0a000000) return true;
  if ((instr & 0x0c000000) !== 0) return false;
  if ((instr & 0x0fc000f0) === 0x00000090) return ((instr >>> 16) & 15) !== 15;
  if ((instr & 0x0f8000f0) === 0x00800090) return ((instr >>> 16) & 15) !== 15 && ((instr >>> 12) & 15) !== 15;
  if (((instr >>> 12) & 15) === 15) return false;
  if ((instr & 0x01900000) === 0x01000000) return false;
  if ((instr & 0x02000000) !== 0) return true;
  return (instr & 0x10) === 0 || (instr & 0x80) === 0;
}
