/**
 * The test image both emulators run: a prologue that loads r0–r14 and NZCV from a data block, the
 * instruction block under test, and an epilogue that stores r0–r14, the CPSR and the data buffer and
 * writes them to stdout (Linux `write`), then exits. qemu-arm runs the whole ELF; arm-core gets the same
 * memory image, the state the prologue would have produced, and runs only the block.
 *
 * Memory map (one RWX PT_LOAD segment):
 *   0x10000  ELF + program headers
 *   0x10060  prologue (fixed length)
 *   0x10100  BLOCK: the instructions under test, then the epilogue
 *   0x11000  DATA page: scratch + literals, initial registers, output registers, data buffer
 */
import { arm, thumb } from './mini-asm.js';
import { writeElf } from './elf-writer.js';

export type Isa = 'arm' | 'thumb';

export const IMAGE_BASE = 0x10000;
export const PROLOGUE = 0x10060;
export const BLOCK = 0x10100;
export const DATA = 0x11000;
const SCRATCH = DATA + 0x00;
const LIT_OUT_ADDR = DATA + 0x04;
const LIT_OUT_LEN = DATA + 0x08;
const LIT_INIT_REGS = DATA + 0x0c;
const INIT_FLAGS = DATA + 0x10;
const INIT_REGS = DATA + 0x40;
export const OUT = DATA + 0x80;
const OUT_CPSR = OUT + 15 * 4;
export const BUFFER = DATA + 0x100;
export const BUFFER_SIZE = 0x400;
export const IMAGE_END = BUFFER + BUFFER_SIZE;
const OUT_LEN = IMAGE_END - OUT;
/** Longest block (in bytes) that keeps the epilogue's PC-relative accesses to the data page in range. */
export const MAX_BLOCK_BYTES = DATA - BLOCK - 0x100;

export interface InitialState {
  /** r0–r14. */
  readonly regs: readonly number[];
  /** N Z C V as a nibble (N = bit 3). */
  readonly flags: number;
  /** Seed of the data buffer's initial contents (see `initialBuffer`). */
  readonly bufferSeed: number;
}

export interface TestProgram {
  readonly isa: Isa;
  /** ARM words or Thumb halfwords (a BL pair is two halfwords). */
  readonly code: readonly number[];
  readonly initial: InitialState;
}

export interface FinalState {
  /** r0–r14. */
  readonly regs: number[];
  readonly cpsr: number;
  readonly buffer: Uint8Array;
}

export interface BuiltImage {
  /** Memory contents from IMAGE_BASE to IMAGE_END, as loaded. */
  readonly memory: Uint8Array;
  readonly elf: Uint8Array;
  readonly blockStart: number;
  /** Address right after the last instruction under test: arm-core stops when the PC gets here. */
  readonly blockEnd: number;
}

