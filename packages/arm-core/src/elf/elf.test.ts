import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ElfError, loadElf, parseElf, PF_R, PF_W, PF_X, type ElfImage } from './index.js';

const GUEST = fileURLToPath(new URL('../../guest/', import.meta.url));
const IMAGES = ['hello/hello-mba2440.elf', 'hello/hello-smdk6410.elf', 'checksum/checksum-arm.elf', 'checksum/checksum-thumb.elf'];
const read = (name: string) => new Uint8Array(readFileSync(GUEST + name));
const READELF = 'arm-none-eabi-readelf';
const hasReadelf = spawnSync(READELF, ['--version']).status === 0;

/** Runs `fn` and returns the ElfError it throws; fails the test if it throws anything else or nothing. */
function elfError(fn: () => unknown): ElfError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ElfError) return error;
    throw error;
  }
  throw new Error('expected an ElfError');
}

describe('parseElf on the committed guest images', () => {
  it('reads the header, the two PT_LOAD segments and the entry point', () => {
    for (const [name, base] of [
      ['hello/hello-mba2440.elf', 0x30000000],
      ['hello/hello-smdk6410.elf', 0x50000000],
    ] as const) {
      const image = parseElf(read(name));
      expect(image.entry).toBe(base);
      expect(image.entryThumb).toBe(false);
      expect(image.header.eabiVersion).toBe(5);
      expect(image.header.floatAbi).toBe('soft');
      expect(image.segments).toHaveLength(2);
      const [text, data] = image.segments;
      expect(text).toMatchObject({ vaddr: base, paddr: base, flags: PF_R | PF_X, readable: true, writable: false, executable: true });
      expect(text.fileBytes.length).toBe(text.fileSize);
      // The first instruction of crt0: MSR CPSR_c, #0xd3.
      expect(new DataView(text.fileBytes.buffer, text.fileBytes.byteOffset).getUint32(0, true)).toBe(0xe321f0d3);
      expect(data.flags).toBe(PF_R | PF_W);
      expect(data.vaddr).toBeGreaterThanOrEqual(text.vaddr + text.memSize);
      expect(data.memSize - data.fileSize).toBeGreaterThanOrEqual(0x4000); // .bss and the 16 KB stack
    }
  });

  it('finds _start, main and the runtime symbols', () => {
    const image = parseElf(read('hello/hello-mba2440.elf'));
    const start = image.symbol('_start');
    expect(start).toMatchObject({ type: 'FUNC', binding: 'GLOBAL', value: image.entry, address: image.entry, thumb: false });
    const main = image.symbol('main')!;
    expect(main).toMatchObject({ type: 'FUNC', binding: 'GLOBAL', thumb: false });
    expect(main.size).toBeGreaterThan(0);
    expect(image.symbolAt(main.address + 4)).toBe(main);
    expect(image.symbol('sh_puts')?.type).toBe('FUNC');
    expect(image.symbol('__stack_top')?.type).toBe('NOTYPE');
    expect(image.symbol('no_such_symbol')).toBeUndefined();
    expect(image.mappingAt(image.entryAddress)).toBe('arm');
    expect(image.section('.text')).toMatchObject({ addr: 0x30000000 });
    expect(image.section('.symtab')?.entsize).toBe(16);
  });

  it('exposes the raw value and the address of Thumb functions', () => {
    const image = parseElf(read('checksum/checksum-thumb.elf'));
    const main = image.symbol('main')!;
    expect(main.thumb).toBe(true);
    expect(main.value & 1).toBe(1);
    expect(main.address).toBe(main.value - 1);
    expect(image.mappingAt(main.address)).toBe('thumb');
    expect(image.symbolAt(main.address)).toBe(main);
    // crt0 stays ARM so the image starts in ARM state.
    expect(image.symbol('_start')).toMatchObject({ thumb: false, address: image.entry });
    expect(image.mappingAt(image.entry)).toBe('arm');
  });

  it('decodes the ARM build attributes', () => {
    const image = parseElf(read('checksum/checksum-arm.elf'));
    // ld merges the objects' attributes; GCC names an -mcpu=arm920t build by its architecture.
    expect(image.attributes).toMatchObject({ cpuName: '4T', cpuArch: 2, cpuArchName: 'v4T', armIsaUse: 1, thumbIsaUse: 1 });
    expect(image.attributes?.values.get(26)).toBe(1); // Tag_ABI_enum_size: small
  });

  it('keeps a private copy of the input', () => {
    const bytes = read('hello/hello-mba2440.elf');
    const image = parseElf(bytes);
    bytes.fill(0);
    expect(image.segments[0].fileBytes[0]).toBe(0xd3);
  });
});

