import { ElfError, hex } from './error.js';

/** Little-endian reads that check bounds first, so bad offsets become ElfErrors, never RangeErrors. */
export class ByteReader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Throws unless [offset, offset + size) lies inside the file. */
  require(offset: number, size: number, what: string): void {
    if (!(offset >= 0 && size >= 0 && offset + size <= this.bytes.length)) {
      throw new ElfError(`${what}: bytes ${hex(offset)}..${hex(offset + size)} lie outside the file (size ${hex(this.bytes.length)})`, offset);
    }
  }

  u8(offset: number, what: string): number {
    this.require(offset, 1, what);
    return this.bytes[offset];
  }

  u16(offset: number, what: string): number {
    this.require(offset, 2, what);
    return this.view.getUint16(offset, true);
  }

  u32(offset: number, what: string): number {
    this.require(offset, 4, what);
    return this.view.getUint32(offset, true);
  }

  /**
   * The NUL-terminated string at `index` in the string table at [tableOffset, tableOffset + tableSize),
   * which the caller has already checked lies in the file.
   */
  string(tableOffset: number, tableSize: number, index: number, what: string): string {
    if (index >= tableSize) {
      throw new ElfError(`${what}: string index ${hex(index)} is outside its string table (size ${hex(tableSize)})`, tableOffset);
    }
    const start = tableOffset + index;
    const end = this.bytes.subarray(start, tableOffset + tableSize).indexOf(0);
    if (end < 0) throw new ElfError(`${what}: string at table index ${hex(index)} runs past the end of its string table`, start);
    return decodeUtf8(this.bytes, start, start + end);
  }
}

/** UTF-8 to a string; malformed sequences become U+FFFD. (TextDecoder is not in the ES library.) */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) {
      text += String.fromCharCode(b);
      i++;
      continue;
    }
    const length = b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let code = length === 4 ? b & 0x07 : length === 3 ? b & 0x0f : b & 0x1f;
    let ok = length > 0 && i + length <= end;
    for (let k = 1; ok && k < length; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      code = (code << 6) | (c & 0x3f);
    }
    const minimum = length === 4 ? 0x10000 : length === 3 ? 0x800 : 0x80;
    if (!ok || code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      text += '\ufffd';
      i++;
    } else {
      text += String.fromCodePoint(code);
      i += length;
    }
  }
  return text;
}
