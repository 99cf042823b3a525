import type { ArchVersion } from '../cpu/arch.js';
import type { InstructionHandler } from '../cpu/cpu.js';
import * as f from '../disasm/thumb-format.js';
import * as alu from '../exec/thumb/alu.js';
import * as br from '../exec/thumb/branch.js';
import * as mem from '../exec/thumb/memory.js';
import * as mul from '../exec/thumb/multiple.js';
import * as v6 from '../exec/thumb/v6.js';
import * as g from '../disasm/thumb-format-v6.js';
import type { Encoding } from './pattern.js';

/** Formats one Thumb halfword at `address` (GNU objdump unified syntax). */
export type ThumbDisasm = (instr: number, address: number) => string;
export type ThumbEncoding = Encoding<InstructionHandler, ThumbDisasm>;

function enc(
  name: string,
  pattern: string,
  exec: InstructionHandler,
  disasm: ThumbDisasm,
  when?: (instr: number) => boolean,
  since: ArchVersion = 'v4T',
): ThumbEncoding {
  return when ? { name, pattern, since, exec, disasm, when } : { name, pattern, since, exec, disasm };
}

const nonEmptyList = (instr: number): boolean => (instr & 0xff) !== 0;
const nonEmptyStackList = (instr: number): boolean => (instr & 0x1ff) !== 0;
/** 1011 xxxx space: bits [11:8] not used by ADD/SUB SP (0000), PUSH (010x) or POP (110x) on ARMv4T. */
const MISC_UNDEFINED_V4T = 0b1100_1111_1100_1110; // bit k set = bits[11:8] == k is UNDEFINED

/**
 * The Thumb instruction set as one table: execution, disassembly and random generation all read it.
 * Letters in patterns are fields (d, n, m: registers; i: immediate; l: register list; c: condition;
 * x: don't-care that the generator still varies); '-' bits are ignored by the decoder and generated as 0.
 *
 * UNDEFINED space is listed explicitly so every halfword decodes on ARMv4T. Those catch-all entries have
 * fewer fixed bits than any encoding a later architecture carves out of them (BLX, BKPT, CPS, SETEND, REV,
 * SXTH/UXTH…), so an appended entry with its own `since` wins on the newer cores without touching them;
 * their `when` keeps the generator off the encodings of their own era.
 *
 * UNPREDICTABLE cases execute as the ARM7TDMI/ARM9TDMI do, except empty register lists, which are
 * UNDEFINED (as in QEMU; ARM cores would transfer PC and step the base by 0x40).
 */