describe.skipIf(!hasReadelf)(`agreement with ${READELF}${hasReadelf ? '' : ` (skipped: ${READELF} not found; apt-get install binutils-arm-none-eabi)`}`, () => {
  const readelf = (name: string) => {
    const result = spawnSync(READELF, ['-h', '-l', '-S', '-s', '-W', GUEST + name], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    return result.stdout;
  };
  for (const name of IMAGES) {
    it(name, () => {
      const text = readelf(name);
      const image = parseElf(read(name));
      expect(image.entry).toBe(parseInt(/Entry point address:\s+0x([0-9a-f]+)/.exec(text)![1], 16));

      const loads = [...text.matchAll(/^\s*LOAD\s+0x(\S+)\s+0x(\S+)\s+0x(\S+)\s+0x(\S+)\s+0x(\S+)\s(.{3})\s+0x(\S+)$/gm)].map((m) => ({
        offset: parseInt(m[1], 16),
        vaddr: parseInt(m[2], 16),
        paddr: parseInt(m[3], 16),
        fileSize: parseInt(m[4], 16),
        memSize: parseInt(m[5], 16),
        flags: (m[6][0] === 'R' ? PF_R : 0) | (m[6][1] === 'W' ? PF_W : 0) | (m[6][2] === 'E' ? PF_X : 0),
        align: parseInt(m[7], 16),
      }));
      expect(image.segments.map(({ offset, vaddr, paddr, fileSize, memSize, flags, align }) => ({ offset, vaddr, paddr, fileSize, memSize, flags, align }))).toEqual(loads);

      const sections = [...text.matchAll(/^\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+([0-9a-f]{8})\s+([0-9a-f]{6,})\s+([0-9a-f]{6,})\s/gm)]
        .filter((m) => m[1] !== '0')
        .map((m) => ({ index: +m[1], name: m[2], addr: parseInt(m[3], 16), offset: parseInt(m[4], 16), size: parseInt(m[5], 16) }));
      expect(image.sections.slice(1).map(({ index, name, addr, offset, size }) => ({ index, name, addr, offset, size }))).toEqual(sections);

      const ndx = (s: string) => (s === 'UND' ? 0 : s === 'ABS' ? 0xfff1 : s === 'COM' ? 0xfff2 : +s);
      const symbols = [...text.matchAll(/^\s*(\d+):\s+([0-9a-f]{8})\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+) ?(.*)$/gm)]
        .filter((m) => m[1] !== '0')
        .map((m) => ({
          index: +m[1],
          value: parseInt(m[2], 16),
          size: m[3].startsWith('0x') ? parseInt(m[3], 16) : +m[3],
          type: m[4],
          binding: m[5],
          visibility: m[6],
          sectionIndex: ndx(m[7]),
          name: m[4] === 'SECTION' ? '' : m[8], // readelf shows a section symbol under its section's name
        }));
      expect(symbols.length).toBeGreaterThan(10);
      expect(image.symbols.map(({ index, value, size, type, binding, visibility, sectionIndex, name }) => ({ index, value, size, type, binding, visibility, sectionIndex, name }))).toEqual(
        symbols,
      );
    });
  }
});

