import type { Cpu } from '../../cpu/cpu.js';
import {
  immediateOperand,
  immediateOperandCarry,
  readRegLate,
  shiftByImmediate,
  shiftByImmediateCarry,
  shiftByRegister,
  shiftByRegisterCarry,
  shifterOut,
} from './shifter.js';
import { PIPELINE, chargeLoadUse } from './timing.js';

/**
 * Data-processing instructions (ARM ARM A4.1): 16 operations × 3 operand forms (`_imm` rotated immediate,
 * `_reg` register shifted by an immediate, `_rsr` register shifted by a register). Each handler is a
 * one-line composition of an operand function and an operation kernel so V8 inlines both.
 * S with Rd = r15 copies SPSR to CPSR and branches (exception return) instead of setting flags.
 */

const S_BIT = 1 << 20;

/** Writes Rd; r15 is a branch (v4T: no interworking), preceded by SPSR → CPSR when S is set. */
function writeResult(cpu: Cpu, instr: number, result: number): void {
  const rd = (instr >>> 12) & 15;
  if (rd !== 15) {
    cpu.r[rd] = result;
    return;
  }
  if ((instr & S_BIT) !== 0) cpu.restoreCpsrFromSpsr();
  cpu.branchTo(result);
  cpu.extraCycles += PIPELINE.pipelineRefill;
}

/** True when the S bit asks for flags and Rd is not r15 (which restores CPSR instead). */
function setsFlags(instr: number): boolean {
  return (instr & S_BIT) !== 0 && (instr & 0xf000) !== 0xf000;
}

// ---- operation kernels: a = Rn, b = shifter operand (both uint32) ----

function logical(cpu: Cpu, instr: number, result: number): void {
  if (setsFlags(instr)) {
    cpu.n = result >>> 31;
    cpu.z = result === 0 ? 1 : 0;
    cpu.c = shifterOut.carry;
  }
  writeResult(cpu, instr, result);
}

function addWithCarry(cpu: Cpu, instr: number, a: number, b: number, carryIn: number): void {
  const sum = a + b + carryIn;
  const result = sum >>> 0;
  if (setsFlags(instr)) {
    cpu.n = result >>> 31;
    cpu.z = result === 0 ? 1 : 0;
    cpu.c = sum > 0xffffffff ? 1 : 0;
    cpu.v = ((a ^ result) & (b ^ result)) >>> 31;
  }
  writeResult(cpu, instr, result);
}

/** a - b - (1 - carryIn); C = NOT borrow. */
function subtractWithCarry(cpu: Cpu, instr: number, a: number, b: number, carryIn: number): void {
  const difference = a - b - (1 - carryIn);
  const result = difference >>> 0;
  if (setsFlags(instr)) {
    cpu.n = result >>> 31;
    cpu.z = result === 0 ? 1 : 0;
    cpu.c = difference >= 0 ? 1 : 0;
    cpu.v = ((a ^ b) & (a ^ result)) >>> 31;
  }
  writeResult(cpu, instr, result);
}

function testFlags(cpu: Cpu, result: number): void {
  cpu.n = result >>> 31;
  cpu.z = result === 0 ? 1 : 0;
  cpu.c = shifterOut.carry;
}

function compareFlags(cpu: Cpu, a: number, b: number, carryIn: number, subtract: boolean): void {
  if (subtract) {
    const difference = a - b - (1 - carryIn);
    const result = difference >>> 0;
    cpu.n = result >>> 31;
    cpu.z = result === 0 ? 1 : 0;
    cpu.c = difference >= 0 ? 1 : 0;
    cpu.v = ((a ^ b) & (a ^ result)) >>> 31;
  } else {
    const sum = a + b;
    const result = sum >>> 0;
    cpu.n = result >>> 31;
    cpu.z = result === 0 ? 1 : 0;
    cpu.c = sum > 0xffffffff ? 1 : 0;
    cpu.v = ((a ^ result) & (b ^ result)) >>> 31;
  }
}

function AND(cpu: Cpu, instr: number, a: number, b: number): void {
  logical(cpu, instr, (a & b) >>> 0);
}
function EOR(cpu: Cpu, instr: number, a: number, b: number): void {
  logical(cpu, instr, (a ^ b) >>> 0);
}
function SUB(cpu: Cpu, instr: number, a: number, b: number): void {
  subtractWithCarry(cpu, instr, a, b, 1);
}
function RSB(cpu: Cpu, instr: number, a: number, b: number): void {
  subtractWithCarry(cpu, instr, b, a, 1);
}
function ADD(cpu: Cpu, instr: number, a: number, b: number): void {
  addWithCarry(cpu, instr, a, b, 0);
}
function ADC(cpu: Cpu, instr: number, a: number, b: number): void {
  addWithCarry(cpu, instr, a, b, cpu.c);
}
function SBC(cpu: Cpu, instr: number, a: number, b: number): void {
  subtractWithCarry(cpu, instr, a, b, cpu.c);
}
function RSC(cpu: Cpu, instr: number, a: number, b: number): void {
  subtractWithCarry(cpu, instr, b, a, cpu.c);
}
function TST(cpu: Cpu, _instr: number, a: number, b: number): void {
  testFlags(cpu, (a & b) >>> 0);
}
function TEQ(cpu: Cpu, _instr: number, a: number, b: number): void {
  testFlags(cpu, (a ^ b) >>> 0);
}
function CMP(cpu: Cpu, _instr: number, a: number, b: number): void {
  compareFlags(cpu, a, b, 1, true);
}
function CMN(cpu: Cpu, _instr: number, a: number, b: number): void {
  compareFlags(cpu, a, b, 0, false);
}
function ORR(cpu: Cpu, instr: number, a: number, b: number): void {
  logical(cpu, instr, (a | b) >>> 0);
}
function MOV(cpu: Cpu, instr: number, _a: number, b: number): void {
  logical(cpu, instr, b);
}
function BIC(cpu: Cpu, instr: number, a: number, b: number): void {
  logical(cpu, instr, (a & ~b) >>> 0);
}
function MVN(cpu: Cpu, instr: number, _a: number, b: number): void {
  logical(cpu, instr, ~b >>> 0);
}

