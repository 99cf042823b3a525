/**
 * Pieces of generated JavaScript shared by the block translator's emitters. Generated code sees these
 * names (bound by the block factory, see block-factory.ts):
 *
 *   cpu, r (cpu.r), ms (the MemorySystemBase), D (its D-side fast path), bus, n (instructions run so far in
 *   this call), RP/WP (the read/write permission bits for the current privilege), ipa (physical address of
 *   the block's first word), X(count, nextPc, lastPc) (the exit helper), and the helpers named in HELPERS.
 */

/** `true` when condition `cond` (0–14) passes, as an expression over the flag fields (each 0 or 1). */
export function conditionExpression(cond: number): string {
  switch (cond) {
    case 0x0: return 'cpu.z !== 0';
    case 0x1: return 'cpu.z === 0';
    case 0x2: return 'cpu.c !== 0';
    case 0x3: return 'cpu.c === 0';
    case 0x4: return 'cpu.n !== 0';
    case 0x5: return 'cpu.n === 0';
    case 0x6: return 'cpu.v !== 0';
    case 0x7: return 'cpu.v === 0';
    case 0x8: return '(cpu.c !== 0 && cpu.z === 0)';
    case 0x9: return '(cpu.c === 0 || cpu.z !== 0)';
    case 0xa: return 'cpu.n === cpu.v';
    case 0xb: return 'cpu.n !== cpu.v';
    case 0xc: return '(cpu.z === 0 && cpu.n === cpu.v)';
    case 0xd: return '(cpu.z !== 0 || cpu.n !== cpu.v)';
    default: return 'true';
  }
}

export function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

/** Where an emitted instruction leaves the block. */
export interface ExitSites {
  /** Statement leaving before instruction k runs (it is then executed by the interpreter). */
  before(k: number): string;
  /** Statement leaving after instruction k, continuing at `nextPc` (an expression). */
  after(k: number, nextPc: string): string;
}

/** One translated instruction. */
export interface Emitted {
  /** Statements (run only when the condition passes; the caller wraps them). */
  readonly code: string;
  /** The instruction always leaves the block when it executes (branches, PC writes). */
  readonly leaves: boolean;
}

/** What an emitter knows about the instruction it translates. */
export interface InstructionContext {
  readonly word: number;
  /** Index in the block. */
  readonly k: number;
  /** Its address. */
  readonly pc: number;
  /** Encoding name from the ARM table (e.g. `ADD_reg`). */
  readonly name: string;
  readonly exits: ExitSites;
  /** What STR/STM of r15 store past the instruction's address (8 or 12). */
  readonly storedPcOffset: number;
  /** Loads into r15 interwork (ARMv5T and later). */
  readonly interworkingLoads: boolean;
  /** Byte length of the block's code (for the self-modifying-code check after stores). */
  readonly blockBytes: number;
}

/** Register field at `shift`. */
export function reg(word: number, shift: number): number {
  return (word >>> shift) & 15;
}

/** A register read as an operand: r15 reads as the instruction's address + 8. */
export function readOperand(ctx: InstructionContext, n: number): string {
  return n === 15 ? hex(ctx.pc + 8) : `r[${n}]`;
}

/**
 * The shifter operand of a register shifted by an immediate (ARM ARM A5.1.4–A5.1.11) as an expression over
 * `x` (the register's value), and its carry-out as an expression (`cpu.c` where the C flag passes through).
 */
export function shiftImmediate(word: number, x: string): { value: string; carry: string } {
  const amount = (word >>> 7) & 31;
  switch ((word >>> 5) & 3) {
    case 0:
      return amount === 0
        ? { value: x, carry: 'cpu.c' }
        : { value: `((${x} << ${amount}) >>> 0)`, carry: `((${x} >>> ${32 - amount}) & 1)` };
    case 1:
      return amount === 0
        ? { value: '0', carry: `(${x} >>> 31)` }
        : { value: `(${x} >>> ${amount})`, carry: `((${x} >>> ${amount - 1}) & 1)` };
    case 2:
      return amount === 0
        ? { value: `((${x} >> 31) >>> 0)`, carry: `(${x} >>> 31)` }
        : { value: `((${x} >> ${amount}) >>> 0)`, carry: `((${x} >>> ${amount - 1}) & 1)` };
    default:
      return amount === 0
        ? { value: `(((cpu.c << 31) | (${x} >>> 1)) >>> 0)`, carry: `(${x} & 1)` }
        : { value: `(((${x} >>> ${amount}) | (${x} << ${32 - amount})) >>> 0)`, carry: `((${x} >>> ${amount - 1}) & 1)` };
  }
}
