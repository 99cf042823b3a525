import type { ArchVersion } from '../cpu/arch.js';
import type { InstructionHandler } from '../cpu/cpu.js';
import * as f from '../disasm/arm-format.js';
import * as dp from '../exec/arm/data-processing.js';
import * as mul from '../exec/arm/multiply.js';
import * as ls from '../exec/arm/load-store.js';
import * as lsx from '../exec/arm/load-store-extra.js';
import * as blk from '../exec/arm/block-transfer.js';
import * as br from '../exec/arm/branch.js';
import * as psr from '../exec/arm/psr-transfer.js';
import * as swp from '../exec/arm/swap.js';
import * as cop from '../exec/arm/coprocessor.js';
import type { Encoding } from './pattern.js';

/** Formats one ARM word at `address` in GNU objdump syntax. */
export type ArmDisasm = (instr: number, address: number) => string;
export type ArmEncoding = Encoding<InstructionHandler, ArmDisasm>;

function enc(name: string, pattern: string, exec: InstructionHandler, disasm: ArmDisasm, since: ArchVersion = 'v4T'): ArmEncoding {
  return { name, pattern, since, exec, disasm };
}

/**
 * The ARM (32-bit) instruction set as one table: execution, disassembly and random generation read it.
 * Patterns are Dynarmic-style: 0/1 fixed, letters are fields, '-' is ignored by the decoder. The decoder
 * tries the entry with the most fixed bits first, so table order only matters between equally specific
 * entries (none overlap today). Words no entry matches are UNDEFINED.
 *
 * Field letters: c cond, S set flags, n Rn, d Rd, m Rm, s Rs, r rotate / register list, v imm8, i immediate,
 * t shift type, P U W B N L addressing bits, h/l RdHi/RdLo, k PSR field mask, R SPSR, a/b coprocessor opc1/opc2,
 * p coprocessor number.
 *
 * Should-be-zero/one bits: fixed where objdump (and the ARM ARM's later encodings in the same space) rely
 * on them — BX, MRS, MSR, SWP, halfword register offsets: a word that breaks them is UNDEFINED here. They are
 * ignored ('-') where the ARM9TDMI datapath ignores them and no later encoding lives: Rn of MOV/MVN, Rd of
 * TST/TEQ/CMP/CMN, Rn of MUL.
 *
 * Extending: append ARMv5TE/ARMv6 entries with `since: 'v5TE'` / `'v6'`; ones with cond = 0b1111 go in
 * ARM_UNCONDITIONAL_ENCODINGS. Cores older than an entry's `since` never see it, so it stays UNDEFINED there.
 * A new entry must be more specific than any v4T entry it carves space out of (see arm-encodings.test.ts).
 */
