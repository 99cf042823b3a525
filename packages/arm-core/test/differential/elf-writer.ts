/**
 * A minimal ELF32 writer for static little-endian ARM Linux EABI executables: one ELF header, program
 * headers for PT_LOAD segments and nothing else (no sections, no symbols). Enough for `qemu-arm` to load and
 * run a test image; not a general linker.
 */

export interface ElfSegment {
  /** Virtual (and physical) load address; must be congruent to the file offset modulo `align`. */
  readonly vaddr: number;
  readonly bytes: Uint8Array;
  /** Size in memory; the part past `bytes.length` is zero-filled (bss). Defaults to `bytes.length`. */
  readonly memSize?: number;
  readonly readable?: boolean;
  readonly writable?: boolean;
  readonly executable?: boolean;
}

export interface ElfImage {
  readonly entry: number;
  readonly segments: readonly ElfSegment[];
}

const EHDR_SIZE = 52;
const PHDR_SIZE = 32;
const PAGE = 0x1000;
const EM_ARM = 40;
const ET_EXEC = 2;
const PT_LOAD = 1;
/** EF_ARM_EABI_VER5: the EABI version the Linux kernel (and qemu-arm) expect of EABI binaries. */
const EF_ARM_EABI_VER5 = 0x05000000;
const PF_X = 1;
const PF_W = 2;
const PF_R = 4;

/**
 * Lays the segments out in file order, each at a file offset congruent to its address modulo the page size,
 * and returns the executable's bytes. A segment whose address lies on the same page as the headers (the
 * first segment, when it starts at its page + headers) shares the header page.
 */
export function writeElf(image: ElfImage): Uint8Array {
  const { segments, entry } = image;
  if (segments.length === 0) throw new Error('writeElf: no segments');
  const headerEnd = EHDR_SIZE + PHDR_SIZE * segments.length;
  // File offsets: keep offset ≡ vaddr (mod PAGE), after the headers and after the previous segment.
  const offsets: number[] = [];
  let cursor = headerEnd;
  for (const s of segments) {
    if ((s.vaddr >>> 0) !== s.vaddr) throw new Error(`writeElf: bad segment address ${s.vaddr}`);
    const want = s.vaddr % PAGE;
    let off = cursor - (cursor % PAGE) + want;
    if (off < cursor) off += PAGE;
    offsets.push(off);
    cursor = off + s.bytes.length;
  }
  const file = new Uint8Array(cursor);
  const view = new DataView(file.buffer);
  // e_ident
  file.set([0x7f, 0x45, 0x4c, 0x46, 1 /* ELFCLASS32 */, 1 /* ELFDATA2LSB */, 1 /* EV_CURRENT */, 0 /* SYSV */], 0);
  view.setUint16(16, ET_EXEC, true);
  view.setUint16(18, EM_ARM, true);
  view.setUint32(20, 1, true); // e_version
  view.setUint32(24, entry >>> 0, true);
  view.setUint32(28, EHDR_SIZE, true); // e_phoff
  view.setUint32(32, 0, true); // e_shoff
  view.setUint32(36, EF_ARM_EABI_VER5, true);
  view.setUint16(40, EHDR_SIZE, true);
  view.setUint16(42, PHDR_SIZE, true);
  view.setUint16(44, segments.length, true);
  view.setUint16(46, 40, true); // e_shentsize (no sections, but the size of one)
  view.setUint16(48, 0, true);
  view.setUint16(50, 0, true);
  segments.forEach((s, i) => {
    const p = EHDR_SIZE + i * PHDR_SIZE;
    const memSize = s.memSize ?? s.bytes.length;
    if (memSize < s.bytes.length) throw new Error('writeElf: memSize smaller than the segment bytes');
    const flags = (s.readable !== false ? PF_R : 0) | (s.writable ? PF_W : 0) | (s.executable ? PF_X : 0);
    view.setUint32(p + 0, PT_LOAD, true);
    view.setUint32(p + 4, offsets[i], true);
    view.setUint32(p + 8, s.vaddr, true);
    view.setUint32(p + 12, s.vaddr, true);
    view.setUint32(p + 16, s.bytes.length, true);
    view.setUint32(p + 20, memSize, true);
    view.setUint32(p + 24, flags, true);
    view.setUint32(p + 28, PAGE, true);
    file.set(s.bytes, offsets[i]);
  });
  return file;
}

/** Reads back the loadable segments of an ELF32 little-endian ARM executable (used to check the writer). */
export function readElf(file: Uint8Array): { entry: number; machine: number; flags: number; segments: { vaddr: number; offset: number; fileSize: number; memSize: number; flags: number }[] } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint32(0, false) !== 0x7f454c46) throw new Error('readElf: not an ELF file');
  if (file[4] !== 1 || file[5] !== 1) throw new Error('readElf: not ELF32 little-endian');
  const phoff = view.getUint32(28, true);
  const phentsize = view.getUint16(42, true);
  const phnum = view.getUint16(44, true);
  const segments = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (view.getUint32(p, true) !== PT_LOAD) continue;
    segments.push({
      offset: view.getUint32(p + 4, true),
      vaddr: view.getUint32(p + 8, true),
      fileSize: view.getUint32(p + 16, true),
      memSize: view.getUint32(p + 20, true),
      flags: view.getUint32(p + 24, true),
    });
  }
  return { entry: view.getUint32(24, true), machine: view.getUint16(18, true), flags: view.getUint32(36, true), segments };
}
