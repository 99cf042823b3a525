import { GuestErrorLog, RecordingLine } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { Pl192Vic } from './vic.js';

const IRQSTATUS = 0x000, FIQSTATUS = 0x004, RAWINTR = 0x008, INTSELECT = 0x00c, INTENABLE = 0x010, INTENCLEAR = 0x014;
const SOFTINT = 0x018, SOFTINTCLEAR = 0x01c, SWPRIORITYMASK = 0x024, PRIORITYDAISY = 0x028, ADDRESS = 0xf00;
const VECTADDR = (n: number) => 0x100 + 4 * n;
const VECTPRIORITY = (n: number) => 0x200 + 4 * n;

function setup() {
  const errors = new GuestErrorLog('fatal');
  const vic0 = new Pl192Vic('VIC0', errors);
  const vic1 = new Pl192Vic('VIC1', errors);
  vic0.chain(vic1);
  const irq = new RecordingLine(), fiq = new RecordingLine();
  vic0.connect({ setIrqLine: (v) => irq.set(v), setFiqLine: (v) => fiq.set(v) });
  const io = (v: Pl192Vic) => ({ rd: (o: number) => v.read(o, 4), wr: (o: number, x: number) => v.write(o, x, 4) });
  for (let n = 0; n < 32; n++) {
    vic0.write(VECTADDR(n), 0x1000 + n, 4);
    vic1.write(VECTADDR(n), 0x2000 + n, 4);
  }
  return { vic0, vic1, irq, fiq, v0: io(vic0), v1: io(vic1) };
}

describe('PL192 VIC', () => {
  it('status registers follow inputs, INTENABLE (write 1 to set), INTENCLEAR and INTSELECT', () => {
    const { vic0, v0, irq, fiq } = setup();
    vic0.line(3).set(true);
    vic0.line(5).set(true);
    expect(v0.rd(RAWINTR)).toBe(0x28);
    expect(v0.rd(IRQSTATUS)).toBe(0);
    expect(irq.level).toBe(false);
    v0.wr(INTENABLE, 0x08);
    v0.wr(INTENABLE, 0x20);
    expect(v0.rd(INTENABLE)).toBe(0x28);
    expect(v0.rd(IRQSTATUS)).toBe(0x28);
    expect(irq.level).toBe(true);
    v0.wr(INTSELECT, 0x20);
    expect(v0.rd(IRQSTATUS)).toBe(0x08);
    expect(v0.rd(FIQSTATUS)).toBe(0x20);
    expect(fiq.level).toBe(true);
    v0.wr(INTENCLEAR, 0x28);
    expect(v0.rd(INTENABLE)).toBe(0);
    expect(irq.level).toBe(false);
    expect(fiq.level).toBe(false);
    expect(() => v0.rd(INTENCLEAR)).toThrow(/write-only/);
  });

  it('software interrupts', () => {
    const { v0, irq } = setup();
    v0.wr(INTENABLE, 1 << 7);
    v0.wr(SOFTINT, 1 << 7);
    expect(v0.rd(RAWINTR)).toBe(1 << 7);
    expect(irq.level).toBe(true);
    v0.wr(SOFTINTCLEAR, 1 << 7);
    expect(irq.level).toBe(false);
  });

  it('ADDRESS returns the highest-priority vector and masks equal and lower priorities until written', () => {
    const { vic0, v0, irq } = setup();
    v0.wr(VECTPRIORITY(4), 8);
    v0.wr(VECTPRIORITY(9), 3);
    v0.wr(VECTPRIORITY(12), 8);
    v0.wr(INTENABLE, (1 << 4) | (1 << 9) | (1 << 12));
    vic0.line(4).set(true);
    vic0.line(12).set(true);
    expect(v0.rd(ADDRESS)).toBe(0x1004); // equal priority: the lower source number wins
    expect(irq.level).toBe(false); // 12 has the same priority as 4 in service
    // A higher-priority source nests.
    vic0.line(9).set(true);
    expect(irq.level).toBe(true);
    expect(v0.rd(ADDRESS)).toBe(0x1009);
    expect(irq.level).toBe(false);
    expect(v0.rd(ADDRESS)).toBe(0x1009); // nothing competing: the vector in service, no change
    vic0.line(9).set(false);
    v0.wr(ADDRESS, 0); // ends 9; 4 is in service again
    expect(irq.level).toBe(false);
    vic0.line(4).set(false);
    v0.wr(ADDRESS, 0); // ends 4
    expect(irq.level).toBe(true);
    expect(v0.rd(ADDRESS)).toBe(0x100c);
  });

  it('SWPRIORITYMASK disables whole priority levels', () => {
    const { vic0, v0, irq } = setup();
    v0.wr(VECTPRIORITY(2), 5);
    v0.wr(INTENABLE, 1 << 2);
    v0.wr(SWPRIORITYMASK, 0xffff & ~(1 << 5));
    vic0.line(2).set(true);
    expect(v0.rd(IRQSTATUS)).toBe(1 << 2);
    expect(irq.level).toBe(false);
    v0.wr(SWPRIORITYMASK, 0xffff);
    expect(irq.level).toBe(true);
  });

  it('daisy chain: a VIC1 source raises VIC0 IRQ and VIC0 ADDRESS returns the VIC1 vector', () => {
    const { vic1, v0, v1, irq } = setup();
    v1.wr(INTENABLE, 1 << 5);
    vic1.line(5).set(true);
    expect(v0.rd(IRQSTATUS)).toBe(0); // the chained input is not a VIC0 source
    expect(irq.level).toBe(true);
    expect(v0.rd(ADDRESS)).toBe(0x2005);
    expect(irq.level).toBe(false);
    expect(vic1.irq).toBe(false); // in service in VIC1 too
    vic1.line(5).set(false);
    v1.wr(ADDRESS, 0);
    v0.wr(ADDRESS, 0);
    vic1.line(5).set(true);
    expect(irq.level).toBe(true);
  });

  it('daisy chain competes at PRIORITYDAISY; VIC0 sources of equal priority go first', () => {
    const { vic0, vic1, v0, v1 } = setup();
    v0.wr(INTENABLE, 1 << 20);
    v1.wr(INTENABLE, 1 << 1);
    vic0.line(20).set(true);
    vic1.line(1).set(true);
    expect(v0.rd(ADDRESS)).toBe(0x1014);
    v0.wr(ADDRESS, 0);
    v0.wr(PRIORITYDAISY, 2);
    expect(v0.rd(ADDRESS)).toBe(0x2001);
  });

  it('FIQ from the chained VIC reaches the core', () => {
    const { vic1, v1, fiq } = setup();
    v1.wr(INTSELECT, 1);
    v1.wr(INTENABLE, 1);
    vic1.line(0).set(true);
    expect(fiq.level).toBe(true);
  });

  it('identification registers and unmodelled offsets', () => {
    const { v0 } = setup();
    expect([0xfe0, 0xfe4, 0xfe8, 0xfec].map((o) => v0.rd(o))).toEqual([0x92, 0x11, 0x04, 0x00]);
    expect(() => v0.rd(0x300)).toThrow(/unmodelled register at \+0x300/);
  });
});
