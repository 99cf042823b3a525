import { archAtLeast, type ArchVersion } from '../cpu/arch.js';

/**
 * What an instruction word does, read from its bits alone (independent of any table's entry names), so
 * the random-instruction generator can filter and weight words from any table: which class it belongs
 * to, whether it touches memory, whether it may write PC (branches, PC destinations, exceptions), which
 * registers it names, and whether the architecture calls the operand combination UNPREDICTABLE.
 */
export type InstructionClass =
  | 'data' // data processing, moves, compares, shifts, extends, CLZ, saturating arithmetic
  | 'multiply'
  | 'branch' // B, BL (either Thumb half), BX, BLX
  | 'load'
  | 'store'
  | 'load-multiple' // LDM, POP, RFE
  | 'store-multiple' // STM, PUSH, SRS
  | 'atomic' // SWP, LDREX/STREX
  | 'status' // MRS, MSR, CPS, SETEND, hints
  | 'coprocessor'
  | 'exception' // SWI/SVC, BKPT, SMC
  | 'undefined';

export const INSTRUCTION_CLASSES: readonly InstructionClass[] = [
  'data', 'multiply', 'branch', 'load', 'store', 'load-multiple', 'store-multiple', 'atomic', 'status', 'coprocessor', 'exception', 'undefined',
];

export interface InstructionTraits {
  readonly class: InstructionClass;
  readonly memory: boolean;
  /** May change the flow of control: branches, writes to r15, exceptions and UNDEFINED. */
  readonly writesPc: boolean;
  /** Registers named by the instruction, read or written, explicit or implied (SP for PUSH, LR for BL…): bit n = rn. */
  readonly registers: number;
  readonly unpredictable: boolean;
}

function traits(cls: InstructionClass, registers: number, writesPc = false, unpredictable = false): InstructionTraits {
  const memory = cls === 'load' || cls === 'store' || cls === 'load-multiple' || cls === 'store-multiple' || cls === 'atomic';
  return { class: cls, memory, writesPc, registers, unpredictable };
}

const UNDEFINED: InstructionTraits = { class: 'undefined', memory: false, writesPc: true, registers: 0, unpredictable: false };
const bit = (r: number): number => 1 << r;

// ---- Thumb --------------------------------------------------------------------------------------------

/** Traits of a Thumb halfword on `arch` (ARMv4T set, plus the v5T/v6 16-bit additions). */
export function thumbTraits(instr: number, arch: ArchVersion): InstructionTraits {
  const i = instr & 0xffff;
  const lo0 = bit(i & 7), lo3 = bit((i >>> 3) & 7), lo6 = bit((i >>> 6) & 7), lo8 = bit((i >>> 8) & 7);
  if (i < 0x1800) return traits('data', lo0 | lo3);
  if (i < 0x2000) return traits('data', lo0 | lo3 | ((i & 0x0400) === 0 ? lo6 : 0));
  if (i < 0x4000) return traits('data', lo8);
  if (i < 0x4400) {
    const op = (i >>> 6) & 15;
    if (op === 13) return traits('multiply', lo0 | lo3, false, !archAtLeast(arch, 'v6') && (i & 7) === ((i >>> 3) & 7));
    return traits('data', lo0 | lo3);
  }
  if (i < 0x4800) {
    const op = (i >>> 8) & 3;
    const rd = ((i >>> 4) & 8) | (i & 7), rm = (i >>> 3) & 15;
    const bothLow = rd < 8 && rm < 8;
    if (op === 3) {
      if ((i & 0x80) === 0) return traits('branch', bit(rm), true, (i & 7) !== 0);
      // BLX Rm (v5T); its SBZ bits set is UNDEFINED here, as the decoder has it.
      if (!archAtLeast(arch, 'v5T') || (i & 7) !== 0) return UNDEFINED;
      return traits('branch', bit(rm) | bit(14), true, rm === 15);
    }
    if (op === 1) return traits('data', bit(rd) | bit(rm), false, bothLow || rd === 15 || rm === 15);
    return traits('data', bit(rd) | bit(rm), rd === 15, bothLow && !archAtLeast(arch, 'v6'));
  }
  if (i < 0x5000) return traits('load', lo8 | bit(15));
  if (i < 0x6000) return traits(((i >>> 9) & 7) < 3 ? 'store' : 'load', lo0 | lo3 | lo6);
  if (i < 0x9000) return traits((i & 0x0800) !== 0 ? 'load' : 'store', lo0 | lo3);
  if (i < 0xa000) return traits((i & 0x0800) !== 0 ? 'load' : 'store', lo8 | bit(13));
  if (i < 0xb000) return traits('data', lo8 | bit((i & 0x0800) !== 0 ? 13 : 15));
  if (i < 0xc000) return thumbMiscTraits(i, arch);
  if (i < 0xd000) {
    const list = i & 0xff;
    const rn = (i >>> 8) & 7;
    if (list === 0) return UNDEFINED;
    if ((i & 0x0800) !== 0) return traits('load-multiple', list | bit(rn));
    const baseNotLowest = ((list >>> rn) & 1) !== 0 && (list & -list) !== bit(rn);
    return traits('store-multiple', list | bit(rn), false, baseNotLowest);
  }
  if (i < 0xe000) {
    const cond = (i >>> 8) & 15;
    if (cond === 14) return UNDEFINED;
    if (cond === 15) return traits('exception', 0, true);
    return traits('branch', 0, true);
  }
  if (i < 0xe800) return traits('branch', 0, true);
  if (i < 0xf000) {
    // BLX suffix (v5T); an odd offset is UNDEFINED.
    if (!archAtLeast(arch, 'v5T') || (i & 1) !== 0) return UNDEFINED;
    return traits('branch', bit(14), true);
  }
  if (i < 0xf800) return traits('branch', bit(14));
  return traits('branch', bit(14), true);
}

