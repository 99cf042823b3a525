import type { Cpu } from '../../cpu/cpu.js';
import { Mode, PSR, bankOf } from '../../cpu/modes.js';
import { PIPELINE, chargeLoadUse } from './timing.js';
import { undefinedArm } from './branch.js';
import { loadWordAligned, storeWordAligned } from '../data-access.js';

/**
 * ARMv6 system instructions: CPS, SETEND, SRS, RFE (cond = 1111) and the ARMv6K hints NOP/YIELD/WFE/WFI/SEV
 * (ARM ARM A4.1.16, A4.1.90, A4.1.59, A4.1.98; hints from ARMv6K). The Thumb CPS/SETEND reuse `changeState`
 * and `setEndianness`.
 */

const P_BIT = 1 << 24;
const U_BIT = 1 << 23;
const W_BIT = 1 << 21;

/**
 * Changes A/I/F and the mode as CPS does: `imod` 2 enables (clears) and 3 disables (sets) the selected
 * flags (`aif`: A = 4, I = 2, F = 1); `mode` is applied when `changeMode`. No effect in User mode.
 */
export function changeState(cpu: Cpu, imod: number, aif: number, changeMode: boolean, mode: number): void {
  if (!cpu.privileged) return;
  let cpsr = cpu.cpsr;
  const bits = ((aif & 4) !== 0 ? PSR.A : 0) | ((aif & 2) !== 0 ? PSR.I : 0) | ((aif & 1) !== 0 ? PSR.F : 0);
  if (imod === 2) cpsr &= ~bits;
  else if (imod === 3) cpsr |= bits;
  // An invalid mode is UNPREDICTABLE: keep the current one (writeCpsr does).
  if (changeMode) cpsr = (cpsr & ~PSR.MODE_MASK) | mode;
  cpu.writeCpsr(cpsr >>> 0);
}

/** CPS<effect> <aif>{, #mode}: imod [19:18], M [17], A I F [8:6], mode [4:0]. */
export function CPS(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  changeState(cpu, (instr >>> 18) & 3, (instr >>> 6) & 7, (instr & (1 << 17)) !== 0, instr & 0x1f);
}

/** CPSR.E ← big; data accesses follow it (Cpu.writeCpsr keeps `bigEndianData` in step). Any mode. */
export function setEndianness(cpu: Cpu, big: boolean): void {
  if (cpu.bigEndianData === big) return;
  cpu.writeCpsr(((cpu.cpsr & ~PSR.E) | (big ? PSR.E : 0)) >>> 0);
}

/** SETEND BE/LE: E is bit 9. */
export function SETEND(cpu: Cpu, instr: number): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  setEndianness(cpu, (instr & (1 << 9)) !== 0);
}

/** Lowest address of a two-word SRS/RFE transfer from base `base`: IA, IB, DA, DB. */
function startAddress(instr: number, base: number): number {
  if ((instr & U_BIT) !== 0) return ((instr & P_BIT) !== 0 ? base + 4 : base) >>> 0;
  return ((instr & P_BIT) !== 0 ? base - 8 : base - 4) >>> 0;
}

function nextBase(instr: number, base: number): number {
  return ((instr & U_BIT) !== 0 ? base + 8 : base - 8) >>> 0;
}

/**
 * SRS<mode> sp{!}, #mode: stores LR and SPSR of the current mode to the stack of `mode` (SP of that mode as
 * the base). Needs an SPSR: in User or System mode, or with an invalid target mode, it is UNPREDICTABLE and
 * we make it UNDEFINED (as QEMU does in User mode).
 */
export function SRS(cpu: Cpu, instr: number): void {
  const mode = instr & 0x1f;
  if (!cpu.hasSpsr || bankOf(mode) < 0 || mode === Mode.USR) {
    undefinedArm(cpu, instr);
    return;
  }
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << 14);
  const base = cpu.readBanked(13, mode);
  const address = startAddress(instr, base);
  storeWordAligned(cpu, address, cpu.r[14]);
  storeWordAligned(cpu, (address + 4) >>> 0, cpu.currentSpsr);
  if ((instr & W_BIT) !== 0) cpu.writeBanked(13, mode, nextBase(instr, base));
  cpu.extraCycles += 1;
}

/**
 * RFE<mode> Rn{!}: loads PC and then CPSR from memory (an exception return). Privileged only; in User mode
 * it is UNPREDICTABLE and UNDEFINED here. Both words are read before anything changes.
 */
export function RFE(cpu: Cpu, instr: number): void {
  if (!cpu.privileged) {
    undefinedArm(cpu, instr);
    return;
  }
  const rn = (instr >>> 16) & 15;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
  const base = cpu.r[rn];
  const address = startAddress(instr, base);
  const pc = loadWordAligned(cpu, address);
  const cpsr = loadWordAligned(cpu, (address + 4) >>> 0);
  if ((instr & W_BIT) !== 0) cpu.writeReg(rn, nextBase(instr, base));
  cpu.writeCpsr(cpsr);
  cpu.branchTo(pc);
  cpu.extraCycles += PIPELINE.loadMultiplePc + 1;
}

// ---- hints (the MSR-immediate space with an empty field mask) ------------------------------------------

export function NOP(cpu: Cpu): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
}

/** YIELD: a hint for multithreading; one core, so nothing to yield to. */
export const YIELD = NOP;

/** WFE: no event register is modelled (one core, SEV has nobody to wake), so it completes at once like a NOP. */
export const WFE = NOP;

/** SEV: no other core to signal. */
export const SEV = NOP;

/** WFI: sleep until an interrupt (the run loop skips idle time). */
export function WFI(cpu: Cpu): void {
  if (cpu.pendingLoadUse !== 0) cpu.pendingLoadUse = 0;
  cpu.waitingForInterrupt = true;
}
