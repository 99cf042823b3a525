import { ElfError, hex } from './error.js';
import { decodeUtf8 } from './reader.js';
import type { ArmAttributes } from './types.js';

const CPU_ARCH_NAMES = ['Pre-v4', 'v4', 'v4T', 'v5T', 'v5TE', 'v5TEJ', 'v6', 'v6KZ', 'v6T2', 'v6K', 'v7', 'v6-M', 'v6S-M', 'v7E-M', 'v8-A', 'v8-R', 'v8-M.baseline', 'v8-M.mainline'];

const TAG_FILE = 1;
const TAG_CPU_RAW_NAME = 4;
const TAG_CPU_NAME = 5;
const TAG_CPU_ARCH = 6;
const TAG_ARM_ISA_USE = 8;
const TAG_THUMB_ISA_USE = 9;
const TAG_COMPATIBILITY = 32;

/**
 * Parses an SHT_ARM_ATTRIBUTES section (ARM ABI "Addenda", build attributes): format version 'A', then
 * vendor subsections; only the "aeabi" File-scope attributes are decoded. `base` is the section's file
 * offset, for messages.
 */
export function parseArmAttributes(data: Uint8Array, base: number): ArmAttributes | undefined {
  const fail = (message: string, at: number): never => {
    throw new ElfError(`.ARM.attributes: ${message}`, base + at);
  };
  const u32 = (at: number, end: number): number => {
    if (at + 4 > end) fail('truncated length field', at);
    return (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24)) >>> 0;
  };
  const ntbs = (at: number, end: number): [string, number] => {
    const nul = data.subarray(at, end).indexOf(0);
    if (nul < 0) fail('unterminated string', at);
    return [decodeUtf8(data, at, at + nul), at + nul + 1];
  };
  const uleb = (at: number, end: number): [number, number] => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (at >= end) fail('truncated ULEB128 value', at);
      const byte = data[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        if (value > 0xffffffff) fail('ULEB128 value exceeds 32 bits', at - 1);
        return [value, at];
      }
    }
    return fail('ULEB128 value longer than 5 bytes', at);
  };

  if (data.length === 0) return undefined;
  if (data[0] !== 0x41) fail(`format version ${hex(data[0])}, expected 'A' (0x41)`, 0);
  const values = new Map<number, number | string>();
  let pos = 1;
  while (pos < data.length) {
    const length = u32(pos, data.length);
    const end = pos + length;
    if (length < 5 || end > data.length) fail(`subsection length ${hex(length)} does not fit the section (size ${hex(data.length)})`, pos);
    const [vendor, afterVendor] = ntbs(pos + 4, end);
    if (vendor === 'aeabi') {
      let sub = afterVendor;
      while (sub < end) {
        const tag = data[sub];
        const size = u32(sub + 1, end);
        const subEnd = sub + size;
        if (size < 5 || subEnd > end) fail(`attribute block size ${hex(size)} does not fit its subsection`, sub);
        // Section- and symbol-scope blocks describe parts of relocatable objects; a loader skips them.
        if (tag === TAG_FILE) {
          let at = sub + 5;
          while (at < subEnd) {
            let attribute: number;
            [attribute, at] = uleb(at, subEnd);
            if (attribute === TAG_CPU_RAW_NAME || attribute === TAG_CPU_NAME) {
              let text: string;
              [text, at] = ntbs(at, subEnd);
              values.set(attribute, text);
            } else if (attribute === TAG_COMPATIBILITY) {
              let flag: number;
              let name: string;
              [flag, at] = uleb(at, subEnd);
              [name, at] = ntbs(at, subEnd);
              values.set(attribute, `${flag} ${name}`);
            } else if (attribute > TAG_COMPATIBILITY && attribute % 2 === 1) {
              let text: string;
              [text, at] = ntbs(at, subEnd); // the ABI's rule for unknown tags: odd ones are strings
              values.set(attribute, text);
            } else {
              let value: number;
              [value, at] = uleb(at, subEnd);
              values.set(attribute, value);
            }
          }
        }
        sub = subEnd;
      }
    }
    pos = end;
  }
  const number = (tag: number) => {
    const value = values.get(tag);
    return typeof value === 'number' ? value : undefined;
  };
  const cpuName = values.get(TAG_CPU_NAME);
  const cpuArch = number(TAG_CPU_ARCH);
  return {
    values,
    cpuName: typeof cpuName === 'string' ? cpuName : undefined,
    cpuArch,
    cpuArchName: cpuArch === undefined ? undefined : CPU_ARCH_NAMES[cpuArch],
    armIsaUse: number(TAG_ARM_ISA_USE),
    thumbIsaUse: number(TAG_THUMB_ISA_USE),
  };
}
