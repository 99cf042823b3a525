/**
 * Runs a test image's block on an ARM1176-configured arm-core, as Linux runs user code on ARMv6: User mode,
 * c1.U = 1 (unaligned LDR/STR/LDRH/STRH are true unaligned accesses), little-endian. Two memory set-ups:
 * `flat` (a FlatRam with the port's unaligned methods) and `mmu` (the ARM1176 memory system: ARMv6 tables,
 * MMU, caches, U = 1; in cycle mode with the ARM1176 pipeline model and branch predictor). The recorded state adds the GE bits to what the ARMv4T comparison checks.
 */
import { BranchPredictor } from '../../src/cpu/branch-predictor.js';
import { Cpu, type InstructionSet } from '../../src/cpu/cpu.js';
import { Arm1176Pipeline } from '../../src/exec/pipeline/arm1176-pipeline.js';
import { Mode } from '../../src/cpu/modes.js';
import { PhysicalBus } from '../../src/bus/physical-bus.js';
import { Arm1176Control } from '../../src/cp15/arm1176-registers.js';
import { Arm1176MemorySystem } from '../../src/memory/arm1176-memory-system.js';
import { sectionDescriptorV6 } from '../../src/memory/descriptors-v6.js';
import { Clock } from '../../src/sched/scheduler.js';
import { diffStates, type Difference } from './compare.js';
import { CORE_CONFIGS, FlatRam, hookAll, runBlock, type CoreConfig, type CoreResult } from './core-runner.js';
import { BUFFER, BUFFER_SIZE, IMAGE_BASE, buildImage, type FinalState, type TestProgram } from './test-image.js';

/** FlatRam plus the ARMv6 port methods: byte-exact unaligned accesses (what c1.U = 1 gives). */
export class UnalignedFlatRam extends FlatRam {
  readUnaligned16(va: number): number {
    return this.read8(va) | (this.read8(va + 1) << 8);
  }
  readUnaligned32(va: number): number {
    return (this.read8(va) | (this.read8(va + 1) << 8) | (this.read8(va + 2) << 16) | (this.read8(va + 3) << 24)) >>> 0;
  }
  writeUnaligned16(va: number, value: number): void {
    this.write8(va, value & 0xff);
    this.write8(va + 1, (value >>> 8) & 0xff);
  }
  writeUnaligned32(va: number, value: number): void {
    for (let i = 0; i < 4; i++) this.write8(va + i, (value >>> (8 * i)) & 0xff);
  }
}

/** The same two set-ups as the ARMv4T runner (`flat` here is UnalignedFlatRam, `mmu` the ARM1176 memory system). */
export type Arm1176Config = CoreConfig;

export const ARM1176_CONFIGS: readonly Arm1176Config[] = CORE_CONFIGS;

const TTB = 0x50000000;
const SECTION_PA = 0x50100000;

function build(isa: InstructionSet, memory: Uint8Array, config: Arm1176Config): { cpu: Cpu; readBuffer: () => Uint8Array } {
  const clock = new Clock(532e6);
  if (config.memory === 'flat') {
    const ram = new UnalignedFlatRam(IMAGE_BASE, memory.slice());
    const cpu = new Cpu({ isa, memory: ram, clock, timing: config.timing });
    const off = BUFFER - IMAGE_BASE;
    return { cpu, readBuffer: () => ram.bytes.slice(off, off + BUFFER_SIZE) };
  }
  const bus = new PhysicalBus();
  bus.mapRam(TTB, 2 << 20);
  const mem = new Arm1176MemorySystem({ bus, clock, timing: config.timing });
  bus.writeBytes(SECTION_PA + IMAGE_BASE, memory);
  bus.write(TTB, sectionDescriptorV6(SECTION_PA, { ap: 3, domain: 0, c: true, b: true }), 4);
  mem.cp15.ttbr0 = TTB;
  mem.cp15.dacr = 0b01;
  mem.cp15.control = Arm1176Control.M | Arm1176Control.XP | Arm1176Control.C | Arm1176Control.I | Arm1176Control.U | Arm1176Control.Z;
  const pipeline = config.timing === 'cycle' ? new Arm1176Pipeline(new BranchPredictor()) : undefined;
  const cpu = new Cpu({ isa, memory: mem, clock, timing: config.timing, pipeline });
  cpu.coprocessors[15] = mem.cp15;
  return { cpu, readBuffer: () => bus.readBytes(SECTION_PA + BUFFER, BUFFER_SIZE) };
}

/** Runs the program's block from the prologue's state to the block's end (single steps; any exception fails). */
export function runOnArm1176(isa: InstructionSet, program: TestProgram, config: Arm1176Config = ARM1176_CONFIGS[0], maxSteps = 4 * program.code.length + 16): CoreResult {
  const image = buildImage(program);
  const { cpu, readBuffer } = build(isa, image.memory, config);
  cpu.cpsr = Mode.USR;
  cpu.unalignedAccess = true;
  const exceptions = hookAll(cpu);
  return runBlock(cpu, exceptions, program, image, readBuffer, maxSteps);
}

/** diffStates plus the ARMv6 GE bits (CPSR[19:16]), which the ARMv4T comparison leaves out. */
export function diffStates1176(expected: FinalState, actual: FinalState): Difference[] {
  const diffs = diffStates(expected, actual);
  if (((expected.cpsr ^ actual.cpsr) & 0x000f0000) !== 0) diffs.push({ what: 'cpsr.GE', expected: (expected.cpsr >>> 16) & 15, actual: (actual.cpsr >>> 16) & 15 });
  return diffs;
}
