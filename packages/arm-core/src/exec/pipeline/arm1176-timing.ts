import { ARM1176_TIMING } from '../../timing/arm1176.js';
import { ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS } from '../../isa/arm-encodings.js';
import { armDecodeTable, thumbBucketBits, thumbBucketIndex } from '../../isa/instruction-set.js';
import { DecodeTable, fieldValue, type CompiledEncoding } from '../../isa/pattern.js';
import { THUMB_ENCODINGS } from '../../isa/thumb-encodings.js';

/**
 * What the ARM1176 pipeline model needs to know about one instruction, derived once per word from the
 * encoding tables (entry name + fields): issue cycles, registers read (at issue, one cycle early for the
 * shifter/address generator, or one cycle late for store data), registers written and when their values
 * can be forwarded, and what kind of branch it is. Register bit 16 stands for the NZCV flags.
 *
 * Figures: ARM1176JZF-S TRM DDI0301 ch. 16 and reference/hardware.md §5 where the timing table
 * (timing/arm1176.ts) has them; the rest are estimates marked [est] below.
 */

const P = ARM1176_TIMING.pipeline;

/** Figures the shared table does not (yet) carry, in core cycles. */
export const ARM1176_PIPELINE_EXTRA = {
  /** Data processing with a register-specified shift: 2 issue cycles [TRM]. */
  registerShiftIssue: 2,
  /** Saturating and halving SIMD, SSAT/USAT, QADD…: result one stage later than the ALU [est]. */
  saturatingLatency: 2,
  /** 16-bit multiplies (SMULxy, SMLAxy, SMUAD…, USAD8): 1 issue, latency 3 [est]. */
  multiply16Latency: 3,
  /** SMLALxy, SMLALD, SMMUL…: 2 issue, latency 4 [est]. */
  multiplyWideIssue: 2,
  multiplyWideLatency: 4,
  /** UMAAL: 3 issue, latency 5 [est]. */
  umaalIssue: 3,
  /** SWP: read then write, 2 issue [est]. */
  swapIssue: 2,
  /** LDM/STM move two registers a cycle on the 64-bit data path [est]. */
  registersPerCycle: 2,
  /** MSR to the control field, CPS: the pipeline is flushed [est]. */
  flushPenalty: 5,
} as const;

const X = ARM1176_PIPELINE_EXTRA;

export const BranchClass = {
  NONE: 0,
  /** B, B<cond>: target from the instruction. */
  DIRECT: 1,
  /** BL, BLX immediate, the Thumb BL/BLX second half. */
  CALL: 2,
  /** BLX register. */
  INDIRECT_CALL: 3,
  /** BX lr, MOV pc, lr, POP/LDM sp! with pc, LDR pc, [sp], #4: the return stack's. */
  RETURN: 4,
  /** Any other write to PC. */
  INDIRECT: 5,
  /** SWI, SMC, BKPT, UNDEFINED: exception entry. */
  EXCEPTION: 6,
  /** MSR CPSR_c, CPS, RFE-less mode changes: no branch, but a pipeline flush. */
  FLUSH: 7,
} as const;

interface TimingFields {
  /** Cycles the instruction occupies the issue stage (≥ 1). */
  readonly issue: number;
  /** Registers needed when it issues, one cycle before (shift operands, address bases), one cycle after (store data). */
  readonly reads: number;
  readonly early: number;
  readonly late: number;
  /** Registers written, and the cycles after issue start when each becomes available: `latency`, or `slowLatency` for `slow`. */
  readonly writes: number;
  readonly latency: number;
  readonly slow: number;
  readonly slowLatency: number;
  readonly branch: number;
  /** ARM: condition other than AL (the flags are read); Thumb: B<cond>. */
  readonly conditional: boolean;
}

function registersOf(mask: number): Uint8Array {
  const list: number[] = [];
  for (let r = 0; r <= 16; r++) if ((mask >>> r) & 1) list.push(r);
  return Uint8Array.from(list);
}

