/** The ELF header fields, decoded. */
export interface ElfHeader {
  readonly osAbi: number;
  readonly abiVersion: number;
  readonly type: number;
  readonly machine: number;
  readonly version: number;
  /** e_entry as stored: bit 0 set means a Thumb entry point. */
  readonly entry: number;
  readonly programHeaderOffset: number;
  readonly sectionHeaderOffset: number;
  readonly flags: number;
  readonly headerSize: number;
  /** Counts after extended numbering (PN_XNUM, e_shnum = 0) is resolved. */
  readonly programHeaderCount: number;
  readonly sectionHeaderCount: number;
  readonly sectionNameTableIndex: number;
  /** ARM EABI version from e_flags (5 for current GNU and Arm tools; 0 for old-ABI images). */
  readonly eabiVersion: number;
  readonly floatAbi: 'soft' | 'hard' | 'unspecified';
}

/** One program header, any type. */
export interface ElfProgramHeader {
  readonly index: number;
  readonly type: number;
  readonly offset: number;
  readonly vaddr: number;
  readonly paddr: number;
  readonly fileSize: number;
  readonly memSize: number;
  /** PF_R | PF_W | PF_X bits. */
  readonly flags: number;
  readonly align: number;
}

/** A PT_LOAD segment with its file contents; memSize - fileSize bytes after them are zero fill. */
export interface ElfSegment extends ElfProgramHeader {
  /** The file bytes (fileSize of them). A view of the image's private copy: do not modify. */
  readonly fileBytes: Uint8Array;
  readonly readable: boolean;
  readonly writable: boolean;
  readonly executable: boolean;
}

export interface ElfSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly addr: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly addralign: number;
  readonly entsize: number;
  /** The section's file bytes; empty for SHT_NOBITS and SHT_NULL. Do not modify. */
  readonly data: Uint8Array;
}

export type ElfSymbolType = 'NOTYPE' | 'OBJECT' | 'FUNC' | 'SECTION' | 'FILE' | 'COMMON' | 'TLS' | 'OTHER';
export type ElfSymbolBinding = 'LOCAL' | 'GLOBAL' | 'WEAK' | 'OTHER';
export type ElfSymbolVisibility = 'DEFAULT' | 'INTERNAL' | 'HIDDEN' | 'PROTECTED';

export interface ElfSymbol {
  /** Index in its symbol table (0, the null symbol, is not listed). */
  readonly index: number;
  readonly name: string;
  /** st_value as stored: a Thumb function has bit 0 set. */
  readonly value: number;
  /** Where the symbol is: st_value with the Thumb bit cleared for Thumb functions. */
  readonly address: number;
  readonly size: number;
  readonly type: ElfSymbolType;
  readonly binding: ElfSymbolBinding;
  readonly visibility: ElfSymbolVisibility;
  /** st_shndx (or the extended index), including SHN_ABS, SHN_COMMON and SHN_UNDEF. */
  readonly sectionIndex: number;
  /** Raw st_info and st_other. */
  readonly info: number;
  readonly other: number;
  /** A Thumb function (STT_FUNC with bit 0 set, or STT_ARM_TFUNC). */
  readonly thumb: boolean;
  /** ARM mapping symbols ($a, $t, $d, optionally with a ".suffix") mark where ARM code, Thumb code or data start. */
  readonly mapping?: 'arm' | 'thumb' | 'data';
}

/** File-scope attributes of the "aeabi" vendor in .ARM.attributes. */
export interface ArmAttributes {
  /** Every attribute by tag: numbers for ULEB128 values, strings for NTBS values. */
  readonly values: ReadonlyMap<number, number | string>;
  /** Tag_CPU_name (5), e.g. "ARM920T". */
  readonly cpuName?: string;
  /** Tag_CPU_arch (6) and its name, e.g. 2 and "v4T". */
  readonly cpuArch?: number;
  readonly cpuArchName?: string;
  /** Tag_ARM_ISA_use (8) and Tag_THUMB_ISA_use (9). */
  readonly armIsaUse?: number;
  readonly thumbIsaUse?: number;
}

export interface ElfImage {
  readonly header: ElfHeader;
  /** e_entry as stored (what a BX would take). */
  readonly entry: number;
  /** The entry address with the Thumb bit cleared, and whether execution starts in Thumb state. */
  readonly entryAddress: number;
  readonly entryThumb: boolean;
  /** PT_LOAD segments with memSize > 0, in program-header order. */
  readonly segments: readonly ElfSegment[];
  readonly programHeaders: readonly ElfProgramHeader[];
  readonly sections: readonly ElfSection[];
  /** Symbols of every SHT_SYMTAB (normally one), without the null symbol; empty for stripped images. */
  readonly symbols: readonly ElfSymbol[];
  readonly attributes?: ArmAttributes;
  /** The defined symbol with this name, preferring GLOBAL over WEAK over LOCAL; mapping symbols are skipped. */
  symbol(name: string): ElfSymbol | undefined;
  /** The function or object symbol whose [address, address + size) holds `address`. */
  symbolAt(address: number): ElfSymbol | undefined;
  /** What the mapping symbols say lies at `address`: ARM code, Thumb code or data. */
  mappingAt(address: number): 'arm' | 'thumb' | 'data' | undefined;
  section(name: string): ElfSection | undefined;
}
