import { BusFault, type AccessSize, type Device } from './device.js';

/** Physical address space granule for the dispatch table: 1 MB, like an ARM section. */
const GRANULE_SHIFT = 20;
const GRANULES = 1 << (32 - GRANULE_SHIFT);

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  // RAM is modelled with typed-array views, which use host byte order.
  throw new Error('@l4lab/arm-core needs a little-endian host');
}

/** A RAM region: one ArrayBuffer seen as 8/16/32-bit views, little-endian. */
export class RamRegion {
  readonly bytes: Uint8Array;
  readonly halves: Uint16Array;
  readonly words: Uint32Array;
  constructor(
    readonly base: number,
    readonly size: number,
  ) {
    const buffer = new ArrayBuffer(size);
    this.bytes = new Uint8Array(buffer);
    this.halves = new Uint16Array(buffer);
    this.words = new Uint32Array(buffer);
  }
  contains(address: number): boolean {
    return address >>> 0 >= this.base && address >>> 0 < this.base + this.size;
  }
}

interface DeviceMapping {
  readonly base: number;
  readonly size: number;
  readonly device: Device;
  readonly name: string;
}

type Slot = RamRegion | DeviceMapping[] | undefined;

/**
 * The physical bus: RAM regions and MMIO devices, dispatched through a table of 1 MB granules filled when
 * things are mapped. An access that hits nothing raises a BusFault (the core turns it into an external
 * abort). Accesses are little-endian; RAM accesses are naturally aligned by the caller.
 */
export class PhysicalBus {
  private readonly slots: Slot[] = new Array<Slot>(GRANULES).fill(undefined);
  readonly ram: RamRegion[] = [];
  readonly devices: DeviceMapping[] = [];
  /** Called after every write to RAM, for decoded-code caches that must see self-modifying code. */
  ramWriteObserver: ((address: number, size: AccessSize) => void) | undefined;

  mapRam(base: number, size: number): RamRegion {
    base >>>= 0;
    if (size <= 0 || base % (1 << GRANULE_SHIFT) !== 0 || size % (1 << GRANULE_SHIFT) !== 0) {
      throw new Error(`mapRam: base 0x${base.toString(16)} and size 0x${size.toString(16)} must be positive multiples of 1 MB`);
    }
    const region = new RamRegion(base, size);
    for (let g = base >>> GRANULE_SHIFT; g < (base + size) / (1 << GRANULE_SHIFT); g++) {
      if (this.slots[g] !== undefined) throw new Error(`mapRam: 0x${(g << GRANULE_SHIFT >>> 0).toString(16)} is already mapped`);
      this.slots[g] = region;
    }
    this.ram.push(region);
    return region;
  }

  mapDevice(base: number, size: number, device: Device, name = 'device'): void {
    base >>>= 0;
    if (size <= 0) throw new Error(`mapDevice ${name}: size must be positive`);
    for (let g = base >>> GRANULE_SHIFT; g <= (base + size - 1) >>> GRANULE_SHIFT; g++) {
      const slot = this.slots[g];
      if (slot instanceof RamRegion) throw new Error(`mapDevice ${name}: 0x${base.toString(16)} overlaps RAM`);
      const list = slot ?? [];
      for (const other of list) {
        if (base < other.base + other.size && other.base < base + size) {
          throw new Error(`mapDevice ${name}: 0x${base.toString(16)}+0x${size.toString(16)} overlaps ${other.name}`);
        }
      }
      list.push({ base, size, device, name });
      this.slots[g] = list;
    }
    this.devices.push({ base, size, device, name });
  }

  /** The RAM region holding `address`, if any (for fast paths and loaders). */
  ramAt(address: number): RamRegion | undefined {
    const slot = this.slots[address >>> GRANULE_SHIFT];
    return slot instanceof RamRegion ? slot : undefined;
  }

  read(address: number, size: AccessSize): number {
    address >>>= 0;
    const slot = this.slots[address >>> GRANULE_SHIFT];
    if (slot instanceof RamRegion) {
      const offset = address - slot.base;
      if (size === 4) return slot.words[offset >>> 2];
      if (size === 2) return slot.halves[offset >>> 1];
      return slot.bytes[offset];
    }
    const mapping = this.findDevice(slot, address, size, false);
    return mapping.device.read(address - mapping.base, size) >>> 0;
  }

  write(address: number, value: number, size: AccessSize): void {
    address >>>= 0;
    const slot = this.slots[address >>> GRANULE_SHIFT];
    if (slot instanceof RamRegion) {
      const offset = address - slot.base;
      if (size === 4) slot.words[offset >>> 2] = value;
      else if (size === 2) slot.halves[offset >>> 1] = value;
      else slot.bytes[offset] = value;
      if (this.ramWriteObserver) this.ramWriteObserver(address, size);
      return;
    }
    const mapping = this.findDevice(slot, address, size, true);
    const masked = size === 4 ? value >>> 0 : value & (size === 2 ? 0xffff : 0xff);
    mapping.device.write(address - mapping.base, masked, size);
  }

  read32(address: number): number {
    return this.read(address, 4);
  }
  write32(address: number, value: number): void {
    this.write(address, value, 4);
  }

  /** Copies bytes into physical memory (RAM or devices, byte by byte for devices). */
  writeBytes(address: number, bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length) {
      const a = (address + i) >>> 0;
      const region = this.ramAt(a);
      if (region) {
        const n = Math.min(bytes.length - i, region.base + region.size - a);
        region.bytes.set(bytes.subarray(i, i + n), a - region.base);
        if (this.ramWriteObserver) for (let k = 0; k < n; k += 4) this.ramWriteObserver(a + k, 4);
        i += n;
      } else {
        this.write(a, bytes[i], 1);
        i++;
      }
    }
  }

  readBytes(address: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let i = 0;
    while (i < length) {
      const a = (address + i) >>> 0;
      const region = this.ramAt(a);
      if (region) {
        const n = Math.min(length - i, region.base + region.size - a);
        out.set(region.bytes.subarray(a - region.base, a - region.base + n), i);
        i += n;
      } else {
        out[i] = this.read(a, 1);
        i++;
      }
    }
    return out;
  }

  /** Resets every device (RAM keeps its contents, as on a warm reset). */
  resetDevices(): void {
    for (const d of this.devices) d.device.reset?.();
  }

  private findDevice(slot: Slot, address: number, size: AccessSize, write: boolean): DeviceMapping {
    if (slot !== undefined && !(slot instanceof RamRegion)) {
      for (const m of slot) {
        if (address >= m.base && address + size <= m.base + m.size) {
          if (m.device.accessSizes && !m.device.accessSizes.includes(size)) {
            throw new BusFault(address, write, size, `${m.name} does not accept ${size}-byte accesses`);
          }
          return m;
        }
      }
    }
    throw new BusFault(address, write, size, 'nothing is mapped there');
  }
}