/** An instruction's timing, with the register masks also as lists (the pipeline walks them per instruction). */
export class TimingInfo implements TimingFields {
  readonly issue: number;
  readonly reads: number;
  readonly early: number;
  readonly late: number;
  readonly writes: number;
  readonly latency: number;
  readonly slow: number;
  readonly slowLatency: number;
  readonly branch: number;
  readonly conditional: boolean;
  /** Every register read, with the cycle it is needed relative to issue (-1 early, 0, +1 late): `sources[i]`, `offsets[i]`. */
  readonly sources: Uint8Array;
  readonly offsets: Int8Array;
  readonly writeList: Uint8Array;
  /** Forwarding latency of each register of `writeList`. */
  readonly writeLatency: Uint8Array;
  /** Bit mask of `sources` and of `writeList`, and the largest of `writeLatency` (0 with no writes). */
  readonly sourceMask: number;
  readonly writeMask: number;
  readonly maxWriteLatency: number;
  /**
   * Up to 3 sources packed in one integer (the per-instruction walk then reads no arrays): count in bits
   * [1:0], then 7 bits per source, (register << 2) | (offset + 1); -1 when there are more.
   */
  readonly packedSources: number;
  /** Up to 3 writes likewise: count in [1:0], then 9 bits each, (register << 4) | latency; -1 when they do not fit. */
  readonly packedWrites: number;

  constructor(f: TimingFields) {
    this.issue = f.issue;
    this.reads = f.reads;
    this.early = f.early;
    this.late = f.late;
    // PC writes are branches (the predictor's business), never scoreboard entries.
    this.writes = f.writes & ~0x8000;
    this.latency = f.latency;
    this.slow = f.slow & ~0x8000;
    this.slowLatency = f.slowLatency;
    this.branch = f.branch;
    this.conditional = f.conditional;
    const sources: number[] = [];
    const offsets: number[] = [];
    for (let r = 0; r <= 16; r++) {
      const need = (this.early >>> r) & 1 ? -1 : (this.reads >>> r) & 1 ? 0 : (this.late >>> r) & 1 ? 1 : undefined;
      if (need === undefined) continue;
      sources.push(r);
      offsets.push(need);
    }
    this.sources = Uint8Array.from(sources);
    this.offsets = Int8Array.from(offsets);
    this.writeList = registersOf(this.writes);
    this.writeLatency = this.writeList.map((r) => ((this.slow >>> r) & 1 ? this.slowLatency : this.latency));
    this.sourceMask = sources.reduce((m, r) => m | (1 << r), 0);
    this.writeMask = this.writeList.reduce((m, r) => m | (1 << r), 0);
    this.maxWriteLatency = this.writeLatency.reduce((m, l) => Math.max(m, l), 0);
    this.packedSources = sources.length > 3 ? -1 : sources.reduce((p, r, i) => p | (((r << 2) | (offsets[i] + 1)) << (2 + 7 * i)), sources.length);
    this.packedWrites =
      this.writeList.length > 3 || this.maxWriteLatency > 15 ? -1 : Array.from(this.writeList).reduce((p, r, i) => p | (((r << 4) | this.writeLatency[i]) << (2 + 9 * i)), this.writeList.length);
  }
}

const FLAGS = 1 << 16;
const bit = (r: number): number => 1 << r;

function info(partial: Partial<TimingFields>): TimingInfo {
  return new TimingInfo({
    issue: partial.issue ?? 1,
    reads: partial.reads ?? 0,
    early: partial.early ?? 0,
    late: partial.late ?? 0,
    writes: partial.writes ?? 0,
    latency: partial.latency ?? 1,
    slow: partial.slow ?? 0,
    slowLatency: partial.slowLatency ?? 1,
    branch: partial.branch ?? BranchClass.NONE,
    conditional: partial.conditional ?? false,
  });
}

type Entry = CompiledEncoding<unknown, unknown>;