/** A small deterministic PRNG (mulberry32) owned by the harness, so fixtures never depend on other code. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export function initialBuffer(bufferSeed: number): Uint8Array {
  const next = mulberry32(bufferSeed ^ 0x5eed_b0f);
  const bytes = new Uint8Array(BUFFER_SIZE);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < BUFFER_SIZE; i += 4) view.setUint32(i, next(), true);
  return bytes;
}

export function buildImage(program: TestProgram): BuiltImage {
  const { isa, code, initial } = program;
  if (initial.regs.length !== 15) throw new Error('initial state needs r0–r14');
  const mem = new Uint8Array(IMAGE_END - IMAGE_BASE);
  const view = new DataView(mem.buffer);
  const w32 = (addr: number, v: number): void => view.setUint32(addr - IMAGE_BASE, v >>> 0, true);
  const w16 = (addr: number, v: number): void => view.setUint16(addr - IMAGE_BASE, v & 0xffff, true);

  // Data page.
  w32(LIT_OUT_ADDR, OUT);
  w32(LIT_OUT_LEN, OUT_LEN);
  w32(LIT_INIT_REGS, INIT_REGS);
  w32(INIT_FLAGS, (initial.flags & 0xf) << 28);
  initial.regs.forEach((r, i) => w32(INIT_REGS + 4 * i, r));
  mem.set(initialBuffer(initial.bufferSeed), BUFFER - IMAGE_BASE);

  // Prologue: NZCV, then r0–r14 (Thumb: r0–r13 with r14's value in slot 0, r0 from a literal).
  let p = PROLOGUE;
  const emit = (word: number): void => {
    w32(p, word);
    p += 4;
  };
  emit(arm.ldrLiteral(0, p, INIT_FLAGS));
  emit(arm.msrCpsrFlags(0));
  emit(arm.ldrLiteral(0, p, LIT_INIT_REGS));
  if (isa === 'arm') {
    emit(arm.ldmia(0, 0x7fff));
    emit(arm.b(p, BLOCK));
  } else {
    w32(INIT_REGS, initial.regs[14]);
    emit(arm.ldmia(0, 0x3fff));
    emit(arm.addImm(14, 15, 1)); // lr = address of the Thumb code below | 1
    emit(arm.bx(14));
    // Thumb, at p (word-aligned): mov lr, r0; ldr r0, [pc, #lit]; b BLOCK; nop; lit: .word r0
    w16(p, thumb.movHigh(14, 0));
    w16(p + 2, thumb.ldrLiteral(0, p + 2, p + 8));
    w16(p + 4, thumb.b(p + 4, BLOCK));
    w16(p + 6, thumb.nop);
    w32(p + 8, initial.regs[0]);
    p += 12;
  }
  if (p > BLOCK) throw new Error('prologue overruns the block');

  // Block under test.
  let e = BLOCK;
  if (isa === 'arm') {
    for (const word of code) {
      w32(e, word);
      e += 4;
    }
  } else {
    for (const half of code) {
      w16(e, half);
      e += 2;
    }
  }
  const blockEnd = e;
  if (blockEnd - BLOCK > MAX_BLOCK_BYTES) throw new Error(`block of ${blockEnd - BLOCK} bytes is too long (max ${MAX_BLOCK_BYTES})`);

  // Epilogue (Thumb first returns to ARM with BX PC from a word-aligned address).
  if (isa === 'thumb') {
    if (e & 2) {
      w16(e, thumb.nop);
      e += 2;
    }
    w16(e, thumb.bx(15));
    w16(e + 2, thumb.nop);
    e += 4;
  }
  const ep = (word: number): void => {
    w32(e, word);
    e += 4;
  };
  ep(arm.strPcRelative(0, e, SCRATCH));
  ep(arm.mrsCpsr(0));
  ep(arm.strPcRelative(0, e, OUT_CPSR));
  ep(arm.ldrLiteral(0, e, LIT_OUT_ADDR));
  ep(arm.stmib(0, 0x7ffe)); // r1–r14 → OUT+4…
  ep(arm.ldrLiteral(1, e, SCRATCH));
  ep(arm.strImm(1, 0, 0)); // r0 → OUT
  ep(arm.movReg(1, 0));
  ep(arm.movImm(0, 1)); // fd 1
  ep(arm.ldrLiteral(2, e, LIT_OUT_LEN));
  ep(arm.movImm(7, 4)); // __NR_write
  ep(arm.svc(0));
  ep(arm.movImm(0, 0));
  ep(arm.movImm(7, 1)); // __NR_exit
  ep(arm.svc(0));
  if (e > DATA) throw new Error('epilogue overruns the data page');

  const elf = writeElf({ entry: PROLOGUE, segments: [{ vaddr: IMAGE_BASE, bytes: mem, readable: true, writable: true, executable: true }] });
  return { memory: mem, elf, blockStart: BLOCK, blockEnd };
}

/** Decodes what the epilogue writes: r0–r14, CPSR, then the data buffer. */
export function parseOutput(out: Uint8Array): FinalState {
  if (out.length !== OUT_LEN) throw new Error(`expected ${OUT_LEN} bytes of output, got ${out.length}`);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const regs = [];
  for (let i = 0; i < 15; i++) regs.push(view.getUint32(4 * i, true));
  return { regs, cpsr: view.getUint32(60, true), buffer: out.slice(BUFFER - OUT) };
}
