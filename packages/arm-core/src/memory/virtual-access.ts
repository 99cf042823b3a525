import type { PhysicalBus } from '../bus/physical-bus.js';
import type { AccessKind } from './memory-types.js';

/** Translates one address for a side-effect-free access, throwing when it faults. */
export type PhysicalResolver = (va: number, kind: AccessKind) => number;

/** Smallest page: a piece of a copy never crosses a 1 KB boundary, so one translation covers it. */
const PIECE = 0x400;

function checkAligned(what: string, va: number, size: number): void {
  if ((va & (size - 1)) !== 0) throw new Error(`${what}: 0x${(va >>> 0).toString(16)} is not ${size}-byte aligned`);
}

export function readVirtual(bus: PhysicalBus, resolve: PhysicalResolver, va: number, size: 1 | 2 | 4): number {
  checkAligned('readVirtual', va, size);
  return bus.read(resolve(va >>> 0, 'read'), size);
}

export function writeVirtual(bus: PhysicalBus, resolve: PhysicalResolver, va: number, value: number, size: 1 | 2 | 4): void {
  checkAligned('writeVirtual', va, size);
  bus.write(resolve(va >>> 0, 'write'), value, size);
}

export function readBytesVirtual(bus: PhysicalBus, resolve: PhysicalResolver, va: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let done = 0; done < length; ) {
    const a = (va + done) >>> 0;
    const n = Math.min(length - done, PIECE - (a & (PIECE - 1)));
    out.set(bus.readBytes(resolve(a, 'read'), n), done);
    done += n;
  }
  return out;
}

export function writeBytesVirtual(bus: PhysicalBus, resolve: PhysicalResolver, va: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) {
    const a = (va + done) >>> 0;
    const n = Math.min(bytes.length - done, PIECE - (a & (PIECE - 1)));
    bus.writeBytes(resolve(a, 'write'), bytes.subarray(done, done + n));
    done += n;
  }
}
