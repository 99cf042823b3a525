/**
 * ARM920T timing constants for `cycle` mode: the ARM9TDMI pipeline and the memory system, in core (FCLK)
 * cycles unless a name says otherwise. One table, each value with its source:
 *   [TRM] ARM9TDMI TRM DDI0145 ch. 7 / ARM920T TRM DDI0184, [est] estimate (see reference/hardware.md §5).
 * Consumers: the ARM/Thumb executors (pipeline), the memory system (caches, TLB walks, write buffer, bus)
 * and the cost meter.
 */
export const ARM920T_TIMING = {
  pipeline: {
    /** Data-processing: 1 cycle; +1 with a register-specified shift [TRM]. */
    registerShift: 1,
    /** Writing PC (branch, data-processing to PC): 2 extra cycles to refill the pipeline [TRM]. */
    pipelineRefill: 2,
    /** LDR: result available after 1 cycle; +1 interlock if the next instruction uses it [TRM]. */
    loadUseInterlock: 1,
    /** LDRB/LDRH/LDRSB/LDRSH: +2 interlock when the next instruction uses the result [TRM]. */
    subwordLoadUseInterlock: 2,
    /** LDR to PC: 5 cycles in all [TRM]. */
    loadPc: 4,
    /** LDM of n registers: n cycles (2 when n = 1); loading PC adds 4 [TRM]. */
    loadMultiplePc: 4,
    /** MUL/MLA: 2–5 cycles by early termination on Rs (8 bits per cycle) [est]. */
    multiplyBase: 1,
    /** Long multiplies: one cycle more than MUL/MLA [est]. */
    longMultiplyExtra: 1,
    /** MLA/MLAL accumulate: +1 [TRM]. */
    accumulateExtra: 1,
    /** SWP/SWPB: 2 cycles [TRM]. */
    swap: 1,
    /** MRC/MCR to CP15: ~2 cycles busy-wait in the coprocessor handshake [est]. */
    coprocessorTransfer: 2,
    /** SWI / undefined-instruction entry: 3 cycles like a branch (2-cycle refill) [TRM]. */
    exceptionEntry: 2,
    /** LDM/STM of n registers take n cycles, never fewer than 2 [TRM for LDM; single-register STM: est]. */
    blockTransferMinimum: 2,
  },
  memory: {
    /** HCLK = FCLK / 4 on MBA2440 (400/100 MHz); bus cycles are converted with this ratio, which the SoC
     *  may change at run time from CLKDIVN (MemorySystem.coreCyclesPerBusCycle) [src]. */
    coreCyclesPerBusCycle: 4,
    /** SDRAM line fill (8 words) ≈ 12–16 HCLK → ~56 core cycles at 4:1 [est]. */
    lineFillBusCycles: 14,
    /** Uncached single access (NCNB/NCB read, NCNB write, uncached fetch) ≈ 8–9 HCLK → ~32 core cycles [est]. */
    uncachedWordBusCycles: 8,
    /** A page-table walk read goes to SDRAM (the walker does not look in the D-cache on ARM920T) [TRM]; cost [est]. */
    tableWalkReadBusCycles: 8,
    /** Write-buffer drain of an entry's first word (SDRAM single write) [est]. */
    writeBufferWordBusCycles: 4,
    /** Each further word merged into the same entry (burst beat) [est]. */
    writeBufferBurstWordBusCycles: 1,
    /** Write-back of one dirty half line (4-word burst) on eviction or clean [est]. */
    halfLineWriteBackBusCycles: 7,
    /** Write-buffer depth: 16 data words, 4 addresses [TRM]. */
    writeBufferWords: 16,
    writeBufferAddresses: 4,
    /** Cache geometry: 16 KB each, 64-way, 32-byte lines, 8 segments [TRM]. */
    cacheBytes: 16 * 1024,
    cacheWays: 64,
    lineBytes: 32,
    /** TLBs: 64 entries each, fully associative, round-robin [TRM]. */
    tlbEntries: 64,
    /** Core cycles the cost meter charges per cache/TLB maintenance operation it models (one MCR each);
     *  write-backs a clean causes are charged on top, in bus time [est]. */
    cacheOperation: 1,
  },
} as const;

export type Arm920tTiming = typeof ARM920T_TIMING;
