import { archAtLeast } from '../../cpu/arch.js';
import type { Cpu } from '../../cpu/cpu.js';
import { LOAD_PC_CYCLES, LOAD_USE_CYCLES, blockTransferExtraCycles, chargeLoadUse, noteLoad } from './timing.js';
import { loadWordAligned, storeWordAligned } from '../data-access.js';

/*
 * Thumb PUSH/POP (format 14) and LDMIA/STMIA (format 15). Empty register lists never reach these handlers
 * (the encoding table sends them to UNDEFINED). Transfers use the aligned word (no rotation). Loads go to a
 * scratch buffer and are committed only when all reads succeeded, so an abort leaves registers and the
 * base unchanged (ARM920T restores the base on an aborted LDM; the other registers would be UNPREDICTABLE).
 */

const POPCOUNT8 = (() => {
  const t = new Uint8Array(256);
  for (let i = 1; i < 256; i++) t[i] = (i & 1) + t[i >>> 1];
  return t;
})();

/** Loaded values waiting to be committed (at most r0–r7 and PC). */
const scratch = new Uint32Array(9);

/** PUSH {list, LR?}: STMDB SP!, lowest register at the lowest address. */
export function thumbPush(cpu: Cpu, instr: number): void {
  const list = instr & 0xff;
  const withLr = (instr >>> 8) & 1;
  const count = POPCOUNT8[list] + withLr;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, list | (withLr << 14) | (1 << 13));
  cpu.extraCycles += blockTransferExtraCycles(count);
  const base = (cpu.r[13] - 4 * count) >>> 0;
  let address = base;
  for (let i = 0; i < 8; i++) {
    if ((list >>> i) & 1) {
      storeWordAligned(cpu, address, cpu.r[i]);
      address = (address + 4) >>> 0;
    }
  }
  if (withLr) storeWordAligned(cpu, address, cpu.r[14]);
  cpu.r[13] = base;
}

/**
 * POP {list, PC?}: LDMIA SP!. Loading PC stays in Thumb state on ARMv4T (bit 0 ignored); from ARMv5T
 * bit 0 selects the state, as for BX.
 */
export function thumbPop(cpu: Cpu, instr: number): void {
  const list = instr & 0xff;
  const withPc = (instr >>> 8) & 1;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << 13);
  let address = cpu.r[13];
  let k = 0;
  for (let i = 0; i < 8; i++) {
    if ((list >>> i) & 1) {
      scratch[k++] = loadWordAligned(cpu, address);
      address = (address + 4) >>> 0;
    }
  }
  let pc = 0;
  if (withPc) {
    pc = loadWordAligned(cpu, address);
    address = (address + 4) >>> 0;
  }
  k = 0;
  let last = -1;
  for (let i = 0; i < 8; i++) {
    if ((list >>> i) & 1) {
      cpu.r[i] = scratch[k++];
      last = i;
    }
  }
  cpu.r[13] = address;
  if (withPc) {
    if (archAtLeast(cpu.arch, 'v5T')) cpu.branchExchange(pc);
    else cpu.branchTo(pc);
  }
  if (cpu.cycleTiming) {
    cpu.extraCycles += blockTransferExtraCycles(k + withPc);
    // Loading PC costs 4 more cycles, the pipeline refill included.
    if (withPc) cpu.extraCycles += LOAD_PC_CYCLES;
    else if (last >= 0) noteLoad(cpu, last, LOAD_USE_CYCLES);
  }
}

/**
 * STMIA Rn!, {list}. With Rn in the list, the original value is stored when Rn is the lowest register;
 * otherwise (UNPREDICTABLE) the written-back value, as ARM7TDMI/ARM9TDMI write the base back after the
 * first transfer cycle.
 */
export function thumbStmia(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 8) & 7;
  const list = instr & 0xff;
  const count = POPCOUNT8[list];
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, list | (1 << rn));
  cpu.extraCycles += blockTransferExtraCycles(count);
  const start = cpu.r[rn];
  const final = (start + 4 * count) >>> 0;
  const lowest = list & -list;
  let address = start;
  for (let i = 0; i < 8; i++) {
    if ((list >>> i) & 1) {
      const value = i === rn && (1 << i) !== lowest ? final : cpu.r[i];
      storeWordAligned(cpu, address, value);
      address = (address + 4) >>> 0;
    }
  }
  cpu.r[rn] = final;
}

/** LDMIA Rn!, {list}. With Rn in the list the loaded value wins (no write-back). */
export function thumbLdmia(cpu: Cpu, instr: number): void {
  const rn = (instr >>> 8) & 7;
  const list = instr & 0xff;
  if (cpu.pendingLoadUse !== 0) chargeLoadUse(cpu, 1 << rn);
  let address = cpu.r[rn];
  let k = 0;
  for (let i = 0; i < 8; i++) {
    if ((list >>> i) & 1) {
      scratch[k++] = loadWordAligned(cpu, address);
      address = (address + 4) >>> 0;
    }
  }
  cpu.r[rn] = address;
  k = 0;
  let last = 0;
  for (let i = 0; i < 8; i++) {
    if ((list >>> i) & 1) {
      cpu.r[i] = scratch[k++];
      last = i;
    }
  }
  if (cpu.cycleTiming) {
    cpu.extraCycles += blockTransferExtraCycles(k);
    noteLoad(cpu, last, LOAD_USE_CYCLES);
  }
}
