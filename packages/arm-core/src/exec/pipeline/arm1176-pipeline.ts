import type { Cpu, PipelineModel } from '../../cpu/cpu.js';
import type { BranchKind, BranchPredictor } from '../../cpu/branch-predictor.js';
import { ARM1176_TIMING } from '../../timing/arm1176.js';
import { ARM1176_PIPELINE_EXTRA, BranchClass, armTimingInfo, thumbTimingInfo, type TimingInfo } from './arm1176-timing.js';

/**
 * The ARM1176JZF-S pipeline in `cycle` mode (8 stages, single issue): each instruction costs its issue
 * cycles, plus a stall until the registers it reads are available (a register scoreboard of forwarding
 * times: LDR results after 3 cycles, MUL after 4, ALU results at once; shifter and address operands one
 * cycle earlier, store data one later), plus the branch penalty the program flow predictor gives it
 * (BTAC, static prediction, return stack; mispredicted 5, unpredicted indirect 7), plus a refill on
 * exception entry and pipeline flushes. Memory stalls come from the memory system, which has already put
 * them on the clock. Deterministic; no allocation per instruction once a word has been seen.
 */

const FLAGS = 16;
const MEMO_LIMIT = 1 << 16;
const ARM_SLOTS = 1 << 14;
const NO_INFO = armTimingInfo(0xe1a00000);

export interface Arm1176PipelineStatistics {
  /** Cycles lost waiting for operands. */
  interlockCycles: number;
  /** Branch penalties (mispredictions, unpredicted indirect branches, static-taken refetches). */
  branchCycles: number;
  /** Exception entries and pipeline flushes. */
  flushCycles: number;
}

/** Predictor kind by BranchClass (a packed array: read per branch). */
const KIND: readonly BranchKind[] = (() => {
  const kinds: BranchKind[] = new Array<BranchKind>(8).fill('indirect');
  kinds[BranchClass.DIRECT] = 'direct';
  kinds[BranchClass.CALL] = 'call';
  kinds[BranchClass.INDIRECT_CALL] = 'indirect-call';
  kinds[BranchClass.RETURN] = 'return';
  kinds[BranchClass.INDIRECT] = 'indirect';
  return kinds;
})();

export class Arm1176Pipeline implements PipelineModel {
  readonly stats: Arm1176PipelineStatistics = { interlockCycles: 0, branchCycles: 0, flushCycles: 0 };
  /** Clock cycle from which each register (16 = flags) can be forwarded to an issuing instruction. */
  private readonly ready = new Float64Array(17).fill(-Infinity);
  /**
   * A shortcut past the scoreboard walk: registers outside `busyMask` are ready by `floor` - 1, so with
   * operands needed at most one cycle early they stall nothing from `floor` on; `busyUntil` bounds the
   * ready times of the registers in the mask. Only ever skips walks that would find no stall.
   */
  private busyMask = 0;
  private busyUntil = -Infinity;
  private floor = -Infinity;
  private readonly armInfo = new Map<number, TimingInfo>();
  private readonly thumbInfo: (TimingInfo | undefined)[] = new Array<TimingInfo | undefined>(0x10000).fill(undefined);

  /** Without a predictor every taken branch pays the mispredict penalty (prediction disabled). */
  constructor(readonly predictor?: BranchPredictor) {}

  reset(): void {
    this.ready.fill(-Infinity);
    this.busyMask = 0;
    this.busyUntil = -Infinity;
    this.floor = -Infinity;
    this.predictor?.reset();
  }

  resetStats(): void {
    const s = this.stats;
    s.interlockCycles = s.branchCycles = s.flushCycles = 0;
  }

  /** ARM timing infos by fetch address (direct-mapped, validated by the word), in front of the map. */
  private readonly slotWords = new Float64Array(ARM_SLOTS).fill(-1);
  private readonly slotInfos: TimingInfo[] = new Array<TimingInfo>(ARM_SLOTS).fill(NO_INFO);

  private armInfoAt(address: number, instr: number): TimingInfo {
    const slot = (address >>> 2) & (ARM_SLOTS - 1);
    if (this.slotWords[slot] === instr) return this.slotInfos[slot];
    let t = this.armInfo.get(instr);
    if (t === undefined) {
      t = armTimingInfo(instr);
      if (this.armInfo.size >= MEMO_LIMIT) this.armInfo.clear();
      this.armInfo.set(instr, t);
    }
    this.slotWords[slot] = instr;
    this.slotInfos[slot] = t;
    return t;
  }

  private thumbInfoOf(instr: number): TimingInfo {
    let t = this.thumbInfo[instr];
    if (t === undefined) this.thumbInfo[instr] = t = thumbTimingInfo(instr);
    return t;
  }

