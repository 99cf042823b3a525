import { ARCH_VERSIONS, type ArchVersion } from '../cpu/arch.js';
import type { InstructionHandler } from '../cpu/cpu.js';
import { ARM_ENCODINGS, ARM_UNCONDITIONAL_ENCODINGS, type ArmDisasm } from '../isa/arm-encodings.js';
import { armDecodeTable } from '../isa/instruction-set.js';
import type { DecodeTable } from '../isa/pattern.js';
import { formatUndefined } from './arm-format.js';

interface ArmDisassemblyTables {
  readonly conditional: DecodeTable<InstructionHandler, ArmDisasm>;
  readonly unconditional: DecodeTable<InstructionHandler, ArmDisasm>;
}

const tablesByArch = new Map<ArchVersion, ArmDisassemblyTables>();

function tablesFor(arch: ArchVersion): ArmDisassemblyTables {
  let tables = tablesByArch.get(arch);
  if (!tables) {
    tables = { conditional: armDecodeTable(ARM_ENCODINGS, arch), unconditional: armDecodeTable(ARM_UNCONDITIONAL_ENCODINGS, arch) };
    tablesByArch.set(arch, tables);
  }
  return tables;
}

const NEWEST_ARCH = ARCH_VERSIONS[ARCH_VERSIONS.length - 1];

/**
 * Disassembles one ARM word at `address` in GNU objdump syntax (e.g. `ldmia sp!, {r4, r5, pc}^` prints as
 * objdump does: `ldm sp!, {r4, r5, pc}^`). Decodes with the same table the core executes, for `arch`
 * (default: the newest, so every known encoding prints); words UNDEFINED on `arch` print as objdump's
 * `@ <UNDEFINED> instruction: 0x…`.
 */
export function disassembleArm(instr: number, address: number, arch: ArchVersion = NEWEST_ARCH): string {
  const word = instr >>> 0;
  const tables = tablesFor(arch);
  const entry = word >>> 28 === 0xf ? tables.unconditional.decode(word) : tables.conditional.decode(word);
  return entry ? entry.disasm(word, address >>> 0) : formatUndefined(word);
}
