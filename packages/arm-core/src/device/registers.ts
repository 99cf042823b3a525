import type { AccessSize, Device, GuestErrorSink } from '../bus/device.js';
import { getField, setField, type Field } from './fields.js';

/**
 * One register, described as data. Bits are classified by masks; hooks add behaviour the masks cannot say
 * (counters computed on read, FIFOs behind a data register, side effects of a write).
 */
export interface RegisterSpec {
  readonly name: string;
  /** Byte offset in the block; word-aligned. */
  readonly offset: number;
  /** Register width in bits (default 32). Wider accesses see zeros above it. */
  readonly width?: 8 | 16 | 32;
  readonly reset?: number;
  /** `r`: writes are guest errors; `w`: reads are guest errors and return 0. Default `rw`. */
  readonly access?: 'rw' | 'r' | 'w';
  /** Bits that writes leave unchanged. */
  readonly readOnly?: number;
  /** Bits cleared by writing 1 (writing 0 leaves them). */
  readonly w1c?: number;
  /** Bits cleared by a read (of the bytes read). */
  readonly clearOnRead?: number;
  /** Bits that read as 0 and ignore writes. */
  readonly reserved?: number;
  /** Access sizes this register accepts (default 1, 2 and 4 bytes). */
  readonly sizes?: readonly AccessSize[];
  /** Computes the value a read returns from the stored value (e.g. a counter derived from time). */
  readonly onRead?: (stored: number) => number;
  /**
   * Runs after a write has been stored. `next`/`previous`: stored value after/before; `written`: the raw
   * bits the guest wrote, in place; `lanes`: which bits the access covered (sub-word writes).
   */
  readonly onWrite?: (next: number, previous: number, written: number, lanes: number) => void;
}

/** Live state of one register. `value` is the stored value (no hooks run when device code touches it). */
export class Register {
  value: number;
  readonly widthMask: number;
  constructor(readonly spec: RegisterSpec) {
    const width = spec.width ?? 32;
    this.widthMask = width === 32 ? 0xffffffff : (1 << width) - 1;
    this.value = this.resetValue;
  }
  get name(): string {
    return this.spec.name;
  }
  get resetValue(): number {
    return ((this.spec.reset ?? 0) & this.widthMask & ~(this.spec.reserved ?? 0)) >>> 0;
  }
  get(f: Field): number {
    return getField(this.value, f);
  }
  set(f: Field, x: number): void {
    this.value = setField(this.value, f, x);
  }
}

/** Specs for `count` registers `${prefix}0`…, `stride` bytes apart; `each(i)` gives the rest of each spec. */
export function registerArray(
  prefix: string,
  offset: number,
  count: number,
  stride: number,
  each: Omit<RegisterSpec, 'name' | 'offset'> | ((i: number) => Omit<RegisterSpec, 'name' | 'offset'>),
): RegisterSpec[] {
  const out: RegisterSpec[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ ...(typeof each === 'function' ? each(i) : each), name: `${prefix}${i}`, offset: offset + i * stride });
  }
  return out;
}

const SIZE_MASK = [0, 0xff, 0xffff, 0, 0xffffffff];
const ALL_SIZES: readonly AccessSize[] = [1, 2, 4];

export interface RegisterBlockOptions {
  /** Where guest errors go (unmodelled offsets, wrong sizes, writes to read-only registers). */
  readonly errors: GuestErrorSink;
  /** Offsets (word-aligned) that exist on the chip but that this model does not implement: reported as such. */
  readonly reservedOffsets?: readonly number[];
}

/**
 * A device made of registers described as data. Dispatch goes through a table indexed by word offset, built
 * once. Anything a real chip would ignore or leave undefined (unmodelled offsets, reserved registers,
 * unaligned or refused sizes, writes to read-only registers) is reported to the GuestErrorSink and
 * otherwise ignored (reads return 0): a guest never crashes the host.
 */
export class RegisterBlock implements Device {
  readonly registers: readonly Register[];
  private readonly byName = new Map<string, Register>();
  private readonly table: Int16Array;
  private readonly reservedOffsets: ReadonlySet<number>;
  private readonly errors: GuestErrorSink;

