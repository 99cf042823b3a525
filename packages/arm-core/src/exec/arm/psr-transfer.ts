import type { Cpu } from '../../cpu/cpu.js';
import type { ArchVersion } from '../../cpu/arch.js';
import { chargeLoadUse } from './timing.js';
import { immediateOperand } from './shifter.js';

/**
 * MRS/MSR (ARM ARM A4.1.38, A4.1.39). MSR writes the bytes selected by the field mask (c = [7:0],
 * x = [15:8], s = [23:16], f = [31:24]) limited to the bits the architecture defines: in User mode only
 * the flags; the T bit (and J) never through the CPSR, only through an SPSR. MRS/MSR of the SPSR in a mode
 * without one is UNPREDICTABLE: MRS reads the CPSR and MSR is ignored.
 */

const R_BIT = 1 << 22;

interface PsrMasks {
  /** Writable in any mode. */
  readonly user: number;
  /** Writable in privileged modes. */
  readonly privileged: number;
  /** Execution-state bits, writable only in an SPSR. */
  readonly state: number;
}

const V4_MASKS: PsrMasks = { user: 0xf0000000, privileged: 0x000000df, state: 0x00000020 };
const V5TE_MASKS: PsrMasks = { user: 0xf8000000, privileged: 0x000000df, state: 0x00000020 };
const V5TEJ_MASKS: PsrMasks = { user: 0xf8000000, privileged: 0x000000df, state: 0x01000020 };
const V6_MASKS: PsrMasks = { user: 0xf80f0200, privileged: 0x000001df, state: 0x01000020 };

const PSR_MASKS: Record<ArchVersion, PsrMasks> = {
  v4T: V4_MASKS,
  v5T: V4_MASKS,
  v5TE: V5TE_MASKS,
  v5TEJ: V5TEJ_MASKS,
  v6: V6_MASKS,
  v6K: V6_MASKS,
  v6Z: V6_MASKS,
};

export function MRS(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  const value = (instr & R_BIT) !== 0 && cpu.hasSpsr ? cpu.currentSpsr : cpu.cpsr;
  cpu.writeReg((instr >>> 12) & 15, value >>> 0);
}

function byteMaskOf(instr: number): number {
  const fields = (instr >>> 16) & 15;
  return ((fields & 1 ? 0xff : 0) | (fields & 2 ? 0xff00 : 0) | (fields & 4 ? 0xff0000 : 0) | (fields & 8 ? 0xff000000 : 0)) >>> 0;
}

function writePsr(cpu: Cpu, instr: number, operand: number): void {
  const masks = PSR_MASKS[cpu.arch];
  const byteMask = byteMaskOf(instr);
  if ((instr & R_BIT) !== 0) {
    if (!cpu.hasSpsr) return;
    const mask = byteMask & (masks.user | masks.privileged | masks.state);
    cpu.currentSpsr = ((cpu.currentSpsr & ~mask) | (operand & mask)) >>> 0;
    return;
  }
  const mask = byteMask & (cpu.privileged ? masks.user | masks.privileged : masks.user);
  if (mask === 0) return;
  cpu.writeCpsr(((cpu.cpsr & ~mask) | (operand & mask)) >>> 0);
}

export function MSR_reg(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << (instr & 15));
  writePsr(cpu, instr, cpu.r[instr & 15]);
}

export function MSR_imm(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  writePsr(cpu, instr, immediateOperand(instr));
}
