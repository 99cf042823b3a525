import { archAtLeast, type ArchVersion } from '../cpu/arch.js';
import type { Cpu, InstructionHandler, InstructionSet } from '../cpu/cpu.js';
import { undefinedArm } from '../exec/arm/branch.js';
import { ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS, type ArmDisasm } from './arm-encodings.js';
import { DecodeTable, type CompiledEncoding, type Encoding } from './pattern.js';
import { THUMB_ENCODINGS, type ThumbDisasm } from './thumb-encodings.js';

export interface InstructionSetOptions {
  /**
   * What STR/STM of r15 store: the instruction's address + 12 on ARM7TDMI/ARM9TDMI (default for v4T/v5)
   * or + 8 (ARMv6 cores; default there).
   */
  readonly storedPcOffset?: 8 | 12;
}

/** The core's decoders plus the implementation choices the ARM executors read. */
export interface ArmInstructionSet extends InstructionSet {
  readonly storedPcOffset: 8 | 12;
  /** The decode tables, for disassemblers, random-instruction generators and coverage reports. */
  readonly armTable: DecodeTable<InstructionHandler, ArmDisasm>;
  readonly armUnconditionalTable: DecodeTable<InstructionHandler, ArmDisasm>;
  readonly thumbTable: DecodeTable<InstructionHandler, ThumbDisasm>;
}

/** Most distinct words remembered per memo (non-uniform buckets only). */
const MEMO_LIMIT = 1 << 16;

/** Bits that select an ARM bucket: [27:20] and [7:4]. */
const ARM_BUCKET_MASK = 0x0ff000f0;

export function armBucketIndex(instr: number): number {
  return ((instr >>> 16) & 0xff0) | ((instr >>> 4) & 0xf);
}
export function armBucketBits(bucket: number): { mask: number; value: number } {
  return { mask: ARM_BUCKET_MASK, value: (((bucket >>> 4) << 20) | ((bucket & 0xf) << 4)) >>> 0 };
}
export function thumbBucketIndex(instr: number): number {
  return (instr >>> 6) & 0x3ff;
}
export function thumbBucketBits(bucket: number): { mask: number; value: number } {
  return { mask: 0xffc0, value: bucket << 6 };
}

export function armDecodeTable<D>(table: readonly Encoding<InstructionHandler, D>[], arch: ArchVersion): DecodeTable<InstructionHandler, D> {
  return new DecodeTable(table, (since) => archAtLeast(arch, since), armBucketIndex, 4096, armBucketBits);
}

function thumbUndefinedFallback(cpu: Cpu, instr: number): void {
  cpu.undefinedInstruction(instr);
}

/**
 * For each ARM bucket, the handler when one entry decides every word of the bucket (its fixed bits are
 * all bucket bits, no `when`, and it is the most specific candidate) — most buckets, e.g. all of data
 * processing, loads/stores, LDM/STM, branches. Other buckets go through the per-word memo.
 */
function uniformBucketHandlers(table: DecodeTable<InstructionHandler, ArmDisasm>): (InstructionHandler | undefined)[] {
  const handlers: (InstructionHandler | undefined)[] = new Array(4096).fill(undefined);
  for (let bucket = 0; bucket < 4096; bucket++) {
    const { value } = armBucketBits(bucket);
    let first: CompiledEncoding<InstructionHandler, ArmDisasm> | undefined;
    for (const e of table.entries) {
      if (((e.compiled.value ^ value) & e.compiled.mask & ARM_BUCKET_MASK) === 0) {
        first = e;
        break;
      }
    }
    if (!first) handlers[bucket] = undefinedArm;
    else if ((first.compiled.mask & ~ARM_BUCKET_MASK & 0x0fffffff) === 0 && (first.compiled.mask & 0xf0000000) === 0 && !first.when) {
      handlers[bucket] = first.exec;
    }
  }
  return handlers;
}

/** Decoders for one architecture: pure functions of the word, so shared by every core of that architecture. */
type Decoders = Omit<ArmInstructionSet, 'storedPcOffset'>;
const decodersByArch = new Map<ArchVersion, Decoders>();

function buildDecoders(arch: ArchVersion): Decoders {
  const armTable = armDecodeTable(ARM_ENCODINGS, arch);
  const armUnconditionalTable = armDecodeTable(ARM_UNCONDITIONAL_ENCODINGS, arch);
  const thumbTable = new DecodeTable(THUMB_ENCODINGS, (since) => archAtLeast(arch, since), thumbBucketIndex, 1024, thumbBucketBits);

  const armBuckets = uniformBucketHandlers(armTable);
  const armByWord = new Map<number, InstructionHandler>();
  const unconditionalByWord = new Map<number, InstructionHandler>();
  const thumbByHalfword: (InstructionHandler | undefined)[] = new Array(65536).fill(undefined);

  function decodeArmWord(instr: number): InstructionHandler {
    const key = instr & 0x0fffffff;
    let handler = armByWord.get(key);
    if (handler === undefined) {
      handler = armTable.decode(instr)?.exec ?? undefinedArm;
      // Bounded so a guest executing random data cannot grow it without limit.
      if (armByWord.size >= MEMO_LIMIT) armByWord.clear();
      armByWord.set(key, handler);
    }
    return handler;
  }

  return {
    arch,
    armTable,
    armUnconditionalTable,
    thumbTable,
    decodeArm(instr: number): InstructionHandler {
      const handler = armBuckets[((instr >>> 16) & 0xff0) | ((instr >>> 4) & 0xf)];
      return handler !== undefined ? handler : decodeArmWord(instr);
    },
    decodeArmUnconditional(instr: number): InstructionHandler {
      const key = instr & 0x0fffffff;
      let handler = unconditionalByWord.get(key);
      if (handler === undefined) {
        handler = armUnconditionalTable.decode(instr)?.exec ?? undefinedArm;
        if (unconditionalByWord.size >= MEMO_LIMIT) unconditionalByWord.clear();
        unconditionalByWord.set(key, handler);
      }
      return handler;
    },
    decodeThumb(instr: number): InstructionHandler {
      const halfword = instr & 0xffff;
      let handler = thumbByHalfword[halfword];
      if (handler === undefined) {
        handler = thumbTable.decode(halfword)?.exec ?? thumbUndefinedFallback;
        thumbByHalfword[halfword] = handler;
      }
      return handler;
    },
  };
}

/**
 * Builds the decoders for a core of architecture `arch`: ARM (4096 buckets by bits [27:20]:[7:4]),
 * ARM unconditional (cond = 0b1111) and Thumb (1024 buckets by bits [15:6]). Entries newer than `arch` are
 * left out, so their words are UNDEFINED. Decoding is a pure function of the word and is memoised:
 * a per-bucket handler when the bucket is uniform, else a map keyed by the word without its condition.
 * The tables and memos are built once per architecture and shared.
 */
export function createInstructionSet(arch: ArchVersion, options: InstructionSetOptions = {}): ArmInstructionSet {
  let decoders = decodersByArch.get(arch);
  if (!decoders) {
    decoders = buildDecoders(arch);
    decodersByArch.set(arch, decoders);
  }
  return { ...decoders, storedPcOffset: options.storedPcOffset ?? (archAtLeast(arch, 'v6') ? 8 : 12) };
}
