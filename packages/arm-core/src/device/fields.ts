/**
 * Bit fields of a register, named in data so device code reads like the manual: `get(v, TCON.T4_START)`.
 * `mask` is the field's bits in place (unsigned), `shift` its lowest bit.
 */
export interface Field {
  readonly shift: number;
  readonly width: number;
  readonly mask: number;
}

/** A field of `width` bits starting at bit `shift`. */
export function field(shift: number, width = 1): Field {
  if (!Number.isInteger(shift) || !Number.isInteger(width) || shift < 0 || width < 1 || shift + width > 32) {
    throw new Error(`field: bits [${shift + width - 1}:${shift}] do not fit a 32-bit register`);
  }
  const mask = (width === 32 ? 0xffffffff : ((1 << width) - 1) << shift) >>> 0;
  return { shift, width, mask };
}

/** Declares named fields at once: `fields({ EN: [0], PRESCALER: [8, 8] })` → `{ EN: Field, PRESCALER: Field }`. */
export function fields<T extends Record<string, readonly [number, number?]>>(spec: T): { readonly [K in keyof T]: Field } {
  const out: Record<string, Field> = {};
  for (const [name, [shift, width]] of Object.entries(spec)) out[name] = field(shift, width ?? 1);
  return out as { [K in keyof T]: Field };
}

/** The field's value, shifted down. */
export function getField(value: number, f: Field): number {
  return ((value & f.mask) >>> f.shift) >>> 0;
}

/** `value` with the field replaced by `x` (truncated to the field's width). */
export function setField(value: number, f: Field, x: number): number {
  return ((value & ~f.mask) | ((x << f.shift) & f.mask)) >>> 0;
}

/** True when any bit of the field is set. */
export function testField(value: number, f: Field): boolean {
  return (value & f.mask) !== 0;
}

/** Bit `n` as an unsigned mask. */
export function bit(n: number): number {
  return (1 << n) >>> 0;
}

/** Index of the lowest set bit, or -1 for zero. */
export function lowestSetBit(value: number): number {
  value >>>= 0;
  return value === 0 ? -1 : 31 - Math.clz32(value & -value);
}

/** Number of set bits. */
export function popcount(value: number): number {
  value >>>= 0;
  let n = 0;
  while (value) {
    value &= value - 1;
    n++;
  }
  return n;
}
