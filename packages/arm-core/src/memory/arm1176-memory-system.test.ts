import { describe, expect, it } from 'vitest';
import { Arm1176Control } from '../cp15/arm1176-registers.js';
import { MemoryFault } from '../cpu/fault.js';
import { L2_AREA, RAM_BASE, TTB, TTB_B, enableMmuV6, makeArm1176, op } from './arm1176-test-support.js';
import { FaultStatusV6, fsrStatusV6, fsrValueV6 } from './fault-status.js';
import { catchFault } from './test-support.js';

/** Physical RAM for test data, clear of the tables. */
const DATA = RAM_BASE + 0x00100000;

function fsr(mem: ReturnType<typeof makeArm1176>['mem']) {
  const v = mem.cp15.dfsr;
  return { status: fsrStatusV6(v), domain: (v >>> 4) & 15, write: (v & (1 << 11)) !== 0 };
}

describe('Arm1176MemorySystem: ARMv6 faults and their status codes', () => {
  it('alignment fault (0b00001) with A = 1, and with U = 1 on the aligned-only paths', () => {
    const { mem, tables } = makeArm1176();
    tables.section(0, DATA, { ap: 3 });
    enableMmuV6(mem, Arm1176Control.A);
    const f = catchFault(() => mem.read32(0x102));
    expect(f).toBeInstanceOf(MemoryFault);
    expect(f.status).toBe(FaultStatusV6.ALIGNMENT);
    expect(mem.cp15.dfsr).toBe(0b00001);
    expect(mem.cp15.far).toBe(0x102);
    // U = 1, A = 0: LDM/LDRD-style accesses still fault, the unaligned forms do not.
    enableMmuV6(mem, Arm1176Control.U);
    expect(catchFault(() => mem.write32(0x101, 0)).status).toBe(FaultStatusV6.ALIGNMENT);
    expect(fsr(mem)).toMatchObject({ status: 0b00001, write: true });
    // U = 0, A = 0: the legacy aligned datum.
    enableMmuV6(mem, 0);
    mem.write32(0x100, 0x44332211);
    expect(mem.read32(0x101)).toBe(0x44332211);
  });

  it('translation faults: section 0b00101, page 0b00111 (domain recorded), FS[4] clear', () => {
    const { mem, tables } = makeArm1176();
    tables.coarse(0x00100000, L2_AREA, 6);
    enableMmuV6(mem);
    expect(catchFault(() => mem.read32(0x00400000)).status).toBe(FaultStatusV6.TRANSLATION_SECTION);
    expect(mem.cp15.dfsr).toBe(0b0101);
    expect(catchFault(() => mem.write8(0x00100010, 1)).status).toBe(FaultStatusV6.TRANSLATION_PAGE);
    expect(fsr(mem)).toEqual({ status: 0b00111, domain: 6, write: true });
    expect(mem.cp15.dfsr).toBe((1 << 11) | (6 << 4) | 0b0111);
  });

  it('domain faults: section 0b01001, page 0b01011', () => {
    const { mem, tables } = makeArm1176();
    tables.section(0, DATA, { ap: 3, domain: 2 });
    tables.coarse(0x00100000, L2_AREA, 3);
    tables.small(L2_AREA, 0x00100000, DATA, { ap: 3 });
    enableMmuV6(mem, 0, 0b01); // only domain 0 is a client
    expect(catchFault(() => mem.read32(0)).status).toBe(FaultStatusV6.DOMAIN_SECTION);
    expect(fsr(mem)).toMatchObject({ status: 0b01001, domain: 2 });
    expect(catchFault(() => mem.read32(0x00100000)).status).toBe(FaultStatusV6.DOMAIN_PAGE);
    expect(fsr(mem)).toMatchObject({ status: 0b01011, domain: 3 });
  });

  it('permission faults: section 0b01101, page 0b01111; APX makes mappings read-only', () => {
    const { mem, tables } = makeArm1176();
    tables.section(0, DATA, { ap: 1 }); // privileged only
    tables.section(0x00100000, DATA, { ap: 1, apx: true }); // privileged read-only
    tables.coarse(0x00200000, L2_AREA);
    tables.small(L2_AREA, 0x00200000, DATA, { ap: 2, apx: true }); // read-only for everyone
    enableMmuV6(mem);
    mem.read32(0);
    mem.privileged = false;
    expect(catchFault(() => mem.read32(0)).status).toBe(FaultStatusV6.PERMISSION_SECTION);
    expect(mem.read32(0x00200000)).toBe(0);
    expect(catchFault(() => mem.write32(0x00200000, 1)).status).toBe(FaultStatusV6.PERMISSION_PAGE);
    expect(fsr(mem)).toMatchObject({ status: 0b01111, write: true });
    mem.privileged = true;
    expect(mem.read32(0x00100000)).toBe(0);
    expect(catchFault(() => mem.write32(0x00100000, 1)).status).toBe(FaultStatusV6.PERMISSION_SECTION);
  });

  it('XN: an instruction fetch takes a prefetch abort with a permission fault in IFSR; data reads are fine', () => {
    const { mem, tables, bus } = makeArm1176();
    tables.section(0, DATA, { ap: 3, xn: true });
    tables.coarse(0x00100000, L2_AREA);
    tables.small(L2_AREA, 0x00100000, DATA, { ap: 3, xn: true });
    enableMmuV6(mem);
    bus.write(DATA, 0xe1a00000, 4);
    expect(mem.read32(0)).toBe(0xe1a00000);
    const f = catchFault(() => mem.fetch32(0));
    expect(f.kind).toBe('prefetch');
    expect(f.status).toBe(FaultStatusV6.PERMISSION_SECTION);
    expect(mem.cp15.ifsr).toBe(0b01101);
    expect(mem.cp15.ifar).toBe(0);
    expect(catchFault(() => mem.fetch16(0x00100002)).status).toBe(FaultStatusV6.PERMISSION_PAGE);
    // A manager domain ignores XN.
    mem.cp15.dacr = 0b11;
    expect(mem.fetch32(0)).toBe(0xe1a00000);
  });

  it('XN does not exist in the ARMv5-compatible formats', () => {
    const { mem, tables } = makeArm1176();
    tables.section(0, DATA, { ap: 3, xn: true });
    enableMmuV6(mem, 0, 0b01, false);
    expect(mem.fetch32(0)).toBe(0);
  });

  it('access flag with FA = 1: section 0b00011, page 0b00110', () => {
    const { mem, tables } = makeArm1176();
    tables.section(0, DATA, { ap: 2 }); // AP[0] = 0: not accessed
    tables.section(0x00100000, DATA, { ap: 3 });
    tables.coarse(0x00200000, L2_AREA);
    tables.small(L2_AREA, 0x00200000, DATA, { ap: 2 });
    enableMmuV6(mem, Arm1176Control.FA);
    expect(catchFault(() => mem.read32(0)).status).toBe(FaultStatusV6.ACCESS_FLAG_SECTION);
    expect(mem.cp15.dfsr & 0xf).toBe(0b0011);
    expect(catchFault(() => mem.read32(0x00200000)).status).toBe(FaultStatusV6.ACCESS_FLAG_PAGE);
    expect(mem.read32(0x00100000)).toBe(0);
  });

  it('precise external abort (0b01000) on a bus error; external aborts on L1 (0b01100) and L2 (0b01110) fetches', () => {
    const { mem, tables } = makeArm1176();
    tables.section(0, 0x20000000, { ap: 3 }); // nothing there
    tables.coarse(0x00100000, 0x20000000);
    enableMmuV6(mem);
    expect(catchFault(() => mem.read32(0)).status).toBe(FaultStatusV6.PRECISE_EXTERNAL);
    expect(mem.cp15.dfsr).toBe(0b01000);
    expect(catchFault(() => mem.read32(0x00100000)).status).toBe(FaultStatusV6.EXTERNAL_TRANSLATION_L2);
    mem.cp15.ttbr0 = 0x20000000;
    mem.invalidateTlb('both');
    expect(catchFault(() => mem.read32(0x00300000)).status).toBe(FaultStatusV6.EXTERNAL_TRANSLATION_L1);
    expect(mem.cp15.dfsr).toBe(0b01100);
  });

  it('debug events (0b00010): BKPT through IFSR, a watchpoint through DFSR and WFAR', () => {
    const { mem } = makeArm1176();
    const bkpt = mem.debugEvent('prefetch', 0x1234, 0x1234);
    expect(bkpt.status).toBe(FaultStatusV6.DEBUG);
    expect(mem.cp15.ifsr).toBe(0b00010);
    const wp = mem.debugEvent('data', 0x5000, 0x1000);
    expect(wp.kind).toBe('data');
    expect(mem.cp15.dfsr).toBe(0b00010);
    expect(mem.cp15.far).toBe(0x5000);
    expect(mem.cp15.wfar).toBe(0x1008);
  });

  it('encodes FS[4] in bit 10 (imprecise external abort 0b10110)', () => {
    expect(fsrValueV6(FaultStatusV6.IMPRECISE_EXTERNAL, 0, true)).toBe((1 << 11) | (1 << 10) | 0b0110);
    expect(fsrStatusV6((1 << 10) | 0b0110)).toBe(0b10110);
  });

  it('applies the FCSE PID (deprecated, still present) before translation; FAR holds the MVA', () => {
    const { mem, tables, bus } = makeArm1176();
    tables.section(0x02000000, DATA, { ap: 3 });
    enableMmuV6(mem);
    bus.write(DATA + 0x40, 0xabcd, 4);
    mem.cp15.fcsePid = 1 << 25;
    expect(mem.read32(0x40)).toBe(0xabcd);
    expect(mem.mvaOf(0x40)).toBe(0x02000040);
    catchFault(() => mem.read32(0x00100000));
    expect(mem.cp15.far).toBe(0x02100000);
  });
});

