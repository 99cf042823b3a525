// ARMv6 address spaces on the SMDK6410 (ARM1176JZF-S): ASIDs, nG user mappings, no flush on a switch.
import { Arm1176MemorySystem } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { ArmV6Mmu, Space, type Kernel, type ProgramDescription } from '../src/index.js';
import { bootBoard } from './boards.js';
import { guestImage } from './guest-images.js';

const ipc = guestImage('tests/ipc/ipc.elf');
const ipcPrograms: ProgramDescription[] = [
  {
    name: 'ipc', elf: ipc,
    threads: [
      { name: 'pong', entry: 'pong_main' },
      { name: 's1', entry: 's1_main', priority: 90 },
      { name: 's2', entry: 's2_main', priority: 90 },
      { name: 'notifier', entry: 'notifier_main', priority: 80 },
    ],
  },
  { name: 'echo', elf: ipc, args: ['echo'] },
];

function arm1176(k: Kernel): Arm1176MemorySystem {
  const m = k.machine.memory;
  if (!(m instanceof Arm1176MemorySystem)) throw new Error('not an ARM1176');
  return m;
}

/** Maps one page at `va` in `space` and reads it with the space current, so the TLB holds an nG entry for it. */
function touch(k: Kernel, space: Space, va: number): void {
  const pa = k.userPool.alloc(4096);
  if (pa === undefined) throw new Error('pool exhausted');
  expect(k.pageTables.map(space, va, pa, 4096, 6, 0)).toBe('ok');
  k.mmu.activate(space);
  k.machine.memory.read32(va);
}

function tlbAsids(k: Kernel): number[] {
  const { lockable, ram } = arm1176(k).mainTlb.entries();
  return [...lockable, ...ram].filter((e) => e.global === false).map((e) => e.asid ?? -1);
}

