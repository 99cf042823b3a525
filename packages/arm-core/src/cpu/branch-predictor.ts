import { ARM1176_TIMING } from '../timing/arm1176.js';

/**
 * ARM1176JZF-S program flow prediction (TRM DDI0301 ch. 5; reference/hardware.md §5): a 128-entry branch
 * target address cache (BTAC) with 2-bit counters for direct branches, a static predictor for BTAC misses
 * (backward or unconditional taken, forward not), and a 3-entry return stack. Indirect branches other than
 * returns are not predicted. Penalties are in core cycles beyond the branch's issue cycle.
 *
 * The executors call `predict` when they meet a branch (before they know the outcome) and `update` once it
 * resolves; `update` returns the penalty to add to `cpu.extraCycles`. Deterministic: no randomness.
 */

export type BranchKind =
  /** B or conditional B: target from the instruction. */
  | 'direct'
  /** BL / BLX immediate: direct, pushes the return address. */
  | 'call'
  /** BLX register: indirect, pushes the return address. */
  | 'indirect-call'
  /** BX lr, MOV pc, lr, LDM/POP … pc: predicted from the return stack. */
  | 'return'
  /** Any other write to PC (BX rN, LDR pc, data processing to pc). */
  | 'indirect';

export interface BranchPredictorConfig {
  readonly btacEntries: number;
  readonly returnStackEntries: number;
  readonly predictedPenalty: number;
  readonly staticTakenPenalty: number;
  readonly mispredictPenalty: number;
  readonly indirectPenalty: number;
}

export type PredictionSource = 'btac' | 'static' | 'return-stack' | 'none';

/** The last prediction, reused (no allocation per branch): read it before the next `predict`. */
export interface BranchPrediction {
  readonly taken: boolean;
  /** Predicted target when taken, else -1. */
  readonly target: number;
  readonly source: PredictionSource;
}

export interface BranchPredictorStatistics {
  branches: number;
  /** Outcomes the prediction got right (direction and, when taken, target). */
  correct: number;
  mispredicted: number;
  btacHits: number;
  returnStackHits: number;
  penaltyCycles: number;
}

/** ARM1176 figures, with their sources, from the timing table. */
export const ARM1176_BRANCH_PREDICTOR: BranchPredictorConfig = ARM1176_TIMING.branch;

const Z = 1 << 11;
const RS = 1 << 0;
const DB = 1 << 1;
const SB = 1 << 2;

export class BranchPredictor {
  /** BTAC (dynamic) prediction: c1.Z and ACTLR.DB. */
  dynamicEnabled = true;
  /** Static prediction on BTAC misses: c1.Z and ACTLR.SB. */
  staticEnabled = true;
  /** Return stack: c1.Z and ACTLR.RS. */
  returnStackEnabled = true;
  readonly stats: BranchPredictorStatistics = { branches: 0, correct: 0, mispredicted: 0, btacHits: 0, returnStackHits: 0, penaltyCycles: 0 };
  private readonly tag: Int32Array;
  private readonly target: Uint32Array;
  /** 2-bit saturating counters: 0–1 predict not taken, 2–3 taken. */
  private readonly counter: Uint8Array;
  private readonly mask: number;
  private readonly stack: Uint32Array;
  private depth = 0;
  private top = 0;
  private readonly prediction = { taken: false, target: -1, source: 'none' as PredictionSource };
  private pendingPc = -1;
  private pendingKind: BranchKind = 'direct';

  constructor(readonly config: BranchPredictorConfig = ARM1176_BRANCH_PREDICTOR) {
    const n = config.btacEntries;
    if (n < 1 || (n & (n - 1)) !== 0) throw new Error(`BranchPredictor: BTAC entries must be a power of two, got ${n}`);
    this.mask = n - 1;
    this.tag = new Int32Array(n).fill(-1);
    this.target = new Uint32Array(n);
    this.counter = new Uint8Array(n);
    this.stack = new Uint32Array(Math.max(1, config.returnStackEntries));
  }

  /** Enables from c1 (Z) and the auxiliary control register (RS, DB, SB). */
  configure(control: number, auxControl: number): void {
    const z = (control & Z) !== 0;
    this.dynamicEnabled = z && (auxControl & DB) !== 0;
    this.staticEnabled = z && (auxControl & SB) !== 0;
    this.returnStackEnabled = z && (auxControl & RS) !== 0;
  }

  private slot(pc: number): number {
    return (pc >>> 2) & this.mask;
  }

