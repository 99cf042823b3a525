import type { AccessKind, Translation } from '../memory/memory-types.js';
import {
  COMMON_CACHE_OPERATIONS,
  TLB_SIDES,
  maintenanceTable,
  runMaintenance,
  type CacheMaintenanceTarget,
  type MaintenanceContextBase,
  type MaintenanceEntry,
  type MaintenanceSide as Side,
} from './maintenance.js';

/**
 * What the ARM1176 CP15 asks of its memory system: the shared c7 set (`CacheMaintenanceTarget`) and more.
 * Addresses are MVAs; `nonSecure` names the TLB world.
 */
export interface Arm1176MemoryControl extends CacheMaintenanceTarget {
  /** The translation regime changed: the world, or SCTLR/TTBR0/TTBR1/TTBCR/PRRR/NMRR of the regime's bank. */
  regimeChanged(): void;
  /** DACR, FCSE PID or Context ID (ASID) of the regime's bank changed (TLBs stay; fast paths go). */
  contextChanged(): void;
  /** Set/way operands: way [31:30], set [11:5] for 16 KB 4-way caches. */
  invalidateDCacheIndex(operand: number): void;
  cleanDCacheAll(): void;
  cleanInvalidateDCacheAll(): void;
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
export interface MaintenanceContext extends MaintenanceContextBase<Arm1176MemoryControl> {
  /** Current security state: TLB operations act on that world's entries. */
  isSecure(): boolean;
  flushBranchTargets(): void;
  /** Writes PAR (c7,c4,0) of the selected bank. */
  setPar(value: number): void;
}

/** c7,c8,0–3: VA → PA for privileged/user read/write in the current world; result in PAR. */
function virtualToPhysical(ctx: MaintenanceContext, va: number, opc2: number): void {
  const t = ctx.memory.translate(va, (opc2 & 1) !== 0 ? 'write' : 'read', opc2 < 2);
  // Success: PA[31:12] with bit 0 clear; abort: FS[4:0] in [5:1] with bit 0 set [est: TRM PAR layout].
  ctx.setPar(t.ok ? (t.physical & 0xfffff000) >>> 0 : (((t.status & 0x1f) << 1) | 1) >>> 0);
}

/** The ARMv4/v5 c7 set plus the ARMv6 additions; I-cache invalidates also flush the BTAC [TRM]. */
const CACHE_OPERATIONS = maintenanceTable<MaintenanceContext>([
  ...COMMON_CACHE_OPERATIONS,
  [
    5,
    0,
    (c) => {
      c.memory.invalidateICache();
      c.flushBranchTargets(); // invalidating the I-cache flushes the BTAC too [TRM]
    },
  ],
  // I-cache by set/way: the model has no I-side set/way invalidate; invalidate all (a superset).
  [5, 2, (c) => c.memory.invalidateICache()],
  [5, 4, () => {}], // flush prefetch buffer (ISB): nothing buffered in this model
  [5, 6, (c) => c.flushBranchTargets()],
  [5, 7, (c) => c.flushBranchTargets()],
  [6, 2, (c, v) => c.memory.invalidateDCacheIndex(v)],
  [
    7,
    0,
    (c) => {
      c.memory.invalidateICache();
      c.memory.invalidateDCache();
      c.flushBranchTargets();
    },
  ],
  [8, 0, virtualToPhysical],
  [8, 1, virtualToPhysical],
  [8, 2, virtualToPhysical],
  [8, 3, virtualToPhysical],
  [10, 0, (c) => c.memory.cleanDCacheAll()],
  [10, 5, () => {}], // data memory barrier: ordering only; the write buffer already keeps order
  [14, 0, (c) => c.memory.cleanInvalidateDCacheAll()],
]);

/** c8: invalidate all (opc2 0), by MVA + ASID (1) or by ASID (2), in the current security state's world. */
const TLB_OPERATIONS = maintenanceTable<MaintenanceContext>(
  TLB_SIDES.flatMap(([crm, side]): MaintenanceEntry<MaintenanceContext>[] => [
    [crm, 0, (c) => c.memory.invalidateTlbWorld(side, !c.isSecure())],
    [crm, 1, (c, v) => c.memory.invalidateTlbMvaAsid(side, v & 0xfffff000, v & 0xff, !c.isSecure())],
    [crm, 2, (c, v) => c.memory.invalidateTlbAsidWorld(side, v & 0xff, !c.isSecure())],
  ]),
);

/**
 * ARM1176 c7 (cache, barrier, WFI, VA-to-PA) and c8 (TLB) operations (TRM DDI0301 §3.2.22, §3.2.23).
 * Returns false for encodings that do not exist (UNDEFINED).
 */
export function cacheOperation(ctx: MaintenanceContext, crm: number, opc2: number, value: number): boolean {
  return runMaintenance(CACHE_OPERATIONS, ctx, crm, opc2, value);
}

export function tlbOperation(ctx: MaintenanceContext, crm: number, opc2: number, value: number): boolean {
  return runMaintenance(TLB_OPERATIONS, ctx, crm, opc2, value);
}
