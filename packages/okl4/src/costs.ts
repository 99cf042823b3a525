/**
 * Every budget the kernel charges, in one place (DESIGN.md "A kernel pays for what it does").
 *
 * A path charges `instructions` fetched from its own sub-range of kernel text (through the I-TLB and
 * I-cache), its data accesses at the real addresses of TCBs, UTCBs and page tables (through the D-TLB,
 * D-cache and write buffer), and `stall` cycles for what neither model sees: the ARM9TDMI pipeline's
 * branch refills (2 cycles per taken branch) and load-use interlocks (1 cycle), see hardware.md §5.
 *
 * Calibration anchor (the only one): L4-embedded one-way IPC, kernel cycles including entry and exit,
 * 151 cycles for 0–4 MRs on the PXA255 and 131 on the SA-1100 (lmbench.md). OKL4's fastpath is the same
 * code lineage. At the ARM9TDMI's CPI of ≈1.2 on such kernel code (one taken branch per ~10 instructions
 * = 0.2 cycles, interlocks mostly scheduled away), 151 cycles ≈ 125 instructions including entry and exit.
 * We split them as entry 14 + fastpath 97 + exit 14 (a register save/restore of 17 words with STM/LDM is
 * ~17 cycles each way on the ARM9, charged below as data accesses, so the instruction counts are only
 * the code around them). Every other path is scaled from the fastpath by the work it does, with the
 * reasoning next to it; none is tuned to a macro result.
 *
 * On the ARM1176 (SMDK6410) the same instruction counts are charged (they are the kernel's code, not the
 * core's); only the stall per instruction differs, derived per core in `PipelineStalls` below from the
 * same kernel-code mix and the pipeline facts of hardware.md §5. The ARMv6-only paths are
 * `spaceSwitchAsid` and `asidAllocate`.
 */
/** The two kernel pipelines the boards have. */
export type KernelPipeline = 'arm9tdmi' | 'arm1176';

/**
 * Kernel-code mix both derivations share (the one behind the 151-cycle anchor above): one taken branch
 * per ~10 instructions, and about one load per 4 instructions (TCB, UTCB, queue and table words).
 */
const TAKEN_BRANCHES_PER_INSTRUCTION = 0.1;
const LOADS_PER_INSTRUCTION = 0.25;

/**
 * Stall cycles per kernel instruction, by pipeline (hardware.md §5), derived from the mix above — not
 * fitted to any figure.
 */
export const PipelineStalls: Record<KernelPipeline, { readonly perInstruction: number; readonly derivation: string }> = {
  arm9tdmi: {
    // 0.1 × 2 + 0 = 0.2 (the value the 151-cycle anchor's CPI of 1.2 assumes).
    perInstruction: TAKEN_BRANCHES_PER_INSTRUCTION * 2 + LOADS_PER_INSTRUCTION * 0,
    derivation: 'ARM9TDMI: no prediction, every taken branch refills 2 cycles; load-use +1 has a 1-instruction shadow the compiler fills in kernel code, so ≈0',
  },
  arm1176: {
    // Branches: 0.1 × (0.5 × 0.5 + 0.5 × 6) = 0.325; load-use: 0.25 × 0.5 × 1 = 0.125; total 0.45.
    perInstruction:
      TAKEN_BRANCHES_PER_INSTRUCTION * (0.5 * 0.5 + 0.5 * 6) + LOADS_PER_INSTRUCTION * 0.5 * 1,
    derivation:
      'ARM1176: not-taken forward checks are statically predicted (0); of the taken branches, half are predicted ' +
      '(backward loops, BTAC hits on re-run paths, the 3-entry return stack: 0–1 → 0.5 cycle) and half mispredicted ' +
      '(forward taken, cold in a 128-entry BTAC shared with user code: 5–7 → 6 cycles); load result latency 3 leaves ' +
      'a 2-instruction shadow: the first slot is filled as on the ARM9, the second in about half of the loads (+1)',
  },
};