  /**
   * Predicts the branch at `pc`. `staticTarget` is a direct branch's target (for the static predictor);
   * `conditional` false makes the static predictor take it whatever its direction.
   */
  predict(pc: number, kind: BranchKind, staticTarget = -1, conditional = true): BranchPrediction {
    pc >>>= 0;
    const p = this.prediction;
    p.taken = false;
    p.target = -1;
    p.source = 'none';
    this.pendingPc = pc;
    this.pendingKind = kind;
    if (kind === 'direct' || kind === 'call') {
      const i = this.slot(pc);
      if (this.dynamicEnabled && this.tag[i] === (pc | 0)) {
        p.source = 'btac';
        p.taken = this.counter[i] >= 2;
        p.target = p.taken ? this.target[i] : -1;
      } else if (this.staticEnabled && staticTarget >= 0) {
        p.source = 'static';
        p.taken = !conditional || kind === 'call' || staticTarget >>> 0 <= pc;
        p.target = p.taken ? staticTarget >>> 0 : -1;
      }
    } else if (kind === 'return' && this.returnStackEnabled && this.depth > 0) {
      p.source = 'return-stack';
      p.taken = true;
      p.target = this.stack[this.top === 0 ? this.stack.length - 1 : this.top - 1];
    }
    return p;
  }

  /**
   * Resolves the branch at `pc` (predicted last): trains the BTAC, pushes (`returnAddress`, for calls) or
   * pops the return stack, and returns the penalty in core cycles. A branch that was not `predict`ed first
   * counts as unpredicted.
   */
  update(pc: number, taken: boolean, target: number, returnAddress = -1): number {
    pc >>>= 0;
    target >>>= 0;
    const p = this.prediction;
    const predicted = this.pendingPc === pc;
    const kind = predicted ? this.pendingKind : 'indirect';
    const source = predicted ? p.source : 'none';
    const c = this.config;
    let penalty: number;
    let right: boolean;
    if (!taken) {
      right = !(predicted && p.taken);
      penalty = right ? 0 : kind === 'direct' || kind === 'call' ? c.mispredictPenalty : c.indirectPenalty;
    } else if (predicted && p.taken && p.target === target) {
      right = true;
      penalty = source === 'static' ? c.staticTakenPenalty : c.predictedPenalty;
    } else {
      right = false;
      penalty = kind === 'direct' || kind === 'call' ? c.mispredictPenalty : c.indirectPenalty;
    }
    this.pendingPc = -1;
    const s = this.stats;
    s.branches++;
    if (right) s.correct++;
    else s.mispredicted++;
    if (source === 'btac') s.btacHits++;
    if (source === 'return-stack' && right) s.returnStackHits++;
    s.penaltyCycles += penalty;
    if (kind === 'direct' || kind === 'call') this.train(pc, taken, target);
    if (taken && (kind === 'call' || kind === 'indirect-call') && returnAddress >= 0) this.push(returnAddress >>> 0);
    else if (taken && kind === 'return' && this.depth > 0) this.pop();
    return penalty;
  }

  private train(pc: number, taken: boolean, target: number): void {
    const i = this.slot(pc);
    if (this.tag[i] !== (pc | 0)) {
      // Only taken branches are allocated, weakly taken.
      if (!taken) return;
      this.tag[i] = pc | 0;
      this.target[i] = target;
      this.counter[i] = 2;
      return;
    }
    if (taken) {
      this.target[i] = target;
      if (this.counter[i] < 3) this.counter[i]++;
    } else if (this.counter[i] > 0) this.counter[i]--;
  }

  private push(address: number): void {
    this.stack[this.top] = address;
    this.top = this.top + 1 === this.stack.length ? 0 : this.top + 1;
    // A full stack loses its oldest entry.
    if (this.depth < this.stack.length) this.depth++;
  }

  private pop(): void {
    this.top = this.top === 0 ? this.stack.length - 1 : this.top - 1;
    this.depth--;
  }

  /** c7,c5,6 (and I-cache invalidate): the BTAC forgets everything; the return stack stays. */
  flush(): void {
    this.tag.fill(-1);
    this.counter.fill(0);
  }

  reset(): void {
    this.flush();
    this.depth = 0;
    this.top = 0;
    this.pendingPc = -1;
  }

  resetStats(): void {
    const s = this.stats;
    s.branches = s.correct = s.mispredicted = s.btacHits = s.returnStackHits = s.penaltyCycles = 0;
  }
}
