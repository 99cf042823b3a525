import type { GuestErrorSink } from '../bus/device.js';
import type { PhysicalBus } from '../bus/physical-bus.js';
import type { Clock } from '../sched/scheduler.js';
import type { Arm920tTiming } from '../timing/arm920t.js';
import type { CacheStatistics } from './cache.js';
import type { TlbStatistics } from './tlb.js';
import type { WriteBufferStatistics } from './write-buffer.js';

export type TimingMode = 'functional' | 'cycle';
export type AccessKind = 'fetch' | 'read' | 'write';

export interface StallCycles {
  lineFill: number;
  uncached: number;
  tableWalk: number;
  writeBack: number;
  writeBuffer: number;
}

export interface MemoryStatistics {
  readonly timing: TimingMode;
  readonly fetches: number;
  readonly reads: number;
  readonly writes: number;
  readonly itlb: TlbStatistics;
  readonly dtlb: TlbStatistics;
  readonly icache: CacheStatistics;
  readonly dcache: CacheStatistics;
  readonly writeBuffer: WriteBufferStatistics;
  /** Core cycles added to the clock, by cause (cycle mode only). */
  readonly stallCycles: StallCycles & { readonly total: number };
}

/** Result of a side-effect-free translation (debuggers, kernels, loaders). */
export type Translation =
  | {
      readonly ok: true;
      readonly va: number;
      readonly mva: number;
      readonly physical: number;
      /** Size of the mapping (1 MB flat when the MMU is off). */
      readonly size: number;
      readonly domain: number;
      /** Page C/B bits as mapped (the control register's C/I bits are not applied). */
      readonly cacheable: boolean;
      readonly bufferable: boolean;
      readonly fromTlb: boolean;
    }
  | { readonly ok: false; readonly va: number; readonly mva: number; readonly status: number; readonly domain: number; readonly description: string };

/** The memory-system constants every core's timing table provides (bus cycles unless named otherwise). */
export interface MemoryTimingTable {
  readonly coreCyclesPerBusCycle: number;
  readonly lineFillBusCycles: number;
  readonly uncachedWordBusCycles: number;
  readonly tableWalkReadBusCycles: number;
  readonly writeBufferWordBusCycles: number;
  readonly writeBufferBurstWordBusCycles: number;
  readonly halfLineWriteBackBusCycles: number;
  readonly writeBufferWords: number;
  readonly writeBufferAddresses: number;
  readonly cacheBytes: number;
  readonly cacheWays: number;
  readonly lineBytes: number;
  /** Entries of each first-level I and D TLB (ARM920T: the TLBs; ARM1176: the micro TLBs). */
  readonly tlbEntries: number;
  /** Core cycles per cache/TLB maintenance operation the cost meter models. */
  readonly cacheOperation: number;
}

export interface MemorySystemOptions {
  readonly bus: PhysicalBus;
  readonly clock: Clock;
  readonly timing: TimingMode;
  /** Defaults to ARM920T_TIMING.memory. */
  readonly timingTable?: Arm920tTiming['memory'];
  readonly guestErrors?: GuestErrorSink;
  readonly onWaitForInterrupt?: () => void;
  readonly onControlChange?: (control: number) => void;
}