export interface PathBudget {
  /** Instructions executed on the path. */
  readonly instructions: number;
  /** Pipeline cycles the memory models do not see (taken branches, interlocks), per kernel pipeline. */
  readonly stall: Readonly<Record<KernelPipeline, number>>;
  /** Byte offset of the path's code in kernel text. */
  readonly text: number;
  readonly source: string;
}

function path(text: number, instructions: number, source: string): PathBudget {
  const stall = (p: KernelPipeline) => Math.round(instructions * PipelineStalls[p].perInstruction);
  return { text, instructions, stall: { arm9tdmi: stall('arm9tdmi'), arm1176: stall('arm1176') }, source };
}

export const Costs = {
  /** SWI/abort/IRQ vector + STMIA of the user registers + SPSR/LR save + dispatch on the user SP. */
  entry: path(0x0000, 14, 'vector (1) + mode setup (3) + SP decode (6) + SPSR/LR bookkeeping (4); the 17-word save is charged as TCB writes'),
  /** Restore user registers (LDMIA ^), SPSR, MOVS pc. */
  exit: path(0x0200, 14, 'mirror of entry; the 17-word restore is charged as TCB reads'),
  /** IPC fastpath: tag/dest/state checks, copy MR0–MR5 in registers, state updates, direct switch. */
  ipcFastpath: path(0x0400, 97, 'calibrated: 151-cycle one-way IPC (PXA255, lmbench.md) ≈ 125 instr at CPI 1.2, minus entry and exit'),
  /** IPC slowpath: generic send and receive phases, queue handling, scheduler interaction. */
  ipcSlowpath: path(0x1000, 260, 'OKL4 slowpath ≈ 2.5–3× the fastpath (send + receive phases, queues, tag decode, error checks)'),
  /** Per untyped word moved beyond the registers (UTCB to UTCB): LDR + STR + loop overhead. */
  ipcWordCopy: path(0x2000, 3, 'LDMIA/STMIA of 4 words per iteration ≈ 3 instructions per word incl. loop'),
  /** Notify: OR bits into the UTCB, maybe wake the receiver. */
  notify: path(0x2200, 60, 'lookup + UTCB read-modify-write + acceptance check ≈ 60% of the fastpath'),
  /** Choosing the next thread: priority bitmap (CLZ-less v4: table lookup), queue head. */
  schedule: path(0x2400, 40, 'two-level bitmap lookup without CLZ (table) + dequeue'),
  /** Thread switch: TCB pointer update, UTCB-pointer word, timeslice bookkeeping. */
  threadSwitch: path(0x2600, 30, 'current-thread update + UTCB pointer store + accounting'),
  /** FASS address-space switch: DACR and FCSE PID writes (MCRs), domain lookup. */
  spaceSwitchFass: path(0x2800, 18, 'domain/PID lookup + 2 MCRs + checks (OKL4 v5 switch_to)'),
  /** FASS-off switch: the flush loop is charged as cache operations; this is the code around it. */
  spaceSwitchFlush: path(0x2a00, 30, 'clean/invalidate by index loop setup + TTB write + TLB flush MCRs'),
  /** Domain fault: find the space's L1 entry, copy it into the CPD with the domain, update the bitmap. */
  domainFault: path(0x2c00, 70, 'abort decode (FSR/FAR) + space lookup + CPD write + bitmap update'),
  /** Domain recycling: choose a victim, clear its CPD sections (charged per section), reassign. */
  domainRecycle: path(0x2e00, 90, 'victim choice + bitmap walk + reassignment'),
  /** Page fault: build the 0xFFE0 message and start the IPC to the pager. */
  pageFault: path(0x3000, 120, 'abort decode + fault message (3 words) + slowpath-like send'),
  /** Exception IPC: build the u=5 or u=13 message from the saved registers. */
  exceptionIpc: path(0x3200, 110, 'message build from the TCB register save area + send'),
  /** Exception reply: write registers back from the reply. */
  exceptionReply: path(0x3400, 50, 'copy up to 13 words back into the TCB save area'),
  /** Interrupt: decode, mask, ack, notify the handler thread. */
  interrupt: path(0x3600, 80, 'BSP decode + mask/ack (device accesses charged separately) + notify'),
  /** Timer tick: acknowledge, charge the timeslice, maybe requeue. */
  tick: path(0x3800, 50, 'ack (device accesses charged separately) + timeslice arithmetic + requeue'),
  /** Generic system-call dispatch for non-IPC calls. */
  syscall: path(0x3a00, 30, 'jump table on the SP offset + argument checks'),
  /** ThreadControl: TCB allocation/initialisation or teardown, UTCB placement. */
  threadControl: path(0x4000, 350, 'TCB init (~100 words) + UTCB placement + queues; X.2 kernels ~1–2 µs at 200 MHz'),
  /** SpaceControl: page directory allocation, kernel mappings, PID/resources. */
  spaceControl: path(0x4800, 300, 'L1 allocation + kernel-entry copy (charged per entry) + bookkeeping'),
  /** MapControl: per item decode + page-table walk + descriptor writes (charged per descriptor). */
  mapControlItem: path(0x5000, 90, 'fpage/physdesc decode + walk + loop per page'),
  mapControlPage: path(0x5400, 12, 'one descriptor write + loop'),
  /** ExchangeRegisters: state inspection and register/MR copies. */
  exchangeRegisters: path(0x5800, 120, 'control decode + up to 7 register exchanges + state changes'),
  /** Schedule / ThreadSwitch bookkeeping. */
  scheduleCall: path(0x5c00, 70, 'permission check + priority/timeslice update + requeue'),
  /** CacheControl decode (the maintenance itself is charged as cache operations). */
  cacheControl: path(0x6000, 40, 'op decode + range loop setup'),
  /** InterruptControl. */
  interruptControl: path(0x6200, 60, 'op decode + handler table + BSP mask/unmask'),
  /** Mutex fast operations (kernel mutexes). */
  mutex: path(0x6400, 50, 'lookup + owner/queue update'),
  /** KDB traps (the console accesses are charged separately). */
  kdb: path(0x6600, 40, 'trap decode + console call'),
  /** Idle: WFI loop. */
  idle: path(0x6800, 4, 'MCR WFI + branch'),
  /**
   * ARMv6 address-space switch: load the space's ASID and page-directory words, check the ASID is valid
   * (else allocate), MCR TTBR0 + MCR CONTEXTIDR (2 MCRs, the order of Linux 2.6 `cpu_v6_switch_mm`), no
   * cache or TLB maintenance. The two loads are charged as data reads, each MCR as a maintenance op.
   */
  spaceSwitchAsid: path(0x6a00, 14, 'lookup: 2 loads + compare/branch on an invalid ASID (4) + 2 MCRs + current-space bookkeeping (6); cf. FASS 18 with its domain/PID lookup'),
  /** ARMv6 ASID allocation: rotor scan of the owner table, steal bookkeeping; the c8,c7,2 is charged as a TLB op. */
  asidAllocate: path(0x6c00, 40, 'rotor load + scan for a free owner slot (~4 instructions per slot visited, usually 1–2) + victim ASID reset + owner/rotor/space stores + invalidate-by-ASID setup'),
} as const satisfies Record<string, PathBudget>;

export type CostPath = keyof typeof Costs;

/** Word offsets of TCB fields the paths touch (the TCB is a 512-byte heap block). */
export const TcbLayout = {
  size: 512,
  /** r0–r14, pc, cpsr: 17 words. */
  context: 0x00,
  tid: 0x48,
  state: 0x4c,
  partner: 0x50,
  space: 0x54,
  utcb: 0x58,
  priority: 0x5c,
  readyLinks: 0x60,
  sendQueue: 0x68,
  sendLinks: 0x6c,
  timeslice: 0x74,
  pager: 0x78,
  exceptionHandler: 0x7c,
  flags: 0x80,
} as const;

/** Per-space kernel object (part of the space's heap block). */
export const SpaceLayout = {
  size: 256,
  domain: 0x00,
  pid: 0x04,
  pageDirectory: 0x08,
  threads: 0x0c,
  /** ARMv6: the space's ASID (~0 when it holds none). */
  asid: 0x10,
} as const;
