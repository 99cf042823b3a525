/** Comparing final states and explaining mismatches. */
import { BLOCK, initialBuffer, type FinalState, type TestProgram } from './test-image.js';

/**
 * CPSR bits compared: N Z C V Q, E, A, I, F and the mode. T is not compared (QEMU's CPSR is read after the
 * epilogue's return to ARM state), nor GE/J (not on v4T).
 */
export const CPSR_COMPARE_MASK = 0xf80003df;

export interface Difference {
  readonly what: string;
  readonly expected: number;
  readonly actual: number;
}

export function diffStates(expected: FinalState, actual: FinalState): Difference[] {
  const diffs: Difference[] = [];
  for (let i = 0; i < 15; i++) {
    if (expected.regs[i] >>> 0 !== actual.regs[i] >>> 0) diffs.push({ what: `r${i}`, expected: expected.regs[i] >>> 0, actual: actual.regs[i] >>> 0 });
  }
  if (((expected.cpsr ^ actual.cpsr) & CPSR_COMPARE_MASK) !== 0) diffs.push({ what: 'cpsr', expected: expected.cpsr >>> 0, actual: actual.cpsr >>> 0 });
  const ev = new DataView(expected.buffer.buffer, expected.buffer.byteOffset, expected.buffer.byteLength);
  const av = new DataView(actual.buffer.buffer, actual.buffer.byteOffset, actual.buffer.byteLength);
  for (let off = 0; off < expected.buffer.length; off += 4) {
    const e = ev.getUint32(off, true);
    const a = av.getUint32(off, true);
    if (e !== a) diffs.push({ what: `buffer+0x${off.toString(16)}`, expected: e, actual: a });
  }
  return diffs;
}

export const hex = (v: number, width = 8): string => (v >>> 0).toString(16).padStart(width, '0');

export function flagString(nzcv: number): string {
  return ['N', 'Z', 'C', 'V'].map((f, i) => ((nzcv >> (3 - i)) & 1 ? f : f.toLowerCase())).join('');
}

/** Disassembles one instruction of the block (ARM word or Thumb halfword); undefined when unavailable. */
export type BlockDisassembler = (isa: 'arm' | 'thumb', instr: number, address: number, next?: number) => string;

export function listing(program: TestProgram, disasm?: BlockDisassembler): string[] {
  const lines: string[] = [];
  const step = program.isa === 'arm' ? 4 : 2;
  program.code.forEach((instr, i) => {
    const address = BLOCK + i * step;
    let text = '';
    try {
      text = disasm ? disasm(program.isa, instr, address, program.code[i + 1]) : '';
    } catch (e) {
      text = `<disassembler threw: ${(e as Error).message}>`;
    }
    lines.push(`  ${hex(address)}:  ${hex(instr, step * 2)}  ${text}`);
  });
  return lines;
}

export interface MismatchReport {
  readonly title: string;
  readonly seed: number | string;
  readonly program: TestProgram;
  readonly diffs?: readonly Difference[];
  readonly error?: string;
  readonly disasm?: BlockDisassembler;
}

export function formatMismatch(r: MismatchReport): string {
  const { program } = r;
  const out = [`${r.title}: seed ${r.seed} (${program.isa}, ${program.code.length} instructions)`];
  out.push(...listing(program, r.disasm));
  out.push(`  initial: ${program.initial.regs.map((v, i) => `r${i}=${hex(v)}`).join(' ')} flags=${flagString(program.initial.flags)} bufferSeed=${program.initial.bufferSeed}`);
  if (r.error) out.push(`  error: ${r.error}`);
  for (const d of r.diffs ?? []) {
    const extra = d.what === 'cpsr' ? ` (${flagString(d.expected >>> 28)} vs ${flagString(d.actual >>> 28)})` : '';
    out.push(`  ${d.what.padEnd(12)} qemu ${hex(d.expected)}  arm-core ${hex(d.actual)}${extra}`);
  }
  return out.join('\n');
}

/** Words of the buffer that differ from its initial contents: [byte offset, value]. */
export function bufferChanges(bufferSeed: number, buffer: Uint8Array): [number, number][] {
  const init = initialBuffer(bufferSeed);
  const iv = new DataView(init.buffer);
  const bv = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const changes: [number, number][] = [];
  for (let off = 0; off < init.length; off += 4) {
    const v = bv.getUint32(off, true);
    if (v !== iv.getUint32(off, true)) changes.push([off, v]);
  }
  return changes;
}

export function applyBufferChanges(bufferSeed: number, changes: readonly (readonly [number, number])[]): Uint8Array {
  const buf = initialBuffer(bufferSeed);
  const view = new DataView(buf.buffer);
  for (const [off, v] of changes) view.setUint32(off, v >>> 0, true);
  return buf;
}