function thumbMiscTraits(i: number, arch: ArchVersion): InstructionTraits {
  const sub = (i >>> 8) & 15;
  const list = i & 0xff, extra = (i >>> 8) & 1;
  switch (sub) {
    case 0:
      return traits('data', bit(13));
    case 4:
    case 5:
      return list | extra ? traits('store-multiple', list | bit(13) | (extra ? bit(14) : 0)) : UNDEFINED;
    case 12:
    case 13:
      return list | extra ? traits('load-multiple', list | bit(13) | (extra ? bit(15) : 0), extra === 1) : UNDEFINED;
    case 14:
      return archAtLeast(arch, 'v5T') ? traits('exception', 0, true) : UNDEFINED;
    case 2: // SXTH, SXTB, UXTH, UXTB
      return archAtLeast(arch, 'v6') ? traits('data', bit(i & 7) | bit((i >>> 3) & 7)) : UNDEFINED;
    case 6: // SETEND 0xb650/0xb658, CPS 0xb660–0xb677
      if (!archAtLeast(arch, 'v6')) return UNDEFINED;
      if ((i & 0xfff7) === 0xb650) return traits('status', 0);
      // CPS with no A/I/F flag is UNPREDICTABLE.
      if ((i & 0xffe8) === 0xb660) return traits('status', 0, false, (i & 7) === 0);
      return UNDEFINED;
    case 10: // REV, REV16, REVSH (op 10 is UNDEFINED)
      return archAtLeast(arch, 'v6') && (i & 0x00c0) !== 0x0080 ? traits('data', bit(i & 7) | bit((i >>> 3) & 7)) : UNDEFINED;
    default:
      return UNDEFINED;
  }
}

// ---- ARM ------------------------------------------------------------------------------------------------

