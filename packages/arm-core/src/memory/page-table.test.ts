import { describe, expect, it } from 'vitest';
import { PhysicalBus } from '../bus/physical-bus.js';
import { FaultStatus } from './fault-status.js';
import { AP_TABLE, Mapping, Perm, apPermissions, uniformAp, walkV5 } from './page-table.js';
import { L2_AREA, RAM_BASE, RAM_SIZE, TTB, TableWriter } from './test-support.js';

function setup() {
  const bus = new PhysicalBus();
  bus.mapRam(RAM_BASE, RAM_SIZE);
  return { bus, t: new TableWriter(bus, TTB), m: new Mapping() };
}

describe('walkV5', () => {
  it('translates a section with AP, domain, C and B', () => {
    const { bus, t, m } = setup();
    t.section(0xc0000000, 0x30100000, { ap: 2, domain: 5, c: true, b: false });
    expect(walkV5(bus, TTB, 0xc0012345, m)).toBe(0);
    expect(m).toMatchObject({ mvaBase: 0xc0000000, size: 1 << 20, physBase: 0x30100000, domain: 5, cacheable: true, bufferable: false, page: false, reads: 1 });
    expect(m.apBits).toBe(0b10101010);
  });

  it('translates small and large pages in a coarse table with sub-page APs', () => {
    const { bus, t, m } = setup();
    t.coarse(0x00100000, L2_AREA, 3);
    t.small(L2_AREA, 0x00105000, 0x30201000, { ap: [0, 1, 2, 3], c: true, b: true });
    t.large(L2_AREA, 0x00110000, 0x30300000, { ap: 3 });
    expect(walkV5(bus, TTB, 0x00105abc, m)).toBe(0);
    expect(m).toMatchObject({ mvaBase: 0x00105000, size: 4096, physBase: 0x30201000, domain: 3, page: true, reads: 2, subpageShift: 10, cacheable: true, bufferable: true });
    expect(m.apBits).toBe(0b11100100);
    expect(walkV5(bus, TTB, 0x0011fffc, m)).toBe(0);
    expect(m).toMatchObject({ mvaBase: 0x00110000, size: 0x10000, physBase: 0x30300000, subpageShift: 14 });
  });

  it('translates tiny, small and large pages in a fine table', () => {
    const { bus, t, m } = setup();
    t.fine(0x00200000, L2_AREA, 7);
    t.tiny(L2_AREA, 0x00200400, 0x30400c00, { ap: 1 });
    t.fineSmall(L2_AREA, 0x00201000, 0x30401000, { ap: 2 });
    t.fineLarge(L2_AREA, 0x00210000, 0x30410000, { ap: 3 });
    expect(walkV5(bus, TTB, 0x002007ff, m)).toBe(0);
    expect(m).toMatchObject({ mvaBase: 0x00200400, size: 1024, physBase: 0x30400c00, domain: 7, apBits: 0b01010101, subpageShift: 8 });
    expect(walkV5(bus, TTB, 0x00201c00, m)).toBe(0);
    expect(m).toMatchObject({ mvaBase: 0x00201000, size: 4096, physBase: 0x30401000 });
    expect(walkV5(bus, TTB, 0x0021abcd, m)).toBe(0);
    expect(m).toMatchObject({ mvaBase: 0x00210000, size: 0x10000, physBase: 0x30410000 });
  });

  it('reports translation faults for section and page, with the page domain', () => {
    const { bus, t, m } = setup();
    expect(walkV5(bus, TTB, 0x12345678, m)).toBe(FaultStatus.TRANSLATION_SECTION);
    expect(m.domain).toBe(0);
    expect(m.reads).toBe(1);
    t.coarse(0x00100000, L2_AREA, 9);
    expect(walkV5(bus, TTB, 0x00100000, m)).toBe(FaultStatus.TRANSLATION_PAGE);
    expect(m.domain).toBe(9);
    expect(m.reads).toBe(2);
  });

  it('treats a tiny descriptor in a coarse table as a page translation fault', () => {
    const { bus, t, m } = setup();
    t.coarse(0x00100000, L2_AREA, 1);
    t.raw(L2_AREA, 0x30000000 | 0x30 | 0b11);
    expect(walkV5(bus, TTB, 0x00100000, m)).toBe(FaultStatus.TRANSLATION_PAGE);
  });

  it('reports external aborts on first- and second-level fetches', () => {
    const { bus, t, m } = setup();
    // TTB outside RAM: the L1 read hits nothing.
    expect(walkV5(bus, 0x80000000, 0x00100000, m)).toBe(FaultStatus.EXTERNAL_TRANSLATION_L1);
    t.coarse(0x00100000, 0x90000000, 4);
    expect(walkV5(bus, TTB, 0x00100000, m)).toBe(FaultStatus.EXTERNAL_TRANSLATION_L2);
    expect(m.domain).toBe(4);
  });

  it('ignores TTB bits [13:0]', () => {
    const { bus, t, m } = setup();
    t.section(0x00000000, 0x30000000, { ap: 3 });
    expect(walkV5(bus, TTB | 0x3ffc, 0x00000010, m)).toBe(0);
  });
});

describe('access permissions', () => {
  it('follows the AP/S/R table', () => {
    const all = Perm.ALL;
    const privRw = Perm.PRIV_READ | Perm.PRIV_WRITE;
    expect(apPermissions(3, false, false)).toBe(all);
    expect(apPermissions(2, false, false)).toBe(privRw | Perm.USER_READ);
    expect(apPermissions(1, true, true)).toBe(privRw);
    expect(apPermissions(0, false, false)).toBe(0);
    expect(apPermissions(0, true, false)).toBe(Perm.PRIV_READ);
    expect(apPermissions(0, false, true)).toBe(Perm.PRIV_READ | Perm.USER_READ);
    expect(apPermissions(0, true, true)).toBe(0);
    expect(AP_TABLE[(1 << 3) | 0]).toBe(Perm.PRIV_READ);
  });

  it('detects uniform sub-page APs', () => {
    expect(uniformAp(0xff)).toBe(true);
    expect(uniformAp(0b10101010)).toBe(true);
    expect(uniformAp(0b11100100)).toBe(false);
  });
});