describe('ARMv6 ASIDs (SMDK6410)', () => {
  it('picks the ARMv6 MMU for the ARM1176: XP tables, nG user mappings, global kernel entries', () => {
    const board = bootBoard({ programs: ipcPrograms }, { board: 'smdk6410' });
    const k = board.kernel;
    expect(k.mmu).toBeInstanceOf(ArmV6Mmu);
    expect(board.log.join('\n')).toContain('memory: ARMv6 ASIDs (256, round-robin');
    const cp15 = arm1176(k).cp15;
    expect(cp15.control & (1 << 23)).not.toBe(0); // XP
    expect(cp15.ttbcr & 7).toBe(0);
    const space = k.spaces.get(1)!;
    // User text page at 0x8000: extended small page, nG set; kernel RAM section: global.
    const l1 = k.pageTables.l1Entry(space, 0x8000);
    expect(l1 & 3).toBe(1);
    const l2 = k.kmem.read32((l1 & 0xfffffc00) + ((0x8000 >>> 12) & 0xff) * 4);
    expect(l2 & (1 << 11)).not.toBe(0);
    expect(l2 & 1).toBe(0); // text is executable
    const kernelSection = k.pageTables.l1Entry(space, 0xf0000000);
    expect(kernelSection & 3).toBe(2);
    expect(kernelSection & (1 << 17)).toBe(0);
    board.run(400_000_000);
    expect(board.console()).toContain('ipc test done: 0 failures');
  });

  it('alternates two spaces without flushing caches or TLBs; the context ID follows the space', () => {
    const board = bootBoard({ programs: ipcPrograms }, { board: 'smdk6410', timing: 'cycle' });
    const k = board.kernel;
    const mem = arm1176(k);
    board.run(400_000_000);
    expect(board.console()).toContain('ipc test done: 0 failures');
    const mmu = k.mmu as ArmV6Mmu;
    const [a, b] = [k.spaces.get(1)!, k.spaces.get(2)!];
    expect(mmu.stats.switches).toBeGreaterThanOrEqual(4);
    expect(mmu.stats.flushes).toBe(0);
    expect(mmu.stats.asidFlushes).toBe(0);
    expect(a.asid).not.toBe(b.asid);
    expect(mem.cp15.asid).toBe(mmu.current!.asid);
    expect(mem.cp15.ttbr0).toBe(mmu.current!.l1Pa);
    // No TLB invalidation of any kind happened after boot.
    const s = mem.statistics();
    expect(s.mainTlb.invalidations).toBe(0);
    expect(s.itlb.invalidations).toBe(0);
    expect(s.dtlb.invalidations).toBe(0);
    // Both spaces' user entries live side by side in the main TLB, tagged with their ASIDs.
    const asids = new Set(tlbAsids(k));
    expect(asids.has(a.asid)).toBe(true);
    expect(asids.has(b.asid)).toBe(true);
  });

  it('after 256 spaces reuses a freed ASID and invalidates only that ASID', () => {
    const board = bootBoard({ programs: [{ name: 'idle', elf: ipc, args: ['echo'] }] }, { board: 'smdk6410', kernel: { heapBytes: 8 << 20 } });
    board.run(50_000_000);
    const k = board.kernel;
    const mmu = k.mmu as ArmV6Mmu;
    const spaces: Space[] = [k.spaces.get(1)!];
    for (let id = 0; id < 256; id++) {
      if (id === 1) continue;
      const s = k.createSpace(id);
      if (typeof s === 'number') throw new Error(`createSpace ${id}: error ${s}`);
      spaces.push(s);
    }
    spaces.forEach((s, i) => touch(k, s, 0x00400000 + (i % 64) * 0x1000));
    expect(new Set(spaces.map((s) => s.asid)).size).toBe(256);
    expect(mmu.stats.asidFlushes).toBe(0);
    expect(mmu.stats.flushes).toBe(0);
    // Free one space's ASID (its entry freshly in the TLB) and give it to a new space.
    const victim = spaces[100];
    const asid = victim.asid;
    k.mmu.activate(victim);
    k.machine.memory.read32(0x00400000 + (100 % 64) * 0x1000);
    k.mmu.activate(spaces[0]);
    const before = tlbAsids(k);
    expect(new Set(before).size).toBeGreaterThan(16);
    expect(before).toContain(asid);
    expect(k.deleteSpace(victim)).toBe(0);
    const fresh = k.createSpace(victim.id);
    if (typeof fresh === 'number') throw new Error(`createSpace: error ${fresh}`);
    const mainBefore = arm1176(k).mainTlb.stats.invalidations;
    k.mmu.activate(fresh);
    expect(fresh.asid).toBe(asid);
    expect(mmu.stats.asidFlushes).toBe(1);
    expect(mmu.stats.flushes).toBe(0);
    expect(mmu.stats.recycles).toBe(0);
    const after = tlbAsids(k);
    expect(after).not.toContain(asid);
    // Exactly the reused ASID's entries went; every other space's survived.
    expect(arm1176(k).mainTlb.stats.invalidations - mainBefore).toBe(before.filter((a) => a === asid).length);
    expect(after.length).toBe(before.length - before.filter((a) => a === asid).length);
  });

  it('with every ASID taken, steals round-robin (never the current space) and flushes only the stolen ASID', () => {
    const board = bootBoard({ programs: [{ name: 'idle', elf: ipc, args: ['echo'] }] }, { board: 'smdk6410' });
    board.run(50_000_000);
    const k = board.kernel;
    // A second ARMv6 MMU with only 4 ASIDs on the halted machine, to reach reuse quickly.
    const mmu = new ArmV6Mmu(k.kmem, 4);
    mmu.boot();
    const spaces: Space[] = [];
    for (let id = 10; id < 16; id++) {
      const s = k.createSpace(id);
      if (typeof s === 'number') throw new Error(`createSpace ${id}: error ${s}`);
      mmu.spaceCreated(s);
      spaces.push(s);
    }
    const order: number[] = [];
    for (const s of spaces) {
      mmu.activate(s);
      order.push(s.asid);
    }
    expect(order).toEqual([0, 1, 2, 3, 0, 1]);
    expect(mmu.stats.recycles).toBe(2);
    expect(mmu.stats.asidFlushes).toBe(2);
    expect(mmu.stats.flushes).toBe(0);
    expect(spaces[0].asid).toBe(-1);
    expect(mmu.ownerOf(0)).toBe(spaces[4]);
    // The current space (ASID 1) is never the victim: the rotor is at 2 now.
    mmu.activate(spaces[0]);
    expect(spaces[0].asid).toBe(2);
    expect(spaces[2].asid).toBe(-1);
  });
});

