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
import * as cop5 from '../exec/arm/coprocessor-v5.js';
import * as v5 from '../exec/arm/v5-misc.js';
import * as dsp from '../exec/arm/v5-dsp.js';
import * as dual from '../exec/arm/load-store-dual.js';
import * as ex from '../exec/arm/v6-exclusive.js';
import * as par from '../exec/arm/v6-parallel.js';
import * as media from '../exec/arm/v6-media.js';
import * as mul6 from '../exec/arm/v6-multiply.js';
import * as sys from '../exec/arm/v6-system.js';
import * as g from '../disasm/arm-format-v6.js';
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
 * p coprocessor number; ARMv5/v6 add x/y (top halves of 16-bit multiplies; x also the dual multiplies'
 * operand swap), a (Ra), r (SMMUL rounding, extend rotation), s (saturate position in SSAT/USAT), o (MCRR opc1).
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

  // ======== ARMv5T and later (UNDEFINED on older cores: the decoder leaves them out there) ========

  // ---- ARMv5T: CLZ, BLX (register), BKPT (AL only: other conditions are UNPREDICTABLE, UNDEFINED here)
  enc('CLZ', 'cccc000101101111dddd11110001mmmm', v5.CLZ, g.formatClz, 'v5T'),
  enc('BLX_reg', 'cccc000100101111111111110011mmmm', v5.BLX_reg, g.formatBlxRegister, 'v5T'),
  enc('BKPT', '111000010010iiiiiiiiiiii0111iiii', v5.BKPT, g.formatBkpt, 'v5T'),

  // ---- ARMv5TE: doubleword transfers (the L = 0 halves of the signed-load space), MCRR/MRRC, DSP
  enc('LDRD_imm', 'cccc000PU1W0nnnnddddiiii1101iiii', dual.LDRD, f.formatHalfwordTransfer, 'v5TE'),
  enc('LDRD_reg', 'cccc000PU0W0nnnndddd00001101mmmm', dual.LDRD, f.formatHalfwordTransfer, 'v5TE'),
  enc('STRD_imm', 'cccc000PU1W0nnnnddddiiii1111iiii', dual.STRD, f.formatHalfwordTransfer, 'v5TE'),
  enc('STRD_reg', 'cccc000PU0W0nnnndddd00001111mmmm', dual.STRD, f.formatHalfwordTransfer, 'v5TE'),
  enc('MCRR', 'cccc11000100nnnnddddppppoooommmm', cop5.MCRR, g.formatMcrr, 'v5TE'),
  enc('MRRC', 'cccc11000101nnnnddddppppoooommmm', cop5.MRRC, g.formatMcrr, 'v5TE'),
  enc('QADD', 'cccc00010000nnnndddd00000101mmmm', dsp.QADD, g.formatSaturatingArithmetic, 'v5TE'),
  enc('QSUB', 'cccc00010010nnnndddd00000101mmmm', dsp.QSUB, g.formatSaturatingArithmetic, 'v5TE'),
  enc('QDADD', 'cccc00010100nnnndddd00000101mmmm', dsp.QDADD, g.formatSaturatingArithmetic, 'v5TE'),
  enc('QDSUB', 'cccc00010110nnnndddd00000101mmmm', dsp.QDSUB, g.formatSaturatingArithmetic, 'v5TE'),
  enc('SMLAxy', 'cccc00010000ddddnnnnssss1yx0mmmm', dsp.SMLAxy, g.formatMultiply16, 'v5TE'),
  enc('SMLAWy', 'cccc00010010ddddnnnnssss1y00mmmm', dsp.SMLAWy, g.formatMultiply16, 'v5TE'),
  enc('SMULWy', 'cccc00010010dddd0000ssss1y10mmmm', dsp.SMULWy, g.formatMultiply16, 'v5TE'),
  enc('SMLALxy', 'cccc00010100hhhhllllssss1yx0mmmm', dsp.SMLALxy, g.formatMultiply16, 'v5TE'),
  enc('SMULxy', 'cccc00010110dddd0000ssss1yx0mmmm', dsp.SMULxy, g.formatMultiply16, 'v5TE'),

  // ---- ARMv5TEJ: BXJ (Jazelle never enabled: it is BX)
  enc('BXJ', 'cccc000100101111111111110010mmmm', v5.BXJ, g.formatBxj, 'v5TEJ'),

  // ---- ARMv6: exclusives, UMAAL
  enc('LDREX', 'cccc00011001nnnndddd111110011111', ex.LDREX, g.formatLoadExclusive, 'v6'),
  enc('STREX', 'cccc00011000nnnndddd11111001mmmm', ex.STREX, g.formatStoreExclusive, 'v6'),
  enc('UMAAL', 'cccc00000100hhhhllllssss1001mmmm', mul6.UMAAL, g.formatUmaal, 'v6'),

  // ---- ARMv6 media (cccc 011x … xxx1 xxxx): parallel add/subtract, prefix [22:20] × operation [7:5]
  enc('SADD16', 'cccc01100001nnnndddd11110001mmmm', par.SADD16, g.formatParallel, 'v6'), enc('SASX', 'cccc01100001nnnndddd11110011mmmm', par.SASX, g.formatParallel, 'v6'), enc('SSAX', 'cccc01100001nnnndddd11110101mmmm', par.SSAX, g.formatParallel, 'v6'),
  enc('SSUB16', 'cccc01100001nnnndddd11110111mmmm', par.SSUB16, g.formatParallel, 'v6'), enc('SADD8', 'cccc01100001nnnndddd11111001mmmm', par.SADD8, g.formatParallel, 'v6'), enc('SSUB8', 'cccc01100001nnnndddd11111111mmmm', par.SSUB8, g.formatParallel, 'v6'),
  enc('QADD16', 'cccc01100010nnnndddd11110001mmmm', par.QADD16, g.formatParallel, 'v6'), enc('QASX', 'cccc01100010nnnndddd11110011mmmm', par.QASX, g.formatParallel, 'v6'), enc('QSAX', 'cccc01100010nnnndddd11110101mmmm', par.QSAX, g.formatParallel, 'v6'),
  enc('QSUB16', 'cccc01100010nnnndddd11110111mmmm', par.QSUB16, g.formatParallel, 'v6'), enc('QADD8', 'cccc01100010nnnndddd11111001mmmm', par.QADD8, g.formatParallel, 'v6'), enc('QSUB8', 'cccc01100010nnnndddd11111111mmmm', par.QSUB8, g.formatParallel, 'v6'),
  enc('SHADD16', 'cccc01100011nnnndddd11110001mmmm', par.SHADD16, g.formatParallel, 'v6'), enc('SHASX', 'cccc01100011nnnndddd11110011mmmm', par.SHASX, g.formatParallel, 'v6'), enc('SHSAX', 'cccc01100011nnnndddd11110101mmmm', par.SHSAX, g.formatParallel, 'v6'),
  enc('SHSUB16', 'cccc01100011nnnndddd11110111mmmm', par.SHSUB16, g.formatParallel, 'v6'), enc('SHADD8', 'cccc01100011nnnndddd11111001mmmm', par.SHADD8, g.formatParallel, 'v6'), enc('SHSUB8', 'cccc01100011nnnndddd11111111mmmm', par.SHSUB8, g.formatParallel, 'v6'),
  enc('UADD16', 'cccc01100101nnnndddd11110001mmmm', par.UADD16, g.formatParallel, 'v6'), enc('UASX', 'cccc01100101nnnndddd11110011mmmm', par.UASX, g.formatParallel, 'v6'), enc('USAX', 'cccc01100101nnnndddd11110101mmmm', par.USAX, g.formatParallel, 'v6'),
  enc('USUB16', 'cccc01100101nnnndddd11110111mmmm', par.USUB16, g.formatParallel, 'v6'), enc('UADD8', 'cccc01100101nnnndddd11111001mmmm', par.UADD8, g.formatParallel, 'v6'), enc('USUB8', 'cccc01100101nnnndddd11111111mmmm', par.USUB8, g.formatParallel, 'v6'),
  enc('UQADD16', 'cccc01100110nnnndddd11110001mmmm', par.UQADD16, g.formatParallel, 'v6'), enc('UQASX', 'cccc01100110nnnndddd11110011mmmm', par.UQASX, g.formatParallel, 'v6'), enc('UQSAX', 'cccc01100110nnnndddd11110101mmmm', par.UQSAX, g.formatParallel, 'v6'),
  enc('UQSUB16', 'cccc01100110nnnndddd11110111mmmm', par.UQSUB16, g.formatParallel, 'v6'), enc('UQADD8', 'cccc01100110nnnndddd11111001mmmm', par.UQADD8, g.formatParallel, 'v6'), enc('UQSUB8', 'cccc01100110nnnndddd11111111mmmm', par.UQSUB8, g.formatParallel, 'v6'),
  enc('UHADD16', 'cccc01100111nnnndddd11110001mmmm', par.UHADD16, g.formatParallel, 'v6'), enc('UHASX', 'cccc01100111nnnndddd11110011mmmm', par.UHASX, g.formatParallel, 'v6'), enc('UHSAX', 'cccc01100111nnnndddd11110101mmmm', par.UHSAX, g.formatParallel, 'v6'),
  enc('UHSUB16', 'cccc01100111nnnndddd11110111mmmm', par.UHSUB16, g.formatParallel, 'v6'), enc('UHADD8', 'cccc01100111nnnndddd11111001mmmm', par.UHADD8, g.formatParallel, 'v6'), enc('UHSUB8', 'cccc01100111nnnndddd11111111mmmm', par.UHSUB8, g.formatParallel, 'v6'),
  enc('SEL', 'cccc01101000nnnndddd11111011mmmm', par.SEL, g.formatSel, 'v6'),
  enc('PKHBT', 'cccc01101000nnnnddddiiiii001mmmm', media.PKHBT, g.formatPack, 'v6'),
  enc('PKHTB', 'cccc01101000nnnnddddiiiii101mmmm', media.PKHTB, g.formatPack, 'v6'),
  enc('SSAT', 'cccc0110101sssssddddiiiiit01nnnn', media.SSAT, g.formatSaturate, 'v6'),
  enc('USAT', 'cccc0110111sssssddddiiiiit01nnnn', media.USAT, g.formatSaturate, 'v6'),
  enc('SSAT16', 'cccc01101010ssssdddd11110011nnnn', media.SSAT16, g.formatSaturate16, 'v6'),
  enc('USAT16', 'cccc01101110ssssdddd11110011nnnn', media.USAT16, g.formatSaturate16, 'v6'),
  // Extends: Rn = 1111 is the plain form, carved out of the accumulate one.
  enc('SXTAB16', 'cccc01101000nnnnddddrr000111mmmm', media.SXTAB16, g.formatExtend, 'v6'),
  enc('SXTB16', 'cccc011010001111ddddrr000111mmmm', media.SXTB16, g.formatExtend, 'v6'),
  enc('SXTAB', 'cccc01101010nnnnddddrr000111mmmm', media.SXTAB, g.formatExtend, 'v6'),
  enc('SXTB', 'cccc011010101111ddddrr000111mmmm', media.SXTB, g.formatExtend, 'v6'),
  enc('SXTAH', 'cccc01101011nnnnddddrr000111mmmm', media.SXTAH, g.formatExtend, 'v6'),
  enc('SXTH', 'cccc011010111111ddddrr000111mmmm', media.SXTH, g.formatExtend, 'v6'),
  enc('UXTAB16', 'cccc01101100nnnnddddrr000111mmmm', media.UXTAB16, g.formatExtend, 'v6'),
  enc('UXTB16', 'cccc011011001111ddddrr000111mmmm', media.UXTB16, g.formatExtend, 'v6'),
  enc('UXTAB', 'cccc01101110nnnnddddrr000111mmmm', media.UXTAB, g.formatExtend, 'v6'),
  enc('UXTB', 'cccc011011101111ddddrr000111mmmm', media.UXTB, g.formatExtend, 'v6'),
  enc('UXTAH', 'cccc01101111nnnnddddrr000111mmmm', media.UXTAH, g.formatExtend, 'v6'),
  enc('UXTH', 'cccc011011111111ddddrr000111mmmm', media.UXTH, g.formatExtend, 'v6'),
  enc('REV', 'cccc011010111111dddd11110011mmmm', media.REV, g.formatReverse, 'v6'),
  enc('REV16', 'cccc011010111111dddd11111011mmmm', media.REV16, g.formatReverse, 'v6'),
  enc('REVSH', 'cccc011011111111dddd11111011mmmm', media.REVSH, g.formatReverse, 'v6'),
  // Multiplies: Ra = 1111 is the non-accumulating form (same handler: it checks Ra).
  enc('SMLAD', 'cccc01110000ddddaaaassss00x1mmmm', mul6.SMLAD, g.formatDualMultiply, 'v6'),
  enc('SMUAD', 'cccc01110000dddd1111ssss00x1mmmm', mul6.SMLAD, g.formatDualMultiply, 'v6'),
  enc('SMLSD', 'cccc01110000ddddaaaassss01x1mmmm', mul6.SMLSD, g.formatDualMultiply, 'v6'),
  enc('SMUSD', 'cccc01110000dddd1111ssss01x1mmmm', mul6.SMLSD, g.formatDualMultiply, 'v6'),
  enc('SMLALD', 'cccc01110100hhhhllllssss00x1mmmm', mul6.SMLALD, g.formatDualMultiplyLong, 'v6'),
  enc('SMLSLD', 'cccc01110100hhhhllllssss01x1mmmm', mul6.SMLSLD, g.formatDualMultiplyLong, 'v6'),
  enc('SMMLA', 'cccc01110101ddddaaaassss00r1mmmm', mul6.SMMLA, g.formatMostSignificantMultiply, 'v6'),
  enc('SMMUL', 'cccc01110101dddd1111ssss00r1mmmm', mul6.SMMLA, g.formatMostSignificantMultiply, 'v6'),
  enc('SMMLS', 'cccc01110101ddddaaaassss11r1mmmm', mul6.SMMLS, g.formatMostSignificantMultiply, 'v6'),
  enc('USADA8', 'cccc01111000ddddaaaassss0001mmmm', par.USADA8, g.formatUsad, 'v6'),
  enc('USAD8', 'cccc01111000dddd1111ssss0001mmmm', par.USAD8, g.formatUsad, 'v6'),

  // ---- ARMv6K: byte/halfword/doubleword exclusives; hints in the MSR-immediate space with an empty mask
  enc('LDREXB', 'cccc00011101nnnndddd111110011111', ex.LDREXB, g.formatLoadExclusive, 'v6K'),
  enc('STREXB', 'cccc00011100nnnndddd11111001mmmm', ex.STREXB, g.formatStoreExclusive, 'v6K'),
  enc('LDREXH', 'cccc00011111nnnndddd111110011111', ex.LDREXH, g.formatLoadExclusive, 'v6K'),
  enc('STREXH', 'cccc00011110nnnndddd11111001mmmm', ex.STREXH, g.formatStoreExclusive, 'v6K'),
  enc('LDREXD', 'cccc00011011nnnndddd111110011111', ex.LDREXD, g.formatLoadExclusive, 'v6K'),
  enc('STREXD', 'cccc00011010nnnndddd11111001mmmm', ex.STREXD, g.formatStoreExclusive, 'v6K'),
  enc('NOP', 'cccc0011001000001111000000000000', sys.NOP, g.formatHint, 'v6K'),
  enc('YIELD', 'cccc0011001000001111000000000001', sys.YIELD, g.formatHint, 'v6K'),
  enc('WFE', 'cccc0011001000001111000000000010', sys.WFE, g.formatHint, 'v6K'),
  enc('WFI', 'cccc0011001000001111000000000011', sys.WFI, g.formatHint, 'v6K'),
  enc('SEV', 'cccc0011001000001111000000000100', sys.SEV, g.formatHint, 'v6K'),

  // ---- ARMv6Z (TrustZone): SMC
  enc('SMC', 'cccc000101100000000000000111iiii', v5.SMC, g.formatSmc, 'v6Z'),
];

