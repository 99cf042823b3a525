import type { MemorySystemBase } from '../memory/memory-system-base.js';

/** Cycles spent in one named kernel path. */
export interface PathCost {
  readonly name: string;
  readonly calls: number;
  /** Cycles from begin to end, nested paths included. */
  readonly cycles: number;
  /** Cycles not spent in nested paths. */
  readonly selfCycles: number;
}

interface PathRow {
  name: string;
  calls: number;
  cycles: number;
  selfCycles: number;
}

interface Frame {
  row: PathRow;
  start: number;
  childCycles: number;
}

/**
 * Lets a kernel written in TypeScript pay for what it does on the machine's clock (DESIGN.md, "Kernels in
 * TypeScript"): instruction budgets fetched from the path's text through the I-TLB and I-cache, data
 * accesses at the real addresses of its structures through the D-TLB, D-cache and write buffer, and cache
 * and TLB maintenance executed on the models, so flushes cost their dirty lines and refills are real misses.
 *
 * Charges: `cycle` mode — 1 cycle per instruction plus every stall the memory system computes, and
 * `cacheOperation` cycles per maintenance operation (one MCR each) on top of its write-backs.
 * `functional` mode — 1 cycle per instruction; data and maintenance cost nothing (translations are still
 * checked, so a kernel bug shows in both modes).
 *
 * Accesses use the current privilege and address space (TTB/TTBRs, DACR, FCSE PID, ASID). Works with either
 * core's memory system (ARM920T VIVT, ARM1176 VIPT). A fault is a kernel bug
 * (kernels charge only their own mapped structures) and throws an Error; nothing is recorded in CP15.
 * `path(name, fn)` or `begin`/`end` attribute the cycles to named paths for "where every cycle goes".
 */
export class CostMeter {
  private readonly rows = new Map<string, PathRow>();
  private readonly stack: Frame[] = [];
  private readonly cycle: boolean;
  private readonly lineBytes: number;

  constructor(readonly memory: MemorySystemBase) {
    this.cycle = memory.timingMode === 'cycle';
    this.lineBytes = memory.lineBytes;
  }

  private get opCost(): number {
    return this.cycle ? this.memory.timingTable.cacheOperation : 0;
  }

  /**
   * Charges `count` instructions fetched sequentially from `textStart`, wrapping within
   * [textStart, textEnd) when `textEnd` is given (a loop body), else running straight on.
   */
  instructions(count: number, textStart: number, textEnd?: number): void {
    if (!Number.isInteger(count) || count < 0) throw new Error(`cost meter: instruction count must be a non-negative integer, got ${count}`);
    if (count === 0) return;
    const start = textStart >>> 0;
    if ((start & 3) !== 0) throw new Error(`cost meter: text start 0x${start.toString(16)} is not word aligned`);
    const end = textEnd === undefined ? start + count * 4 : textEnd >>> 0;
    if (end <= start || (end & 3) !== 0) throw new Error(`cost meter: text range 0x${start.toString(16)}–0x${end.toString(16)} is empty or unaligned`);
    const mem = this.memory;
    const line = this.lineBytes;
    let pc = start;
    let left = count;
    while (left > 0) {
      const lineEnd = Math.min(pc - (pc % line) + line, end);
      const n = Math.min(left, (lineEnd - pc) >>> 2);
      mem.chargeFetches(pc, n);
      left -= n;
      pc += n * 4;
      if (pc >= end) pc = start;
    }
    mem.clock.cycles += count;
  }

  /** Charges fixed stall cycles the TRM gives for something the models do not see (cycle mode only). */
  stall(cycles: number): void {
    if (this.cycle) this.memory.clock.cycles += cycles;
  }

  read(va: number, size: 1 | 2 | 4 = 4): void {
    this.memory.chargeData(va >>> 0, size, false);
  }

  write(va: number, size: 1 | 2 | 4 = 4): void {
    this.memory.chargeData(va >>> 0, size, true);
  }

  /** A copy's loads: word accesses covering [va, va + bytes). */
  readRange(va: number, bytes: number): void {
    this.range(va, bytes, false);
  }

  /** A copy's stores: word accesses covering [va, va + bytes). */
  writeRange(va: number, bytes: number): void {
    this.range(va, bytes, true);
  }

  private range(va: number, bytes: number, write: boolean): void {
    if (bytes <= 0) return;
    const mem = this.memory;
    const first = (va & ~3) >>> 0;
    const last = (va >>> 0) + bytes;
    for (let a = first; a < last; a += 4) mem.chargeData(a >>> 0, 4, write);
  }

  // ---- maintenance on the models -----------------------------------------------------------------------

  /** Whole D-cache clean by index (segments × lines operations), paying each dirty half line. */
  cleanDCache(): void {
    this.memory.cleanDCacheAll();
    this.memory.clock.cycles += this.opCost * this.memory.dcache.lineCount;
  }

  /** Whole D-cache clean + invalidate by index (the VIVT address-space switch). */
  cleanInvalidateDCache(): void {
    this.memory.cleanInvalidateDCacheAll();
    this.memory.clock.cycles += this.opCost * this.memory.dcache.lineCount;
  }