  cycles(cpu: Cpu, address: number, instr: number, thumb: boolean, executed: boolean, trapped: boolean): number {
    const now = cpu.clock.cycles;
    if (instr < 0) return this.exception(1);
    const t = thumb ? this.thumbInfoOf(instr & 0xffff) : this.armInfoAt(address, instr >>> 0);
    const ready = this.ready;
    let cycles: number;
    if (!executed) {
      // A failed condition: one issue cycle once the flags are known.
      const stall = ready[FLAGS] > now ? ready[FLAGS] - now : 0;
      this.stats.interlockCycles += stall;
      cycles = stall + 1;
    } else {
      let stall = 0;
      if (now - 1 >= this.busyUntil) {
        // Every register is ready by now - 1 (a clock set back keeps the old floor).
        this.busyMask = 0;
        if (now > this.floor) this.floor = now;
      }
      if ((t.sourceMask & this.busyMask) !== 0 || now < this.floor) {
        let packed = t.packedSources;
        if (packed >= 0) {
          const n = packed & 3;
          packed >>>= 2;
          for (let k = 0; k < n; k++, packed >>>= 7) {
            const wait = ready[(packed >>> 2) & 31] - ((packed & 3) - 1) - now;
            if (wait > stall) stall = wait;
          }
        } else {
          const sources = t.sources;
          const offsets = t.offsets;
          for (let i = 0; i < sources.length; i++) {
            const wait = ready[sources[i]] - offsets[i] - now;
            if (wait > stall) stall = wait;
          }
        }
        if (stall > 0) this.stats.interlockCycles += stall;
      }
      const start = now + stall;
      if (t.writeMask !== 0) {
        let packed = t.packedWrites;
        if (packed >= 0) {
          const n = packed & 3;
          packed >>>= 2;
          for (let k = 0; k < n; k++, packed >>>= 9) ready[(packed >>> 4) & 31] = start + (packed & 15);
        } else {
          const writes = t.writeList;
          const latency = t.writeLatency;
          for (let i = 0; i < writes.length; i++) ready[writes[i]] = start + latency[i];
        }
        this.busyMask |= t.writeMask;
        const until = start + t.maxWriteLatency;
        if (until > this.busyUntil) this.busyUntil = until;
      }
      cycles = stall + t.issue;
    }
    if (trapped) return this.exception(cycles);
    if (t.branch === BranchClass.NONE) {
      // An UNPREDICTABLE form that wrote PC anyway (writeback to r15…): an unpredicted branch.
      if (cpu.nextPc === ((address + (thumb ? 2 : 4)) >>> 0)) return cycles;
      this.stats.branchCycles += ARM1176_TIMING.branch.indirectPenalty;
      return cycles + ARM1176_TIMING.branch.indirectPenalty;
    }
    return cycles + this.branch(cpu, t, address, instr, thumb, executed);
  }

  /** Exception entry: the pipeline refills from the vector. */
  private exception(cycles: number): number {
    const penalty = ARM1176_TIMING.pipeline.exceptionEntry;
    this.stats.flushCycles += penalty;
    return cycles + penalty;
  }

  private branch(cpu: Cpu, t: TimingInfo, address: number, instr: number, thumb: boolean, executed: boolean): number {
    if (t.branch === BranchClass.FLUSH) {
      if (!executed) return 0;
      this.stats.flushCycles += ARM1176_PIPELINE_EXTRA.flushPenalty;
      return ARM1176_PIPELINE_EXTRA.flushPenalty;
    }
    if (t.branch === BranchClass.EXCEPTION) return 0; // a failed condition: the exception path is counted when taken
    const size = thumb ? 2 : 4;
    const sequential = (address + size) >>> 0;
    const target = cpu.nextPc >>> 0;
    const taken = executed && (target !== sequential || cpu.thumb !== thumb);
    const kind = KIND[t.branch];
    let penalty: number;
    const predictor = this.predictor;
    if (predictor) {
      const direct = t.branch === BranchClass.DIRECT || t.branch === BranchClass.CALL;
      predictor.predict(address, kind, direct ? staticTarget(instr, address, thumb, target) : -1, t.conditional);
      const call = t.branch === BranchClass.CALL || t.branch === BranchClass.INDIRECT_CALL;
      penalty = predictor.update(address, taken, target, call ? sequential : -1);
    } else {
      penalty = taken ? ARM1176_TIMING.branch.mispredictPenalty : 0;
    }
    this.stats.branchCycles += penalty;
    return penalty;
  }
}

/** A direct branch's target as decode sees it (for the static predictor); BL second halves use the real one. */
function staticTarget(instr: number, address: number, thumb: boolean, actual: number): number {
  if (!thumb) {
    const offset = (instr << 8) >> 6;
    const h = instr >>> 28 === 0xf ? (instr >>> 23) & 2 : 0;
    return (address + 8 + offset + h) >>> 0;
  }
  if ((instr & 0xf000) === 0xd000) return (address + 4 + ((instr << 24) >> 23)) >>> 0;
  if ((instr & 0xf800) === 0xe000) return (address + 4 + ((instr << 21) >> 20)) >>> 0;
  return actual;
}
