import type { Cpu, InstructionHandler } from './cpu.js';
import { MemoryFault } from './fault.js';

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
 * Counters (`cpu.instructions`, `clock.cycles`) are updated in place after every instruction, never kept
 * in locals across a call: exception hooks (kernels) read and change them inside the handler call.
 * `Cpu.step()` stays the reference; test/fastpath/lockstep.test.ts runs both side by side.
 */
export class FastLoop {
  /** Cached instruction words (tagged numbers; -1 = empty). Generic elements so values stay boxed once. */
  private readonly words: number[] = new Array<number>(1 << CACHE_BITS).fill(-1);
  private readonly handlers: InstructionHandler[];
  private readonly faulting = new Float64Array(2);

  constructor(private readonly cpu: Cpu) {
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
    const cpu = this.cpu;
    const clock = cpu.clock;
    const memory = cpu.memory;
    const isa = cpu.isa;
    const r = cpu.r;
    const words = this.words;
    const handlers = this.handlers;
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
}