  invalidateDCache(): void {
    this.memory.invalidateDCache();
    this.memory.clock.cycles += this.opCost;
  }

  invalidateICache(): void {
    this.memory.invalidateICache();
    this.memory.clock.cycles += this.opCost;
  }

  /** Invalidates both TLBs (c8,c7,0); later accesses walk again. */
  flushTlbs(): void {
    this.memory.invalidateTlb('both');
    this.memory.clock.cycles += this.opCost;
  }

  /** ARMv6: invalidates one ASID's TLB entries (c8,c7,2); a core without ASIDs throws. */
  flushTlbAsid(asid: number): void {
    this.memory.invalidateTlbAsid(asid);
    this.memory.clock.cycles += this.opCost;
  }

  drainWriteBuffer(): void {
    this.memory.drainWriteBuffer();
    this.memory.clock.cycles += this.opCost;
  }

  /** Clean + invalidate by MVA, one operation per line of [va, va + length) in the current address space. */
  cleanInvalidateDCacheRange(va: number, length: number): void {
    this.forEachLine(va, length, (mva) => this.memory.cleanInvalidateDCacheLine(mva));
  }

  cleanDCacheRange(va: number, length: number): void {
    this.forEachLine(va, length, (mva) => this.memory.cleanDCacheLine(mva));
  }

  invalidateDCacheRange(va: number, length: number): void {
    this.forEachLine(va, length, (mva) => this.memory.invalidateDCacheLine(mva));
  }

  invalidateICacheRange(va: number, length: number): void {
    this.forEachLine(va, length, (mva) => this.memory.invalidateICacheLine(mva));
  }

  private forEachLine(va: number, length: number, op: (mva: number) => void): void {
    if (length <= 0) return;
    const line = this.lineBytes;
    const start = (va >>> 0) - ((va >>> 0) % line);
    const end = (va >>> 0) + length;
    let ops = 0;
    for (let a = start; a < end; a += line) {
      op(this.memory.mvaOf(a >>> 0));
      ops++;
    }
    this.memory.clock.cycles += this.opCost * ops;
  }

  // ---- attribution -------------------------------------------------------------------------------------

  /** Runs `fn` as the named path; its cycles (nested paths included) are added to the path's row. */
  path<T>(name: string, fn: () => T): T {
    this.begin(name);
    try {
      return fn();
    } finally {
      this.end(name);
    }
  }

  begin(name: string): void {
    let row = this.rows.get(name);
    if (!row) {
      row = { name, calls: 0, cycles: 0, selfCycles: 0 };
      this.rows.set(name, row);
    }
    this.stack.push({ row, start: this.memory.clock.cycles, childCycles: 0 });
  }

  /** Ends the innermost path; `name`, when given, must match it. */
  end(name?: string): void {
    const frame = this.stack.pop();
    if (!frame) throw new Error(`cost meter: end(${name ?? ''}) without a matching begin`);
    if (name !== undefined && frame.row.name !== name) {
      this.stack.push(frame);
      throw new Error(`cost meter: end('${name}') but the innermost path is '${frame.row.name}'`);
    }
    const elapsed = this.memory.clock.cycles - frame.start;
    frame.row.calls++;
    frame.row.cycles += elapsed;
    frame.row.selfCycles += elapsed - frame.childCycles;
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.childCycles += elapsed;
  }

  /** Names of the paths open now, outermost first. */
  get openPaths(): string[] {
    return this.stack.map((f) => f.row.name);
  }

  /** Rows sorted by cycles, most expensive first. */
  paths(): PathCost[] {
    return [...this.rows.values()].map((r) => ({ ...r })).sort((a, b) => b.cycles - a.cycles || a.name.localeCompare(b.name));
  }

  /** "Where every cycle goes": a fixed-width table of the paths. */
  formatPaths(): string {
    const rows = this.paths();
    const total = rows.reduce((sum, r) => sum + r.selfCycles, 0);
    const width = Math.max(4, ...rows.map((r) => r.name.length));
    const head = `${'path'.padEnd(width)}  ${'calls'.padStart(9)}  ${'cycles'.padStart(12)}  ${'self'.padStart(12)}  ${'per call'.padStart(10)}  ${'self %'.padStart(6)}`;
    const lines = rows.map((r) => {
      const per = r.calls ? (r.cycles / r.calls).toFixed(1) : '-';
      const pct = total ? ((100 * r.selfCycles) / total).toFixed(1) : '0.0';
      return `${r.name.padEnd(width)}  ${String(r.calls).padStart(9)}  ${String(r.cycles).padStart(12)}  ${String(r.selfCycles).padStart(12)}  ${per.padStart(10)}  ${pct.padStart(6)}`;
    });
    return [head, ...lines].join('\n');
  }

  resetPaths(): void {
    if (this.stack.length) throw new Error(`cost meter: cannot reset while paths are open (${this.openPaths.join(' > ')})`);
    this.rows.clear();
  }
}