describe('determinism on the SMDK6410', () => {
  it('runs native guest code to the same cycle count and output, run after run (cycle mode)', () => {
    const runs = [0, 1].map(() => {
      const b = bootBoard({ programs: ipcPrograms }, { board: 'smdk6410', timing: 'cycle' });
      const r = b.run(400_000_000);
      return { cycles: b.kernel.machine.clock.cycles, out: b.console(), reason: r.reason, stats: { ...b.kernel.stats }, mmu: { ...b.kernel.mmu.stats } };
    });
    expect(runs[0].out).toContain('ipc test done: 0 failures');
    expect(runs[1]).toEqual(runs[0]);
  });
});

describe('ARMv6 mappings and maintenance', () => {
  it('unmapping invalidates only that page of that ASID; rights without x are execute-never', () => {
    const board = bootBoard({ programs: [{ name: 'idle', elf: ipc, args: ['echo'] }] }, { board: 'smdk6410' });
    board.run(50_000_000);
    const k = board.kernel;
    const [a, b] = [1, 2].map((id) => (id === 1 ? k.spaces.get(1)! : (k.createSpace(id) as Space)));
    // Pages whose main-TLB set the kernel's section entries do not share (2-way RAM, 32 sets).
    touch(k, a, 0x00503000);
    touch(k, a, 0x00504000);
    touch(k, b, 0x00503000);
    const mem = arm1176(k);
    const entriesAt = (asid: number) => [...mem.mainTlb.entries().ram, ...mem.mainTlb.entries().lockable].filter((e) => e.global === false && e.asid === asid).map((e) => e.mvaBase);
    expect(entriesAt(a.asid)).toEqual(expect.arrayContaining([0x00503000, 0x00504000]));
    expect(entriesAt(b.asid)).toContain(0x00503000);
    // Unmap in a (not current): only a's entry for that page goes.
    expect(k.pageTables.unmap(a, 0x00503000, 4096)).toBe(1);
    k.mmu.flushRange(a, 0x00503000, 4096);
    expect(entriesAt(a.asid)).not.toContain(0x00503000);
    expect(entriesAt(a.asid)).toContain(0x00504000);
    expect(entriesAt(b.asid)).toContain(0x00503000);
    expect(() => k.machine.memory.read32(0x00503000)).not.toThrow();
    k.mmu.activate(a);
    expect(() => k.machine.memory.read32(0x00503000)).toThrow();
    expect(arm1176(k).translate(0x00503000, 'read', true)).toMatchObject({ ok: false });
    expect((k.mmu as ArmV6Mmu).stats.flushes).toBe(0);
    // Read-write data without x: XN set, and the lookup reports the rights back.
    expect(k.pageTables.lookup(a, 0x00504000)).toMatchObject({ rights: 6, attribute: 3 });
    const m = mem.translate(0x00504000, 'fetch', false);
    expect(m.ok).toBe(false);
  });

  it('keeps the current space loaded when SpaceControl re-registers it (resources change)', () => {
    const board = bootBoard({ programs: [{ name: 'idle', elf: ipc, args: ['echo'] }] }, { board: 'smdk6410' });
    board.run(50_000_000);
    const k = board.kernel;
    const s = k.spaces.get(1)!;
    k.mmu.activate(s);
    const asid = s.asid;
    k.mmu.spaceDeleted(s);
    k.mmu.spaceCreated(s);
    expect(s.asid).toBe(asid);
    expect(arm1176(k).cp15.ttbr0).toBe(s.l1Pa);
    expect(k.mmu.current).toBe(s);
  });
});