/** Traits of an ARM word on `arch` (ARMv4T to ARMv6). */
export function armTraits(instr: number, arch: ArchVersion): InstructionTraits {
  const w = instr >>> 0;
  const cond = w >>> 28;
  if (cond === 15) return armUnconditionalTraits(w, arch);
  const rn = (w >>> 16) & 15, rd = (w >>> 12) & 15, rs = (w >>> 8) & 15, rm = w & 15;
  const b = (k: number): number => (w >>> k) & 1;
  const any15 = (...regs: number[]): boolean => regs.includes(15);
  switch ((w >>> 25) & 7) {
    case 0: {
      if (b(4) && b(7)) {
        const sh = (w >>> 5) & 3;
        if (sh === 0) return armMultiplyOrSwap(w, arch);
        // Extra load/store: LDRH/STRH/LDRSB/LDRSH, LDRD/STRD (v5TE).
        const load = b(20) === 1, p = b(24), wbit = b(21), imm = b(22);
        const wb = p === 0 || wbit === 1;
        let dual = false;
        let isLoad = load;
        if (!load && sh !== 1) {
          if (!archAtLeast(arch, 'v5TE')) return UNDEFINED;
          dual = true;
          isLoad = sh === 2;
        }
        const regs = bit(rn) | bit(rd) | (dual ? bit((rd + 1) & 15) : 0) | (imm ? 0 : bit(rm));
        const unpredictable =
          (p === 0 && wbit === 1) || rd === 15 || (imm === 0 && rm === 15) ||
          (wb && (rn === 15 || rn === rd || (dual && rn === rd + 1))) ||
          (dual && ((rd & 1) === 1 || rd === 14 || (isLoad && imm === 0 && (rm === rd || rm === rd + 1))));
        return traits(isLoad ? 'load' : 'store', regs, (isLoad && rd === 15) || (wb && rn === 15), unpredictable);
      }
      if ((w & 0x01900000) === 0x01000000) return armMiscTraits(w, arch);
      // Data processing, register operand (shift by immediate or by register).
      const opcode = (w >>> 21) & 15, s = b(20);
      const test = opcode >= 8 && opcode <= 11, move = opcode === 13 || opcode === 15;
      const regShift = b(4) === 1;
      const regs = (move ? 0 : bit(rn)) | (test ? 0 : bit(rd)) | bit(rm) | (regShift ? bit(rs) : 0);
      const unpredictable = (regShift && any15(rd, rn, rm, rs)) || (s === 1 && !test && rd === 15);
      return traits('data', regs, !test && rd === 15, unpredictable);
    }
    case 1: {
      if ((w & 0x01900000) === 0x01000000) {
        // MSR immediate; with an empty field mask, the v6K hints (NOP, YIELD, WFE, WFI, SEV).
        if (b(21) === 0) return UNDEFINED; // MOVW/MOVT are v6T2
        return traits('status', 0);
      }
      const opcode = (w >>> 21) & 15, s = b(20);
      const test = opcode >= 8 && opcode <= 11, move = opcode === 13 || opcode === 15;
      const regs = (move ? 0 : bit(rn)) | (test ? 0 : bit(rd));
      return traits('data', regs, !test && rd === 15, s === 1 && !test && rd === 15);
    }
    case 2:
    case 3: {
      if (b(25) && b(4)) return armMediaTraits(w, arch);
      const load = b(20) === 1, p = b(24), wbit = b(21), byte = b(22), reg = b(25) === 1;
      const wb = p === 0 || wbit === 1;
      const regs = bit(rn) | bit(rd) | (reg ? bit(rm) : 0);
      const unpredictable =
        (wb && (rn === 15 || (load && rn === rd))) || (reg && rm === 15) || (byte === 1 && rd === 15) || (!load && rd === 15);
      return traits(load ? 'load' : 'store', regs, (load && rd === 15) || (wb && rn === 15), unpredictable);
    }
    case 4: {
      const load = b(20) === 1, wbit = b(21), user = b(22);
      const list = w & 0xffff;
      const hasBase = ((list >>> rn) & 1) !== 0;
      const unpredictable =
        list === 0 || rn === 15 || user === 1 || (wbit === 1 && hasBase && (load || (list & -list) !== bit(rn)));
      return traits(load ? 'load-multiple' : 'store-multiple', list | bit(rn), load && (list & 0x8000) !== 0, unpredictable);
    }
    case 5:
      return traits('branch', b(24) ? bit(14) : 0, true);
    case 6: {
      if ((w & 0x0fe00000) === 0x0c400000) {
        // MCRR/MRRC (v5TE)
        if (!archAtLeast(arch, 'v5TE')) return UNDEFINED;
        return traits('coprocessor', bit(rd) | bit(rn), false, any15(rd, rn) || (b(20) === 1 && rd === rn));
      }
      const wb = b(21) === 1 || b(24) === 0;
      const t = traits('coprocessor', bit(rn), wb && rn === 15, wb && rn === 15);
      return { ...t, memory: true };
    }
    default: {
      if (b(24)) return traits('exception', 0, true);
      if (b(4) === 0) return traits('coprocessor', 0);
      // MRC to r15 sets the flags, it does not branch.
      return traits('coprocessor', bit(rd), false, b(20) === 0 && rd === 15);
    }
  }
}