describe('Arm1176MemorySystem: TTBR0/TTBR1 split', () => {
  it('sends low VAs through TTBR0 and high VAs through TTBR1 when TTBCR.N > 0', () => {
    const { mem, tables, bus } = makeArm1176();
    const user = tables.at(TTB_B); // TTBR0 table (N = 1: 8 KB, 8 KB aligned)
    user.section(0x00000000, DATA, { ap: 3 });
    tables.section(0xc0000000, DATA + 0x100000, { ap: 1 }); // kernel table at TTBR1
    tables.section(0x00000000, DATA + 0x200000, { ap: 3 }); // what TTBR1 would give for VA 0: unused
    bus.write(DATA, 111, 4);
    bus.write(DATA + 0x100000, 222, 4);
    mem.cp15.ttbr0 = TTB_B;
    mem.cp15.ttbr1 = TTB;
    mem.cp15.mcr(op(2, 0, 2), 1, true); // TTBCR.N = 1
    enableMmuV6(mem);
    expect(mem.read32(0)).toBe(111);
    expect(mem.read32(0xc0000000)).toBe(222);
    expect(mem.translate(0x7ff00000).ok).toBe(false);
    // PD0: walks for the low half fault without reading a descriptor.
    mem.cp15.ttbcr = 0x11;
    mem.invalidateTlb('both');
    expect(catchFault(() => mem.read32(0)).status).toBe(FaultStatusV6.TRANSLATION_SECTION);
    expect(mem.read32(0xc0000000)).toBe(222);
  });
});

