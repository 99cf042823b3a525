// ELF32 and ARM ELF (AAELF) constants used by the loader.

export const ELF32_HEADER_SIZE = 52;
export const ELF32_PHDR_SIZE = 32;
export const ELF32_SHDR_SIZE = 40;
export const ELF32_SYM_SIZE = 16;

export const ELFCLASS32 = 1;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ET_EXEC = 2;
export const EM_ARM = 40;

export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PN_XNUM = 0xffff;

/** Segment permission bits (p_flags). */
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export const SHT_NULL = 0;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_NOBITS = 8;
export const SHT_SYMTAB_SHNDX = 18;
export const SHT_ARM_ATTRIBUTES = 0x70000003;

export const SHN_UNDEF = 0;
export const SHN_LORESERVE = 0xff00;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;
export const SHN_XINDEX = 0xffff;

export const STT_FUNC = 2;
/** Pre-EABI Thumb function type, still accepted by ARM tools. */
export const STT_ARM_TFUNC = 13;

/** e_flags: EABI version in the top byte, float ABI bits. */
export const EF_ARM_EABIMASK = 0xff000000;
export const EF_ARM_ABI_FLOAT_SOFT = 0x200;
export const EF_ARM_ABI_FLOAT_HARD = 0x400;

export const ET_NAMES: Record<number, string> = { 0: 'ET_NONE', 1: 'ET_REL (relocatable object)', 2: 'ET_EXEC', 3: 'ET_DYN (shared object or PIE)', 4: 'ET_CORE (core dump)' };
export const EM_NAMES: Record<number, string> = { 3: 'x86', 8: 'MIPS', 20: 'PowerPC', 40: 'ARM', 62: 'x86-64', 183: 'AArch64', 243: 'RISC-V' };