describe('loadElf', () => {
  /** Sparse memory recording every write, checking nothing overlaps. */
  function recorder() {
    const writes: { address: number; bytes: Uint8Array }[] = [];
    const write = (address: number, bytes: Uint8Array) => writes.push({ address, bytes: bytes.slice() });
    const byteAt = (address: number) => {
      for (const w of writes) if (address >= w.address && address < w.address + w.bytes.length) return w.bytes[address - w.address];
      return undefined;
    };
    return { writes, write, byteAt };
  }

  it('writes file bytes and zero fill at physical addresses', () => {
    const image = parseElf(read('checksum/checksum-arm.elf'));
    const memory = recorder();
    const loaded = loadElf(image, memory.write);
    expect(loaded.map((l) => l.address)).toEqual(image.segments.map((s) => s.paddr));
    for (const s of image.segments) {
      expect(memory.byteAt(s.paddr)).toBe(s.fileSize > 0 ? s.fileBytes[0] : 0);
      expect(memory.byteAt(s.paddr + s.memSize - 1)).toBe(s.memSize > s.fileSize ? 0 : s.fileBytes[s.fileSize - 1]);
      expect(memory.byteAt(s.paddr + s.memSize)).toBeUndefined();
    }
    const total = memory.writes.reduce((sum, w) => sum + w.bytes.length, 0);
    expect(total).toBe(image.segments.reduce((sum, s) => sum + s.memSize, 0));
  });

  it('relocates through an address mapper and can skip the zero fill', () => {
    const image = parseElf(read('hello/hello-mba2440.elf'));
    const memory = recorder();
    const loaded = loadElf(image, memory.write, { mapAddress: (s) => s.paddr - 0x30000000 + 0x50000000, zeroFill: false });
    expect(loaded[0].address).toBe(0x50000000);
    expect(memory.byteAt(0x50000000)).toBe(0xd3);
    expect(memory.writes.every((w) => w.bytes.some((b) => b !== 0))).toBe(true);
    expect(elfError(() => loadElf(image, memory.write, { mapAddress: () => 0xffffff00 })).message).toMatch(/outside the 32-bit address space/);
    expect(elfError(() => loadElf(image, memory.write, { mapAddress: () => Number.NaN })).message).toMatch(/target address NaN/);
  });
});

