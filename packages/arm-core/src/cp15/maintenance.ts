/**
 * CP15 c7 (cache) and c8 (TLB) maintenance shared by the ARM920T and ARM1176 CP15s: each core describes
 * its operations as a table indexed by (CRm << 3) | opc2 and dispatches an MCR through `runMaintenance`.
 * The ARMv4/v5 c7 set both cores implement is `COMMON_CACHE_OPERATIONS`.
 */

/** Which cache or TLB an operation acts on; c8 names it by CRm (`TLB_SIDES`). */
export type MaintenanceSide = 'instruction' | 'data' | 'both';

/** The c7 operations both cores' memory systems provide. Addresses are MVAs. */
export interface CacheMaintenanceTarget {
  invalidateICache(): void;
  invalidateICacheLine(mva: number): void;
  invalidateDCache(): void;
  invalidateDCacheLine(mva: number): void;
  cleanDCacheLine(mva: number): void;
  /** `operand` in the core's c7 set/way layout. */
  cleanDCacheIndex(operand: number): void;
  cleanInvalidateDCacheLine(mva: number): void;
  cleanInvalidateDCacheIndex(operand: number): void;
  drainWriteBuffer(): void;
  prefetchICacheLine(mva: number): void;
}

/** What every maintenance operation may use: the memory system and the WFI hook. */
export interface MaintenanceContextBase<M extends CacheMaintenanceTarget = CacheMaintenanceTarget> {
  readonly memory: M;
  /** c7,c0,4: wait for interrupt. */
  waitForInterrupt(): void;
}

/** One operation: `value` is the MCR's Rd, `opc2` the encoding's opc2. */
export type MaintenanceOperation<C> = (ctx: C, value: number, opc2: number) => void;
/** [CRm, opc2, operation]. */
export type MaintenanceEntry<C> = readonly [crm: number, opc2: number, operation: MaintenanceOperation<C>];
/** Operations indexed by (CRm << 3) | opc2; a hole is an encoding that does not exist (UNDEFINED). */
export type MaintenanceTable<C> = readonly (MaintenanceOperation<C> | undefined)[];

/** c8 CRm and the TLB side it names. */
export const TLB_SIDES = [
  [5, 'instruction'],
  [6, 'data'],
  [7, 'both'],
] as const satisfies readonly (readonly [number, MaintenanceSide])[];

/** Builds a table from entries; a later entry for the same encoding replaces an earlier one. */
export function maintenanceTable<C>(entries: readonly MaintenanceEntry<C>[]): MaintenanceTable<C> {
  const table: (MaintenanceOperation<C> | undefined)[] = new Array<MaintenanceOperation<C> | undefined>(16 << 3).fill(undefined);
  for (const [crm, opc2, operation] of entries) table[(crm << 3) | opc2] = operation;
  return table;
}

/** Runs the operation at CRm/opc2; false (UNDEFINED) when the table has none. */
export function runMaintenance<C>(table: MaintenanceTable<C>, ctx: C, crm: number, opc2: number, value: number): boolean {
  const operation = table[(crm << 3) | opc2];
  if (operation === undefined) return false;
  operation(ctx, value, opc2);
  return true;
}

/** The c7 operations of the ARM920T, which the ARM1176 keeps (TRM DDI0184 §2.3.8, DDI0301 §3.2.22). */
export const COMMON_CACHE_OPERATIONS: readonly MaintenanceEntry<MaintenanceContextBase>[] = [
  [0, 4, (c) => c.waitForInterrupt()],
  [5, 0, (c) => c.memory.invalidateICache()],
  [5, 1, (c, v) => c.memory.invalidateICacheLine(v)],
  [6, 0, (c) => c.memory.invalidateDCache()],
  [6, 1, (c, v) => c.memory.invalidateDCacheLine(v)],
  [
    7,
    0,
    (c) => {
      c.memory.invalidateICache();
      c.memory.invalidateDCache();
    },
  ],
  [10, 1, (c, v) => c.memory.cleanDCacheLine(v)],
  [10, 2, (c, v) => c.memory.cleanDCacheIndex(v)],
  [10, 4, (c) => c.memory.drainWriteBuffer()],
  [13, 1, (c, v) => c.memory.prefetchICacheLine(v)],
  [14, 1, (c, v) => c.memory.cleanInvalidateDCacheLine(v)],
  [14, 2, (c, v) => c.memory.cleanInvalidateDCacheIndex(v)],
];

/** c9/c10 lockdown registers: opc2 1 is the instruction side, 0 the data side. */
export function lockdownSide(opc2: number): 'instruction' | 'data' {
  return opc2 === 1 ? 'instruction' : 'data';
}