describe('Arm1176MemorySystem: ASID-tagged TLBs', () => {
  /** Two address spaces: same VA 0x00100000, non-global, different physical pages; a global kernel section. */
  function twoSpaces() {
    const m = makeArm1176();
    const a = m.tables;
    const b = m.tables.at(TTB_B);
    a.section(0x00100000, DATA, { ap: 3, nG: true });
    b.section(0x00100000, DATA + 0x100000, { ap: 3, nG: true });
    for (const t of [a, b]) t.section(0xc0000000, DATA + 0x200000, { ap: 1 });
    m.bus.write(DATA, 0xaaaa, 4);
    m.bus.write(DATA + 0x100000, 0xbbbb, 4);
    m.bus.write(DATA + 0x200000, 0xcccc, 4);
    enableMmuV6(m.mem);
    const switchTo = (space: 'a' | 'b') => {
      m.mem.cp15.ttbr0 = space === 'a' ? TTB : TTB_B;
      m.mem.cp15.contextId = space === 'a' ? 1 : 2;
    };
    return { ...m, switchTo };
  }

  it('two address spaces with different ASIDs alternate without a TLB flush, each seeing its own mapping', () => {
    const { mem, switchTo } = twoSpaces();
    switchTo('a');
    expect(mem.read32(0x00100000)).toBe(0xaaaa);
    switchTo('b');
    expect(mem.read32(0x00100000)).toBe(0xbbbb);
    const walksBefore = mem.mainTlb.stats.walkReads;
    for (let i = 0; i < 10; i++) {
      switchTo('a');
      expect(mem.read32(0x00100000)).toBe(0xaaaa);
      switchTo('b');
      expect(mem.read32(0x00100000)).toBe(0xbbbb);
    }
    // Both entries stay in the TLBs: no walk after the first two.
    expect(mem.mainTlb.stats.walkReads).toBe(walksBefore);
    expect(mem.dtlb.entries().filter((e) => !e.global).map((e) => e.asid).sort()).toEqual([1, 2]);
  });

  it('global entries match every ASID; invalidate by ASID removes only that ASID', () => {
    const { mem, switchTo } = twoSpaces();
    switchTo('a');
    mem.read32(0x00100000);
    mem.read32(0xc0000000);
    switchTo('b');
    mem.read32(0x00100000);
    const walks = mem.mainTlb.stats.walkReads;
    expect(mem.read32(0xc0000000)).toBe(0xcccc); // global, loaded under ASID 1
    expect(mem.mainTlb.stats.walkReads).toBe(walks);
    mem.cp15.mcr(op(8, 7, 2), 1, true); // invalidate ASID 1 (unified)
    expect(mem.read32(0x00100000)).toBe(0xbbbb);
    expect(mem.read32(0xc0000000)).toBe(0xcccc);
    expect(mem.mainTlb.stats.walkReads).toBe(walks);
    switchTo('a');
    expect(mem.read32(0x00100000)).toBe(0xaaaa);
    expect(mem.mainTlb.stats.walkReads).toBe(walks + 1);
  });

  it('invalidate by MVA takes the ASID from the operand; invalidate-all clears the world', () => {
    const { mem, switchTo } = twoSpaces();
    switchTo('a');
    mem.read32(0x00100000);
    switchTo('b');
    mem.read32(0x00100000);
    mem.cp15.mcr(op(8, 6, 1), 0x00100000 | 2, true); // D-side, MVA + ASID 2
    const w = mem.mainTlb.stats.walkReads;
    switchTo('a');
    mem.read32(0x00100000);
    expect(mem.mainTlb.stats.walkReads).toBe(w);
    switchTo('b');
    mem.read32(0x00100000);
    expect(mem.mainTlb.stats.walkReads).toBe(w + 1);
    mem.cp15.mcr(op(8, 7, 0), 0, true);
    expect(mem.mainTlb.validCount() + mem.dtlb.validCount()).toBe(0);
  });

  it('with XP = 0 every mapping is global, whatever nG says', () => {
    const { mem, bus, tables } = makeArm1176();
    tables.section(0x00100000, DATA, { ap: 3, nG: true });
    bus.write(DATA, 7, 4);
    enableMmuV6(mem, 0, 0b01, false);
    mem.cp15.contextId = 1;
    expect(mem.read32(0x00100000)).toBe(7);
    mem.cp15.contextId = 2;
    const w = mem.mainTlb.stats.walkReads;
    expect(mem.read32(0x00100000)).toBe(7);
    expect(mem.mainTlb.stats.walkReads).toBe(w);
  });

  it('micro TLBs (10 entries) refill from the main TLB without walking', () => {
    const { mem, tables } = makeArm1176();
    for (let i = 0; i < 12; i++) tables.section(i << 20, DATA, { ap: 3 });
    enableMmuV6(mem);
    for (let i = 0; i < 12; i++) mem.read32(i << 20);
    const walks = mem.mainTlb.stats.walkReads;
    for (let i = 0; i < 12; i++) mem.read32(i << 20);
    expect(mem.mainTlb.stats.walkReads).toBe(walks);
    expect(mem.dtlb.validCount()).toBe(10);
    expect(mem.mainTlb.stats.hits).toBeGreaterThanOrEqual(2);
  });

  it('keeps entries loaded with the lockdown P bit across invalidate-all', () => {
    const { mem, tables } = makeArm1176();
    tables.section(0, DATA, { ap: 3 });
    tables.section(0x00100000, DATA, { ap: 3 });
    enableMmuV6(mem);
    mem.cp15.mcr(op(10), 1, true); // P = 1, victim 0
    mem.read32(0);
    mem.cp15.mcr(op(10), 1 << 26, true); // P = 0, victim 1
    mem.read32(0x00100000);
    expect(mem.cp15.mrc(op(10), true)).toBe(1 << 26);
    mem.cp15.mcr(op(8, 7, 0), 0, true);
    expect(mem.mainTlb.lockable.validCount()).toBe(1);
    expect(mem.mainTlb.ram.validCount()).toBe(0);
  });
});

