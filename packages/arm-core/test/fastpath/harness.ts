// What the lock-step tests of the fast paths share: exception vectors that let random programs go on, and a
// RAM whose every write is logged so two machines' writes can be compared.
import type { RamRegion } from '../../src/bus/physical-bus.js';
import { Mode } from '../../src/cpu/modes.js';
import type { Machine } from '../../src/machine/create-machine.js';

export const MOVS_PC_LR = 0xe1b0f00e;
export const SUBS_PC_LR_4 = 0xe25ef004;
/**
 * Reset and the reserved vector spin; undefined and SWI return to the next instruction, aborts past the
 * faulting one (data) or to the next one (prefetch), interrupts to the interrupted one.
 */
export const VECTORS = [0xeafffffe, MOVS_PC_LR, MOVS_PC_LR, SUBS_PC_LR_4, SUBS_PC_LR_4, 0xeafffffe, SUBS_PC_LR_4, SUBS_PC_LR_4];

/** Maps `size` bytes of RAM at 0 holding the vectors; every RAM write is logged as `address/size=value`. */
export function ramWithVectors(machine: Machine, size: number): { ram: RamRegion; writes: string[] } {
  const ram = machine.bus.mapRam(0, size);
  const writes: string[] = [];
  machine.bus.ramWriteObserver = (address, bytes) => {
    const value = bytes === 4 ? ram.words[address >>> 2] : bytes === 2 ? ram.halves[address >>> 1] : ram.bytes[address];
    writes.push(`${address.toString(16)}/${bytes}=${value.toString(16)}`);
  };
  VECTORS.forEach((w, i) => (ram.words[i] = w));
  return { ram, writes };
}

/**
 * Everything the engines must agree on after a batch: registers, flags, PC, the abort mode's LR, counters,
 * memory statistics (stalls, caches, TLBs), the fault registers, and the RAM writes logged since the last
 * call (taken from `writes`).
 */
export function machineState(machine: Machine, writes: string[]): Record<string, unknown> {
  const { cpu, clock, memory } = machine;
  return {
    r: Array.from(cpu.r.subarray(0, 15)),
    pc: cpu.pc,
    cpsr: cpu.cpsr,
    lrAbt: cpu.readBanked(14, Mode.ABT),
    cycles: clock.cycles,
    instructions: cpu.instructions,
    exceptions: cpu.exceptionsTaken,
    fetches: memory.fetches,
    reads: memory.reads,
    writes: memory.writes,
    stalls: { ...memory.stalls },
    caches: [memory.icache.stats, memory.dcache.stats],
    fault: 'dataFsr' in memory.cp15 ? [memory.cp15.dataFsr, memory.cp15.far] : [memory.cp15.dfsr, memory.cp15.far],
    tlb: [memory.dtlb.stats.hits, memory.dtlb.stats.misses, memory.itlb.stats.hits, memory.itlb.stats.misses],
    log: writes.splice(0),
  };
}
