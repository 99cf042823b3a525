import { describe, expect, it } from 'vitest';
import { Arm920tControl } from '../cp15/arm920t-cp15.js';
import { MemoryFault } from '../cpu/fault.js';
import { FaultStatus } from './fault-status.js';
import { L2_AREA, RAM_BASE, catchFault, enableMmu, makeMachine } from './test-support.js';

const DATA = RAM_BASE + 0x100000; // physical page used for data
/** Physical RAM clear of the page tables, for sections at VA 0. */
const SCRATCH = RAM_BASE + 0x300000;

describe('MemorySystem with the MMU off', () => {
  it('maps flat and moves data through the bus', () => {
    const { mem, bus } = makeMachine();
    mem.write32(RAM_BASE + 0x100, 0xdeadbeef);
    expect(bus.read(RAM_BASE + 0x100, 4)).toBe(0xdeadbeef);
    expect(mem.read8(RAM_BASE + 0x101)).toBe(0xbe);
    expect(mem.read16(RAM_BASE + 0x102)).toBe(0xdead);
    mem.write8(RAM_BASE + 0x103, 0x11);
    mem.write16(RAM_BASE + 0x100, 0x2233);
    expect(mem.read32(RAM_BASE + 0x100)).toBe(0x11ad2233);
    expect(mem.fetch32(RAM_BASE + 0x100)).toBe(0x11ad2233);
    expect(mem.fetch16(RAM_BASE + 0x102)).toBe(0x11ad);
  });

  it('returns the aligned datum for unaligned accesses when A=0, and faults when A=1', () => {
    const { mem } = makeMachine();
    mem.write32(RAM_BASE, 0x44332211);
    expect(mem.read32(RAM_BASE + 1)).toBe(0x44332211);
    expect(mem.read16(RAM_BASE + 3)).toBe(0x4433);
    mem.cp15.control = Arm920tControl.A;
    const f = catchFault(() => mem.read32(RAM_BASE + 2));
    expect(f).toBeInstanceOf(MemoryFault);
    expect(f).toMatchObject({ kind: 'data', status: FaultStatus.ALIGNMENT, address: RAM_BASE + 2, write: false });
    expect(catchFault(() => mem.write16(RAM_BASE + 1, 0)).write).toBe(true);
    expect(mem.cp15.dataFsr).toBe(FaultStatus.ALIGNMENT);
    expect(mem.cp15.far).toBe(RAM_BASE + 1);
    // Bytes never fault; instruction fetches are not alignment-checked.
    expect(mem.read8(RAM_BASE + 3)).toBe(0x44);
    expect(mem.fetch32(RAM_BASE + 2)).toBe(0x44332211);
  });

  it('turns a bus error into an external abort (non-linefetch, section)', () => {
    const { mem } = makeMachine();
    const f = catchFault(() => mem.read32(0x80000000));
    expect(f).toMatchObject({ kind: 'data', status: FaultStatus.EXTERNAL_NON_LINEFETCH_SECTION, address: 0x80000000 });
    expect(f.description).toMatch(/nothing is mapped/);
    expect(mem.cp15.far).toBe(0x80000000);
    const p = catchFault(() => mem.fetch32(0x80000000));
    expect(p).toMatchObject({ kind: 'prefetch', status: FaultStatus.EXTERNAL_NON_LINEFETCH_SECTION });
  });
});

