import { describe, expect, it } from 'vitest';
import { GuestErrorLog } from '../bus/device.js';
import { PhysicalBus } from '../bus/physical-bus.js';
import { MemorySystem } from '../memory/memory-system.js';
import { RAM_BASE, TTB, TableWriter, catchFault, makeMachine } from '../memory/test-support.js';
import { Clock } from '../sched/scheduler.js';
import { ARM920T_TIMING } from '../timing/arm920t.js';
import { ARM920T_CACHE_TYPE, ARM920T_ID, Arm920tControl } from './arm920t-cp15.js';

const op = (crn: number, crm = 0, opc2 = 0, opc1 = 0) => ({ opc1, crn, crm, opc2 });

describe('Arm920tCp15 registers', () => {
  it('reads ID and cache type', () => {
    const { mem } = makeMachine();
    expect(mem.cp15.mrc(op(0), true)).toBe(ARM920T_ID);
    expect(mem.cp15.mrc(op(0, 0, 1), true)).toBe(ARM920T_CACHE_TYPE);
    expect(mem.cp15.mrc(op(0, 0, 5), true)).toBe(ARM920T_ID);
    expect(mem.cp15.mcr(op(0), 0x1234, true)).toBe(true);
    expect(mem.cp15.mrc(op(0), true)).toBe(0x41129200);
  });

  it('keeps c1 bits 3–6 as one, drops bits the core lacks, and reports a write', () => {
    const seen: number[] = [];
    const { mem } = makeMachine();
    mem.cp15.onControlChange = (c) => seen.push(c);
    expect(mem.cp15.mrc(op(1), true)).toBe(0x78);
    mem.cp15.mcr(op(1), 0xc0007177, true); // Linux on the S3C2440
    expect(mem.cp15.mrc(op(1), true)).toBe(0xc000717f);
    mem.cp15.mcr(op(1), 0xffffffff, true);
    expect(mem.cp15.mrc(op(1), true)! >>> 0).toBe(0xc000737f);
    expect(seen).toEqual([0xc000717f, 0xc000737f]);
  });

  it('refuses big-endian as a guest error and stays little-endian', () => {
    const log = new GuestErrorLog('silent');
    const bus = new PhysicalBus();
    const mem = new MemorySystem({ bus, clock: new Clock(1e8), timing: 'functional', guestErrors: log });
    mem.cp15.mcr(op(1), Arm920tControl.B, true);
    expect(mem.cp15.control & Arm920tControl.B).toBe(0);
    expect(log.messages[0]).toMatch(/big-endian/);
  });

  it('masks TTB, keeps DACR, FSRs, FAR and the FCSE PID', () => {
    const { mem } = makeMachine();
    const c = mem.cp15;
    c.mcr(op(2), 0x30004fff, true);
    expect(c.mrc(op(2), true)).toBe(0x30004000);
    c.mcr(op(3), 0x55555555, true);
    expect(c.mrc(op(3), true)).toBe(0x55555555);
    c.mcr(op(5), 0x1f5, true);
    c.mcr(op(5, 0, 1), 0x27, true);
    expect(c.mrc(op(5), true)).toBe(0xf5);
    expect(c.mrc(op(5, 0, 1), true)).toBe(0x27);
    expect(c.mrc(op(5, 0, 2), true)).toBeUndefined();
    c.mcr(op(6), 0xdeadbeef, true);
    expect(c.mrc(op(6), true)).toBe(0xdeadbeef);
    c.mcr(op(13), 0x0bffffff, true);
    expect(c.mrc(op(13), true)).toBe(0x0a000000);
    expect(mem.mvaOf(0x100)).toBe(0x100); // MMU off: no relocation
  });

  it('is UNDEFINED from user mode, for opc1 ≠ 0 and for registers it lacks', () => {
    const { mem } = makeMachine();
    const c = mem.cp15;
    expect(c.mrc(op(0), false)).toBeUndefined();
    expect(c.mcr(op(1), 1, false)).toBe(false);
    expect(c.mcr(op(7, 5, 0), 0, false)).toBe(false);
    expect(c.mrc(op(1, 0, 0, 1), true)).toBeUndefined();
    expect(c.mrc(op(4), true)).toBeUndefined();
    expect(c.mrc(op(7, 5, 0), true)).toBeUndefined();
    expect(c.mcr(op(7, 11, 0), 0, true)).toBe(false);
    expect(c.mcr(op(8, 1, 0), 0, true)).toBe(false);
    expect(c.mcr(op(15), 0, true)).toBe(false);
    expect(c.mcr(op(13, 0, 1), 0, true)).toBe(false);
    expect(mem.cp15.control).toBe(0x78);
  });

  it('calls back on wait-for-interrupt', () => {
    const { mem } = makeMachine();
    let waits = 0;
    mem.cp15.onWaitForInterrupt = () => waits++;
    expect(mem.cp15.mcr(op(7, 0, 4), 0, true)).toBe(true);
    expect(waits).toBe(1);
  });
});

