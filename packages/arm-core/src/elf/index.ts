export { ElfError } from './error.js';
export { parseElf } from './parse.js';
export { loadElf, type LoadElfOptions, type LoadedSegment } from './load.js';
export { EM_ARM, ET_EXEC, PF_R, PF_W, PF_X, PT_LOAD, SHT_NOBITS, SHT_STRTAB, SHT_SYMTAB, SHT_ARM_ATTRIBUTES } from './constants.js';
export type {
  ArmAttributes,
  ElfHeader,
  ElfImage,
  ElfProgramHeader,
  ElfSection,
  ElfSegment,
  ElfSymbol,
  ElfSymbolBinding,
  ElfSymbolType,
  ElfSymbolVisibility,
} from './types.js';