// ---- registers each form reads, for the load-use interlock ----

function readsRn(instr: number): number {
  return 1 << ((instr >>> 16) & 15);
}
function readsRm(instr: number): number {
  return 1 << (instr & 15);
}
function readsRmRs(instr: number): number {
  return (1 << (instr & 15)) | (1 << ((instr >>> 8) & 15));
}

// ---- handlers: <OP>_imm, <OP>_reg, <OP>_rsr ----
// A register-specified shift costs one more cycle and reads r15 as +12.

export function AND_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  AND(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperandCarry(cpu, instr));
}
export function AND_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  AND(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediateCarry(cpu, instr));
}
export function AND_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  AND(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegisterCarry(cpu, instr));
}
export function EOR_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  EOR(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperandCarry(cpu, instr));
}
export function EOR_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  EOR(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediateCarry(cpu, instr));
}
export function EOR_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  EOR(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegisterCarry(cpu, instr));
}
export function SUB_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  SUB(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperand(instr));
}
export function SUB_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  SUB(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediate(cpu, instr));
}
export function SUB_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  SUB(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegister(cpu, instr));
}
export function RSB_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  RSB(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperand(instr));
}
export function RSB_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  RSB(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediate(cpu, instr));
}
export function RSB_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  RSB(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegister(cpu, instr));
}
export function ADD_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  ADD(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperand(instr));
}
export function ADD_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  ADD(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediate(cpu, instr));
}
export function ADD_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  ADD(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegister(cpu, instr));
}
export function ADC_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  ADC(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperand(instr));
}
export function ADC_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  ADC(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediate(cpu, instr));
}
export function ADC_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  ADC(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegister(cpu, instr));
}
export function SBC_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  SBC(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperand(instr));
}
export function SBC_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  SBC(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediate(cpu, instr));
}
export function SBC_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  SBC(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegister(cpu, instr));
}
export function RSC_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  RSC(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperand(instr));
}
export function RSC_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  RSC(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediate(cpu, instr));
}
export function RSC_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  RSC(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegister(cpu, instr));
}
export function TST_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  TST(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperandCarry(cpu, instr));
}
export function TST_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  TST(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediateCarry(cpu, instr));
}
export function TST_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  TST(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegisterCarry(cpu, instr));
}
export function TEQ_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  TEQ(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperandCarry(cpu, instr));
}
export function TEQ_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  TEQ(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediateCarry(cpu, instr));
}
export function TEQ_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  TEQ(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegisterCarry(cpu, instr));
}
export function CMP_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  CMP(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperand(instr));
}
export function CMP_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  CMP(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediate(cpu, instr));
}
export function CMP_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  CMP(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegister(cpu, instr));
}
export function CMN_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  CMN(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperand(instr));
}
export function CMN_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  CMN(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediate(cpu, instr));
}
export function CMN_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  CMN(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegister(cpu, instr));
}
export function ORR_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  ORR(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperandCarry(cpu, instr));
}
export function ORR_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  ORR(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediateCarry(cpu, instr));
}
export function ORR_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  ORR(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegisterCarry(cpu, instr));
}
export function MOV_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 0);
  MOV(cpu, instr, 0, immediateOperandCarry(cpu, instr));
}
export function MOV_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRm(instr));
  MOV(cpu, instr, 0, shiftByImmediateCarry(cpu, instr));
}
export function MOV_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  MOV(cpu, instr, 0, shiftByRegisterCarry(cpu, instr));
}
export function BIC_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr));
  BIC(cpu, instr, cpu.r[(instr >>> 16) & 15], immediateOperandCarry(cpu, instr));
}
export function BIC_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRm(instr));
  BIC(cpu, instr, cpu.r[(instr >>> 16) & 15], shiftByImmediateCarry(cpu, instr));
}
export function BIC_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRn(instr) | readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  BIC(cpu, instr, readRegLate(cpu, (instr >>> 16) & 15), shiftByRegisterCarry(cpu, instr));
}
export function MVN_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 0);
  MVN(cpu, instr, 0, immediateOperandCarry(cpu, instr));
}
export function MVN_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRm(instr));
  MVN(cpu, instr, 0, shiftByImmediateCarry(cpu, instr));
}
export function MVN_rsr(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, readsRmRs(instr));
  cpu.extraCycles += PIPELINE.registerShift;
  MVN(cpu, instr, 0, shiftByRegisterCarry(cpu, instr));
}