function armMultiplyOrSwap(w: number, arch: ArchVersion): InstructionTraits {
  const rn = (w >>> 16) & 15, rd = (w >>> 12) & 15, rs = (w >>> 8) & 15, rm = w & 15;
  const any15 = rn === 15 || rd === 15 || rs === 15 || rm === 15;
  const pre6 = !archAtLeast(arch, 'v6');
  if ((w & 0x0fc000f0) === 0x00000090) {
    // MUL/MLA: Rd = [19:16], accumulator [15:12]
    const acc = (w >>> 21) & 1;
    const regs = bit(rn) | bit(rs) | bit(rm) | (acc ? bit(rd) : 0);
    return traits('multiply', regs, false, rn === 15 || rs === 15 || rm === 15 || (acc === 1 && rd === 15) || (pre6 && rn === rm));
  }
  if ((w & 0x0ff000f0) === 0x00400090) {
    if (!archAtLeast(arch, 'v6')) return UNDEFINED; // UMAAL
    return traits('multiply', bit(rn) | bit(rd) | bit(rs) | bit(rm), false, any15 || rn === rd);
  }
  if ((w & 0x0f8000f0) === 0x00800090) {
    // UMULL/UMLAL/SMULL/SMLAL: RdHi [19:16], RdLo [15:12]
    return traits('multiply', bit(rn) | bit(rd) | bit(rs) | bit(rm), false, any15 || rn === rd || (pre6 && (rn === rm || rd === rm)));
  }
  if ((w & 0x0fb00ff0) === 0x01000090) {
    return traits('atomic', bit(rn) | bit(rd) | bit(rm), false, any15 || rn === rd || rn === rm);
  }
  if ((w & 0x0f8000f0) === 0x01800090) {
    // LDREX/STREX (v6); the byte/halfword/doubleword forms are v6K.
    const size = (w >>> 21) & 3;
    if (!archAtLeast(arch, 'v6') || (size !== 0 && !archAtLeast(arch, 'v6K'))) return UNDEFINED;
    const load = ((w >>> 20) & 1) === 1;
    const doubleword = size === 1;
    // The pair register (Rd+1 for LDREXD, Rm+1 for STREXD); an odd or r14 first register is UNPREDICTABLE.
    const first = load ? rd : rm;
    const pairBad = doubleword && ((first & 1) === 1 || first === 14);
    const pair = doubleword ? bit((first + 1) & 15) : 0;
    const regs = (load ? bit(rn) | bit(rd) : bit(rn) | bit(rd) | bit(rm)) | pair;
    const unpredictable = load
      ? rn === 15 || rd === 15 || pairBad
      : rn === 15 || rd === 15 || rm === 15 || rd === rn || rd === rm || pairBad || (doubleword && rd === rm + 1);
    return traits('atomic', regs, false, unpredictable);
  }
  return UNDEFINED;
}

/** cccc 00010xx0 …: MRS, MSR (register), BX, BXJ, BLX (register), CLZ, Q-arithmetic, BKPT, SMC, SMLAxy family. */
function armMiscTraits(w: number, arch: ArchVersion): InstructionTraits {
  const rn = (w >>> 16) & 15, rd = (w >>> 12) & 15, rs = (w >>> 8) & 15, rm = w & 15;
  const op = (w >>> 21) & 3, op2 = (w >>> 4) & 15;
  if (op2 === 0) {
    if ((op & 1) === 0) return traits('status', bit(rd), false, rd === 15);
    return traits('status', bit(rm), false, rm === 15);
  }
  if (op2 === 1 && op === 1) return traits('branch', bit(rm), true);
  if (op2 === 1 && op === 3) {
    if (!archAtLeast(arch, 'v5T')) return UNDEFINED;
    return traits('data', bit(rd) | bit(rm), false, rd === 15 || rm === 15);
  }
  if (op2 === 2 && op === 1) return archAtLeast(arch, 'v5TEJ') ? traits('branch', bit(rm), true) : UNDEFINED;
  if (op2 === 3 && op === 1) return archAtLeast(arch, 'v5T') ? traits('branch', bit(rm) | bit(14), true, rm === 15) : UNDEFINED;
  if (op2 === 5) {
    if (!archAtLeast(arch, 'v5TE')) return UNDEFINED;
    return traits('data', bit(rd) | bit(rn) | bit(rm), false, rd === 15 || rn === 15 || rm === 15);
  }
  if (op2 === 7 && op === 1) return archAtLeast(arch, 'v5T') ? traits('exception', 0, true) : UNDEFINED;
  if (op2 === 7 && op === 3) return archAtLeast(arch, 'v6Z') ? traits('exception', 0, true) : UNDEFINED;
  if ((op2 & 9) === 8) {
    if (!archAtLeast(arch, 'v5TE')) return UNDEFINED;
    // SMLA<x><y>, SMLAW<y>/SMULW<y>, SMLAL<x><y>, SMUL<x><y>: Rd (or RdHi) = [19:16], accumulator (or RdLo) = [15:12].
    const accumulates = op === 0 || op === 2 || (op === 1 && (op2 & 2) === 0);
    const regs = bit(rn) | bit(rs) | bit(rm) | (accumulates ? bit(rd) : 0);
    const unpredictable = rn === 15 || rs === 15 || rm === 15 || (accumulates && rd === 15) || (op === 2 && rn === rd);
    return traits('multiply', regs, false, unpredictable);
  }
  return UNDEFINED;
}