describe('MemorySystem translation', () => {
  it('translates sections and every page size', () => {
    const { mem, bus, tables } = makeMachine();
    tables.section(0xc0000000, DATA, { ap: 3 });
    tables.coarse(0x00100000, L2_AREA);
    tables.small(L2_AREA, 0x00101000, DATA + 0x1000, { ap: 3 });
    tables.large(L2_AREA, 0x00120000, DATA + 0x20000, { ap: 3 });
    tables.fine(0x00200000, L2_AREA + 0x1000);
    tables.tiny(L2_AREA + 0x1000, 0x00200c00, DATA + 0x400, { ap: 3 });
    enableMmu(mem);
    bus.write(DATA + 0x10, 1, 4);
    bus.write(DATA + 0x1010, 2, 4);
    bus.write(DATA + 0x2fff0, 3, 4);
    bus.write(DATA + 0x410, 4, 4);
    expect(mem.read32(0xc0000010)).toBe(1);
    expect(mem.read32(0x00101010)).toBe(2);
    expect(mem.read32(0x0012fff0)).toBe(3);
    expect(mem.read32(0x00200c10)).toBe(4);
    mem.write32(0x00200c14, 5);
    expect(bus.read(DATA + 0x414, 4)).toBe(5);
    expect(mem.translate(0x0012fff0)).toMatchObject({ ok: true, physical: DATA + 0x2fff0, size: 0x10000 });
  });

  it('reports translation faults with FSR, FAR (data) and IFSR (prefetch, FAR untouched)', () => {
    const { mem, tables } = makeMachine();
    tables.coarse(0x00100000, L2_AREA, 6);
    enableMmu(mem, 0, 0xffffffff);
    expect(catchFault(() => mem.read32(0x40000000))).toMatchObject({ status: FaultStatus.TRANSLATION_SECTION, domain: 0 });
    expect(mem.cp15.far).toBe(0x40000000);
    expect(catchFault(() => mem.write8(0x00100123, 0))).toMatchObject({ status: FaultStatus.TRANSLATION_PAGE, domain: 6, write: true });
    expect(mem.cp15.dataFsr).toBe((6 << 4) | FaultStatus.TRANSLATION_PAGE);
    expect(mem.cp15.far).toBe(0x00100123);
    expect(catchFault(() => mem.fetch32(0x00100200))).toMatchObject({ kind: 'prefetch', status: FaultStatus.TRANSLATION_PAGE, domain: 6 });
    expect(mem.cp15.instructionFsr).toBe((6 << 4) | FaultStatus.TRANSLATION_PAGE);
    expect(mem.cp15.far).toBe(0x00100123);
    expect(mem.cp15.dataFsr).toBe((6 << 4) | FaultStatus.TRANSLATION_PAGE);
  });

  it('reports external aborts on translation', () => {
    const { mem, tables } = makeMachine();
    tables.coarse(0x00100000, 0x90000000, 2);
    enableMmu(mem, 0, 0xffffffff);
    expect(catchFault(() => mem.read32(0x00100000))).toMatchObject({ status: FaultStatus.EXTERNAL_TRANSLATION_L2, domain: 2 });
    mem.cp15.ttb = 0x80000000;
    expect(catchFault(() => mem.read32(0x00200000))).toMatchObject({ status: FaultStatus.EXTERNAL_TRANSLATION_L1, domain: 0 });
  });

  it('reports external aborts on the access with the page/section variant and linefetch in cycle mode', () => {
    const { mem, tables } = makeMachine('cycle');
    tables.section(0x00000000, 0x90000000, { ap: 3, domain: 1 });
    tables.section(0x00100000, 0x90100000, { ap: 3, domain: 1, c: true, b: true });
    tables.coarse(0x00200000, L2_AREA, 1);
    tables.small(L2_AREA, 0x00200000, 0x90200000, { ap: 3 });
    enableMmu(mem, Arm920tControl.C, 0b01 << 2);
    expect(catchFault(() => mem.read32(0x10))).toMatchObject({ status: FaultStatus.EXTERNAL_NON_LINEFETCH_SECTION, domain: 1 });
    expect(catchFault(() => mem.write32(0x00200010, 1))).toMatchObject({ status: FaultStatus.EXTERNAL_NON_LINEFETCH_PAGE, domain: 1 });
    expect(catchFault(() => mem.read32(0x00100010))).toMatchObject({ status: FaultStatus.EXTERNAL_LINEFETCH_SECTION });
    // The faulting fill left nothing in the cache.
    expect(mem.dcache.validLines()).toBe(0);
  });

  it('checks AP against privilege, and S/R for AP=00', () => {
    const { mem, tables } = makeMachine();
    tables.section(0x00000000, SCRATCH, { ap: 1 }); // priv RW
    tables.section(0x00100000, DATA, { ap: 2 }); // user RO
    tables.section(0x00200000, DATA, { ap: 0 }); // S/R
    enableMmu(mem);
    mem.privileged = false;
    expect(catchFault(() => mem.read32(0x10))).toMatchObject({ status: FaultStatus.PERMISSION_SECTION });
    expect(mem.read32(0x00100000)).toBe(0);
    expect(catchFault(() => mem.write32(0x00100000, 1))).toMatchObject({ status: FaultStatus.PERMISSION_SECTION, write: true });
    mem.privileged = true;
    mem.write32(0x10, 1);
    mem.write32(0x00100000, 1);
    expect(catchFault(() => mem.read32(0x00200000)).status).toBe(FaultStatus.PERMISSION_SECTION);
    mem.cp15.control = Arm920tControl.M | Arm920tControl.S;
    expect(mem.read32(0x00200000)).toBe(1);
    expect(catchFault(() => mem.write32(0x00200000, 1)).status).toBe(FaultStatus.PERMISSION_SECTION);
    mem.privileged = false;
    expect(catchFault(() => mem.read32(0x00200000)).status).toBe(FaultStatus.PERMISSION_SECTION);
    mem.cp15.control = Arm920tControl.M | Arm920tControl.R;
    expect(mem.read32(0x00200000)).toBe(1);
  });

  it('applies per-sub-page APs of small and large pages', () => {
    const { mem, tables } = makeMachine();
    tables.coarse(0x00100000, L2_AREA);
    tables.small(L2_AREA, 0x00100000, DATA, { ap: [3, 2, 1, 3] });
    tables.large(L2_AREA, 0x00110000, DATA, { ap: [3, 1, 3, 3] });
    enableMmu(mem);
    mem.privileged = false;
    mem.write32(0x00100000, 1); // sub-page 0: RW
    expect(mem.read32(0x00100400)).toBe(0); // sub-page 1: read-only
    expect(catchFault(() => mem.write32(0x00100400, 1)).status).toBe(FaultStatus.PERMISSION_PAGE);
    expect(catchFault(() => mem.read32(0x00100800)).status).toBe(FaultStatus.PERMISSION_PAGE);
    mem.write32(0x00100c00, 1);
    expect(mem.read32(0x00113ffc)).toBe(0);
    expect(catchFault(() => mem.read32(0x00114000)).status).toBe(FaultStatus.PERMISSION_PAGE);
    expect(mem.read32(0x00118000)).toBe(0);
  });

  it('orders faults: alignment > translation > domain > permission', () => {
    const { mem, tables } = makeMachine();
    tables.section(0x00000000, SCRATCH, { ap: 1, domain: 3 });
    enableMmu(mem, Arm920tControl.A, 0); // domain 3: no access
    mem.privileged = false;
    // Unmapped and misaligned: alignment first.
    expect(catchFault(() => mem.read32(0x40000002)).status).toBe(FaultStatus.ALIGNMENT);
    expect(catchFault(() => mem.read32(0x40000000)).status).toBe(FaultStatus.TRANSLATION_SECTION);
    // Mapped, no-access domain, and AP would deny the user too: domain wins.
    expect(catchFault(() => mem.read32(0x100))).toMatchObject({ status: FaultStatus.DOMAIN_SECTION, domain: 3 });
    mem.cp15.dacr = 0b01 << 6;
    expect(catchFault(() => mem.read32(0x100))).toMatchObject({ status: FaultStatus.PERMISSION_SECTION, domain: 3 });
  });

  it('gives the domain fault for pages only after the page translation', () => {
    const { mem, tables } = makeMachine();
    tables.coarse(0x00100000, L2_AREA, 4);
    tables.small(L2_AREA, 0x00101000, DATA, { ap: 3 });
    enableMmu(mem, 0, 0);
    expect(catchFault(() => mem.read32(0x00100000))).toMatchObject({ status: FaultStatus.TRANSLATION_PAGE, domain: 4 });
    expect(catchFault(() => mem.read32(0x00101000))).toMatchObject({ status: FaultStatus.DOMAIN_PAGE, domain: 4 });
  });
});

