import { ElfError, hex } from './error.js';
import type { ElfImage, ElfSegment } from './types.js';

export interface LoadElfOptions {
  /** Which address a segment is written at: its physical address (default, for MMU-off images) or its virtual one. */
  readonly by?: 'paddr' | 'vaddr';
  /** Chooses each segment's target address instead of `by`, e.g. to relocate an image into a board's RAM. */
  readonly mapAddress?: (segment: ElfSegment) => number;
  /** Write the zero fill (memSize - fileSize bytes) too; default true. Skip it only for memory known to be zero. */
  readonly zeroFill?: boolean;
}

export interface LoadedSegment {
  readonly segment: ElfSegment;
  /** Where the segment was written. */
  readonly address: number;
}

const ZERO_CHUNK = new Uint8Array(64 * 1024);

/**
 * Copies every PT_LOAD segment through `write`: its file bytes, then its zero fill in chunks (so a huge
 * .bss never needs a huge buffer). `write` may not keep or modify the arrays it is given.
 */
export function loadElf(
  image: ElfImage,
  write: (address: number, bytes: Uint8Array) => void,
  options: LoadElfOptions = {},
): LoadedSegment[] {
  const loaded: LoadedSegment[] = [];
  for (const segment of image.segments) {
    const address = options.mapAddress ? options.mapAddress(segment) : options.by === 'vaddr' ? segment.vaddr : segment.paddr;
    if (!Number.isInteger(address) || address < 0 || address + segment.memSize > 2 ** 32) {
      throw new ElfError(`program header ${segment.index}: target address ${Number.isInteger(address) ? hex(address) : String(address)} for ${hex(segment.memSize)} bytes is outside the 32-bit address space`);
    }
    if (segment.fileSize > 0) write(address, segment.fileBytes);
    if (options.zeroFill ?? true) {
      for (let offset = segment.fileSize; offset < segment.memSize; offset += ZERO_CHUNK.length) {
        write(address + offset, ZERO_CHUNK.subarray(0, Math.min(ZERO_CHUNK.length, segment.memSize - offset)));
      }
    }
    loaded.push({ segment, address });
  }
  return loaded;
}
