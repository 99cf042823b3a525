import { archAtLeast } from '../cpu/arch.js';
import type { Cpu } from '../cpu/cpu.js';
import type { ArmInstructionSet } from '../isa/instruction-set.js';
import type { FastPath } from '../memory/fast-path.js';
import { MemorySystemBase } from '../memory/memory-system-base.js';
import { Perm } from '../memory/page-table.js';
import { translateArmBlock } from './arm-translator.js';
import type { InstructionHandler } from '../cpu/cpu.js';
import { BlockEnvironment, codeGenerationAvailable, compileBlock, type BlockFunction } from './block-factory.js';

export interface BlockOptions {
  /** Entries at a start address before its block is translated (default 16: cold code stays interpreted). */
  readonly threshold?: number;
  /** Most instructions per block (default 16: longer blocks cost V8 more to compile than they save). */
  readonly maxLength?: number;
}

export interface BlockStatistics {
  /** Blocks translated (including again after their code changed). */
  translated: number;
  /** Translations dropped because the words in memory changed. */
  invalidated: number;
  /** Block executions, and the instructions they ran. */
  entries: number;
  instructions: number;
  /** Times a translated block was there but could not run (budget, page end, leaving at once). */
  declined: number;
}

const PRIV_READ = Perm.PRIV_READ;
const USER_READ = Perm.USER_READ;

/** Blocks remembered, direct-mapped by start address. */
const CACHE_BITS = 12;
const CACHE_MASK = (1 << CACHE_BITS) - 1;

/**
 * Translated blocks of one core, for the fast loop in functional timing, direct-mapped by physical address. `run(pc, budget)` executes the
 * block starting at `pc` if there is one that fits the budget and its words are in the page the I-side
 * fast path maps (readable at the current privilege), translating it once the address has been entered
 * `threshold` times. Faults inside a block are thrown to the fast loop with `faulting[0]` set, as its own
 * instructions do. A block checks its words against RAM on every entry, so self-modifying code, loaders,
 * DMA and remapping never run a stale translation; a block whose words changed is translated again.
 */
export class BlockCache {
  private readonly starts = new Float64Array(1 << CACHE_BITS).fill(-1);
  private readonly physical = new Float64Array(1 << CACHE_BITS).fill(-1);
  /** undefined: not translated yet; null: its first instruction is not translatable. */
  private readonly runs: (BlockFunction | null | undefined)[] = new Array<BlockFunction | null | undefined>(1 << CACHE_BITS).fill(undefined);
  /** The interpreter handlers each block calls. */
  private readonly handlers: (readonly InstructionHandler[])[] = new Array<readonly InstructionHandler[]>(1 << CACHE_BITS).fill([]);
  private readonly env: BlockEnvironment;
  private readonly lengths = new Int32Array(1 << CACHE_BITS);
  /** First word of an untranslatable start, so a change there is noticed. */
  private readonly firstWords = new Float64Array(1 << CACHE_BITS);
  private readonly heat = new Uint16Array(1 << CACHE_BITS);
  private readonly threshold: number;
  private readonly maxLength: number;
  /** What the cache did (statistics). */
  readonly stats: BlockStatistics = { translated: 0, invalidated: 0, entries: 0, instructions: 0, declined: 0 };

  private constructor(
    private readonly cpu: Cpu,
    private readonly isa: ArmInstructionSet,
    private readonly memory: MemorySystemBase,
    private readonly ifp: FastPath,
    dfp: FastPath,
    faulting: Float64Array,
    options: BlockOptions,
  ) {
    this.env = new BlockEnvironment(cpu, memory, dfp, cpu.clock, faulting);
    this.threshold = Math.max(1, Math.min(options.threshold ?? 16, 0xffff));
    this.maxLength = Math.max(1, options.maxLength ?? 16);
  }

