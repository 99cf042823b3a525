import { describe, expect, it } from 'vitest';
import { ARM1176_TIMING } from '../timing/arm1176.js';
import { BranchPredictor } from './branch-predictor.js';

const B = ARM1176_TIMING.branch;

describe('BranchPredictor (ARM1176)', () => {
  it('predicts a loop branch statically first (backward taken), then from the BTAC', () => {
    const bp = new BranchPredictor();
    const loop = 0x8010;
    const head = 0x8000;
    // First time: BTAC miss, static backward-taken prediction right.
    expect(bp.predict(loop, 'direct', head)).toMatchObject({ source: 'static', taken: true, target: head });
    expect(bp.update(loop, true, head)).toBe(B.staticTakenPenalty);
    // Now in the BTAC: free.
    expect(bp.predict(loop, 'direct', head).source).toBe('btac');
    expect(bp.update(loop, true, head)).toBe(B.predictedPenalty);
    // Loop exit: predicted taken, falls through: mispredict.
    bp.predict(loop, 'direct', head);
    expect(bp.update(loop, false, loop + 4)).toBe(B.mispredictPenalty);
    expect(bp.stats).toMatchObject({ branches: 3, correct: 2, mispredicted: 1, btacHits: 2 });
  });

  it('predicts forward conditional branches not taken, unconditional and calls taken', () => {
    const bp = new BranchPredictor();
    expect(bp.predict(0x100, 'direct', 0x200).taken).toBe(false);
    expect(bp.update(0x100, false, 0x104)).toBe(0);
    expect(bp.predict(0x100, 'direct', 0x200, false).taken).toBe(true);
    expect(bp.update(0x100, true, 0x200)).toBe(B.staticTakenPenalty);
    expect(bp.predict(0x300, 'call', 0x400).taken).toBe(true);
  });

  it('uses 2-bit counters: one not-taken outcome does not flip a strongly taken branch', () => {
    const bp = new BranchPredictor();
    for (let i = 0; i < 3; i++) {
      bp.predict(0x40, 'direct', 0x20);
      bp.update(0x40, true, 0x20);
    }
    bp.predict(0x40, 'direct', 0x20);
    bp.update(0x40, false, 0x44);
    expect(bp.predict(0x40, 'direct', 0x20).taken).toBe(true);
    bp.update(0x40, false, 0x44);
    expect(bp.predict(0x40, 'direct', 0x20).taken).toBe(false);
  });

  it('predicts returns from a 3-entry return stack; a deeper call chain loses its oldest return', () => {
    const bp = new BranchPredictor();
    const calls = [0x1000, 0x2000, 0x3000, 0x4000];
    for (const pc of calls) {
      bp.predict(pc, 'call', pc + 0x100);
      bp.update(pc, true, pc + 0x100, pc + 4);
    }
    for (const pc of [0x4000, 0x3000, 0x2000]) {
      expect(bp.predict(0x9000, 'return')).toMatchObject({ source: 'return-stack', taken: true, target: pc + 4 });
      expect(bp.update(0x9000, true, pc + 4)).toBe(B.predictedPenalty);
    }
    // The fourth return (to 0x1004) fell off the stack: unpredicted indirect.
    expect(bp.predict(0x9000, 'return').source).toBe('none');
    expect(bp.update(0x9000, true, 0x1004)).toBe(B.indirectPenalty);
  });

  it('does not predict other indirect branches; an unpredicted update is charged as indirect', () => {
    const bp = new BranchPredictor();
    expect(bp.predict(0x500, 'indirect').source).toBe('none');
    expect(bp.update(0x500, true, 0x7000)).toBe(B.indirectPenalty);
    expect(bp.update(0x504, true, 0x7000)).toBe(B.indirectPenalty); // no predict first
  });

  it('follows c1.Z and the auxiliary control register, and flushes the BTAC', () => {
    const bp = new BranchPredictor();
    bp.configure(0, 0b111); // Z = 0: no prediction at all
    expect(bp.predict(0x10, 'direct', 0x0)).toMatchObject({ source: 'none', taken: false });
    expect(bp.update(0x10, true, 0x0)).toBe(B.mispredictPenalty);
    bp.configure(1 << 11, 0b111);
    bp.predict(0x10, 'direct', 0x0);
    bp.update(0x10, true, 0x0);
    expect(bp.predict(0x10, 'direct', 0x0).source).toBe('btac');
    bp.flush();
    expect(bp.predict(0x10, 'direct', 0x0).source).toBe('static');
  });

  it('is deterministic: the same branch trace gives the same penalties', () => {
    const trace = (seed: number) => {
      const bp = new BranchPredictor();
      bp.configure(1 << 11, 0b111);
      let x = seed;
      let total = 0;
      for (let i = 0; i < 2000; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const pc = 0x8000 + ((x >>> 8) & 0x3fc);
        const taken = (x & 0x30000) !== 0;
        bp.predict(pc, 'direct', pc - 0x40);
        total += bp.update(pc, taken, taken ? pc - 0x40 : pc + 4);
      }
      return total;
    };
    expect(trace(7)).toBe(trace(7));
  });
});
