import type { AccessKind, Translation } from '../memory/memory-types.js';

type Side = 'instruction' | 'data' | 'both';

/** What the ARM1176 CP15 asks of its memory system. Addresses are MVAs; `nonSecure` names the TLB world. */
export interface Arm1176MemoryControl {
  /** The translation regime changed: the world, or SCTLR/TTBR0/TTBR1/TTBCR/PRRR/NMRR of the regime's bank. */
  regimeChanged(): void;
  /** DACR, FCSE PID or Context ID (ASID) of the regime's bank changed (TLBs stay; fast paths go). */
  contextChanged(): void;
  invalidateICache(): void;
  invalidateICacheLine(mva: number): void;
  invalidateDCache(): void;
  invalidateDCacheLine(mva: number): void;
  /** Set/way operands: way [31:30], set [11:5] for 16 KB 4-way caches. */
  invalidateDCacheIndex(operand: number): void;
  cleanDCacheAll(): void;
  cleanDCacheLine(mva: number): void;
  cleanDCacheIndex(operand: number): void;
  cleanInvalidateDCacheAll(): void;
  cleanInvalidateDCacheLine(mva: number): void;
  cleanInvalidateDCacheIndex(operand: number): void;
  drainWriteBuffer(): void;
  prefetchICacheLine(mva: number): void;
  /** c7,c10,6: any dirty line in the D-cache. */
  dataCacheDirty(): boolean;
  invalidateTlbWorld(side: Side, nonSecure: boolean): void;
  invalidateTlbMvaAsid(side: Side, mva: number, asid: number, nonSecure: boolean): void;
  invalidateTlbAsidWorld(side: Side, asid: number, nonSecure: boolean): void;
  /** c9 lockdown, format C: bit n locks way n. */
  cacheLockdown(side: 'instruction' | 'data'): number;
  setCacheLockdown(side: 'instruction' | 'data', value: number): void;
  /** c10 main-TLB lockdown: victim [28:26], P [0]. */
  tlbLockdown(): number;
  setTlbLockdown(value: number): void;
  translate(va: number, kind: AccessKind, privileged: boolean): Translation;
  resetState(): void;
}

/** What the c7/c8 operations need of the CP15 that dispatches them. */
export interface MaintenanceContext {
  readonly memory: Arm1176MemoryControl;
  /** Current security state: TLB operations act on that world's entries. */
  isSecure(): boolean;
  waitForInterrupt(): void;
  flushBranchTargets(): void;
  /** Writes PAR (c7,c4,0) of the selected bank. */
  setPar(value: number): void;
}

/**
 * ARM1176 c7 (cache, barrier, WFI, VA-to-PA) and c8 (TLB) operations (TRM DDI0301 §3.2.22, §3.2.23).
 * Returns false for encodings that do not exist (UNDEFINED).
 */
export function cacheOperation(ctx: MaintenanceContext, crm: number, opc2: number, value: number): boolean {
  const m = ctx.memory;
  switch ((crm << 3) | opc2) {
    case (0 << 3) | 4:
      ctx.waitForInterrupt();
      return true;
    case (5 << 3) | 0:
      m.invalidateICache();
      ctx.flushBranchTargets(); // invalidating the I-cache flushes the BTAC too [TRM]
      return true;
    case (5 << 3) | 1:
      m.invalidateICacheLine(value);
      return true;
    case (5 << 3) | 2:
      // I-cache by set/way: the model has no I-side set/way invalidate; invalidate all (a superset).
      m.invalidateICache();
      return true;
    case (5 << 3) | 4: // flush prefetch buffer (ISB): nothing buffered in this model
      return true;
    case (5 << 3) | 6:
    case (5 << 3) | 7:
      ctx.flushBranchTargets();
      return true;
    case (6 << 3) | 0:
      m.invalidateDCache();
      return true;
    case (6 << 3) | 1:
      m.invalidateDCacheLine(value);
      return true;
    case (6 << 3) | 2:
      m.invalidateDCacheIndex(value);
      return true;
    case (7 << 3) | 0:
      m.invalidateICache();
      m.invalidateDCache();
      ctx.flushBranchTargets();
      return true;
    case (8 << 3) | 0:
    case (8 << 3) | 1:
    case (8 << 3) | 2:
    case (8 << 3) | 3:
      virtualToPhysical(ctx, value, opc2);
      return true;
    case (10 << 3) | 0:
      m.cleanDCacheAll();
      return true;
    case (10 << 3) | 1:
      m.cleanDCacheLine(value);
      return true;
    case (10 << 3) | 2:
      m.cleanDCacheIndex(value);
      return true;
    case (10 << 3) | 4: // data synchronization barrier (drain write buffer)
      m.drainWriteBuffer();
      return true;
    case (10 << 3) | 5: // data memory barrier: ordering only; the write buffer already keeps order
      return true;
    case (13 << 3) | 1:
      m.prefetchICacheLine(value);
      return true;
    case (14 << 3) | 0:
      m.cleanInvalidateDCacheAll();
      return true;
    case (14 << 3) | 1:
      m.cleanInvalidateDCacheLine(value);
      return true;
    case (14 << 3) | 2:
      m.cleanInvalidateDCacheIndex(value);
      return true;
    default:
      return false;
  }
}

/** c7,c8,0–3: VA → PA for privileged/user read/write in the current world; result in PAR. */
function virtualToPhysical(ctx: MaintenanceContext, va: number, opc2: number): void {
  const t = ctx.memory.translate(va, (opc2 & 1) !== 0 ? 'write' : 'read', opc2 < 2);
  // Success: PA[31:12] with bit 0 clear; abort: FS[4:0] in [5:1] with bit 0 set [est: TRM PAR layout].
  ctx.setPar(t.ok ? (t.physical & 0xfffff000) >>> 0 : (((t.status & 0x1f) << 1) | 1) >>> 0);
}

export function tlbOperation(ctx: MaintenanceContext, crm: number, opc2: number, value: number): boolean {
  if (crm < 5 || crm > 7 || opc2 > 2) return false;
  const side: Side = crm === 5 ? 'instruction' : crm === 6 ? 'data' : 'both';
  // Operations act on the entries of the current security state's world.
  const nonSecure = !ctx.isSecure();
  const m = ctx.memory;
  if (opc2 === 0) m.invalidateTlbWorld(side, nonSecure);
  else if (opc2 === 1) m.invalidateTlbMvaAsid(side, value & 0xfffff000, value & 0xff, nonSecure);
  else m.invalidateTlbAsidWorld(side, value & 0xff, nonSecure);
  return true;
}