export const THUMB_ENCODINGS: readonly ThumbEncoding[] = [
  // ---- format 1: shift by immediate
  enc('thumb_LSL_imm', '00000iiiiimmmddd', alu.thumbLslImm, f.fmtLslImm),
  enc('thumb_LSR_imm', '00001iiiiimmmddd', alu.thumbLsrImm, f.fmtLsrImm),
  enc('thumb_ASR_imm', '00010iiiiimmmddd', alu.thumbAsrImm, f.fmtAsrImm),
  // ---- format 2: add/subtract
  enc('thumb_ADD_reg', '0001100mmmnnnddd', alu.thumbAddReg, f.fmtAddSubReg('adds')),
  enc('thumb_SUB_reg', '0001101mmmnnnddd', alu.thumbSubReg, f.fmtAddSubReg('subs')),
  enc('thumb_ADD_imm3', '0001110iiinnnddd', alu.thumbAddImm3, f.fmtAddSubImm3('adds')),
  enc('thumb_SUB_imm3', '0001111iiinnnddd', alu.thumbSubImm3, f.fmtAddSubImm3('subs')),
  // ---- format 3: move/compare/add/subtract immediate
  enc('thumb_MOV_imm', '00100dddiiiiiiii', alu.thumbMovImm8, f.fmtImm8('movs')),
  enc('thumb_CMP_imm', '00101nnniiiiiiii', alu.thumbCmpImm8, f.fmtImm8('cmp')),
  enc('thumb_ADD_imm8', '00110dddiiiiiiii', alu.thumbAddImm8, f.fmtImm8('adds')),
  enc('thumb_SUB_imm8', '00111dddiiiiiiii', alu.thumbSubImm8, f.fmtImm8('subs')),
  // ---- format 4: ALU operations
  enc('thumb_AND', '0100000000mmmddd', alu.thumbAnd, f.fmtAlu('ands')),
  enc('thumb_EOR', '0100000001mmmddd', alu.thumbEor, f.fmtAlu('eors')),
  enc('thumb_LSL_reg', '0100000010sssddd', alu.thumbLslReg, f.fmtAlu('lsls')),
  enc('thumb_LSR_reg', '0100000011sssddd', alu.thumbLsrReg, f.fmtAlu('lsrs')),
  enc('thumb_ASR_reg', '0100000100sssddd', alu.thumbAsrReg, f.fmtAlu('asrs')),
  enc('thumb_ADC', '0100000101mmmddd', alu.thumbAdc, f.fmtAlu('adcs')),
  enc('thumb_SBC', '0100000110mmmddd', alu.thumbSbc, f.fmtAlu('sbcs')),
  enc('thumb_ROR', '0100000111sssddd', alu.thumbRorReg, f.fmtAlu('rors')),
  enc('thumb_TST', '0100001000mmmnnn', alu.thumbTst, f.fmtAlu('tst')),
  enc('thumb_NEG', '0100001001mmmddd', alu.thumbNeg, f.fmtAlu('negs')),
  enc('thumb_CMP_reg', '0100001010mmmnnn', alu.thumbCmpReg, f.fmtAlu('cmp')),
  enc('thumb_CMN', '0100001011mmmnnn', alu.thumbCmn, f.fmtAlu('cmn')),
  enc('thumb_ORR', '0100001100mmmddd', alu.thumbOrr, f.fmtAlu('orrs')),
  enc('thumb_MUL', '0100001101mmmddd', alu.thumbMul, f.fmtAlu('muls')),
  enc('thumb_BIC', '0100001110mmmddd', alu.thumbBic, f.fmtAlu('bics')),
  enc('thumb_MVN', '0100001111mmmddd', alu.thumbMvn, f.fmtAlu('mvns')),
  // ---- format 5: high-register operations and BX (Rd/Rn = H1:bits[2:0], Rm = bits[6:3])
  enc('thumb_ADD_hi', '01000100dmmmmddd', alu.thumbAddHi, f.fmtHi('add')),
  enc('thumb_CMP_hi', '01000101nmmmmnnn', alu.thumbCmpHi, f.fmtHi('cmp')),
  enc('thumb_MOV_hi', '01000110dmmmmddd', alu.thumbMovHi, f.fmtMovHi),
  enc('thumb_BX', '010001110mmmm---', br.thumbBx, f.fmtBx),
  // 01000111 1xxxxxxx: BLX Rm from ARMv5T.
  enc('thumb_UNDEFINED_blx_reg', '0100011xxxxxxxxx', br.thumbUndefined, f.fmtUndefined, (i) => (i & 0x180) === 0x180),
  // ---- format 6: PC-relative load
  enc('thumb_LDR_pc', '01001dddiiiiiiii', mem.thumbLdrPc, f.fmtLdrPc),
  // ---- formats 7, 8: load/store with register offset
  enc('thumb_STR_reg', '0101000mmmnnnddd', mem.thumbStrReg, f.fmtRegOffset('str')),
  enc('thumb_STRH_reg', '0101001mmmnnnddd', mem.thumbStrhReg, f.fmtRegOffset('strh')),
  enc('thumb_STRB_reg', '0101010mmmnnnddd', mem.thumbStrbReg, f.fmtRegOffset('strb')),
  enc('thumb_LDRSB_reg', '0101011mmmnnnddd', mem.thumbLdrsbReg, f.fmtRegOffset('ldrsb')),
  enc('thumb_LDR_reg', '0101100mmmnnnddd', mem.thumbLdrReg, f.fmtRegOffset('ldr')),
  enc('thumb_LDRH_reg', '0101101mmmnnnddd', mem.thumbLdrhReg, f.fmtRegOffset('ldrh')),
  enc('thumb_LDRB_reg', '0101110mmmnnnddd', mem.thumbLdrbReg, f.fmtRegOffset('ldrb')),
  enc('thumb_LDRSH_reg', '0101111mmmnnnddd', mem.thumbLdrshReg, f.fmtRegOffset('ldrsh')),
  // ---- formats 9, 10: load/store with immediate offset
  enc('thumb_STR_imm', '01100iiiiinnnddd', mem.thumbStrImm, f.fmtImmOffset('str', 4)),
  enc('thumb_LDR_imm', '01101iiiiinnnddd', mem.thumbLdrImm, f.fmtImmOffset('ldr', 4)),
  enc('thumb_STRB_imm', '01110iiiiinnnddd', mem.thumbStrbImm, f.fmtImmOffset('strb', 1)),
  enc('thumb_LDRB_imm', '01111iiiiinnnddd', mem.thumbLdrbImm, f.fmtImmOffset('ldrb', 1)),
  enc('thumb_STRH_imm', '10000iiiiinnnddd', mem.thumbStrhImm, f.fmtImmOffset('strh', 2)),
  enc('thumb_LDRH_imm', '10001iiiiinnnddd', mem.thumbLdrhImm, f.fmtImmOffset('ldrh', 2)),
  // ---- format 11: SP-relative load/store
  enc('thumb_STR_sp', '10010dddiiiiiiii', mem.thumbStrSp, f.fmtSpOffset('str')),
  enc('thumb_LDR_sp', '10011dddiiiiiiii', mem.thumbLdrSp, f.fmtSpOffset('ldr')),
  // ---- format 12: load address
  enc('thumb_ADD_pc', '10100dddiiiiiiii', alu.thumbAddPc, f.fmtAddPc),
  enc('thumb_ADD_sp_rd', '10101dddiiiiiiii', alu.thumbAddSpRd, f.fmtAddSpRd),
  // ---- format 13: adjust SP
  enc('thumb_ADD_sp', '101100000iiiiiii', alu.thumbAddSp, f.fmtAdjustSp('add')),
  enc('thumb_SUB_sp', '101100001iiiiiii', alu.thumbSubSp, f.fmtAdjustSp('sub')),
  // ---- format 14: push/pop
  enc('thumb_PUSH', '1011010rllllllll', mul.thumbPush, f.fmtPush, nonEmptyStackList),
  enc('thumb_POP', '1011110rllllllll', mul.thumbPop, f.fmtPop, nonEmptyStackList),
  enc('thumb_PUSH_empty', '1011010000000000', br.thumbUndefined, f.fmtPush),
  enc('thumb_POP_empty', '1011110000000000', br.thumbUndefined, f.fmtPop),
  // 1011 xxxx outside ADD/SUB SP, PUSH, POP: BKPT (v5T), CPS/SETEND/REV/extends (v6)… come later.
  enc('thumb_UNDEFINED_misc', '1011xxxxxxxxxxxx', br.thumbUndefined, f.fmtUndefined, (i) => ((MISC_UNDEFINED_V4T >>> ((i >>> 8) & 15)) & 1) === 1),
  // ---- format 15: multiple load/store
  enc('thumb_STMIA', '11000nnnllllllll', mul.thumbStmia, f.fmtStmia, nonEmptyList),
  enc('thumb_LDMIA', '11001nnnllllllll', mul.thumbLdmia, f.fmtLdmia, nonEmptyList),
  enc('thumb_STMIA_empty', '11000nnn00000000', br.thumbUndefined, f.fmtStmia),
  enc('thumb_LDMIA_empty', '11001nnn00000000', br.thumbUndefined, f.fmtLdmia),
  // ---- formats 16, 17: conditional branch, SWI (condition 1110 is the permanently UNDEFINED space)
  enc('thumb_B_cond', '1101cccciiiiiiii', br.thumbBCond, f.fmtBCond, (i) => (i & 0x0e00) !== 0x0e00),
  enc('thumb_UDF', '11011110iiiiiiii', br.thumbUndefined, f.fmtUdf),
  enc('thumb_SWI', '11011111iiiiiiii', br.thumbSwi, f.fmtSwi),
  // ---- formats 18, 19: unconditional branch, BL pair
  enc('thumb_B', '11100iiiiiiiiiii', br.thumbB, f.fmtB),
  // 11101: second half of BLX (v5T).
  enc('thumb_UNDEFINED_blx_suffix', '11101xxxxxxxxxxx', br.thumbUndefined, f.fmtUndefined),
  enc('thumb_BL_prefix', '11110iiiiiiiiiii', br.thumbBlPrefix, f.fmtBlPrefix),
  enc('thumb_BL_suffix', '11111iiiiiiiiiii', br.thumbBlSuffix, f.fmtBlSuffix),

  // ---- ARMv5T and later, carved out of the UNDEFINED entries above (more fixed bits, so tried first)
  enc('thumb_BLX_reg', '010001111mmmm000', v6.thumbBlxReg, g.fmtBlxReg, undefined, 'v5T'),
  enc('thumb_BLX_suffix', '11101iiiiiiiiii0', v6.thumbBlxSuffix, g.fmtBlxSuffix, undefined, 'v5T'),
  enc('thumb_BKPT', '10111110iiiiiiii', v6.thumbBkpt, g.fmtBkpt, undefined, 'v5T'),
  // ARMv6 (CPY is thumb_MOV_hi with two low registers).
  enc('thumb_CPS', '10110110011e0AIF', v6.thumbCps, g.fmtCps, undefined, 'v6'),
  enc('thumb_SETEND', '101101100101E000', v6.thumbSetend, g.fmtSetend, undefined, 'v6'),
  enc('thumb_REV', '1011101000mmmddd', v6.thumbRev, g.fmtRegisterPair('rev'), undefined, 'v6'),
  enc('thumb_REV16', '1011101001mmmddd', v6.thumbRev16, g.fmtRegisterPair('rev16'), undefined, 'v6'),
  enc('thumb_REVSH', '1011101011mmmddd', v6.thumbRevsh, g.fmtRegisterPair('revsh'), undefined, 'v6'),
  enc('thumb_SXTH', '1011001000mmmddd', v6.thumbSxth, g.fmtRegisterPair('sxth'), undefined, 'v6'),
  enc('thumb_SXTB', '1011001001mmmddd', v6.thumbSxtb, g.fmtRegisterPair('sxtb'), undefined, 'v6'),
  enc('thumb_UXTH', '1011001010mmmddd', v6.thumbUxth, g.fmtRegisterPair('uxth'), undefined, 'v6'),
  enc('thumb_UXTB', '1011001011mmmddd', v6.thumbUxtb, g.fmtRegisterPair('uxtb'), undefined, 'v6'),
];

/** Names of the catch-all UNDEFINED entries that later architectures may carve encodings out of. */
export const THUMB_UNDEFINED_SPACE: ReadonlySet<string> = new Set([
  'thumb_UNDEFINED_blx_reg',
  'thumb_UNDEFINED_misc',
  'thumb_UNDEFINED_blx_suffix',
]);
