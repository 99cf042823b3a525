import type { Cpu, InstructionHandler } from '../cpu/cpu.js';
import { shiftByRegister, shiftByRegisterCarry, shifterOut } from '../exec/arm/shifter.js';
import type { FastPath } from '../memory/fast-path.js';
import type { MemorySystemBase } from '../memory/memory-system-base.js';
import { Perm } from '../memory/page-table.js';
import type { Clock } from '../sched/scheduler.js';
import type { Translation } from './arm-translator.js';

/**
 * Compiles translated blocks into functions with `new Function`. A block's function depends on nothing
 * but its text: the machine it runs on comes in as a `BlockEnvironment`, so one compiled function (and the
 * optimised code V8 makes of it) serves every machine showing the same words at the same address. Where
 * the host forbids runtime code generation (a browser's Content-Security-Policy without 'unsafe-eval'),
 * `codeGenerationAvailable()` is false and the interpreter runs everything.
 *
 * A block function is `(env, h, budget, W, wi, ipa)`: h the interpreter handlers it calls, W the RAM words
 * holding the block, wi the index of its first word there and ipa its physical address. It returns the
 * instructions executed, 0 if none, -1 if the words no longer match the translation.
 */
export type BlockFunction = (env: BlockEnvironment, h: readonly InstructionHandler[], budget: number, W: Uint32Array, wi: number, ipa: number) => number;

/** One machine as its blocks see it, with the two calls their exits and fast-path misses make. */
export class BlockEnvironment {
  readonly r: Uint32Array;
  readonly bus: MemorySystemBase['bus'];
  readonly shiftByRegister = shiftByRegister;
  readonly shiftByRegisterCarry = shiftByRegisterCarry;
  readonly shifterOut = shifterOut;

  constructor(
    readonly cpu: Cpu,
    readonly ms: MemorySystemBase,
    readonly D: FastPath,
    private readonly clock: Clock,
    /** Where the fast loop looks for the address of an instruction whose access faulted. */
    private readonly faulting: Float64Array,
  ) {
    this.r = cpu.r;
    this.bus = ms.bus;
  }

  /** Leaves a block: the PC, r15 and the counters as the interpreter leaves them after `last` (functional: one cycle and one fetch per instruction). */
  X(count: number, next: number, last: number): number {
    const cpu = this.cpu;
    cpu.nextPc = next;
    this.r[15] = last + 8;
    cpu.currentPc = last;
    cpu.extraCycles = 0;
    cpu.instructions += count;
    this.clock.cycles += count;
    this.ms.fetches += count;
    return count;
  }

  /**
   * A D fast-path miss for the instruction at `pc`, after `done` others of this call: refills the fast path
   * as the interpreter's access would; if the access faults, first brings the PC, r15 and the counters to
   * the interpreter's state for that instruction, so the fault (thrown to the fast loop, which takes the
   * abort) sees exactly what it would have seen.
   */
  M(va: number, write: boolean, done: number, pc: number): void {
    const ms = this.ms;
    if (ms.refillData(va, write)) return;
    const cpu = this.cpu;
    cpu.instructions += done;
    this.clock.cycles += done;
    ms.fetches += done + 1;
    this.r[15] = pc + 8;
    cpu.nextPc = pc + 4;
    cpu.currentPc = pc;
    this.faulting[0] = pc;
    ms.raiseDataFault(va, write);
  }
}

/** Compiled functions by source text; bounded so a guest generating code cannot grow it without limit. */
const compiled = new Map<string, BlockFunction>();
const COMPILED_LIMIT = 2048;

let available: boolean | undefined;

/** True when the host lets us compile JavaScript at run time. */
export function codeGenerationAvailable(): boolean {
  if (available === undefined) {
    try {
      available = new Function('return 1')() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}

function functionBody(translation: Translation): string {
  return [
    "'use strict';",
    'const cpu = env.cpu, r = env.r, ms = env.ms, D = env.D, bus = env.bus;',
    translation.handlers.map((_, i) => `const h${i} = h[${i}];`).join(' '),
    translation.body.includes('shiftByRegister') ? 'const shiftByRegister = env.shiftByRegister, shiftByRegisterCarry = env.shiftByRegisterCarry, shifterOut = env.shifterOut;' : '',
    `const RP = ms.privileged ? ${Perm.PRIV_READ} : ${Perm.USER_READ}, WP = ms.privileged ? ${Perm.PRIV_WRITE} : ${Perm.USER_WRITE};`,
    translation.body,
  ].join('\n');
}

/** The block's function (compiled once per distinct translation). */
export function compileBlock(translation: Translation): BlockFunction {
  const body = functionBody(translation);
  let fn = compiled.get(body);
  if (fn === undefined) {
    fn = new Function('env', 'h', 'budget', 'W', 'wi', 'ipa', body) as BlockFunction;
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    compiled.set(body, fn);
  }
  return fn;
}