describe('domains', () => {
  it('client checks AP, manager does not, no-access and reserved fault', () => {
    const { mem, tables } = makeMachine();
    tables.section(0x00000000, SCRATCH, { ap: 1, domain: 15 });
    enableMmu(mem, 0, 0b01 << 30);
    mem.privileged = false;
    expect(catchFault(() => mem.read32(0)).status).toBe(FaultStatus.PERMISSION_SECTION);
    mem.cp15.dacr = 0b11 << 30;
    expect(mem.read32(0)).toBe(mem.bus.read(SCRATCH, 4));
    mem.write32(0, 7);
    mem.cp15.dacr = 0b10 << 30;
    expect(catchFault(() => mem.read32(0))).toMatchObject({ status: FaultStatus.DOMAIN_SECTION, domain: 15 });
    mem.cp15.dacr = 0;
    expect(catchFault(() => mem.read32(0))).toMatchObject({ status: FaultStatus.DOMAIN_SECTION, domain: 15 });
  });

  it('takes DACR changes into account without a TLB flush (domain checked per access)', () => {
    const { mem, tables } = makeMachine();
    tables.section(0x00000000, SCRATCH, { ap: 3, domain: 2 });
    enableMmu(mem, 0, 0b01 << 4);
    mem.read32(0);
    expect(mem.dtlb.validCount()).toBe(1);
    const walks = mem.dtlb.stats.misses;
    mem.cp15.dacr = 0;
    expect(catchFault(() => mem.read32(0)).status).toBe(FaultStatus.DOMAIN_SECTION);
    mem.cp15.dacr = 0b01 << 4;
    expect(mem.read32(0)).toBeTypeOf('number');
    expect(mem.dtlb.stats.misses).toBe(walks);
  });

  it('keeps stale TLB entries until they are invalidated, like hardware', () => {
    const { mem, tables } = makeMachine();
    tables.section(0x00000000, SCRATCH, { ap: 3 });
    enableMmu(mem);
    mem.read32(0);
    tables.section(0x00000000, DATA, { ap: 3 });
    mem.bus.write(DATA, 0x5a5a, 4);
    expect(mem.read32(0)).not.toBe(0x5a5a);
    mem.invalidateTlbEntry('data', 0);
    expect(mem.read32(0)).toBe(0x5a5a);
  });
});

