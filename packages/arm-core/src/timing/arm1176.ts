/**
 * ARM1176JZF-S timing constants for `cycle` mode, in core cycles unless a name says otherwise. One table,
 * each value with its source:
 *   [TRM] ARM1176JZF-S TRM DDI0301 (ch. 5 program flow prediction, ch. 16 cycle timings),
 *   [hw]  reference/hardware.md §4–§5, [est] estimate — verify before relying on it.
 * Consumers: the memory system (caches, TLBs, walks, write buffer, bus), the cost meter, and — once the
 * ARMv6 executors land — the pipeline model and the branch predictor (`src/cpu/branch-predictor.ts`).
 */
export const ARM1176_TIMING = {
  /**
   * 8-stage pipeline. Placeholders for the ISA engineer: the executors still charge ARM9TDMI costs
   * (`ARM920T_TIMING.pipeline`) until they read this section.
   */
  pipeline: {
    /** LDR: result usable 3 cycles after issue; a dependent instruction next stalls 2 [hw: +2..3]. */
    loadResultLatency: 3,
    loadUseInterlock: 2,
    /** LDRB/LDRH/LDRSB/LDRSH: same path as LDR on ARM11 [est]. */
    subwordLoadUseInterlock: 2,
    /** MUL/MLA: issue 2 cycles (5 when setting flags), result latency 4 [hw]. */
    multiplyIssue: 2,
    multiplyFlagsIssue: 5,
    multiplyLatency: 4,
    /** SMULL/UMULL (and the accumulating forms): issue 3 [hw]; latency 5 [est]. */
    longMultiplyIssue: 3,
    longMultiplyLatency: 5,
    /** MCR/MRC to CP15: a few cycles through the coprocessor interface [est]. */
    coprocessorTransfer: 2,
    /** Exception entry: a pipeline refill like a mispredicted branch [est]. */
    exceptionEntry: 6,
  },
  /** Program flow prediction (see BranchPredictor). */
  branch: {
    /** Branch target address cache: 128 entries, direct mapped, 2-bit counters [hw]. */
    btacEntries: 128,
    /** Return stack: 3 entries [hw]. */
    returnStackEntries: 3,
    /** Correctly predicted by the BTAC (taken, target right; or not taken): 0–1 cycle, folded here to 0 [hw]. */
    predictedPenalty: 0,
    /** BTAC miss, direct branch statically predicted taken (backward) and taken: refetch after decode [est]. */
    staticTakenPenalty: 2,
    /** Mispredicted direction or target: 5–7 cycles [hw]; 5 for branches resolved in the ALU [est]. */
    mispredictPenalty: 5,
    /** Unpredicted or mispredicted indirect branch (BX rN, LDR pc, MOV pc) and return-stack misses: 7 [est, hw upper bound]. */
    indirectPenalty: 7,
  },
  memory: {
    /** HCLK (133 MHz) drives the DRAM controller; core:bus 532:133 = 4:1 [hw]. */
    coreCyclesPerBusCycle: 4,
    /** L1 miss to mDDR at 133 MHz ≈ 40–80 core cycles at 532 MHz [hw]; 15 HCLK → 60 core cycles [est]. */
    lineFillBusCycles: 15,
    /** Uncached single access (strongly ordered / device / non-cacheable read) ≈ 10 HCLK → 40 core cycles [est]. */
    uncachedWordBusCycles: 10,
    /** A descriptor read by the walker goes to memory (no L1 lookup) [est]; same as an uncached read [est]. */
    tableWalkReadBusCycles: 10,
    /** Write-buffer drain of an entry's first word [est]. */
    writeBufferWordBusCycles: 4,
    /** Each further word merged into the same entry (64-bit AXI burst beats, two words each) [est]. */
    writeBufferBurstWordBusCycles: 1,
    /** Write-back of one dirty half line (4 words: 2 beats on the 64-bit bus + latency) [est]. */
    halfLineWriteBackBusCycles: 5,
    /** Write buffer: 8 words in 4 address entries [est]. */
    writeBufferWords: 8,
    writeBufferAddresses: 4,
    /** Caches: 16 KB each on the S3C6410, 4-way, 32-byte lines, VIPT (4 KB per way: no aliasing) [hw]. */
    cacheBytes: 16 * 1024,
    cacheWays: 4,
    lineBytes: 32,
    /** Micro TLBs: 10 entries each, I and D, fully associative, ASID + NS tagged [hw]. */
    tlbEntries: 10,
    /** Main TLB: 8 lockable fully associative entries + 64 entries 2-way [hw]. */
    mainTlbLockableEntries: 8,
    mainTlbEntries: 64,
    mainTlbWays: 2,
    /** Micro-TLB miss that hits in the main TLB [est]. */
    mainTlbHitCycles: 2,
    /** Core cycles per maintenance operation the cost meter models (one MCR each) [est]. */
    cacheOperation: 1,
  },
} as const;

export type Arm1176Timing = typeof ARM1176_TIMING;
