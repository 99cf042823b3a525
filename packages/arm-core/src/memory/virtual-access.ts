import type { PhysicalBus } from '../bus/physical-bus.js';
import type { AccessKind, Translation } from './memory-types.js';
import type { Mapping } from './page-table.js';

/** What a side-effect-free translation needs to see of a memory system. */
export interface TranslationContext {
  readonly bus: PhysicalBus;
  readonly mmuEnabled: boolean;
  mvaOf(va: number): number;
  /** Copies the TLB entry an access of `kind` would use into `out`; false on a TLB miss. No side effects. */
  peekTlb(mva: number, kind: AccessKind, out: Mapping): boolean;
  /** Walks the current tables for `mva` without side effects: 0 with `out` filled, or a fault status. */
  peekWalk(mva: number, out: Mapping): number;
  /** 0, or the fault status the access would take under the current DACR and control bits. */
  checkAccess(m: Mapping, mva: number, kind: AccessKind, privileged: boolean): number;
  statusName(status: number): string;
}

/**
 * Translates `va` as an access of `kind` would, without side effects: no walk cost, no TLB fill, no
 * statistics, no FSR/FAR. The TLB is consulted first (it may hold stale entries, as the core would see).
 */
export function translateWithoutSideEffects(ctx: TranslationContext, m: Mapping, va: number, kind: AccessKind, privileged: boolean): Translation {
  va >>>= 0;
  if (!ctx.mmuEnabled) return { ok: true, va, mva: va, physical: va, size: 1 << 20, domain: 0, cacheable: false, bufferable: false, fromTlb: false };
  const mva = ctx.mvaOf(va);
  const fromTlb = ctx.peekTlb(mva, kind, m);
  let status = fromTlb ? 0 : ctx.peekWalk(mva, m);
  if (status === 0) status = ctx.checkAccess(m, mva, kind, privileged);
  if (status !== 0) return { ok: false, va, mva, status, domain: m.domain, description: ctx.statusName(status) };
  return {
    ok: true, va, mva, physical: (m.physBase + (mva - m.mvaBase)) >>> 0, size: m.size, domain: m.domain,
    cacheable: m.cacheable, bufferable: m.bufferable, fromTlb,
  };
}

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