/** cccc 011x xxxx … 1 …: the ARMv6 media instructions; UNDEFINED before v6. */
function armMediaTraits(w: number, arch: ArchVersion): InstructionTraits {
  if ((w & 0x0ff000f0) === 0x07f000f0 || !archAtLeast(arch, 'v6')) return UNDEFINED;
  const rn = (w >>> 16) & 15, rd = (w >>> 12) & 15, rs = (w >>> 8) & 15, rm = w & 15;
  const group = (w >>> 23) & 3;
  if (group === 2) {
    // Signed multiplies (SMLAD, SMUAD, SMLSD, SMLALD, SMMUL…): Rd = [19:16], Ra = [15:12] (15 = none);
    // SMLALD/SMLSLD: RdHi = [19:16], RdLo = [15:12]; SMMLS has no Ra = 15 form.
    const long = ((w >>> 20) & 7) === 4;
    const smmls = ((w >>> 20) & 7) === 5 && (w & 0xc0) === 0xc0;
    const regs = bit(rn) | bit(rs) | bit(rm) | (rd !== 15 || long ? bit(rd) : 0);
    const unpredictable = rn === 15 || rs === 15 || rm === 15 || (long && (rd === 15 || rd === rn)) || (smmls && rd === 15);
    return traits('multiply', regs, false, unpredictable);
  }
  if (group === 3) {
    // USAD8/USADA8
    const regs = bit(rn) | bit(rs) | bit(rm) | (rd !== 15 ? bit(rd) : 0);
    return traits('data', regs, false, rn === 15 || rs === 15 || rm === 15);
  }
  // Parallel add/subtract, pack, saturate, reverse, extend (Rn = 15: no accumulate), select.
  const regs = bit(rd) | bit(rm) | (rn !== 15 ? bit(rn) : 0);
  return traits('data', regs, false, rd === 15 || rm === 15);
}

function armUnconditionalTraits(w: number, arch: ArchVersion): InstructionTraits {
  if (!archAtLeast(arch, 'v5T')) return UNDEFINED;
  if ((w & 0x0e000000) === 0x0a000000) return traits('branch', bit(14), true); // BLX immediate
  if ((w & 0x0f000000) === 0x0e000000) return traits('coprocessor', (w & 0x10) !== 0 ? bit((w >>> 12) & 15) : 0); // CDP2/MCR2/MRC2
  if ((w & 0x0e000000) === 0x0c000000) {
    if ((w & 0x0fe00000) === 0x0c400000) {
      // MCRR2/MRRC2
      if (!archAtLeast(arch, 'v6')) return UNDEFINED;
      const rd = (w >>> 12) & 15, rn = (w >>> 16) & 15;
      return traits('coprocessor', bit(rd) | bit(rn), false, rd === 15 || rn === 15 || ((w >>> 20) & 1) === 1 && rd === rn);
    }
    return { ...traits('coprocessor', bit((w >>> 16) & 15)), memory: true }; // LDC2/STC2
  }
  if ((w & 0x0d70f000) === 0x0550f000) {
    // PLD (a hint: no access is made); the register form needs bit 4 clear.
    if (!archAtLeast(arch, 'v5TE') || (w & 0x02000010) === 0x02000010) return UNDEFINED;
    const regs = bit((w >>> 16) & 15) | ((w & 0x02000000) !== 0 ? bit(w & 15) : 0);
    return traits('load', regs, false, (w & 0x02000000) !== 0 && (w & 15) === 15);
  }
  if (!archAtLeast(arch, 'v6')) return UNDEFINED;
  if (w === 0xf57ff01f) return archAtLeast(arch, 'v6K') ? traits('status', 0) : UNDEFINED; // CLREX
  // CPS (imod 01 and M = 0 with a mode are UNPREDICTABLE), SETEND.
  if ((w & 0x0ff1fe20) === 0x01000000) {
    const imod = (w >>> 18) & 3, changeMode = (w & 0x20000) !== 0, flags = (w >>> 6) & 7;
    const unpredictable = imod === 1 || (!changeMode && (w & 0x1f) !== 0) || (imod === 0 && !changeMode) || (imod >= 2 && flags === 0) || (imod === 0 && flags !== 0);
    return traits('status', 0, false, unpredictable);
  }
  if ((w & 0x0ffffdff) === 0x01010000) return traits('status', 0);
  if ((w & 0x0e5fffe0) === 0x084d0500) return traits('store-multiple', bit(13), false, true); // SRS: mode-dependent
  if ((w & 0x0e50ffff) === 0x08100a00) return traits('load-multiple', bit((w >>> 16) & 15), true, true); // RFE
  return UNDEFINED;
}