  /** A cache for `cpu`, or undefined when blocks cannot run there (see `MemorySystemBase.directPaths`). */
  static for(cpu: Cpu, faulting: Float64Array, options: BlockOptions = {}): BlockCache | undefined {
    const memory = cpu.memory;
    const isa = cpu.isa as Partial<ArmInstructionSet>;
    if (!(memory instanceof MemorySystemBase) || cpu.cycleTiming || isa.armTable === undefined || !codeGenerationAvailable()) return undefined;
    const paths = memory.directPaths();
    return paths && new BlockCache(cpu, isa as ArmInstructionSet, memory, paths.ifp, paths.dfp, faulting, options);
  }

  /**
   * Executes blocks from `pc` (ARM state), one after another while each next one is ready, within `budget`
   * instructions; returns how many ran (0: none). Stops when a block switches to Thumb.
   */
  execute(pc: number, budget: number): number {
    const cpu = this.cpu;
    const fp = this.ifp;
    const env = this.env;
    const starts = this.starts;
    const physical = this.physical;
    const runs = this.runs;
    const privileged = this.memory.privileged;
    if (cpu.bigEndianData || (fp.perm & (privileged ? PRIV_READ : USER_READ)) === 0) return 0;
    let total = 0;
    let entered = 0;
    for (;;) {
      const offset = (pc - fp.base) >>> 0;
      const region = fp.region;
      if (offset >= fp.size || region === undefined) break;
      const pa = (pc + fp.delta) >>> 0;
      // Keyed by physical address (address spaces sharing a VA keep their own blocks) and tagged with the
      // VA too, since a translation embeds its addresses.
      const slot = (pa >>> 2) & CACHE_MASK;
      let block = runs[slot];
      if (starts[slot] !== pc || physical[slot] !== pa || block == null) {
        block = this.prepare(pc, pa, slot, region, offset);
        if (block === undefined) break;
      }
      const left = budget - total;
      if (this.lengths[slot] > left || offset + 4 * this.lengths[slot] > fp.size) {
        this.stats.declined++;
        break;
      }
      const wi = (pa - region.base) >>> 2;
      const executed = block(env, this.handlers[slot], left, region.words, wi, pa);
      if (executed <= 0) {
        this.refused(slot, executed);
        break;
      }
      total += executed;
      entered++;
      if (total >= budget || cpu.thumb) break;
      pc = cpu.nextPc;
    }
    if (total > 0) {
      this.stats.entries += entered;
      this.stats.instructions += total;
    }
    return total;
  }

  /** The block for a start address not ready in its slot: counts the entry, translates when hot. */
  private prepare(pc: number, pa: number, slot: number, region: { readonly words: Uint32Array; readonly base: number }, offset: number): BlockFunction | undefined {
    if (this.starts[slot] !== pc || this.physical[slot] !== pa) {
      this.starts[slot] = pc;
      this.physical[slot] = pa;
      this.runs[slot] = undefined;
      this.heat[slot] = 0;
    }
    const wi = (pa - region.base) >>> 2;
    if (this.runs[slot] === null) {
      if (this.firstWords[slot] === region.words[wi]) return undefined;
      this.runs[slot] = undefined;
      this.heat[slot] = 0;
    }
    if (++this.heat[slot] < this.threshold) return undefined;
    return this.translate(pc, region.words, wi, (this.ifp.size - offset) >>> 2, slot) ?? undefined;
  }

  /** A block that ran nothing: -1, its words changed (translate again once hot again); 0, it left at once. */
  private refused(slot: number, executed: number): void {
    if (executed < 0) {
      this.runs[slot] = undefined;
      this.heat[slot] = 0;
      this.stats.invalidated++;
    } else this.stats.declined++;
  }

  private translate(pc: number, words: Uint32Array, wi: number, available: number, slot: number): BlockFunction | null {
    const translation = translateArmBlock(this.isa.armTable, pc, (i) => words[wi + i], available, {
      storedPcOffset: this.isa.storedPcOffset,
      interworkingLoads: archAtLeast(this.isa.arch, 'v5T'),
      maxLength: this.maxLength,
    });
    if (translation === undefined) {
      this.runs[slot] = null;
      this.firstWords[slot] = words[wi];
      return null;
    }
    const block = compileBlock(translation);
    this.runs[slot] = block;
    this.handlers[slot] = translation.handlers;
    this.lengths[slot] = translation.length;
    this.stats.translated++;
    return block;
  }
}