function reg(entry: Entry, letter: string, instr: number): number {
  const f = entry.compiled.fields.get(letter);
  return f ? fieldValue(f, instr) : -1;
}
function regBit(entry: Entry, letter: string, instr: number): number {
  const r = reg(entry, letter, instr);
  return r < 0 ? 0 : bit(r);
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

const DATA_OPS = /^(AND|EOR|SUB|RSB|ADD|ADC|SBC|RSC|ORR|MOV|BIC|MVN|TST|TEQ|CMP|CMN)_(imm|reg|rsr)$/;
const PARALLEL = /^(S|Q|SH|U|UQ|UH)(ADD16|ASX|SAX|SUB16|ADD8|SUB8)$/;

/** Timing of an ARM word (cond = 1111 goes to the unconditional table). */
export function armTimingInfo(instr: number): TimingInfo {
  const w = instr >>> 0;
  const unconditional = w >>> 28 === 0xf;
  const entry = (unconditional ? armUnconditional : armConditional).decode(w) as Entry | undefined;
  const conditional = !unconditional && w >>> 28 !== 0xe;
  const flagsRead = conditional ? FLAGS : 0;
  if (!entry) return info({ branch: BranchClass.EXCEPTION, conditional });
  const name = entry.name;
  const rn = (w >>> 16) & 15, rd = (w >>> 12) & 15, rs = (w >>> 8) & 15, rm = w & 15;
  const s = (w & (1 << 20)) !== 0;
  let m: RegExpExecArray | null;
  if ((m = DATA_OPS.exec(name))) {
    const op = m[1];
    const compare = op === 'TST' || op === 'TEQ' || op === 'CMP' || op === 'CMN';
    const move = op === 'MOV' || op === 'MVN';
    const form = m[2];
    const carryIn = op === 'ADC' || op === 'SBC' || op === 'RSC' || (form === 'reg' && ((w >>> 5) & 3) === 3 && ((w >>> 7) & 31) === 0) ? FLAGS : 0;
    const shifted = form === 'rsr' ? bit(rm) | bit(rs) : form === 'reg' && (w & 0xfe0) !== 0 ? bit(rm) : 0;
    const reads = (move ? 0 : bit(rn)) | (form !== 'imm' ? bit(rm) : 0) | (form === 'rsr' ? bit(rs) : 0) | carryIn | flagsRead;
    const writes = (compare ? 0 : rd === 15 ? 0 : bit(rd)) | (s || compare ? FLAGS : 0);
    let branch: number = BranchClass.NONE;
    if (!compare && rd === 15) branch = s ? BranchClass.INDIRECT : op === 'MOV' && form === 'reg' && rm === 14 && (w & 0xff0) === 0 ? BranchClass.RETURN : BranchClass.INDIRECT;
    return info({ issue: form === 'rsr' ? X.registerShiftIssue : 1, reads, early: shifted, writes, branch, conditional });
  }
  switch (name) {
    case 'MUL':
    case 'MLA':
      return info({
        issue: s ? P.multiplyFlagsIssue : P.multiplyIssue,
        reads: bit(rm) | bit(rs) | (name === 'MLA' ? bit(rd) : 0) | flagsRead,
        writes: bit(rn) | (s ? FLAGS : 0),
        latency: P.multiplyLatency,
        conditional,
      });
    case 'UMULL':
    case 'UMLAL':
    case 'SMULL':
    case 'SMLAL':
    case 'UMAAL': {
      const accumulate = name !== 'UMULL' && name !== 'SMULL';
      return info({
        issue: name === 'UMAAL' ? X.umaalIssue : P.longMultiplyIssue + (s ? 1 : 0),
        reads: bit(rm) | bit(rs) | (accumulate ? bit(rd) | bit(rn) : 0) | flagsRead,
        writes: bit(rd) | bit(rn) | (s ? FLAGS : 0),
        latency: P.longMultiplyLatency - 1,
        slow: bit(rn),
        slowLatency: P.longMultiplyLatency,
        conditional,
      });
    }
    case 'SWP':
    case 'SWPB':
      return info({ issue: X.swapIssue, reads: bit(rn) | bit(rm) | flagsRead, early: bit(rn), writes: bit(rd), latency: P.loadResultLatency + 1, conditional });
    case 'MRS':
      return info({ reads: FLAGS | flagsRead, writes: bit(rd), conditional });
    case 'MSR_reg':
    case 'MSR_imm': {
      const control = (w & (1 << 16)) !== 0 && (w & (1 << 22)) === 0;
      return info({ reads: (name === 'MSR_reg' ? bit(rm) : 0) | flagsRead, writes: FLAGS, branch: control ? BranchClass.FLUSH : BranchClass.NONE, conditional });
    }
    case 'BX':
    case 'BXJ':
      return info({ reads: bit(rm) | flagsRead, branch: rm === 14 ? BranchClass.RETURN : BranchClass.INDIRECT, conditional });
    case 'BLX_reg':
      return info({ reads: bit(rm) | flagsRead, writes: bit(14), branch: BranchClass.INDIRECT_CALL, conditional });
    case 'B':
      return info({ reads: flagsRead, branch: BranchClass.DIRECT, conditional });
    case 'BL':
      return info({ reads: flagsRead, writes: bit(14), branch: BranchClass.CALL, conditional });
    case 'BLX_imm':
      return info({ writes: bit(14), branch: BranchClass.CALL });
    case 'SWI':
    case 'SMC':
    case 'BKPT':
    case 'UDF':
    case 'SRS':
      return info({ reads: flagsRead, branch: BranchClass.EXCEPTION, conditional });
    case 'RFE':
      return info({ issue: 2, reads: bit(rn), early: bit(rn), writes: (w & (1 << 21)) !== 0 ? bit(rn) : 0, branch: BranchClass.INDIRECT });
    case 'CPS':
      return info({ branch: (w & 0x000e0000) !== 0 ? BranchClass.FLUSH : BranchClass.NONE });
    case 'CLZ':
    case 'SEL':
    case 'PKHBT':
    case 'PKHTB':
    case 'REV':
    case 'REV16':
    case 'REVSH':
      return info({ reads: bit(rm) | (name === 'SEL' || name.startsWith('PKH') ? bit(rn) : 0) | flagsRead, writes: bit(rd), conditional });
    case 'QADD':
    case 'QSUB':
    case 'QDADD':
    case 'QDSUB':
    case 'SSAT':
    case 'USAT':
    case 'SSAT16':
    case 'USAT16':
      return info({ reads: bit(rm) | (name.startsWith('Q') ? bit(rn) : 0) | flagsRead, writes: bit(rd), latency: X.saturatingLatency, conditional });
    case 'SMULxy':
    case 'SMULWy':
    case 'SMLAxy':
    case 'SMLAWy':
    case 'SMLAD':
    case 'SMUAD':
    case 'SMLSD':
    case 'SMUSD':
    case 'USAD8':
    case 'USADA8': {
      const accumulate = name.startsWith('SMLA') || name === 'SMLSD' || name === 'USADA8';
      return info({ reads: bit(rm) | bit(rs) | (accumulate ? bit(rd) : 0) | flagsRead, writes: bit(rn), latency: X.multiply16Latency, conditional });
    }
    case 'SMLALxy':
    case 'SMLALD':
    case 'SMLSLD':
      return info({ issue: X.multiplyWideIssue, reads: bit(rm) | bit(rs) | bit(rd) | bit(rn) | flagsRead, writes: bit(rd) | bit(rn), latency: X.multiplyWideLatency, conditional });
    case 'SMMUL':
    case 'SMMLA':
    case 'SMMLS':
      return info({ issue: X.multiplyWideIssue, reads: bit(rm) | bit(rs) | (name !== 'SMMUL' ? bit(rd) : 0) | flagsRead, writes: bit(rn), latency: X.multiplyWideLatency, conditional });
    case 'LDREX':
    case 'LDREXB':
    case 'LDREXH':
    case 'LDREXD':
      return info({ reads: bit(rn) | flagsRead, early: bit(rn), writes: bit(rd) | (name === 'LDREXD' ? bit((rd + 1) & 15) : 0), latency: P.loadResultLatency, conditional });
    case 'STREX':
    case 'STREXB':
    case 'STREXH':
    case 'STREXD':
      return info({ reads: bit(rn) | flagsRead, early: bit(rn), late: bit(rm) | (name === 'STREXD' ? bit((rm + 1) & 15) : 0), writes: bit(rd), latency: P.loadResultLatency, conditional });
    case 'MCR':
    case 'MCRR':
    case 'MCR2':
    case 'MCRR2':
      return info({ issue: P.coprocessorTransfer, reads: bit(rd) | (name.startsWith('MCRR') ? bit(rn) : 0) | flagsRead, conditional });
    case 'MRC':
    case 'MRRC':
    case 'MRC2':
    case 'MRRC2':
      return info({ issue: P.coprocessorTransfer, reads: flagsRead, writes: rd === 15 ? FLAGS : bit(rd) | (name.startsWith('MRRC') ? bit(rn) : 0), latency: P.coprocessorTransfer, conditional });
    default:
      break;
  }
  if ((m = PARALLEL.exec(name))) {
    // S and U wrap (and set GE); Q, UQ, SH, UH saturate or halve one stage later.
    const wraps = m[1] === 'S' || m[1] === 'U';
    return info({ reads: bit(rn) | bit(rm) | flagsRead, writes: bit(rd) | (wraps ? FLAGS : 0), latency: wraps ? 1 : X.saturatingLatency, conditional });
  }
  if (/^[SU]XTA?(B|H|B16)$/.test(name)) {
    const accumulate = name[3] === 'A';
    return info({ reads: bit(rm) | (accumulate ? bit(rn) : 0) | flagsRead, writes: bit(rd), conditional });
  }
  if (/^(LDR|STR)/.test(name)) return singleTransfer(name, w, flagsRead, conditional);
  if (/^(LDM|STM)/.test(name)) return blockTransfer(name, w, flagsRead, conditional);
  // Hints, CLREX, PLD, SETEND, CDP/LDC/STC (and their *2 forms): one cycle, nothing forwarded.
  return info({ reads: flagsRead | (name.startsWith('PLD') ? bit(rn) : 0), conditional });
}

function singleTransfer(name: string, w: number, flagsRead: number, conditional: boolean): TimingInfo {
  const rn = (w >>> 16) & 15, rd = (w >>> 12) & 15, rm = w & 15;
  const load = name.startsWith('LDR');
  const dual = name.startsWith('LDRD') || name.startsWith('STRD');
  const registerOffset = name.endsWith('_reg');
  const pre = (w & (1 << 24)) !== 0;
  const writeback = !pre || (w & (1 << 21)) !== 0 || /T_/.test(name);
  const address = bit(rn) | (registerOffset ? bit(rm) : 0);
  const data = dual ? bit(rd) | bit((rd + 1) & 15) : bit(rd);
  let branch: number = BranchClass.NONE;
  if (load && rd === 15) branch = rn === 13 && !pre && ((w >>> 23) & 1) === 1 ? BranchClass.RETURN : BranchClass.INDIRECT;
  const loaded = load ? data & 0x7fff : 0;
  // The loaded registers arrive after the load latency; a written-back base is an ALU result, ready at once.
  return info({
    reads: address | flagsRead,
    early: address,
    late: load ? 0 : data,
    writes: loaded | (writeback ? bit(rn) : 0),
    latency: 1,
    slow: loaded,
    slowLatency: P.loadResultLatency,
    branch,
    conditional,
  });
}

function blockTransfer(name: string, w: number, flagsRead: number, conditional: boolean): TimingInfo {
  const rn = (w >>> 16) & 15;
  const list = w & 0xffff;
  const load = name.startsWith('LDM');
  const issue = Math.max(1, Math.ceil(popcount(list) / X.registersPerCycle));
  const writeback = (w & (1 << 21)) !== 0;
  let branch: number = BranchClass.NONE;
  if (load && (list & 0x8000) !== 0) branch = rn === 13 && writeback && name === 'LDM' ? BranchClass.RETURN : BranchClass.INDIRECT;
  const loaded = load ? list & 0x7fff : 0;
  return info({
    issue,
    reads: bit(rn) | flagsRead,
    early: bit(rn),
    late: load ? 0 : list,
    writes: loaded | (writeback ? bit(rn) : 0),
    latency: 1,
    slow: loaded,
    slowLatency: issue + P.loadResultLatency - 1,
    branch,
    conditional,
  });
}

// ---- Thumb ---------------------------------------------------------------------------------------------

/** Timing of a Thumb halfword. */
export function thumbTimingInfo(instr: number): TimingInfo {
  const h = instr & 0xffff;
  const entry = thumbTable.decode(h) as Entry | undefined;
  if (!entry) return info({ branch: BranchClass.EXCEPTION });
  const name = entry.name.slice('thumb_'.length);
  const d = reg(entry, 'd', h), n = reg(entry, 'n', h), m = reg(entry, 'm', h), s = reg(entry, 's', h);
  const srcs = regBit(entry, 'n', h) | regBit(entry, 'm', h) | regBit(entry, 's', h);
  switch (name) {
    case 'B_cond':
      return info({ reads: FLAGS, branch: BranchClass.DIRECT, conditional: true });
    case 'B':
      return info({ branch: BranchClass.DIRECT });
    case 'BL_prefix':
      return info({ writes: bit(14) });
    case 'BL_suffix':
    case 'BLX_suffix':
      return info({ reads: bit(14), writes: bit(14), branch: BranchClass.CALL });
    case 'BX':
      return info({ reads: bit(m), branch: m === 14 ? BranchClass.RETURN : BranchClass.INDIRECT });
    case 'BLX_reg':
      return info({ reads: bit(m), writes: bit(14), branch: BranchClass.INDIRECT_CALL });
    case 'SWI':
    case 'UDF':
    case 'BKPT':
      return info({ branch: BranchClass.EXCEPTION });
    case 'CPS':
    case 'SETEND':
      return info({});
    case 'MUL':
      return info({ issue: P.multiplyFlagsIssue, reads: bit(d) | bit(m), writes: bit(d) | FLAGS, latency: P.multiplyLatency });
    case 'ADD_hi':
    case 'MOV_hi':
      return info({
        reads: bit(m) | (name === 'ADD_hi' ? bit(d) : 0),
        writes: d === 15 ? 0 : bit(d),
        branch: d !== 15 ? BranchClass.NONE : name === 'MOV_hi' && m === 14 ? BranchClass.RETURN : BranchClass.INDIRECT,
      });
    case 'CMP_hi':
      return info({ reads: bit(n) | bit(m), writes: FLAGS });
    case 'PUSH':
    case 'POP':
    case 'STMIA':
    case 'LDMIA': {
      const list = (h & 0xff) | (name === 'PUSH' && (h & 0x100) !== 0 ? bit(14) : 0) | (name === 'POP' && (h & 0x100) !== 0 ? bit(15) : 0);
      const base = name === 'PUSH' || name === 'POP' ? 13 : (h >>> 8) & 7;
      const load = name === 'POP' || name === 'LDMIA';
      const issue = Math.max(1, Math.ceil(popcount(list) / X.registersPerCycle));
      const loaded = load ? list & 0x7fff : 0;
      return info({
        issue,
        reads: bit(base),
        early: bit(base),
        late: load ? 0 : list,
        writes: loaded | bit(base),
        slow: loaded,
        slowLatency: issue + P.loadResultLatency - 1,
        branch: load && (list & 0x8000) !== 0 ? BranchClass.RETURN : BranchClass.NONE,
      });
    }
    default:
      break;
  }
  if (/^(LDR|STR)/.test(name)) {
    const load = name.startsWith('LDR');
    const base = name.endsWith('_sp') ? bit(13) : name.endsWith('_pc') ? bit(15) : regBit(entry, 'n', h);
    const address = base | (name.endsWith('_reg') ? regBit(entry, 'm', h) : 0);
    return info({ reads: address, early: address, late: load ? 0 : bit(d), writes: load ? bit(d) : 0, latency: P.loadResultLatency });
  }
  // Data processing: shifts, add/subtract, ALU operations, address arithmetic, extends and reverses.
  const flags = !/^(ADD_pc|ADD_sp_rd|ADD_sp|SUB_sp|REV|REV16|REVSH|SXTH|SXTB|UXTH|UXTB|MOV_hi)$/.test(name);
  const compare = /^(CMP|CMN|TST)/.test(name);
  const carryIn = name === 'ADC' || name === 'SBC' || name === 'ROR' ? FLAGS : 0;
  const reads = srcs | (/^(AND|EOR|ADC|SBC|ORR|BIC|LSL_reg|LSR_reg|ASR_reg|ROR|ADD_imm8|SUB_imm8)$/.test(name) ? bit(d) : 0) |
    (name === 'ADD_sp' || name === 'SUB_sp' || name === 'ADD_sp_rd' ? bit(13) : 0) | carryIn;
  const registerShift = /^(LSL|LSR|ASR)_reg$|^ROR$/.test(name);
  return info({
    reads,
    early: registerShift ? bit(d) | bit(s < 0 ? 0 : s) : 0,
    writes: (compare || d < 0 ? 0 : bit(d)) | (flags ? FLAGS : 0),
  });
}

// ---- tables -----------------------------------------------------------------------------------------------

const armConditional = armDecodeTable(ARM_ENCODINGS, 'v6Z');
const armUnconditional = armDecodeTable(ARM_UNCONDITIONAL_ENCODINGS, 'v6Z');
const thumbTable = new DecodeTable(THUMB_ENCODINGS, () => true, thumbBucketIndex, 1024, thumbBucketBits);