/**
 * ARM words with cond = 0b1111 (the unconditional space). UNPREDICTABLE on ARMv4T, which we treat as
 * UNDEFINED, so nothing here is v4T; ARMv5 adds BLX (immediate), PLD and the *2 coprocessor forms, ARMv6
 * MCRR2/MRRC2, CPS, SETEND, SRS and RFE, ARMv6K CLREX. Field letters as above, plus H (BLX halfword bit),
 * e (CPS imod), M (CPS change mode), A I F (CPS flags), E (SETEND), o (mode, or MCRR's opc1).
 */
export const ARM_UNCONDITIONAL_ENCODINGS: readonly ArmEncoding[] = [
  enc('BLX_imm', '1111101Hiiiiiiiiiiiiiiiiiiiiiiii', v5.BLX_imm, g.formatBlxImmediate, 'v5T'),
  enc('CDP2', '11111110aaaannnnddddppppbbb0mmmm', cop5.CDP2, g.formatCdp2, 'v5T'),
  enc('MCR2', '11111110aaa0nnnnddddppppbbb1mmmm', cop5.MCR2, g.formatCoprocessorRegisterTransfer2, 'v5T'),
  enc('MRC2', '11111110aaa1nnnnddddppppbbb1mmmm', cop5.MRC2, g.formatCoprocessorRegisterTransfer2, 'v5T'),
  enc('STC2', '11111101UNW0nnnnddddppppiiiiiiii', cop5.STC2, g.formatCoprocessorLoadStore2, 'v5T'),
  enc('LDC2', '11111101UNW1nnnnddddppppiiiiiiii', cop5.LDC2, g.formatCoprocessorLoadStore2, 'v5T'),
  enc('STC2_post', '111111001NW0nnnnddddppppiiiiiiii', cop5.STC2, g.formatCoprocessorLoadStore2, 'v5T'),
  enc('LDC2_post', '111111001NW1nnnnddddppppiiiiiiii', cop5.LDC2, g.formatCoprocessorLoadStore2, 'v5T'),
  enc('STC2_post_down', '111111000N10nnnnddddppppiiiiiiii', cop5.STC2, g.formatCoprocessorLoadStore2, 'v5T'),
  enc('LDC2_post_down', '111111000N11nnnnddddppppiiiiiiii', cop5.LDC2, g.formatCoprocessorLoadStore2, 'v5T'),
  enc('PLD_imm', '11110101U101nnnn1111iiiiiiiiiiii', v5.PLD, g.formatPld, 'v5TE'),
  enc('PLD_reg', '11110111U101nnnn1111iiiiitt0mmmm', v5.PLD, g.formatPld, 'v5TE'),
  enc('MCRR2', '111111000100nnnnddddppppoooommmm', cop5.MCRR2, g.formatMcrr, 'v6'),
  enc('MRRC2', '111111000101nnnnddddppppoooommmm', cop5.MRRC2, g.formatMcrr, 'v6'),
  enc('CPS', '111100010000eeM00000000AIF0ooooo', sys.CPS, g.formatCps, 'v6'),
  enc('SETEND', '1111000100000001000000E000000000', sys.SETEND, g.formatSetend, 'v6'),
  enc('SRS', '1111100PU1W0110100000101000ooooo', sys.SRS, g.formatSrs, 'v6'),
  enc('RFE', '1111100PU0W1nnnn0000101000000000', sys.RFE, g.formatRfe, 'v6'),
  enc('CLREX', '11110101011111111111000000011111', ex.CLREX, g.formatClrex, 'v6K'),
];
