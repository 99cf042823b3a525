import { ARCH_VERSIONS, archAtLeast, type ArchVersion } from '../cpu/arch.js';
import type { InstructionHandler } from '../cpu/cpu.js';
import { DecodeTable } from '../isa/pattern.js';
import { THUMB_ENCODINGS, type ThumbDisasm } from '../isa/thumb-encodings.js';
import { blTarget, fmtUndefined, hex } from './thumb-format.js';

export interface ThumbDisassemblyOptions {
  /** Architecture whose encodings are recognised; default: the newest, like objdump. */
  readonly arch?: ArchVersion;
  /**
   * The halfword after `instr`. When `instr` is the first half of BL/BLX and this is its second half,
   * the pair is shown as one instruction (`bl 0x…`), as objdump does.
   */
  readonly next?: number;
}

const tables = new Map<ArchVersion, DecodeTable<InstructionHandler, ThumbDisasm>>();

/** The Thumb decoder for `arch`, built on first use (same bucketing as the executor's: bits [15:6]). */
function tableFor(arch: ArchVersion): DecodeTable<InstructionHandler, ThumbDisasm> {
  let t = tables.get(arch);
  if (!t) {
    t = new DecodeTable(THUMB_ENCODINGS, (since) => archAtLeast(arch, since), (i) => (i >>> 6) & 0x3ff, 1024, (b) => ({
      mask: 0xffc0,
      value: b << 6,
    }));
    tables.set(arch, t);
  }
  return t;
}

const NEWEST = ARCH_VERSIONS[ARCH_VERSIONS.length - 1];

/** One Thumb halfword at `address` in GNU objdump syntax (the text after objdump's hex column). */
export function disassembleThumb(instr: number, address: number, options?: ThumbDisassemblyOptions): string {
  const table = tableFor(options?.arch ?? NEWEST);
  const hw = instr & 0xffff;
  const entry = table.decode(hw);
  if (!entry) return fmtUndefined(hw);
  const next = options?.next;
  if (next !== undefined && entry.name === 'thumb_BL_prefix') {
    const second = table.decode(next & 0xffff)?.name;
    if (second === 'thumb_BL_suffix') return `bl\t${hex(blTarget(hw, next, address))}`;
    // BLX's target is word-aligned (ARM state).
    if (second === 'thumb_BLX_suffix') return `blx\t${hex(blTarget(hw, next, address) & ~3)}`;
  }
  return entry.disasm(hw, address >>> 0);
}

/** True when `first` and `second` form one BL/BLX instruction (4 bytes) on `arch`. */
export function isThumbBranchLinkPair(first: number, second: number, arch: ArchVersion = NEWEST): boolean {
  const table = tableFor(arch);
  if (table.decode(first & 0xffff)?.name !== 'thumb_BL_prefix') return false;
  const s = table.decode(second & 0xffff)?.name;
  return s === 'thumb_BL_suffix' || s === 'thumb_BLX_suffix';
}