describe('Arm920tCp15 operations on the memory system', () => {
  function cachedMachine() {
    const m = makeMachine('cycle');
    m.tables.section(0, RAM_BASE + 0x100000, { ap: 3, c: true, b: true });
    m.mem.cp15.dacr = 1;
    m.mem.cp15.control = Arm920tControl.M | Arm920tControl.C | Arm920tControl.I | Arm920tControl.RR;
    return m;
  }

  it('invalidates caches (all and by MVA)', () => {
    const { mem } = cachedMachine();
    mem.fetch32(0x40);
    mem.read32(0x80);
    mem.read32(0xa0);
    mem.cp15.mcr(op(7, 5, 1), 0x40, true);
    expect(mem.icache.validLines()).toBe(0);
    mem.cp15.mcr(op(7, 6, 1), 0x80, true);
    expect(mem.dcache.validLines()).toBe(1);
    mem.fetch32(0x40);
    mem.cp15.mcr(op(7, 7, 0), 0, true);
    expect(mem.icache.validLines() + mem.dcache.validLines()).toBe(0);
    mem.fetch32(0x40);
    mem.read32(0x80);
    mem.cp15.mcr(op(7, 5, 0), 0, true);
    mem.cp15.mcr(op(7, 6, 0), 0, true);
    expect(mem.icache.validLines() + mem.dcache.validLines()).toBe(0);
  });

  it('cleans D lines by MVA and by index (segment [7:5], index [31:26]), charging write-backs', () => {
    const { mem, clock } = cachedMachine();
    const halfWb = ARM920T_TIMING.memory.halfLineWriteBackBusCycles * ARM920T_TIMING.memory.coreCyclesPerBusCycle;
    mem.read32(0x20); // segment 1, first line of the segment (way 0 with round-robin)
    mem.write32(0x20, 1);
    mem.read32(0x40); // segment 2, way 0
    mem.write32(0x40, 1);
    mem.write32(0x50, 1);
    let before = clock.cycles;
    mem.cp15.mcr(op(7, 10, 2), (0 << 26) | (1 << 5), true);
    expect(clock.cycles - before).toBe(halfWb);
    expect(mem.dcache.validLines()).toBe(2);
    before = clock.cycles;
    mem.cp15.mcr(op(7, 14, 1), 0x40, true);
    expect(clock.cycles - before).toBe(2 * halfWb);
    expect(mem.dcache.validLines()).toBe(1);
    mem.write32(0x20, 2);
    mem.cp15.mcr(op(7, 10, 1), 0x20, true);
    expect(mem.dcache.dirtyLines()).toBe(0);
    mem.cp15.mcr(op(7, 14, 2), (0 << 26) | (1 << 5), true);
    expect(mem.dcache.validLines()).toBe(0);
  });

  it('drains the write buffer and prefetches I lines', () => {
    const { mem } = cachedMachine();
    expect(mem.cp15.mcr(op(7, 10, 4), 0, true)).toBe(true);
    expect(mem.cp15.mcr(op(7, 13, 1), 0x100, true)).toBe(true);
    expect(mem.icache.validLines()).toBe(1);
  });

  it('invalidates TLBs: both, one side, by MVA', () => {
    const { mem, tables } = cachedMachine();
    tables.section(0x00100000, RAM_BASE + 0x200000, { ap: 3 });
    const load = () => {
      mem.fetch32(0);
      mem.read32(0);
      mem.read32(0x00100000);
    };
    load();
    mem.cp15.mcr(op(8, 7, 0), 0, true);
    expect(mem.itlb.validCount() + mem.dtlb.validCount()).toBe(0);
    load();
    mem.cp15.mcr(op(8, 5, 0), 0, true);
    expect([mem.itlb.validCount(), mem.dtlb.validCount()]).toEqual([0, 2]);
    mem.cp15.mcr(op(8, 6, 1), 0x00100abc, true);
    expect(mem.dtlb.validCount()).toBe(1);
    mem.fetch32(0);
    mem.cp15.mcr(op(8, 5, 1), 0x10, true);
    expect(mem.itlb.validCount()).toBe(0);
    mem.cp15.mcr(op(8, 6, 0), 0, true);
    expect(mem.dtlb.validCount()).toBe(0);
  });

  it('reads back cache (c9) and TLB (c10) lockdown and applies them', () => {
    const { mem } = cachedMachine();
    mem.cp15.mcr(op(9, 0, 0), 3 << 26, true);
    mem.cp15.mcr(op(9, 0, 1), 5 << 26, true);
    expect(mem.cp15.mrc(op(9, 0, 0), true)! >>> 0).toBe((3 << 26) >>> 0);
    expect(mem.cp15.mrc(op(9, 0, 1), true)! >>> 0).toBe((5 << 26) >>> 0);
    expect(mem.dcache.lockdownBase).toBe(3);
    mem.read32(0);
    expect(mem.dcache.wayOf(0, 0)).toBe(3);
    mem.cp15.mcr(op(10, 0, 0), ((4 << 26) | (6 << 20) | 1) >>> 0, true);
    expect(mem.cp15.mrc(op(10, 0, 0), true)! >>> 0).toBe(((4 << 26) | (6 << 20) | 1) >>> 0);
    expect(mem.cp15.mrc(op(10, 0, 1), true)).toBe(0);
    mem.cp15.mcr(op(8, 7, 0), 0, true);
    mem.read32(0x00000100);
    expect(mem.dtlb.entries()[0]).toMatchObject({ index: 6, preserved: true });
  });

  it('MCR to c3 takes effect at once without a TLB flush', () => {
    const { mem } = cachedMachine();
    mem.read32(0);
    mem.cp15.mcr(op(3), 0, true);
    expect(catchFault(() => mem.read32(0)).description).toMatch(/domain fault/);
  });

  it('resets to MMU off, caches and TLBs empty, and tells the machine', () => {
    const { mem } = cachedMachine();
    let last = -1;
    mem.cp15.onControlChange = (c) => (last = c);
    mem.read32(0);
    mem.cp15.reset();
    expect(last).toBe(0x78);
    expect(mem.cp15.ttb).toBe(0);
    expect(mem.dcache.validLines() + mem.dtlb.validCount()).toBe(0);
  });
});

describe('page tables written through the table writer', () => {
  it('work with TTB set by MCR', () => {
    const bus = new PhysicalBus();
    bus.mapRam(RAM_BASE, 1 << 20);
    const mem = new MemorySystem({ bus, clock: new Clock(1e8), timing: 'functional' });
    new TableWriter(bus, TTB).section(0xc0000000, RAM_BASE, { ap: 3 });
    mem.cp15.mcr(op(2), TTB, true);
    mem.cp15.mcr(op(3), 1, true);
    mem.cp15.mcr(op(1), Arm920tControl.M, true);
    bus.write(RAM_BASE + 0x8000, 42, 4);
    expect(mem.read32(0xc0008000)).toBe(42);
  });
});
