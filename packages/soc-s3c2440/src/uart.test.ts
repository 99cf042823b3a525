import { Clock, EventScheduler, GuestErrorLog, RecordingLine, advanceCycles, type InterruptLine } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { FixedPeripheralClock } from './peripheral-clock.js';
import { S3C2440_UART, S3C6410_UART, Uart } from './uart.js';

const ULCON = 0x00, UCON = 0x04, UFCON = 0x08, UTRSTAT = 0x10, UFSTAT = 0x18, UTXH = 0x20, URXH = 0x24, UBRDIV = 0x28;
const UDIVSLOT = 0x2c, UINTP = 0x30, UINTSP = 0x34, UINTM = 0x38;
/** 400 MHz core, PCLK 50 MHz, UBRDIV 26: 16·27 PCLKs per bit, 8 core cycles per PCLK → 3456 cycles per bit. */
const BIT = 3456;
const FRAME = 10 * BIT; // 8N1

function setup(six410 = false) {
  const clock = new Clock(400e6);
  const scheduler = new EventScheduler(clock);
  const pclk = new FixedPeripheralClock(50e6);
  const sent: [number, number][] = [];
  const rx = new RecordingLine(), tx = new RecordingLine(), err = new RecordingLine(), line = new RecordingLine();
  const irq: { rx: InterruptLine; tx: InterruptLine; err: InterruptLine } | InterruptLine = six410 ? line : { rx, tx, err };
  const uart = new Uart({
    variant: six410 ? S3C6410_UART : S3C2440_UART, index: 0, clock, scheduler, pclk, errors: new GuestErrorLog('fatal'), irq,
    transmit: (b) => sent.push([b, clock.cycles]),
  });
  const rd = (o: number) => uart.read(o, 4);
  const wr = (o: number, v: number) => uart.write(o, v, 4);
  wr(ULCON, 3);
  wr(UBRDIV, 26);
  return { clock, pclk, uart, rd, wr, sent, rx, tx, err, line, run: (c: number) => advanceCycles(scheduler, c) };
}

describe('UART (S3C2440)', () => {
  it('paces transmission at the programmed baud rate', () => {
    const { uart, rd, wr, sent, run } = setup();
    expect(uart.baud).toBeCloseTo(115740.74, 1);
    wr(UCON, 0x5);
    wr(UFCON, 1);
    for (const c of 'abc') wr(UTXH, c.charCodeAt(0));
    expect(rd(UFSTAT) >> 8).toBe(2); // 'a' is in the shift register
    expect(rd(UTRSTAT)).toBe(0);
    run(3 * FRAME);
    expect(sent).toEqual([
      [0x61, FRAME],
      [0x62, 2 * FRAME],
      [0x63, 3 * FRAME],
    ]);
    expect(rd(UTRSTAT)).toBe(6);
  });

  it('frame length follows ULCON (7E2: 1 + 7 + 1 + 2 bits)', () => {
    const { wr, sent, run } = setup();
    wr(ULCON, 0b101110);
    wr(UCON, 0x5);
    wr(UTXH, 0x41);
    run(11 * BIT - 1);
    expect(sent).toHaveLength(0);
    run(1);
    expect(sent).toHaveLength(1);
  });

  it('non-FIFO mode holds one byte; overfilling is a guest error', () => {
    const { rd, wr } = setup();
    wr(UCON, 0x5);
    wr(UTXH, 1); // straight into the shift register
    expect(rd(UTRSTAT)).toBe(2); // buffer empty, transmitter busy
    wr(UTXH, 2);
    expect(rd(UTRSTAT)).toBe(0);
    expect(() => wr(UTXH, 3)).toThrow(/full transmit buffer/);
  });

  it('does not transmit while TX mode is disabled', () => {
    const { wr, sent, run } = setup();
    wr(UFCON, 1);
    wr(UTXH, 0x41);
    run(5 * FRAME);
    expect(sent).toHaveLength(0);
    wr(UCON, 0x5);
    run(FRAME);
    expect(sent).toHaveLength(1);
  });

  it('receives at the baud rate and raises the RX sub-source (level type)', () => {
    const { uart, rd, wr, rx, run } = setup();
    wr(UCON, 0x105); // RX level interrupt
    uart.receive('hi');
    run(FRAME - 1);
    expect(rd(UTRSTAT) & 1).toBe(0);
    expect(rx.level).toBe(false);
    run(1);
    expect(rd(UTRSTAT) & 1).toBe(1);
    expect(rx.level).toBe(true);
    expect(rd(URXH)).toBe(0x68);
    expect(rx.level).toBe(false);
    run(FRAME);
    expect(rd(URXH)).toBe(0x69);
    expect(uart.pendingInput).toBe(0);
  });

  it('holds input back while the RX FIFO is full (no overrun)', () => {
    const { uart, rd, wr, run } = setup();
    wr(UCON, 0x5);
    wr(UFCON, 1);
    uart.receive(new Uint8Array(70).map((_, i) => i));
    run(80 * FRAME);
    expect(rd(UFSTAT) & 0x7f).toBe(0x40); // full flag, count wraps to 0 in [5:0]
    expect(uart.pendingInput).toBe(6);
    expect(rd(URXH)).toBe(0);
    run(FRAME);
    expect(uart.pendingInput).toBe(5);
  });

  it('RX FIFO trigger level and receive timeout', () => {
    const { uart, rd, wr, rx, run } = setup();
    wr(UFCON, 0x11); // FIFO on, RX trigger 8 bytes
    wr(UCON, 0x185); // RX timeout, RX level type
    uart.receive('abc');
    run(3 * FRAME);
    expect(rd(UFSTAT) & 0x3f).toBe(3);
    expect(rx.level).toBe(false);
    run(3 * FRAME);
    expect(rx.level).toBe(true);
    rd(URXH);
    rd(URXH);
    expect(rx.level).toBe(true);
    rd(URXH);
    expect(rx.level).toBe(false);
  });

  it('TX interrupt pulses when the FIFO drains to the trigger level', () => {
    const { wr, tx, run } = setup();
    wr(UFCON, 1); // TX trigger: empty
    wr(UTXH, 1);
    wr(UTXH, 2);
    wr(UCON, 0x5); // TX pulse type; first byte moves to the shifter, one left in the FIFO
    expect(tx.rises).toBe(0);
    run(FRAME);
    expect(tx.rises).toBe(1);
    expect(tx.level).toBe(false);
  });

  it('loopback sends TX bytes to RX', () => {
    const { rd, wr, sent, run } = setup();
    wr(UCON, 0x25);
    wr(UTXH, 0x5a);
    run(FRAME);
    expect(sent).toHaveLength(0);
    expect(rd(URXH)).toBe(0x5a);
  });

  it('a PCLK change mid-frame moves the end of the frame', () => {
    const { pclk, wr, sent, run } = setup();
    wr(UCON, 0x5);
    wr(UTXH, 0x41);
    run(FRAME / 2);
    pclk.pclk = 25e6; // half the rate: the remaining half frame takes a whole frame time
    run(FRAME - 1);
    expect(sent).toHaveLength(0);
    run(1);
    expect(sent).toEqual([[0x41, FRAME / 2 + FRAME]]);
  });
});

