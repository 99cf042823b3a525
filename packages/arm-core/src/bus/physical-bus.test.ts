import { describe, expect, it } from 'vitest';
import { BusFault, type AccessSize, type Device } from './device.js';
import { PhysicalBus } from './physical-bus.js';

class RecordingDevice implements Device {
  readonly log: string[] = [];
  value = 0x12345678;
  read(offset: number, size: AccessSize): number {
    this.log.push(`r${size}@${offset.toString(16)}`);
    return this.value;
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.log.push(`w${size}@${offset.toString(16)}=${value.toString(16)}`);
  }
}

describe('PhysicalBus', () => {
  it('reads and writes RAM little-endian at every width', () => {
    const bus = new PhysicalBus();
    bus.mapRam(0x30000000, 1 << 20);
    bus.write(0x30000010, 0xdeadbeef, 4);
    expect(bus.read(0x30000010, 1)).toBe(0xef);
    expect(bus.read(0x30000012, 2)).toBe(0xdead);
    bus.write(0x30000011, 0x1ff, 1);
    expect(bus.read(0x30000010, 4)).toBe(0xdeadffef);
    bus.writeBytes(0x300fffff - 1, new Uint8Array([1, 2]));
    expect([...bus.readBytes(0x300ffffe, 2)]).toEqual([1, 2]);
  });

  it('dispatches device accesses with offsets relative to the device base', () => {
    const bus = new PhysicalBus();
    const dev = new RecordingDevice();
    bus.mapDevice(0x4a000000, 0x20, dev, 'intc');
    expect(bus.read(0x4a000014, 4)).toBe(0x12345678);
    bus.write(0x4a000008, 0x1ff, 1);
    expect(dev.log).toEqual(['r4@14', 'w1@8=ff']);
  });

  it('raises an external abort for unmapped addresses and refused widths', () => {
    const bus = new PhysicalBus();
    bus.mapDevice(0x50000000, 0x100, { read: () => 0, write: () => {}, accessSizes: [4] }, 'uart');
    expect(() => bus.read(0x60000000, 4)).toThrow(BusFault);
    expect(() => bus.read(0x50000100, 4)).toThrow(/nothing is mapped/);
    expect(() => bus.write(0x50000000, 1, 1)).toThrow(/does not accept 1-byte/);
  });

  it('refuses overlapping mappings', () => {
    const bus = new PhysicalBus();
    bus.mapRam(0x30000000, 2 << 20);
    expect(() => bus.mapRam(0x30100000, 1 << 20)).toThrow(/already mapped/);
    expect(() => bus.mapDevice(0x30000000, 4, new RecordingDevice())).toThrow(/overlaps RAM/);
    bus.mapDevice(0x4a000000, 0x100, new RecordingDevice(), 'a');
    expect(() => bus.mapDevice(0x4a000080, 0x10, new RecordingDevice(), 'b')).toThrow(/overlaps a/);
    expect(() => bus.mapRam(0x1234, 1 << 20)).toThrow(/multiples of 1 MB/);
  });

  it('tells a RAM-write observer about every RAM write', () => {
    const bus = new PhysicalBus();
    bus.mapRam(0, 1 << 20);
    const seen: number[] = [];
    bus.ramWriteObserver = (a) => seen.push(a);
    bus.write(0x100, 1, 4);
    bus.writeBytes(0x200, new Uint8Array(8));
    expect(seen).toEqual([0x100, 0x200, 0x204]);
  });
});