describe('malformed input', () => {
  const good = read('hello/hello-mba2440.elf');
  const image = parseElf(good);
  const h = image.header;
  /** A copy of the good image with `edit` applied through a little-endian DataView. */
  const broken = (edit: (view: DataView, bytes: Uint8Array) => void) => {
    const bytes = good.slice();
    edit(new DataView(bytes.buffer), bytes);
    return bytes;
  };
  const ph = (index: number, field: number) => h.programHeaderOffset + index * 32 + field;
  const sh = (index: number, field: number) => h.sectionHeaderOffset + index * 40 + field;
  const symtab = image.section('.symtab')!;
  const shstrtab = image.sections[h.sectionNameTableIndex];
  const cases: [string, Uint8Array, RegExp, number | undefined][] = [
    ['empty input', new Uint8Array(0), /not an ELF file: magic is \[\]/, 0],
    ['bad magic', broken((_, b) => (b[1] = 0x45 + 1)), /not an ELF file: magic is \[7f 46 4c 46\]/, 0],
    ['truncated header', good.slice(0, 40), /truncated ELF header: the file has 40 bytes/, 0],
    ['ELF64', broken((_, b) => (b[4] = 2)), /ELF class 2 \(ELF64\) is not supported/, 4],
    ['big-endian', broken((_, b) => (b[5] = 2)), /big-endian/, 5],
    ['ident version', broken((_, b) => (b[6] = 0)), /identification version 0/, 6],
    ['shared object', broken((v) => v.setUint16(16, 3, true)), /ET_DYN .* only ET_EXEC/, 16],
    ['relocatable object', broken((v) => v.setUint16(16, 1, true)), /ET_REL/, 16],
    ['x86-64', broken((v) => v.setUint16(18, 62, true)), /machine 62 \(x86-64\) is not ARM/, 18],
    ['e_version', broken((v) => v.setUint32(20, 7, true)), /e_version 7/, 20],
    ['e_ehsize', broken((v) => v.setUint16(40, 12, true)), /e_ehsize 12/, 40],
    ['absurd program header count', broken((v) => v.setUint16(44, 0xfffe, true)), /program header table \(65534 entries of 32 bytes at 0x34\) extends past the end/, 28],
    ['absurd section header count', broken((v) => v.setUint16(48, 5000, true)), /section header table \(5000 entries/, 32],
    ['section table offset', broken((v) => v.setUint32(32, 0xfffffff0, true)), /section header table .* extends past the end/, 32],
    ['e_phentsize', broken((v) => v.setUint16(42, 56, true)), /e_phentsize 56, expected 32/, 42],
    ['e_shentsize', broken((v) => v.setUint16(46, 64, true)), /e_shentsize 64, expected 40/, 46],
    ['e_shstrndx', broken((v) => v.setUint16(50, 200, true)), /e_shstrndx 200 is not a section/, 50],
    ['segment outside the file', broken((v) => v.setUint32(ph(0, 4), good.length - 4, true)), /program header 0 \(PT_LOAD\): file bytes .* lie outside the file/, ph(0, 4)],
    ['truncated file', good.slice(0, 0x1080), /section header table \(10 entries of 40 bytes at 0x[0-9a-f]+\) extends past the end of the file \(size 0x1080\)/, 32],
    ['file size above memory size', broken((v) => v.setUint32(ph(0, 20), 4, true)), /file size 0x111 exceeds memory size 0x4/, ph(0, 16)],
    ['segment past 4 GB', broken((v) => v.setUint32(ph(1, 8), 0xffffff00, true)), /run past the end of the 32-bit address space/, ph(1, 8)],
    [
      'overlapping virtual ranges',
      broken((v) => {
        v.setUint32(ph(1, 8), 0x30000100, true);
        v.setUint32(ph(1, 12), 0x30000100, true);
      }),
      /program headers 0 and 1 overlap in virtual memory: 0x30000000..0x30000111 and 0x30000100/,
      undefined,
    ],
    ['overlapping physical ranges', broken((v) => v.setUint32(ph(1, 12), 0x30000010, true)), /overlap in physical memory/, undefined],
    ['no PT_LOAD', broken((v) => [0, 1].forEach((i) => v.setUint32(ph(i, 0), 4, true))), /no PT_LOAD segment/, undefined],
    ['entry outside the image', broken((v) => v.setUint32(24, 0x1000, true)), /entry point 0x1000 is outside every PT_LOAD segment/, 24],
    ['misaligned ARM entry', broken((v) => v.setUint32(24, 0x30000002, true)), /neither a word-aligned ARM address nor a Thumb address/, 24],
    ['section outside the file', broken((v) => v.setUint32(sh(1, 20), 0x100000, true)), /section 1: data 0x1000..0x101000 lies outside the file/, sh(1, 16)],
    ['section name out of range', broken((v) => v.setUint32(sh(1, 0), 0x10000, true)), /name of section 1: string index 0x10000 is outside its string table \(size 0x4e\)/, shstrtab.offset],
    ['unterminated string table', broken((_, b) => (b[shstrtab.offset + shstrtab.size - 1] = 0x41)), /runs past the end of its string table/, undefined],
    ['section name table not a string table', broken((v) => v.setUint16(50, 1, true)), /section name table \(section 1, from e_shstrndx\) .* not SHT_STRTAB/, sh(1, 4)],
    ['symbol name out of range', broken((v) => v.setUint32(symtab.offset + 16, 0xffffff, true)), /name of symbol 1 in symbol table \.symtab: string index 0xffffff/, undefined],
    ['symbol section index', broken((v) => v.setUint16(symtab.offset + 16 + 14, 77, true)), /symbol 1 in symbol table \.symtab refers to section 77, but there are 10/, symtab.offset + 30],
    ['symbol entry size', broken((v) => v.setUint32(sh(symtab.index, 36), 20, true)), /symbol table \.symtab: entry size 20, expected 16/, symtab.offset],
    ['symbol string table link', broken((v) => v.setUint32(sh(symtab.index, 24), 1, true)), /string table \(sh_link 1\) is not an SHT_STRTAB section/, symtab.offset],
    ['attributes version', broken((_, b) => (b[image.section('.ARM.attributes')!.offset] = 0x42)), /\.ARM\.attributes: format version 0x42, expected 'A'/, undefined],
    ['attributes length', broken((v) => v.setUint32(image.section('.ARM.attributes')!.offset + 1, 0x1000, true)), /\.ARM\.attributes: subsection length 0x1000 does not fit/, undefined],
  ];
  for (const [what, bytes, message, offset] of cases) {
    it(what, () => {
      const error = elfError(() => parseElf(bytes));
      expect(error.message).toMatch(message);
      if (offset !== undefined) {
        expect(error.offset).toBe(offset);
        expect(error.message).toContain(`at file offset 0x${offset.toString(16)}`);
      }
    });
  }

  it('rejects something that is not a byte array', () => {
    expect(elfError(() => parseElf('ELF' as unknown as Uint8Array)).message).toMatch(/expects a Uint8Array/);
  });
});

describe('fuzzing with truncations and byte flips', { timeout: 30_000 }, () => {
  /** xorshift32: deterministic, so a failure reproduces. */
  function random(seed: number) {
    let state = seed >>> 0 || 1;
    return (limit: number) => {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state % limit;
    };
  }

  /** Parses and, if that works, uses everything the image offers; only ElfError may escape. */
  function exercise(bytes: Uint8Array): 'ok' | 'error' {
    let image: ElfImage;
    try {
      image = parseElf(bytes);
    } catch (error) {
      if (error instanceof ElfError) return 'error';
      throw new Error(`non-ElfError ${String(error)}`, { cause: error });
    }
    try {
      loadElf(image, (address, chunk) => {
        if (address < 0 || address + chunk.length > 2 ** 32) throw new Error(`write outside 4 GB at ${address}`);
      });
    } catch (error) {
      if (!(error instanceof ElfError)) throw error;
    }
    for (const s of image.symbols) {
      image.symbolAt(s.address);
      image.mappingAt(s.address);
      expect(image.symbol(s.name) === undefined || image.symbol(s.name)!.name === s.name).toBe(true);
    }
    image.section('.text');
    return 'ok';
  }

  for (const name of ['hello/hello-mba2440.elf', 'checksum/checksum-thumb.elf']) {
    const good = read(name);
    const image = parseElf(good);
    const h = image.header;
    // Regions that steer parsing: the ELF header, both header tables, and the symbol and string tables.
    const regions: [number, number][] = [
      [0, 52],
      [h.programHeaderOffset, h.programHeaderCount * 32],
      [h.sectionHeaderOffset, h.sectionHeaderCount * 40],
      ...image.sections.filter((s) => s.type === 2 || s.type === 3 || s.name === '.ARM.attributes').map((s): [number, number] => [s.offset, s.size]),
    ];

    it(`${name}: every truncation`, () => {
      const outcomes = { ok: 0, error: 0 };
      // Every length within the first 4 KB (headers, tables), then a prime stride: parsing copies its input,
      // so every length of a large image would be quadratic.
      for (let length = 0; length < good.length; length += length < 4096 ? 1 : 97) outcomes[exercise(good.subarray(0, length))]++;
      expect(outcomes.error).toBeGreaterThan(0);
    });

    it(`${name}: random byte flips and extreme field values`, () => {
      const next = random(0x4c344c41 ^ good.length);
      const outcomes = { ok: 0, error: 0 };
      const extremes = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, good.length, good.length - 1, 0xfff1, 0xffff];
      for (let round = 0; round < 4000; round++) {
        const bytes = good.slice();
        const view = new DataView(bytes.buffer);
        const edits = 1 + next(4);
        for (let e = 0; e < edits; e++) {
          const [start, size] = next(4) === 0 ? [0, bytes.length] : regions[next(regions.length)];
          const at = start + next(Math.max(size, 1));
          if (at >= bytes.length) continue;
          if (next(3) === 0 && at + 4 <= bytes.length) view.setUint32(at & ~3, extremes[next(extremes.length)], true);
          else bytes[at] ^= 1 + next(255);
        }
        outcomes[exercise(bytes)]++;
      }
      expect(outcomes.error).toBeGreaterThan(500);
      expect(outcomes.ok).toBeGreaterThan(100);
    });
  }

  it('random garbage behind a valid ELF32 ARM identification', () => {
    const next = random(42);
    for (let round = 0; round < 2000; round++) {
      const bytes = new Uint8Array(52 + next(600)).map(() => next(256));
      bytes.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1], 0);
      new DataView(bytes.buffer).setUint32(16, 2 | (40 << 16), true);
      expect(['ok', 'error']).toContain(exercise(bytes));
    }
  });
});
