import type { PhysicalBus } from '../bus/physical-bus.js';
import { FaultStatus, faultStatusName } from './fault-status.js';
import type { AccessKind, Translation } from './memory-types.js';
import { type Mapping, neededPermission, walkV5 } from './page-table.js';
import type { Tlb } from './tlb.js';

/** What a side-effect-free translation needs to see of a memory system. */
export interface TranslationContext {
  readonly bus: PhysicalBus;
  readonly mmuEnabled: boolean;
  readonly ttb: number;
  mvaOf(va: number): number;
  tlbFor(kind: AccessKind): Tlb;
  /** Perm bits under the current DACR and S/R, or -1 for a domain fault. */
  accessPermissions(domain: number, apBits: number, subpageShift: number, mva: number): number;
}

/**
 * Translates `va` as an access of `kind` would, without side effects: no walk cost, no TLB fill, no
 * statistics, no FSR/FAR. The TLB is consulted first (it may hold stale entries, as the core would see).
 */
export function translateWithoutSideEffects(ctx: TranslationContext, m: Mapping, va: number, kind: AccessKind, privileged: boolean): Translation {
  va >>>= 0;
  if (!ctx.mmuEnabled) return { ok: true, va, mva: va, physical: va, size: 1 << 20, domain: 0, cacheable: false, bufferable: false, fromTlb: false };
  const mva = ctx.mvaOf(va);
  const tlb = ctx.tlbFor(kind);
  const i = tlb.lookup(mva);
  if (i >= 0) tlb.read(i, m);
  else {
    const status = walkV5(ctx.bus, ctx.ttb, mva, m);
    if (status !== 0) return { ok: false, va, mva, status, domain: m.domain, description: faultStatusName(status) };
  }
  const perm = ctx.accessPermissions(m.domain, m.apBits, m.subpageShift, mva);
  let status = 0;
  if (perm < 0) status = m.page ? FaultStatus.DOMAIN_PAGE : FaultStatus.DOMAIN_SECTION;
  else if ((perm & neededPermission(privileged, kind === 'write')) === 0) status = m.page ? FaultStatus.PERMISSION_PAGE : FaultStatus.PERMISSION_SECTION;
  if (status !== 0) return { ok: false, va, mva, status, domain: m.domain, description: faultStatusName(status) };
  return {
    ok: true, va, mva, physical: (m.physBase + (mva - m.mvaBase)) >>> 0, size: m.size, domain: m.domain,
    cacheable: m.cacheable, bufferable: m.bufferable, fromTlb: i >= 0,
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