describe('Arm1176MemorySystem: unaligned access (c1.U)', () => {
  it('reads and writes across word and page boundaries with U = 1; A = 1 still faults', () => {
    const { mem, tables, bus } = makeArm1176();
    tables.coarse(0, L2_AREA);
    tables.small(L2_AREA, 0x0000, DATA + 0x3000, { ap: 3 });
    tables.small(L2_AREA, 0x1000, DATA + 0x5000, { ap: 3 });
    enableMmuV6(mem, Arm1176Control.U);
    bus.write(DATA + 0x3ffc, 0x44332211, 4);
    bus.write(DATA + 0x5000, 0x88776655, 4);
    expect(mem.readUnaligned32(0x0ffd)).toBe(0x55443322);
    expect(mem.readUnaligned16(0x0fff)).toBe(0x5544);
    expect(mem.reads).toBe(4);
    mem.writeUnaligned32(0x0ffe, 0xddccbbaa);
    expect(bus.read(DATA + 0x3ffc, 4)).toBe(0xbbaa2211);
    expect(bus.read(DATA + 0x5000, 4)).toBe(0x8877ddcc);
    mem.writeUnaligned16(0x1001, 0xeeff);
    expect(bus.read(DATA + 0x5000, 4)).toBe(0x88eeffcc);
    enableMmuV6(mem, Arm1176Control.U | Arm1176Control.A);
    expect(catchFault(() => mem.readUnaligned32(0x0ffd)).status).toBe(FaultStatusV6.ALIGNMENT);
  });

  it('faults at the address of the part that is not mapped', () => {
    const { mem, tables } = makeArm1176();
    tables.coarse(0, L2_AREA);
    tables.small(L2_AREA, 0x0000, DATA, { ap: 3 });
    enableMmuV6(mem, Arm1176Control.U);
    expect(catchFault(() => mem.readUnaligned32(0x0ffe)).status).toBe(FaultStatusV6.TRANSLATION_PAGE);
    expect(mem.cp15.far).toBe(0x1000);
  });

  it('with U = 0 the unaligned forms keep the ARMv5 results (LDR rotates)', () => {
    const { mem, bus } = makeArm1176();
    bus.write(RAM_BASE + 0x200, 0x44332211, 4);
    expect(mem.readUnaligned32(RAM_BASE + 0x201)).toBe(0x11443322);
    expect(mem.readUnaligned16(RAM_BASE + 0x201)).toBe(0x2211);
  });
});