  constructor(
    readonly name: string,
    specs: readonly RegisterSpec[],
    options: RegisterBlockOptions,
  ) {
    this.errors = options.errors;
    this.reservedOffsets = new Set(options.reservedOffsets ?? []);
    let maxWord = -1;
    for (const s of specs) {
      if (s.offset % 4 !== 0 || s.offset < 0) throw new Error(`${name}: register ${s.name} offset 0x${s.offset.toString(16)} is not word-aligned`);
      maxWord = Math.max(maxWord, s.offset >>> 2);
    }
    if (maxWord >= 0x8000) throw new Error(`${name}: register offsets above 0x1FFFC are not supported`);
    this.table = new Int16Array(maxWord + 1).fill(-1);
    const regs: Register[] = [];
    for (const s of specs) {
      if (this.table[s.offset >>> 2] !== -1) throw new Error(`${name}: two registers at offset 0x${s.offset.toString(16)}`);
      if (this.byName.has(s.name)) throw new Error(`${name}: two registers named ${s.name}`);
      const r = new Register(s);
      this.table[s.offset >>> 2] = regs.length;
      regs.push(r);
      this.byName.set(s.name, r);
    }
    this.registers = regs;
  }

  /** The register called `name`; a wrong name is a bug in the device model, so it throws. */
  reg(name: string): Register {
    const r = this.byName.get(name);
    if (!r) throw new Error(`${this.name}: no register named ${name}`);
    return r;
  }

  /** The register at `offset`, if modelled. */
  at(offset: number): Register | undefined {
    const i = offset >>> 2 < this.table.length ? this.table[offset >>> 2] : -1;
    return i < 0 ? undefined : this.registers[i];
  }

  reset(): void {
    for (const r of this.registers) r.value = r.resetValue;
  }

  read(offset: number, size: AccessSize): number {
    const r = this.lookup(offset, size, false);
    if (!r) return 0;
    const s = r.spec;
    if (s.access === 'w') {
      this.errors.guestError(`${this.name}: read of write-only register ${s.name}`);
      return 0;
    }
    const shift = (offset & 3) * 8;
    const raw = s.onRead ? s.onRead(r.value) : r.value;
    const value = (raw & r.widthMask & ~(s.reserved ?? 0)) >>> 0;
    if (s.clearOnRead) r.value = (r.value & ~(s.clearOnRead & (SIZE_MASK[size] << shift))) >>> 0;
    return ((value >>> shift) & SIZE_MASK[size]) >>> 0;
  }

  write(offset: number, value: number, size: AccessSize): void {
    const r = this.lookup(offset, size, true);
    if (!r) return;
    const s = r.spec;
    if (s.access === 'r') {
      this.errors.guestError(`${this.name}: write of 0x${(value >>> 0).toString(16)} to read-only register ${s.name}`);
      return;
    }
    const shift = (offset & 3) * 8;
    const lanes = ((SIZE_MASK[size] << shift) & r.widthMask) >>> 0;
    const written = ((value << shift) & lanes) >>> 0;
    const w1c = s.w1c ?? 0;
    const writable = lanes & ~(s.readOnly ?? 0) & ~(s.reserved ?? 0) & ~w1c;
    const previous = r.value;
    let next = (previous & ~writable) | (written & writable);
    next &= ~(written & w1c);
    r.value = next >>> 0;
    s.onWrite?.(r.value, previous, written, lanes);
  }

  private lookup(offset: number, size: AccessSize, write: boolean): Register | undefined {
    const what = write ? 'write' : 'read';
    const word = offset >>> 2;
    const i = word < this.table.length ? this.table[word] : -1;
    if (i < 0) {
      const kind = this.reservedOffsets.has(offset & ~3) ? 'reserved' : 'unmodelled';
      this.errors.guestError(`${this.name}: ${size}-byte ${what} of ${kind} register at +0x${offset.toString(16)}`);
      return undefined;
    }
    const r = this.registers[i];
    if (offset % size !== 0) {
      this.errors.guestError(`${this.name}: unaligned ${size}-byte ${what} of ${r.name} at +0x${offset.toString(16)}`);
      return undefined;
    }
    if (!(r.spec.sizes ?? ALL_SIZES).includes(size)) {
      this.errors.guestError(`${this.name}: ${size}-byte ${what} of ${r.name} (accepts ${(r.spec.sizes ?? ALL_SIZES).join('/')}-byte accesses)`);
      return undefined;
    }
    return r;
  }
}