describe('UART (S3C6410 variant)', () => {
  it('UDIVSLOT adds 1/16 bit-clock slots', () => {
    const { uart, wr } = setup(true);
    wr(UDIVSLOT, 0x0080);
    expect(uart.baud).toBeCloseTo(50e6 / (16 * 27 + 1), 6);
  });

  it('UINTSP latches sources, UINTP = UINTSP & ~UINTM drives the line, write 1 clears', () => {
    const { uart, rd, wr, line, run } = setup(true);
    wr(UCON, 0x5); // pulse types
    uart.receive('x');
    run(FRAME);
    expect(rd(UINTSP) & 1).toBe(1);
    expect(rd(UINTP) & 1).toBe(1);
    expect(line.level).toBe(true);
    wr(UINTM, 0x5);
    expect(rd(UINTP)).toBe(0);
    expect(line.level).toBe(false);
    wr(UINTM, 0x4);
    expect(line.level).toBe(true);
    rd(URXH);
    wr(UINTP, 1);
    expect(rd(UINTSP) & 1).toBe(0);
    expect(line.level).toBe(false);
  });

  it('level type re-asserts UINTSP while the condition holds', () => {
    const { uart, rd, wr, run } = setup(true);
    wr(UCON, 0x105);
    wr(UINTM, 0x4);
    uart.receive('x');
    run(FRAME);
    wr(UINTP, 1);
    expect(rd(UINTP)).toBe(1);
    rd(URXH);
    wr(UINTP, 1);
    expect(rd(UINTP)).toBe(0);
  });
});

describe('UART host input on demand', () => {
  it('asks the host for a byte only when the guest reads URXH with nothing received, then sends EOT once', () => {
    const { uart, rd, wr, run } = setup();
    wr(UCON, 0x5);
    const host = [...'hi'].map((c) => c.charCodeAt(0));
    let asked = 0;
    uart.connectInput(() => {
      asked++;
      return host.shift();
    });
    rd(UTRSTAT);
    expect(asked).toBe(0); // a single status poll is not waiting for input
    const got: number[] = [];
    for (let i = 0; i < 3; i++) {
      rd(URXH); // empty: pulls one byte, which arrives a frame later
      run(FRAME);
      expect(rd(UTRSTAT) & 1).toBe(1);
      got.push(rd(URXH));
    }
    expect(got).toEqual([0x68, 0x69, 0x04]); // 'h', 'i', then EOT for the end of input
    rd(URXH);
    run(FRAME);
    expect(rd(UTRSTAT) & 1).toBe(0); // EOT is sent once; the host is not asked again
    expect(asked).toBe(3);
  });

  it('treats repeated idle status polls as waiting for input, but not polls while transmitting', () => {
    const { uart, rd, wr, run } = setup();
    wr(UCON, 0x5);
    let asked = 0;
    uart.connectInput(() => {
      asked++;
      return 0x41;
    });
    wr(UTXH, 0x30);
    for (let i = 0; i < 20; i++) rd(UTRSTAT); // transmitter busy: only transmitting
    expect(asked).toBe(0);
    run(FRAME);
    for (let i = 0; i < 8; i++) rd(UTRSTAT);
    expect(asked).toBe(1);
  });
});
