import { ErrorCode, type KdbTrapName } from '../abi.js';
import type { Kernel } from '../kernel.js';
import type { Tcb } from '../object/tcb.js';
import { fail } from './dispatch.js';

export const CacheOp = { flushRanges: 1, flushICache: 4, flushDCache: 5, flushCache: 6, lock: 8, unlock: 9 } as const;

/**
 * CacheControl(space r0, control r1): op in bits [11:6], range count in [5:0]; FlushRanges takes pairs
 * (start, size) in MR0.. with the per-range I/D/clean/invalidate bits in the top 4 bits of each size word
 * (0 = all). Maintenance runs on the cache models, so it costs its dirty lines and later misses.
 */
export function sysCacheControl(k: Kernel, t: Tcb): void {
  k.kmem.charge('cacheControl');
  const [, control] = t.regs;
  const op = (control >>> 6) & 0x3f;
  const meter = k.meter;
  switch (op) {
    case CacheOp.flushRanges: {
      const n = control & 0x3f;
      if (n * 2 > 32) return fail(k, t, ErrorCode.InvalidParam);
      if (k.mmu.current !== t.space) return fail(k, t, ErrorCode.InvalidSpace);
      for (let i = 0; i < n; i++) {
        const start = k.getMr(t, 2 * i), word = k.getMr(t, 2 * i + 1);
        const size = word & 0x0fffffff, which = word >>> 28 || 0xf;
        if (size > 64 * 1024) {
          k.mmu.flushAll();
          continue;
        }
        if (which & 2) meter.cleanInvalidateDCacheRange(start, size);
        if (which & 1) meter.invalidateICacheRange(start, size);
      }
      meter.drainWriteBuffer();
      break;
    }
    case CacheOp.flushICache:
      meter.invalidateICache();
      break;
    case CacheOp.flushDCache:
      meter.cleanInvalidateDCache();
      meter.drainWriteBuffer();
      break;
    case CacheOp.flushCache:
      meter.cleanInvalidateDCache();
      meter.invalidateICache();
      meter.drainWriteBuffer();
      break;
    case CacheOp.lock:
    case CacheOp.unlock:
      return fail(k, t, ErrorCode.NotImplemented);
    default:
      return fail(k, t, ErrorCode.InvalidParam);
  }
  t.regs[0] = 1;
}

/** Longest string a KDB debug-string trap prints. */
const MAX_DEBUG_STRING = 1024;

/** KDB traps: putc (r0), getc → r0, non-blocking getc → r0 or ~0, debug string at r0, UTCB → r0, tick → r0/r1 (cycles). */
export function kdbTrap(k: Kernel, t: Tcb, name: KdbTrapName): void {
  k.kmem.charge('kdb');
  const con = k.platform.bsp.console;
  switch (name) {
    case 'PutChar':
      k.platform.putc(t.regs[0] & 0xff);
      return;
    case 'GetChar':
      t.regs[0] = con.getc();
      return;
    case 'GetCharNonBlocking':
      t.regs[0] = con.getcNonBlocking() ?? 0xffffffff;
      return;
    case 'DebugString': {
      let va = t.regs[0];
      for (let i = 0; i < MAX_DEBUG_STRING; i++, va++) {
        const pa = k.pageTables.translate(t.space, va);
        if (pa === undefined || !k.kmem.isRam(pa)) break;
        k.meter.read(k.kmem.kva(pa), 1);
        const byte = k.machine.bus.read(pa, 1);
        if (byte === 0) break;
        k.platform.putc(byte);
      }
      return;
    }
    case 'GetUtcb':
      t.regs[0] = t.utcbVa;
      return;
    case 'SetObjectName':
      return;
    case 'GetTick': {
      const c = k.machine.clock.cycles;
      t.regs[0] = c >>> 0;
      t.regs[1] = Math.floor(c / 2 ** 32) >>> 0;
      return;
    }
  }
}
