import { parseArmAttributes } from './attributes.js';
import {
  ELF32_HEADER_SIZE,
  ELF32_PHDR_SIZE,
  ELF32_SHDR_SIZE,
  ELF32_SYM_SIZE,
  ELFCLASS32,
  ELFDATA2LSB,
  EF_ARM_ABI_FLOAT_HARD,
  EF_ARM_ABI_FLOAT_SOFT,
  EM_ARM,
  EM_NAMES,
  ET_EXEC,
  ET_NAMES,
  EV_CURRENT,
  PF_R,
  PF_W,
  PF_X,
  PN_XNUM,
  PT_LOAD,
  PT_NULL,
  SHN_LORESERVE,
  SHN_UNDEF,
  SHN_XINDEX,
  SHT_ARM_ATTRIBUTES,
  SHT_NOBITS,
  SHT_NULL,
  SHT_STRTAB,
  SHT_SYMTAB,
  SHT_SYMTAB_SHNDX,
  STT_ARM_TFUNC,
  STT_FUNC,
} from './constants.js';
import { ElfError, hex } from './error.js';
import { ByteReader } from './reader.js';
import type {
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

const ADDRESS_SPACE = 2 ** 32;
const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const SYMBOL_TYPES: Record<number, ElfSymbolType> = { 0: 'NOTYPE', 1: 'OBJECT', 2: 'FUNC', 3: 'SECTION', 4: 'FILE', 5: 'COMMON', 6: 'TLS', [STT_ARM_TFUNC]: 'FUNC' };
const BINDINGS: Record<number, ElfSymbolBinding> = { 0: 'LOCAL', 1: 'GLOBAL', 2: 'WEAK' };
const VISIBILITIES: ElfSymbolVisibility[] = ['DEFAULT', 'INTERNAL', 'HIDDEN', 'PROTECTED'];
const BINDING_RANK: Record<ElfSymbolBinding, number> = { GLOBAL: 3, WEAK: 2, LOCAL: 1, OTHER: 0 };

/**
 * Parses a little-endian ARM ELF32 executable (ET_EXEC, EM_ARM). Every malformed input raises an
 * ElfError naming what is wrong and where. The image keeps a private copy of `bytes`.
 */
export function parseElf(bytes: Uint8Array): ElfImage {
  if (!(bytes instanceof Uint8Array)) throw new ElfError('parseElf expects a Uint8Array');
  const reader = new ByteReader(new Uint8Array(bytes)); // a copy, even of a Node Buffer (whose slice() shares memory)
  const header = parseHeader(reader);
  const programHeaders = parseProgramHeaders(reader, header);
  const segments = loadableSegments(reader, programHeaders);
  checkEntry(header.entry, segments);
  const sections = parseSections(reader, header);
  const symbols = sections.filter((s) => s.type === SHT_SYMTAB).flatMap((s) => parseSymbols(reader, s, sections));
  const attributeSection = sections.find((s) => s.type === SHT_ARM_ATTRIBUTES);
  const attributes = attributeSection && parseArmAttributes(attributeSection.data, attributeSection.offset);
  return new ParsedElf(header, programHeaders, segments, sections, symbols, attributes);
}

function parseHeader(r: ByteReader): ElfHeader {
  if (r.length < ELF_MAGIC.length || ELF_MAGIC.some((b, i) => r.bytes[i] !== b)) {
    const seen = Array.from(r.bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new ElfError(`not an ELF file: magic is [${seen}], expected [7f 45 4c 46] ("\\x7fELF")`, 0);
  }
  if (r.length < ELF32_HEADER_SIZE) {
    throw new ElfError(`truncated ELF header: the file has ${r.length} bytes, an ELF32 header needs ${ELF32_HEADER_SIZE}`, 0);
  }
  const elfClass = r.bytes[4];
  if (elfClass !== ELFCLASS32) {
    throw new ElfError(`ELF class ${elfClass}${elfClass === 2 ? ' (ELF64)' : ''} is not supported: only ELF32 (class 1)`, 4);
  }
  const data = r.bytes[5];
  if (data !== ELFDATA2LSB) {
    throw new ElfError(`data encoding ${data}${data === 2 ? ' (big-endian)' : ''} is not supported: only little-endian (1)`, 5);
  }
  if (r.bytes[6] !== EV_CURRENT) throw new ElfError(`ELF identification version ${r.bytes[6]}, expected ${EV_CURRENT}`, 6);
  const type = r.u16(16, 'e_type');
  if (type !== ET_EXEC) {
    throw new ElfError(`ELF type ${ET_NAMES[type] ?? type} is not supported: only ET_EXEC executables can be loaded`, 16);
  }
  const machine = r.u16(18, 'e_machine');
  if (machine !== EM_ARM) {
    throw new ElfError(`machine ${machine}${EM_NAMES[machine] ? ` (${EM_NAMES[machine]})` : ''} is not ARM: expected EM_ARM (${EM_ARM})`, 18);
  }
  const version = r.u32(20, 'e_version');
  if (version !== EV_CURRENT) throw new ElfError(`e_version ${version}, expected ${EV_CURRENT}`, 20);
  const headerSize = r.u16(40, 'e_ehsize');
  if (headerSize < ELF32_HEADER_SIZE || headerSize > r.length) {
    throw new ElfError(`e_ehsize ${headerSize} is invalid: an ELF32 header is ${ELF32_HEADER_SIZE} bytes, the file ${r.length}`, 40);
  }
  const flags = r.u32(36, 'e_flags');
  const programHeaderOffset = r.u32(28, 'e_phoff');
  const sectionHeaderOffset = r.u32(32, 'e_shoff');
  const phentsize = r.u16(42, 'e_phentsize');
  let programHeaderCount = r.u16(44, 'e_phnum');
  const shentsize = r.u16(46, 'e_shentsize');
  let sectionHeaderCount = r.u16(48, 'e_shnum');
  let sectionNameTableIndex = r.u16(50, 'e_shstrndx');

  if (sectionHeaderOffset === 0) {
    if (sectionHeaderCount !== 0) throw new ElfError(`e_shnum is ${sectionHeaderCount} but e_shoff is 0`, 48);
    if (programHeaderCount === PN_XNUM) throw new ElfError('e_phnum is PN_XNUM but there is no section header 0 to hold the count', 44);
    sectionNameTableIndex = SHN_UNDEF;
  } else {
    if (shentsize !== ELF32_SHDR_SIZE) throw new ElfError(`e_shentsize ${shentsize}, expected ${ELF32_SHDR_SIZE}`, 46);
    // Extended numbering: counts that do not fit 16 bits live in section header 0.
    const zero = sectionHeaderOffset;
    const needsZero = sectionHeaderCount === 0 || programHeaderCount === PN_XNUM || sectionNameTableIndex === SHN_XINDEX;
    if (needsZero) r.require(zero, ELF32_SHDR_SIZE, 'section header 0 (extended numbering)');
    if (sectionHeaderCount === 0) sectionHeaderCount = r.u32(zero + 20, 'section header 0 sh_size');
    if (programHeaderCount === PN_XNUM) programHeaderCount = r.u32(zero + 28, 'section header 0 sh_info');
    if (sectionNameTableIndex === SHN_XINDEX) sectionNameTableIndex = r.u32(zero + 24, 'section header 0 sh_link');
    checkTable(r, 'section header table', sectionHeaderOffset, sectionHeaderCount, ELF32_SHDR_SIZE, 32);
    if (sectionNameTableIndex !== SHN_UNDEF && sectionNameTableIndex >= sectionHeaderCount) {
      throw new ElfError(`e_shstrndx ${sectionNameTableIndex} is not a section (there are ${sectionHeaderCount})`, 50);
    }
  }
  if (programHeaderCount > 0) {
    if (phentsize !== ELF32_PHDR_SIZE) throw new ElfError(`e_phentsize ${phentsize}, expected ${ELF32_PHDR_SIZE}`, 42);
    if (programHeaderOffset === 0) throw new ElfError(`e_phnum is ${programHeaderCount} but e_phoff is 0`, 28);
    checkTable(r, 'program header table', programHeaderOffset, programHeaderCount, ELF32_PHDR_SIZE, 28);
  }
  const entry = r.u32(24, 'e_entry');
  return {
    osAbi: r.bytes[7],
    abiVersion: r.bytes[8],
    type,
    machine,
    version,
    entry,
    programHeaderOffset,
    sectionHeaderOffset,
    flags,
    headerSize,
    programHeaderCount,
    sectionHeaderCount,
    sectionNameTableIndex,
    eabiVersion: flags >>> 24,
    floatAbi: flags & EF_ARM_ABI_FLOAT_HARD ? 'hard' : flags & EF_ARM_ABI_FLOAT_SOFT ? 'soft' : 'unspecified',
  };
}

/** A table of `count` entries must lie inside the file; huge counts from corrupt headers fail here. */
function checkTable(r: ByteReader, what: string, offset: number, count: number, entrySize: number, fieldOffset: number): void {
  if (offset + count * entrySize > r.length) {
    throw new ElfError(
      `${what} (${count} entries of ${entrySize} bytes at ${hex(offset)}) extends past the end of the file (size ${hex(r.length)})`,
      fieldOffset,
    );
  }
}

function parseProgramHeaders(r: ByteReader, h: ElfHeader): ElfProgramHeader[] {
  const headers: ElfProgramHeader[] = [];
  for (let index = 0; index < h.programHeaderCount; index++) {
    const at = h.programHeaderOffset + index * ELF32_PHDR_SIZE;
    const ph: ElfProgramHeader = {
      index,
      type: r.u32(at, 'p_type'),
      offset: r.u32(at + 4, 'p_offset'),
      vaddr: r.u32(at + 8, 'p_vaddr'),
      paddr: r.u32(at + 12, 'p_paddr'),
      fileSize: r.u32(at + 16, 'p_filesz'),
      memSize: r.u32(at + 20, 'p_memsz'),
      flags: r.u32(at + 24, 'p_flags'),
      align: r.u32(at + 28, 'p_align'),
    };
    const what = `program header ${index}${ph.type === PT_LOAD ? ' (PT_LOAD)' : ''}`;
    if (ph.type !== PT_NULL && ph.offset + ph.fileSize > r.length) {
      throw new ElfError(
        `${what}: file bytes ${hex(ph.offset)}..${hex(ph.offset + ph.fileSize)} lie outside the file (size ${hex(r.length)})`,
        at + 4,
      );
    }
    if (ph.type === PT_LOAD) {
      if (ph.fileSize > ph.memSize) {
        throw new ElfError(`${what}: file size ${hex(ph.fileSize)} exceeds memory size ${hex(ph.memSize)}`, at + 16);
      }
      if (ph.vaddr + ph.memSize > ADDRESS_SPACE || ph.paddr + ph.memSize > ADDRESS_SPACE) {
        throw new ElfError(
          `${what}: ${hex(ph.memSize)} bytes at virtual ${hex(ph.vaddr)} / physical ${hex(ph.paddr)} run past the end of the 32-bit address space`,
          at + 8,
        );
      }
    }
    headers.push(ph);
  }
  return headers;
}

function loadableSegments(r: ByteReader, headers: ElfProgramHeader[]): ElfSegment[] {
  const segments = headers
    .filter((ph) => ph.type === PT_LOAD && ph.memSize > 0)
    .map(
      (ph): ElfSegment => ({
        ...ph,
        fileBytes: r.bytes.subarray(ph.offset, ph.offset + ph.fileSize),
        readable: (ph.flags & PF_R) !== 0,
        writable: (ph.flags & PF_W) !== 0,
        executable: (ph.flags & PF_X) !== 0,
      }),
    );
  if (segments.length === 0) throw new ElfError('no PT_LOAD segment with memory: nothing to load');
  for (const key of ['vaddr', 'paddr'] as const) {
    const sorted = [...segments].sort((a, b) => a[key] - b[key]);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const next = sorted[i];
      if (prev[key] + prev.memSize > next[key]) {
        const space = key === 'vaddr' ? 'virtual' : 'physical';
        throw new ElfError(
          `program headers ${prev.index} and ${next.index} overlap in ${space} memory: ` +
            `${hex(prev[key])}..${hex(prev[key] + prev.memSize)} and ${hex(next[key])}..${hex(next[key] + next.memSize)}`,
        );
      }
    }
  }
  return segments;
}

function checkEntry(entry: number, segments: ElfSegment[]): void {
  if ((entry & 3) === 2) throw new ElfError(`entry point ${hex(entry)} is neither a word-aligned ARM address nor a Thumb address (bit 0)`, 24);
  const address = (entry & ~1) >>> 0;
  if (!segments.some((s) => address >= s.vaddr && address < s.vaddr + s.memSize)) {
    throw new ElfError(`entry point ${hex(entry)} is outside every PT_LOAD segment`, 24);
  }
}

function parseSections(r: ByteReader, h: ElfHeader): ElfSection[] {
  const raw = [];
  for (let index = 0; index < h.sectionHeaderCount; index++) {
    const at = h.sectionHeaderOffset + index * ELF32_SHDR_SIZE;
    const s = {
      index,
      nameIndex: r.u32(at, 'sh_name'),
      type: r.u32(at + 4, 'sh_type'),
      flags: r.u32(at + 8, 'sh_flags'),
      addr: r.u32(at + 12, 'sh_addr'),
      offset: r.u32(at + 16, 'sh_offset'),
      size: r.u32(at + 20, 'sh_size'),
      link: r.u32(at + 24, 'sh_link'),
      info: r.u32(at + 28, 'sh_info'),
      addralign: r.u32(at + 32, 'sh_addralign'),
      entsize: r.u32(at + 36, 'sh_entsize'),
      headerOffset: at,
    };
    const hasData = s.type !== SHT_NOBITS && s.type !== SHT_NULL;
    if (hasData && s.offset + s.size > r.length) {
      throw new ElfError(
        `section ${index}: data ${hex(s.offset)}..${hex(s.offset + s.size)} lies outside the file (size ${hex(r.length)})`,
        at + 16,
      );
    }
    raw.push(s);
  }
  let names: ((nameIndex: number, what: string) => string) | undefined;
  if (h.sectionNameTableIndex !== SHN_UNDEF) {
    const table = raw[h.sectionNameTableIndex];
    if (table.type !== SHT_STRTAB) {
      throw new ElfError(`section name table (section ${table.index}, from e_shstrndx) has type ${hex(table.type)}, not SHT_STRTAB`, table.headerOffset + 4);
    }
    names = (nameIndex, what) => r.string(table.offset, table.size, nameIndex, what);
  }
  return raw.map((s) => ({
    index: s.index,
    name: names ? names(s.nameIndex, `name of section ${s.index}`) : '',
    type: s.type,
    flags: s.flags,
    addr: s.addr,
    offset: s.offset,
    size: s.size,
    link: s.link,
    info: s.info,
    addralign: s.addralign,
    entsize: s.entsize,
    data: s.type === SHT_NOBITS || s.type === SHT_NULL ? new Uint8Array(0) : r.bytes.subarray(s.offset, s.offset + s.size),
  }));
}

function parseSymbols(r: ByteReader, table: ElfSection, sections: ElfSection[]): ElfSymbol[] {
  const where = `symbol table ${table.name || `section ${table.index}`}`;
  if (table.entsize !== ELF32_SYM_SIZE) throw new ElfError(`${where}: entry size ${table.entsize}, expected ${ELF32_SYM_SIZE}`, table.offset);
  if (table.size % ELF32_SYM_SIZE !== 0) throw new ElfError(`${where}: size ${hex(table.size)} is not a multiple of ${ELF32_SYM_SIZE}`, table.offset);
  const strings = sections[table.link];
  if (strings === undefined || strings.type !== SHT_STRTAB) {
    throw new ElfError(`${where}: its string table (sh_link ${table.link}) is not an SHT_STRTAB section`, table.offset);
  }
  const count = table.size / ELF32_SYM_SIZE;
  const extended = sections.find((s) => s.type === SHT_SYMTAB_SHNDX && s.link === table.index);
  if (extended && extended.size < count * 4) {
    throw new ElfError(`${where}: its SHT_SYMTAB_SHNDX section ${extended.index} holds ${extended.size / 4} entries, the table ${count}`, extended.offset);
  }
  const symbols: ElfSymbol[] = [];
  for (let index = 1; index < count; index++) {
    const at = table.offset + index * ELF32_SYM_SIZE;
    const nameIndex = r.u32(at, 'st_name');
    const value = r.u32(at + 4, 'st_value');
    const size = r.u32(at + 8, 'st_size');
    const info = r.u8(at + 12, 'st_info');
    const other = r.u8(at + 13, 'st_other');
    let sectionIndex = r.u16(at + 14, 'st_shndx');
    const name = r.string(strings.offset, strings.size, nameIndex, `name of symbol ${index} in ${where}`);
    if (sectionIndex === SHN_XINDEX) {
      if (!extended) throw new ElfError(`symbol ${index}${name && ` (${name})`} uses SHN_XINDEX but ${where} has no SHT_SYMTAB_SHNDX section`, at + 14);
      sectionIndex = r.u32(extended.offset + index * 4, 'extended section index');
    }
    // Reserved indices (SHN_ABS, SHN_COMMON, ...) are kept as they are.
    if (sectionIndex !== SHN_UNDEF && sectionIndex < SHN_LORESERVE && sectionIndex >= sections.length) {
      throw new ElfError(`symbol ${index}${name && ` (${name})`} in ${where} refers to section ${sectionIndex}, but there are ${sections.length}`, at + 14);
    }
    const typeCode = info & 0xf;
    const type = SYMBOL_TYPES[typeCode] ?? 'OTHER';
    const thumb = typeCode === STT_ARM_TFUNC || (typeCode === STT_FUNC && (value & 1) === 1);
    const mapping = mappingKind(name);
    symbols.push({
      index,
      name,
      value,
      address: thumb ? (value & ~1) >>> 0 : value,
      size,
      type,
      binding: BINDINGS[info >>> 4] ?? 'OTHER',
      visibility: VISIBILITIES[other & 3],
      sectionIndex,
      info,
      other,
      thumb,
      ...(mapping && { mapping }),
    });
  }
  return symbols;
}

function mappingKind(name: string): ElfSymbol['mapping'] {
  if (name.length < 2 || name[0] !== '$' || (name.length > 2 && name[2] !== '.')) return undefined;
  return name[1] === 'a' ? 'arm' : name[1] === 't' ? 'thumb' : name[1] === 'd' ? 'data' : undefined;
}

const SHF_ALLOC = 2;

class ParsedElf implements ElfImage {
  readonly entry: number;
  readonly entryAddress: number;
  readonly entryThumb: boolean;
  private readonly byName = new Map<string, ElfSymbol>();
  private readonly sized: ElfSymbol[];
  private readonly largestSize: number;
  private readonly mappings = new Map<number, ElfSymbol[]>();

  constructor(
    readonly header: ElfHeader,
    readonly programHeaders: readonly ElfProgramHeader[],
    readonly segments: readonly ElfSegment[],
    readonly sections: readonly ElfSection[],
    readonly symbols: readonly ElfSymbol[],
    readonly attributes: ArmAttributes | undefined,
  ) {
    this.entry = header.entry;
    this.entryThumb = (header.entry & 1) === 1;
    this.entryAddress = (header.entry & ~1) >>> 0;
    for (const s of symbols) {
      if (s.sectionIndex === SHN_UNDEF || s.mapping || s.type === 'SECTION' || s.type === 'FILE' || s.name === '') continue;
      const known = this.byName.get(s.name);
      if (!known || BINDING_RANK[s.binding] > BINDING_RANK[known.binding]) this.byName.set(s.name, s);
    }
    this.sized = symbols
      .filter((s) => (s.type === 'FUNC' || s.type === 'OBJECT') && s.size > 0 && s.sectionIndex !== SHN_UNDEF)
      .sort((a, b) => a.address - b.address || BINDING_RANK[b.binding] - BINDING_RANK[a.binding]);
    this.largestSize = this.sized.reduce((max, s) => Math.max(max, s.size), 0);
    for (const s of symbols) {
      if (!s.mapping) continue;
      const list = this.mappings.get(s.sectionIndex) ?? [];
      list.push(s);
      this.mappings.set(s.sectionIndex, list);
    }
    for (const list of this.mappings.values()) list.sort((a, b) => a.address - b.address);
  }

  symbol(name: string): ElfSymbol | undefined {
    return this.byName.get(name);
  }

  symbolAt(address: number): ElfSymbol | undefined {
    address >>>= 0;
    // Last symbol starting at or before the address, then back over any that could still reach it.
    for (let i = lastAtOrBefore(this.sized, address); i >= 0; i--) {
      const s = this.sized[i];
      if (s.address + this.largestSize <= address) break;
      if (address < s.address + s.size) return s;
    }
    return undefined;
  }

  mappingAt(address: number): 'arm' | 'thumb' | 'data' | undefined {
    address >>>= 0;
    const section = this.sections.find((s) => (s.flags & SHF_ALLOC) !== 0 && address >= s.addr && address < s.addr + s.size);
    const list = section && this.mappings.get(section.index);
    if (!list) return undefined;
    const i = lastAtOrBefore(list, address);
    return i >= 0 ? list[i].mapping : undefined;
  }

  section(name: string): ElfSection | undefined {
    return this.sections.find((s) => s.name === name);
  }
}

/** Index of the last symbol with address <= `address` in an address-sorted list, or -1. */
function lastAtOrBefore(list: readonly ElfSymbol[], address: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].address <= address) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
