import { GuestErrorLog, RecordingLine, pulseLine } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { S3C2440InterruptController, S3C2440_IRQ, S3C2440_SUBIRQ } from './interrupt-controller.js';

const SRCPND = 0x00, INTMOD = 0x04, INTMSK = 0x08, PRIORITY = 0x0c, INTPND = 0x10, INTOFFSET = 0x14, SUBSRCPND = 0x18, INTSUBMSK = 0x1c;

function setup() {
  const ic = new S3C2440InterruptController(new GuestErrorLog('fatal'));
  const irq = new RecordingLine(), fiq = new RecordingLine();
  ic.connect({ setIrqLine: (v) => irq.set(v), setFiqLine: (v) => fiq.set(v) });
  const rd = (o: number) => ic.read(o, 4);
  const wr = (o: number, v: number) => ic.write(o, v, 4);
  /** The ISR sequence: clear SRCPND then INTPND with the value read. */
  const service = () => {
    const n = rd(INTOFFSET);
    wr(SRCPND, 1 << n);
    wr(INTPND, rd(INTPND));
    return n;
  };
  return { ic, irq, fiq, rd, wr, service };
}

describe('S3C2440 interrupt controller', () => {
  it('resets masked, with PRIORITY 0x7F', () => {
    const { rd, irq } = setup();
    expect(rd(INTMSK)).toBe(0xffffffff);
    expect(rd(PRIORITY)).toBe(0x7f);
    expect(rd(INTSUBMSK)).toBe(0xffff);
    expect(irq.level).toBe(false);
  });

  it('latches a source in SRCPND, raises IRQ only when unmasked, and INTOFFSET names it', () => {
    const { ic, rd, wr, irq } = setup();
    pulseLine(ic.line(S3C2440_IRQ.TIMER4));
    expect(rd(SRCPND)).toBe(1 << 14);
    expect(rd(INTPND)).toBe(0);
    expect(irq.level).toBe(false);
    wr(INTMSK, ~(1 << 14));
    expect(rd(INTPND)).toBe(1 << 14);
    expect(rd(INTOFFSET)).toBe(14);
    expect(irq.level).toBe(true);
  });

  it('clears SRCPND and INTPND by writing 1 (0 bits untouched)', () => {
    const { ic, rd, wr, irq } = setup();
    wr(INTMSK, 0);
    pulseLine(ic.line(10));
    pulseLine(ic.line(11));
    expect(rd(SRCPND)).toBe(0xc00);
    wr(SRCPND, 0);
    expect(rd(SRCPND)).toBe(0xc00);
    wr(SRCPND, 1 << 10);
    expect(rd(SRCPND)).toBe(0x800);
    // INTPND stays latched on TIMER0 until cleared; only then does TIMER1 get arbitrated.
    expect(rd(INTOFFSET)).toBe(10);
    wr(INTPND, 1 << 10);
    expect(rd(INTOFFSET)).toBe(11);
    wr(SRCPND, 1 << 11);
    wr(INTPND, 1 << 11);
    expect(rd(INTPND)).toBe(0);
    expect(irq.level).toBe(false);
  });

  it('arbitrates through the seven arbiters with fixed priority (PRIORITY = 0)', () => {
    const { ic, rd, wr } = setup();
    wr(PRIORITY, 0);
    for (const s of [28, 10, 1]) pulseLine(ic.line(s));
    wr(INTMSK, 0);
    // ARBITER6 REQ0 is ARBITER0, whose REQ2 is EINT1.
    expect(rd(INTOFFSET)).toBe(1);
    wr(SRCPND, 2);
    wr(INTPND, 2);
    expect(rd(INTOFFSET)).toBe(10);
    wr(SRCPND, 1 << 10);
    wr(INTPND, 1 << 10);
    expect(rd(INTOFFSET)).toBe(28);
    expect(rd(PRIORITY)).toBe(0); // no rotation with ARB_MODE clear
  });

  it('rotates a first-level arbiter after service when ARB_MODE is set', () => {
    const { ic, rd, wr, service } = setup();
    for (const n of [0, 1, 2]) pulseLine(ic.line(n));
    wr(INTMSK, 0);
    expect(rd(INTOFFSET)).toBe(0);
    expect((rd(PRIORITY) >>> 7) & 3).toBe(1); // ARB_SEL0 = 01: EINT0 (REQ1) is now the lowest of REQ1..4
    expect(service()).toBe(0); // EINT1 is latched next; EINT2 still waits
    pulseLine(ic.line(0));
    expect(service()).toBe(1);
    expect(service()).toBe(2);
    expect(service()).toBe(0);
  });

  it('keeps fixed order when that arbiter does not rotate', () => {
    const { ic, wr, service } = setup();
    wr(PRIORITY, 0x7e); // ARB_MODE0 clear
    for (const n of [0, 1, 2]) pulseLine(ic.line(n));
    wr(INTMSK, 0);
    expect(service()).toBe(0); // EINT1 is latched next; EINT2 still waits
    pulseLine(ic.line(0));
    expect(service()).toBe(1);
    expect(service()).toBe(0);
    expect(service()).toBe(2);
  });

  it('rotates ARBITER6 between groups', () => {
    const { ic, rd, wr, service } = setup();
    for (const n of [10, 16, 22]) pulseLine(ic.line(n)); // ARBITER2, 3, 4
    wr(INTMSK, 0);
    expect(rd(INTOFFSET)).toBe(10);
    expect((rd(PRIORITY) >>> 19) & 3).toBe(2);
    expect(service()).toBe(10);
    pulseLine(ic.line(10));
    expect(service()).toBe(16);
    expect(service()).toBe(22);
    expect(service()).toBe(10);
  });

  it('routes INTMOD sources to FIQ, bypassing INTPND', () => {
    const { ic, rd, wr, irq, fiq } = setup();
    wr(INTMOD, 1 << 14);
    wr(INTMSK, 0);
    pulseLine(ic.line(14));
    expect(fiq.level).toBe(true);
    expect(irq.level).toBe(false);
    expect(rd(INTPND)).toBe(0);
    wr(SRCPND, 1 << 14);
    expect(fiq.level).toBe(false);
  });

  it('feeds sub-sources to their parent only while unmasked in INTSUBMSK', () => {
    const { ic, rd, wr, irq } = setup();
    wr(INTMSK, ~(1 << S3C2440_IRQ.UART0));
    pulseLine(ic.subLine(S3C2440_SUBIRQ.RXD0));
    expect(rd(SUBSRCPND)).toBe(1);
    expect(rd(SRCPND)).toBe(0);
    wr(INTSUBMSK, 0xffff & ~1);
    expect(rd(SRCPND)).toBe(1 << 28);
    expect(rd(INTOFFSET)).toBe(28);
    // ISR order: SUBSRCPND, SRCPND, INTPND.
    wr(SUBSRCPND, 1);
    wr(SRCPND, 1 << 28);
    wr(INTPND, 1 << 28);
    expect(rd(SUBSRCPND)).toBe(0);
    expect(rd(SRCPND)).toBe(0);
    expect(irq.level).toBe(false);
  });

  it('re-latches a parent cleared before its sub-source (level behaviour)', () => {
    const { ic, rd, wr } = setup();
    wr(INTSUBMSK, 0);
    pulseLine(ic.subLine(S3C2440_SUBIRQ.WDT));
    expect(rd(SRCPND)).toBe(1 << 9);
    wr(SRCPND, 1 << 9);
    expect(rd(SRCPND)).toBe(1 << 9);
    wr(SUBSRCPND, 1 << 13);
    wr(SRCPND, 1 << 9);
    expect(rd(SRCPND)).toBe(0);
  });

  it('re-latches level sources after write-1-to-clear while they stay asserted', () => {
    const { ic, rd, wr } = setup();
    const line = ic.line(5);
    line.set(true);
    wr(SRCPND, 1 << 5);
    expect(rd(SRCPND)).toBe(1 << 5);
    line.set(false);
    wr(SRCPND, 1 << 5);
    expect(rd(SRCPND)).toBe(0);
  });

  it('reports writes to INTOFFSET and unmodelled offsets as guest errors', () => {
    const { ic } = setup();
    expect(() => ic.write(INTOFFSET, 0, 4)).toThrow(/read-only register INTOFFSET/);
    expect(() => ic.read(0x20, 4)).toThrow(/unmodelled register at \+0x20/);
  });
});