export const ARM_ENCODINGS: readonly ArmEncoding[] = [
  // ---- data processing: immediate, register shifted by immediate, register shifted by register
  enc('AND_imm', 'cccc0010000Snnnnddddrrrrvvvvvvvv', dp.AND_imm, f.formatDataProcessing),
  enc('AND_reg', 'cccc0000000Snnnnddddiiiiitt0mmmm', dp.AND_reg, f.formatDataProcessing),
  enc('AND_rsr', 'cccc0000000Snnnnddddssss0tt1mmmm', dp.AND_rsr, f.formatDataProcessing),
  enc('EOR_imm', 'cccc0010001Snnnnddddrrrrvvvvvvvv', dp.EOR_imm, f.formatDataProcessing),
  enc('EOR_reg', 'cccc0000001Snnnnddddiiiiitt0mmmm', dp.EOR_reg, f.formatDataProcessing),
  enc('EOR_rsr', 'cccc0000001Snnnnddddssss0tt1mmmm', dp.EOR_rsr, f.formatDataProcessing),
  enc('SUB_imm', 'cccc0010010Snnnnddddrrrrvvvvvvvv', dp.SUB_imm, f.formatDataProcessing),
  enc('SUB_reg', 'cccc0000010Snnnnddddiiiiitt0mmmm', dp.SUB_reg, f.formatDataProcessing),
  enc('SUB_rsr', 'cccc0000010Snnnnddddssss0tt1mmmm', dp.SUB_rsr, f.formatDataProcessing),
  enc('RSB_imm', 'cccc0010011Snnnnddddrrrrvvvvvvvv', dp.RSB_imm, f.formatDataProcessing),
  enc('RSB_reg', 'cccc0000011Snnnnddddiiiiitt0mmmm', dp.RSB_reg, f.formatDataProcessing),
  enc('RSB_rsr', 'cccc0000011Snnnnddddssss0tt1mmmm', dp.RSB_rsr, f.formatDataProcessing),
  enc('ADD_imm', 'cccc0010100Snnnnddddrrrrvvvvvvvv', dp.ADD_imm, f.formatDataProcessing),
  enc('ADD_reg', 'cccc0000100Snnnnddddiiiiitt0mmmm', dp.ADD_reg, f.formatDataProcessing),
  enc('ADD_rsr', 'cccc0000100Snnnnddddssss0tt1mmmm', dp.ADD_rsr, f.formatDataProcessing),
  enc('ADC_imm', 'cccc0010101Snnnnddddrrrrvvvvvvvv', dp.ADC_imm, f.formatDataProcessing),
  enc('ADC_reg', 'cccc0000101Snnnnddddiiiiitt0mmmm', dp.ADC_reg, f.formatDataProcessing),
  enc('ADC_rsr', 'cccc0000101Snnnnddddssss0tt1mmmm', dp.ADC_rsr, f.formatDataProcessing),
  enc('SBC_imm', 'cccc0010110Snnnnddddrrrrvvvvvvvv', dp.SBC_imm, f.formatDataProcessing),
  enc('SBC_reg', 'cccc0000110Snnnnddddiiiiitt0mmmm', dp.SBC_reg, f.formatDataProcessing),
  enc('SBC_rsr', 'cccc0000110Snnnnddddssss0tt1mmmm', dp.SBC_rsr, f.formatDataProcessing),
  enc('RSC_imm', 'cccc0010111Snnnnddddrrrrvvvvvvvv', dp.RSC_imm, f.formatDataProcessing),
  enc('RSC_reg', 'cccc0000111Snnnnddddiiiiitt0mmmm', dp.RSC_reg, f.formatDataProcessing),
  enc('RSC_rsr', 'cccc0000111Snnnnddddssss0tt1mmmm', dp.RSC_rsr, f.formatDataProcessing),
  enc('TST_imm', 'cccc00110001nnnn----rrrrvvvvvvvv', dp.TST_imm, f.formatDataProcessing),
  enc('TST_reg', 'cccc00010001nnnn----iiiiitt0mmmm', dp.TST_reg, f.formatDataProcessing),
  enc('TST_rsr', 'cccc00010001nnnn----ssss0tt1mmmm', dp.TST_rsr, f.formatDataProcessing),
  enc('TEQ_imm', 'cccc00110011nnnn----rrrrvvvvvvvv', dp.TEQ_imm, f.formatDataProcessing),
  enc('TEQ_reg', 'cccc00010011nnnn----iiiiitt0mmmm', dp.TEQ_reg, f.formatDataProcessing),
  enc('TEQ_rsr', 'cccc00010011nnnn----ssss0tt1mmmm', dp.TEQ_rsr, f.formatDataProcessing),
  enc('CMP_imm', 'cccc00110101nnnn----rrrrvvvvvvvv', dp.CMP_imm, f.formatDataProcessing),
  enc('CMP_reg', 'cccc00010101nnnn----iiiiitt0mmmm', dp.CMP_reg, f.formatDataProcessing),
  enc('CMP_rsr', 'cccc00010101nnnn----ssss0tt1mmmm', dp.CMP_rsr, f.formatDataProcessing),
  enc('CMN_imm', 'cccc00110111nnnn----rrrrvvvvvvvv', dp.CMN_imm, f.formatDataProcessing),
  enc('CMN_reg', 'cccc00010111nnnn----iiiiitt0mmmm', dp.CMN_reg, f.formatDataProcessing),
  enc('CMN_rsr', 'cccc00010111nnnn----ssss0tt1mmmm', dp.CMN_rsr, f.formatDataProcessing),
  enc('ORR_imm', 'cccc0011100Snnnnddddrrrrvvvvvvvv', dp.ORR_imm, f.formatDataProcessing),
  enc('ORR_reg', 'cccc0001100Snnnnddddiiiiitt0mmmm', dp.ORR_reg, f.formatDataProcessing),
  enc('ORR_rsr', 'cccc0001100Snnnnddddssss0tt1mmmm', dp.ORR_rsr, f.formatDataProcessing),
  enc('MOV_imm', 'cccc0011101S----ddddrrrrvvvvvvvv', dp.MOV_imm, f.formatDataProcessing),
  enc('MOV_reg', 'cccc0001101S----ddddiiiiitt0mmmm', dp.MOV_reg, f.formatDataProcessing),
  enc('MOV_rsr', 'cccc0001101S----ddddssss0tt1mmmm', dp.MOV_rsr, f.formatDataProcessing),
  enc('BIC_imm', 'cccc0011110Snnnnddddrrrrvvvvvvvv', dp.BIC_imm, f.formatDataProcessing),
  enc('BIC_reg', 'cccc0001110Snnnnddddiiiiitt0mmmm', dp.BIC_reg, f.formatDataProcessing),
  enc('BIC_rsr', 'cccc0001110Snnnnddddssss0tt1mmmm', dp.BIC_rsr, f.formatDataProcessing),
  enc('MVN_imm', 'cccc0011111S----ddddrrrrvvvvvvvv', dp.MVN_imm, f.formatDataProcessing),
  enc('MVN_reg', 'cccc0001111S----ddddiiiiitt0mmmm', dp.MVN_reg, f.formatDataProcessing),
  enc('MVN_rsr', 'cccc0001111S----ddddssss0tt1mmmm', dp.MVN_rsr, f.formatDataProcessing),

  // ---- multiply and multiply long
  enc('MUL', 'cccc0000000Sdddd----ssss1001mmmm', mul.MUL, f.formatMultiply),
  enc('MLA', 'cccc0000001Sddddnnnnssss1001mmmm', mul.MLA, f.formatMultiply),
  enc('UMULL', 'cccc0000100Shhhhllllssss1001mmmm', mul.UMULL, f.formatMultiplyLong),
  enc('UMLAL', 'cccc0000101Shhhhllllssss1001mmmm', mul.UMLAL, f.formatMultiplyLong),
  enc('SMULL', 'cccc0000110Shhhhllllssss1001mmmm', mul.SMULL, f.formatMultiplyLong),
  enc('SMLAL', 'cccc0000111Shhhhllllssss1001mmmm', mul.SMLAL, f.formatMultiplyLong),

  // ---- swap
  enc('SWP', 'cccc00010000nnnndddd00001001mmmm', swp.SWP, f.formatSwap),
  enc('SWPB', 'cccc00010100nnnndddd00001001mmmm', swp.SWPB, f.formatSwap),

  // ---- halfword and signed transfers (P=0 W=1 is UNPREDICTABLE; executed as post-indexed)
  enc('STRH_imm', 'cccc000PU1W0nnnnddddiiii1011iiii', lsx.STRH_imm, f.formatHalfwordTransfer),
  enc('STRH_reg', 'cccc000PU0W0nnnndddd00001011mmmm', lsx.STRH_reg, f.formatHalfwordTransfer),
  enc('LDRH_imm', 'cccc000PU1W1nnnnddddiiii1011iiii', lsx.LDRH_imm, f.formatHalfwordTransfer),
  enc('LDRH_reg', 'cccc000PU0W1nnnndddd00001011mmmm', lsx.LDRH_reg, f.formatHalfwordTransfer),
  enc('LDRSB_imm', 'cccc000PU1W1nnnnddddiiii1101iiii', lsx.LDRSB_imm, f.formatHalfwordTransfer),
  enc('LDRSB_reg', 'cccc000PU0W1nnnndddd00001101mmmm', lsx.LDRSB_reg, f.formatHalfwordTransfer),
  enc('LDRSH_imm', 'cccc000PU1W1nnnnddddiiii1111iiii', lsx.LDRSH_imm, f.formatHalfwordTransfer),
  enc('LDRSH_reg', 'cccc000PU0W1nnnndddd00001111mmmm', lsx.LDRSH_reg, f.formatHalfwordTransfer),

  // ---- PSR transfer and branch-exchange (the miscellaneous space: S = 0 compares)
  enc('MRS', 'cccc00010R001111dddd000000000000', psr.MRS, f.formatMrs),
  enc('MSR_reg', 'cccc00010R10kkkk111100000000mmmm', psr.MSR_reg, f.formatMsr),
  enc('MSR_imm', 'cccc00110R10kkkk1111rrrrvvvvvvvv', psr.MSR_imm, f.formatMsr),
  enc('BX', 'cccc000100101111111111110001mmmm', br.BX, f.formatBx),

  // ---- single load/store: immediate and scaled register offsets; P=0 W=1 are the user-mode T forms
  enc('LDR_imm', 'cccc010PU0W1nnnnddddiiiiiiiiiiii', ls.LDR_imm, f.formatSingleTransfer),
  enc('LDR_reg', 'cccc011PU0W1nnnnddddiiiiitt0mmmm', ls.LDR_reg, f.formatSingleTransfer),
  enc('LDRB_imm', 'cccc010PU1W1nnnnddddiiiiiiiiiiii', ls.LDRB_imm, f.formatSingleTransfer),
  enc('LDRB_reg', 'cccc011PU1W1nnnnddddiiiiitt0mmmm', ls.LDRB_reg, f.formatSingleTransfer),
  enc('STR_imm', 'cccc010PU0W0nnnnddddiiiiiiiiiiii', ls.STR_imm, f.formatSingleTransfer),
  enc('STR_reg', 'cccc011PU0W0nnnnddddiiiiitt0mmmm', ls.STR_reg, f.formatSingleTransfer),
  enc('STRB_imm', 'cccc010PU1W0nnnnddddiiiiiiiiiiii', ls.STRB_imm, f.formatSingleTransfer),
  enc('STRB_reg', 'cccc011PU1W0nnnnddddiiiiitt0mmmm', ls.STRB_reg, f.formatSingleTransfer),
  enc('LDRT_imm', 'cccc0100U011nnnnddddiiiiiiiiiiii', ls.LDRT_imm, f.formatSingleTransfer),
  enc('LDRT_reg', 'cccc0110U011nnnnddddiiiiitt0mmmm', ls.LDRT_reg, f.formatSingleTransfer),
  enc('LDRBT_imm', 'cccc0100U111nnnnddddiiiiiiiiiiii', ls.LDRBT_imm, f.formatSingleTransfer),
  enc('LDRBT_reg', 'cccc0110U111nnnnddddiiiiitt0mmmm', ls.LDRBT_reg, f.formatSingleTransfer),
  enc('STRT_imm', 'cccc0100U010nnnnddddiiiiiiiiiiii', ls.STRT_imm, f.formatSingleTransfer),
  enc('STRT_reg', 'cccc0110U010nnnnddddiiiiitt0mmmm', ls.STRT_reg, f.formatSingleTransfer),
  enc('STRBT_imm', 'cccc0100U110nnnnddddiiiiiiiiiiii', ls.STRBT_imm, f.formatSingleTransfer),
  enc('STRBT_reg', 'cccc0110U110nnnnddddiiiiitt0mmmm', ls.STRBT_reg, f.formatSingleTransfer),

  // ---- architecturally UNDEFINED (cccc 011x ... xxx1 xxxx); the all-ones AL word is objdump's "udf"
  enc('UDF', '111001111111iiiiiiiiiiii1111iiii', br.undefinedArm, f.formatUdf),

  // ---- block transfer
  enc('STM', 'cccc100PU0W0nnnnrrrrrrrrrrrrrrrr', blk.STM, f.formatBlockTransfer),
  enc('LDM', 'cccc100PU0W1nnnnrrrrrrrrrrrrrrrr', blk.LDM, f.formatBlockTransfer),
  enc('STM_user', 'cccc100PU1W0nnnnrrrrrrrrrrrrrrrr', blk.STM_user, f.formatBlockTransfer),
  enc('LDM_user', 'cccc100PU1W1nnnn0rrrrrrrrrrrrrrr', blk.LDM_user, f.formatBlockTransfer),
  enc('LDM_exception_return', 'cccc100PU1W1nnnn1rrrrrrrrrrrrrrr', blk.LDM_exception_return, f.formatBlockTransfer),

  // ---- branch
  enc('B', 'cccc1010iiiiiiiiiiiiiiiiiiiiiiii', br.B, f.formatBranch),
  enc('BL', 'cccc1011iiiiiiiiiiiiiiiiiiiiiiii', br.BL, f.formatBranch),

  // ---- coprocessor (addressing mode 5: P=1 pre-indexed; P=0 U=1 post-indexed or unindexed; P=0 U=0 W=1 post)
  enc('STC', 'cccc1101UNW0nnnnddddppppiiiiiiii', cop.STC, f.formatCoprocessorLoadStore),
  enc('LDC', 'cccc1101UNW1nnnnddddppppiiiiiiii', cop.LDC, f.formatCoprocessorLoadStore),
  enc('STC_post', 'cccc11001NW0nnnnddddppppiiiiiiii', cop.STC, f.formatCoprocessorLoadStore),
  enc('LDC_post', 'cccc11001NW1nnnnddddppppiiiiiiii', cop.LDC, f.formatCoprocessorLoadStore),
  enc('STC_post_down', 'cccc11000N10nnnnddddppppiiiiiiii', cop.STC, f.formatCoprocessorLoadStore),
  enc('LDC_post_down', 'cccc11000N11nnnnddddppppiiiiiiii', cop.LDC, f.formatCoprocessorLoadStore),
  enc('CDP', 'cccc1110aaaannnnddddppppbbb0mmmm', cop.CDP, f.formatCdp),
  enc('MCR', 'cccc1110aaa0nnnnddddppppbbb1mmmm', cop.MCR, f.formatCoprocessorRegisterTransfer),
  enc('MRC', 'cccc1110aaa1nnnnddddppppbbb1mmmm', cop.MRC, f.formatCoprocessorRegisterTransfer),

  // ---- software interrupt
  enc('SWI', 'cccc1111iiiiiiiiiiiiiiiiiiiiiiii', br.SWI, f.formatSwi),
];

/**
 * ARM words with cond = 0b1111 (the unconditional space). UNPREDICTABLE on ARMv4T, which we treat as
 * UNDEFINED, so empty here; ARMv5 (BLX immediate, PLD, the *2 coprocessor forms) and ARMv6 (CPS, SRS, RFE,
 * SETEND…) append their `since`-tagged entries with the cond bits fixed to 1111.
 */
export const ARM_UNCONDITIONAL_ENCODINGS: readonly ArmEncoding[] = [];