describe('FCSE', () => {
  it('relocates VAs below 32 MB by the PID, and leaves others alone', () => {
    const { mem, tables, bus } = makeMachine();
    // Process slot 3 (MVA 0x06000000–0x07FFFFFF) maps its VA 0x00000000 to DATA.
    tables.section(0x06000000, DATA, { ap: 3 });
    tables.section(0x00000000, RAM_BASE + 0x200000, { ap: 3 });
    tables.section(0xc0000000, RAM_BASE + 0x300000, { ap: 3 });
    enableMmu(mem);
    bus.write(DATA, 0x33, 4);
    bus.write(RAM_BASE + 0x200000, 0x11, 4);
    bus.write(RAM_BASE + 0x300000, 0xcc, 4);
    expect(mem.read32(0)).toBe(0x11);
    mem.cp15.fcsePid = 3 << 25;
    expect(mem.read32(0)).toBe(0x33);
    expect(mem.read32(0x06000000)).toBe(0x33);
    expect(mem.read32(0xc0000000)).toBe(0xcc);
    expect(mem.mvaOf(0x1234)).toBe(0x06001234);
    expect(mem.translate(0)).toMatchObject({ ok: true, mva: 0x06000000, physical: DATA });
    // Faults report the VA to the core and the MVA in FAR.
    const f = catchFault(() => mem.read32(0x00100000));
    expect(f.address).toBe(0x00100000);
    expect(mem.cp15.far).toBe(0x06100000);
  });
});

describe('side-effect-free access', () => {
  it('translates without walks counted, TLB fills or FSR changes', () => {
    const { mem, tables } = makeMachine();
    tables.section(0x00000000, SCRATCH, { ap: 2, c: true });
    enableMmu(mem);
    mem.cp15.dataFsr = 0x55;
    expect(mem.translate(0x1234, 'write', false)).toMatchObject({ ok: false, status: FaultStatus.PERMISSION_SECTION });
    expect(mem.translate(0x1234, 'read', false)).toMatchObject({ ok: true, physical: SCRATCH + 0x1234, cacheable: true, fromTlb: false });
    expect(mem.translate(0x40000000)).toMatchObject({ ok: false, status: FaultStatus.TRANSLATION_SECTION });
    expect(mem.dtlb.validCount()).toBe(0);
    expect(mem.dtlb.stats.misses).toBe(0);
    expect(mem.cp15.dataFsr).toBe(0x55);
  });

  it('reads and writes virtual memory and byte ranges across pages', () => {
    const { mem, tables, bus } = makeMachine();
    tables.coarse(0x00100000, L2_AREA);
    tables.small(L2_AREA, 0x00100000, DATA + 0x5000, { ap: 3 });
    tables.small(L2_AREA, 0x00101000, DATA + 0x2000, { ap: 3 });
    enableMmu(mem);
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => i + 1);
    mem.writeBytesVirtual(0x00100fec, bytes);
    expect(bus.read(DATA + 0x5fec, 1)).toBe(1);
    expect(bus.read(DATA + 0x2000, 1)).toBe(21);
    expect(mem.readBytesVirtual(0x00100fec, 40)).toEqual(bytes);
    mem.writeVirtual(0x00101000, 0xabcd, 2);
    expect(mem.readVirtual(0x00101000, 2)).toBe(0xabcd);
    expect(() => mem.readVirtual(0x00102000)).toThrow(MemoryFault);
    expect(() => mem.readVirtual(0x00101001)).toThrow(/aligned/);
  });
});

describe('reset and statistics', () => {
  it('counts accesses and resets counters', () => {
    const { mem, tables } = makeMachine();
    tables.section(0x00000000, SCRATCH, { ap: 3 });
    enableMmu(mem);
    mem.read32(0);
    mem.write32(4, 1);
    mem.fetch32(8);
    const s = mem.statistics();
    expect(s).toMatchObject({ timing: 'functional', fetches: 1, reads: 1, writes: 1 });
    expect(s.dtlb.misses).toBe(1);
    expect(s.itlb.misses).toBe(1);
    expect(s.itlb.walkReads).toBe(1);
    mem.resetStatistics();
    expect(mem.statistics().dtlb.misses).toBe(0);
  });

  it('CP15 reset empties TLBs and turns the MMU off', () => {
    const { mem, tables } = makeMachine();
    tables.section(0x00000000, SCRATCH, { ap: 3 });
    enableMmu(mem);
    mem.read32(0);
    mem.cp15.reset();
    expect(mem.dtlb.validCount()).toBe(0);
    expect(mem.cp15.control).toBe(0x78);
    expect(mem.read32(RAM_BASE)).toBeTypeOf('number');
  });
});
