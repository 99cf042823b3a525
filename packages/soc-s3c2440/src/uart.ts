import {
  RegisterBlock,
  TickTimeline,
  fields,
  getField,
  popcount,
  pulseLine,
  type AccessSize,
  type Clock,
  type Device,
  type EventScheduler,
  type GuestErrorSink,
  type InterruptLine,
  type RegisterSpec,
  type ScheduledEvent,
} from '@l4lab/arm-core';
import type { PeripheralClock } from './peripheral-clock.js';

export const ULCON = fields({ WORD: [0, 2], STOP: [2], PARITY: [3, 3], INFRARED: [6] });
export const UCON = fields({
  RX_MODE: [0, 2], TX_MODE: [2, 2], BREAK: [4], LOOPBACK: [5], RX_ERR_IRQ: [6], RX_TIMEOUT: [7], RX_LEVEL: [8], TX_LEVEL: [9],
  CLOCK: [10, 2],
});
export const UFCON = fields({ FIFO: [0], RX_RESET: [1], TX_RESET: [2], RX_TRIGGER: [4, 2], TX_TRIGGER: [6, 2] });
export const UTRSTAT = { RX_READY: 1, TX_EMPTY: 2, TRANSMITTER_EMPTY: 4 } as const;
/** UINTP / UINTSP / UINTM bits (S3C6410). */
export const UINT = { RXD: 1, ERROR: 2, TXD: 4, MODEM: 8 } as const;

const RX_TRIGGER = [1, 8, 16, 32];
const TX_TRIGGER = [0, 16, 32, 48];
/** Receiver timeout: no new byte for this many frame times. */
const TIMEOUT_FRAMES = 3;

/** What differs between the Samsung UARTs. */
export interface UartVariant {
  readonly name: string;
  readonly fifoSize: number;
  /** S3C6410: UDIVSLOT fractional divider and UINTP/UINTSP/UINTM driving one level output. */
  readonly interruptRegisters: boolean;
}
export const S3C2440_UART: UartVariant = { name: 'S3C2440 UART', fifoSize: 64, interruptRegisters: false };
export const S3C6410_UART: UartVariant = { name: 'S3C6410 UART', fifoSize: 64, interruptRegisters: true };

/** The three sub-source wires of a 2440 UART. */
export interface UartSubSourceLines {
  readonly rx: InterruptLine;
  readonly tx: InterruptLine;
  readonly err: InterruptLine;
}

export interface UartOptions {
  readonly variant: UartVariant;
  readonly index: number;
  readonly clock: Clock;
  readonly scheduler: EventScheduler;
  readonly pclk: PeripheralClock;
  readonly errors: GuestErrorSink;
  /** 2440: sub-source lines; 6410: the single line driven by UINTP. */
  readonly irq: UartSubSourceLines | InterruptLine;
  /** Receives each transmitted byte when its stop bit has gone out. */
  readonly transmit?: (byte: number) => void;
}

/**
 * Samsung UART with 64-byte FIFOs. Bytes are paced at the programmed baud rate (start + data + parity +
 * stop bits per byte) through scheduled events: a byte written to UTXH reaches `transmit` one frame after
 * the transmitter takes it; bytes given to `receive` enter the RX FIFO one frame apart. Interrupts: RX at the
 * trigger level (or after 3 idle frames with RX timeout enabled), TX at or below the TX trigger level,
 * pulse or level per UCON. Deviations: the host side waits while the RX FIFO is full (perfect flow
 * control: no overruns), line errors never occur, receive input waits while the receiver is disabled,
 * only PCLK is modelled as the baud clock source, DMA modes raise no requests.
 */
/** Status reads in a row with nothing to receive and nothing to send that count as waiting for input. */
const INPUT_IDLE_POLLS = 8;

export class Uart implements Device {
  readonly regs: RegisterBlock;
  readonly name: string;
  private readonly timeline: TickTimeline;
  private readonly txFifo: number[] = [];
  private readonly rxFifo: number[] = [];
  private readonly hostInput: number[] = [];
  private shifting = false;
  private shiftByte = 0;
  private txDoneTick = 0;
  private txEvent: ScheduledEvent | undefined;
  private rxArrivalTick = 0;
  private rxEvent: ScheduledEvent | undefined;
  private rxTimeoutTick = 0;
  private rxTimeoutEvent: ScheduledEvent | undefined;
  private rxTimedOut = false;
  private conds = { rx: false, tx: false, err: false };
  private readonly ulcon;
  private readonly ucon;
  private readonly ufcon;
  private readonly ubrdiv;
  private readonly uerstat;
  private readonly udivslot;
  private readonly uintsp;
  private readonly uintm;
  /** Sink for transmitted bytes; the board may replace it. */
  transmit: (byte: number) => void;
  private inputSource: (() => number | undefined) | undefined;
  private inputEnd = 0x04;
  private inputEnded = false;
  private idlePolls = 0;

  constructor(private readonly o: UartOptions) {
    this.name = `UART${o.index}`;
    this.transmit = o.transmit ?? (() => {});
    const rate = () => this.updateRate();
    const specs: RegisterSpec[] = [
      { name: 'ULCON', offset: 0x00, reserved: 0xffffff80 },
      { name: 'UCON', offset: 0x04, reserved: 0xffff0000, onWrite: (v, p) => this.uconWritten(v, p) },
      { name: 'UFCON', offset: 0x08, reserved: 0xffffff08, onWrite: (v) => this.ufconWritten(v) },
      { name: 'UMCON', offset: 0x0c, reserved: 0xffffff00 },
      { name: 'UTRSTAT', offset: 0x10, access: 'r', onRead: () => this.utrstat() },
      { name: 'UERSTAT', offset: 0x14, access: 'r', reserved: 0xfffffff0, clearOnRead: 0xf },
      { name: 'UFSTAT', offset: 0x18, access: 'r', onRead: () => this.ufstat() },
      // CTS reads as asserted: the host side is always ready [est].
      { name: 'UMSTAT', offset: 0x1c, access: 'r', onRead: () => 1 },
      { name: 'UTXH', offset: 0x20, width: 8, access: 'w', onWrite: (v) => this.pushTx(v & 0xff) },
      { name: 'URXH', offset: 0x24, width: 8, access: 'r', onRead: () => this.popRx() },
      { name: 'UBRDIV', offset: 0x28, width: 16, onWrite: rate },
    ];
    if (o.variant.interruptRegisters) {
      specs.push(
        { name: 'UDIVSLOT', offset: 0x2c, width: 16, onWrite: rate },
        // UINTP = UINTSP & ~UINTM; writing 1 to either clears the source bit [est].
        { name: 'UINTP', offset: 0x30, reserved: 0xfffffff0, w1c: 0xf, onRead: () => this.uintp(), onWrite: (_n, _p, w) => this.clearSources(w) },
        { name: 'UINTSP', offset: 0x34, reserved: 0xfffffff0, w1c: 0xf, onWrite: () => this.refresh() },
        { name: 'UINTM', offset: 0x38, reserved: 0xfffffff0, onWrite: () => this.refresh() },
      );
    }
    this.regs = new RegisterBlock(`${o.variant.name}${o.index}`, specs, { errors: o.errors });
    this.ulcon = this.regs.reg('ULCON');
    this.ucon = this.regs.reg('UCON');
    this.ufcon = this.regs.reg('UFCON');
    this.ubrdiv = this.regs.reg('UBRDIV');
    this.uerstat = this.regs.reg('UERSTAT');
    this.udivslot = o.variant.interruptRegisters ? this.regs.reg('UDIVSLOT') : undefined;
    this.uintsp = o.variant.interruptRegisters ? this.regs.reg('UINTSP') : undefined;
    this.uintm = o.variant.interruptRegisters ? this.regs.reg('UINTM') : undefined;
    this.timeline = new TickTimeline(o.clock);
    o.pclk.onChange(rate);
    this.updateRate();
  }

  read(offset: number, size: AccessSize): number {
    if (this.inputSource && this.hostInput.length === 0 && (offset === 0x10 || offset === 0x18 || offset === 0x24)) this.noteInputPoll(offset);
    return this.regs.read(offset, size);
  }
  write(offset: number, value: number, size: AccessSize): void {
    if (offset === 0x20) this.idlePolls = 0;
    this.regs.write(offset, value, size);
  }

  /**
   * Host input read on demand, only when the guest waits for it: on a URXH read with nothing received, or
   * after INPUT_IDLE_POLLS status reads in a row that find the receiver empty and the transmitter idle (a
   * guest polling only to transmit sees the transmitter busy, or writes UTXH). One byte is then given to
   * `receive`, arriving a frame later; the next is asked for once it has been read. So an interactive host
   * is read only by guests that receive, and input timing does not depend on how the host chunks it. End of
   * input reaches the guest once as `endOfInput` (EOT, as a terminal sends Ctrl-D).
   */
  connectInput(readByte: () => number | undefined, endOfInput = 0x04): void {
    this.inputSource = readByte;
    this.inputEnd = endOfInput;
    this.inputEnded = false;
    this.idlePolls = 0;
  }

  private noteInputPoll(offset: number): void {
    const status = this.utrstat();
    const rxEmpty = (status & 1) === 0;
    if (rxEmpty && offset === 0x24) this.pullInput();
    else if (rxEmpty && status & 4) {
      if (++this.idlePolls >= INPUT_IDLE_POLLS) this.pullInput();
    } else this.idlePolls = 0;
  }

  private pullInput(): void {
    this.idlePolls = 0;
    if (this.inputEnded || !this.inputSource) return;
    const byte = this.inputSource();
    if (byte === undefined) this.inputEnded = true;
    this.receive([byte ?? this.inputEnd]);
  }
  reset(): void {
    for (const e of [this.txEvent, this.rxEvent, this.rxTimeoutEvent]) this.o.scheduler.cancel(e);
    this.txEvent = this.rxEvent = this.rxTimeoutEvent = undefined;
    this.txFifo.length = 0;
    this.rxFifo.length = 0;
    this.shifting = false;
    this.rxTimedOut = false;
    this.regs.reset();
    this.updateRate();
    this.refresh();
  }

  /** Host input: bytes that arrive on the RX pin, one frame apart, from now. */
  receive(data: ArrayLike<number> | string): void {
    for (let i = 0; i < data.length; i++) this.hostInput.push(typeof data === 'string' ? data.charCodeAt(i) & 0xff : data[i] & 0xff);
    this.pumpRx(this.timeline.now());
  }

  /** Bytes given to `receive` that have not yet entered the RX FIFO. */
  get pendingInput(): number {
    return this.hostInput.length;
  }

  /** Line rate in bits per second from PCLK, UBRDIV and UDIVSLOT. */
  get baud(): number {
    const slots = this.udivslot ? popcount(this.udivslot.value) : 0;
    return this.o.pclk.pclk / (16 * (this.ubrdiv.value + 1) + slots);
  }

  /** Bits per byte on the line. */
  get frameBits(): number {
    const v = this.ulcon.value;
    return 1 + 5 + getField(v, ULCON.WORD) + (getField(v, ULCON.PARITY) & 4 ? 1 : 0) + (getField(v, ULCON.STOP) ? 2 : 1);
  }

  private get fifoOn(): boolean {
    return getField(this.ufcon.value, UFCON.FIFO) === 1;
  }
  private get capacity(): number {
    return this.fifoOn ? this.o.variant.fifoSize : 1;
  }

  private utrstat(): number {
    let v = 0;
    if (this.rxFifo.length) v |= UTRSTAT.RX_READY;
    if (!this.txFifo.length) v |= UTRSTAT.TX_EMPTY;
    if (!this.txFifo.length && !this.shifting) v |= UTRSTAT.TRANSMITTER_EMPTY;
    return v;
  }

  private ufstat(): number {
    const size = this.o.variant.fifoSize;
    const rx = this.rxFifo.length, tx = this.txFifo.length;
    return (rx & 0x3f) | (rx >= size ? 0x40 : 0) | ((tx & 0x3f) << 8) | (tx >= size ? 0x4000 : 0);
  }

  private uintp(): number {
    return (this.uintsp!.value & ~this.uintm!.value & 0xf) >>> 0;
  }

  private clearSources(written: number): void {
    this.uintsp!.value &= ~written;
    this.refresh();
  }

  private uconWritten(next: number, prev: number): void {
    if (getField(next, UCON.CLOCK) & 1 && getField(next, UCON.CLOCK) !== getField(prev, UCON.CLOCK)) {
      this.o.errors.guestError(`${this.name}: baud clock source ${getField(next, UCON.CLOCK)} is not modelled; using PCLK`);
    }
    this.refresh();
    this.pumpTx(this.timeline.now());
    this.pumpRx(this.timeline.now());
  }

  private ufconWritten(next: number): void {
    if (getField(next, UFCON.RX_RESET)) {
      this.rxFifo.length = 0;
      this.rxTimedOut = false;
    }
    if (getField(next, UFCON.TX_RESET)) this.txFifo.length = 0;
    this.ufcon.value = next & ~(UFCON.RX_RESET.mask | UFCON.TX_RESET.mask);
    this.refresh();
    this.pumpRx(this.timeline.now());
  }

  // ---- transmit ------------------------------------------------------------------------------------

  private pushTx(byte: number): void {
    if (this.txFifo.length >= this.capacity) {
      this.o.errors.guestError(`${this.name}: byte 0x${byte.toString(16)} written to a full transmit ${this.fifoOn ? 'FIFO' : 'buffer'}; dropped`);
      return;
    }
    this.txFifo.push(byte);
    this.pumpTx(this.timeline.now());
    this.refresh();
  }

  /** Moves the next byte into the shift register; its frame starts at `startTick`. */
  private pumpTx(startTick: number): void {
    if (this.shifting || !this.txFifo.length || getField(this.ucon.value, UCON.TX_MODE) === 0) return;
    this.shiftByte = this.txFifo.shift()!;
    this.shifting = true;
    this.txDoneTick = startTick + this.frameBits;
    this.scheduleTx();
  }

  private scheduleTx(): void {
    this.o.scheduler.cancel(this.txEvent);
    this.txEvent = this.o.scheduler.schedule(this.timeline.cycleAt(this.txDoneTick), () => this.txDone(), `uart${this.o.index}.tx`);
  }

  private txDone(): void {
    const byte = this.shiftByte;
    this.txEvent = undefined;
    this.shifting = false;
    if (getField(this.ucon.value, UCON.LOOPBACK)) {
      if (this.rxFifo.length < this.capacity) this.rxFifo.push(byte);
    } else {
      this.transmit(byte);
    }
    this.pumpTx(this.txDoneTick);
    this.refresh();
  }

  // ---- receive -------------------------------------------------------------------------------------

  private pumpRx(startTick: number): void {
    if (this.rxEvent || !this.hostInput.length || getField(this.ucon.value, UCON.RX_MODE) === 0) return;
    if (this.rxFifo.length >= this.capacity) return; // held back until the guest reads
    this.rxArrivalTick = startTick + this.frameBits;
    this.scheduleRx();
  }

  private scheduleRx(): void {
    this.o.scheduler.cancel(this.rxEvent);
    this.rxEvent = this.o.scheduler.schedule(this.timeline.cycleAt(this.rxArrivalTick), () => this.rxArrived(), `uart${this.o.index}.rx`);
  }

  private rxArrived(): void {
    this.rxEvent = undefined;
    if (this.rxFifo.length < this.capacity) {
      this.rxFifo.push(this.hostInput.shift()!);
      this.rxTimedOut = false;
      if (this.fifoOn && getField(this.ucon.value, UCON.RX_TIMEOUT)) {
        this.rxTimeoutTick = this.rxArrivalTick + TIMEOUT_FRAMES * this.frameBits;
        this.scheduleTimeout();
      }
    }
    this.refresh();
    this.pumpRx(this.rxArrivalTick);
  }

  private scheduleTimeout(): void {
    this.o.scheduler.cancel(this.rxTimeoutEvent);
    this.rxTimeoutEvent = this.o.scheduler.schedule(this.timeline.cycleAt(this.rxTimeoutTick), () => {
      this.rxTimeoutEvent = undefined;
      if (this.rxFifo.length) this.rxTimedOut = true;
      this.refresh();
    }, `uart${this.o.index}.rx-timeout`);
  }

  private popRx(): number {
    const byte = this.rxFifo.shift();
    if (!this.rxFifo.length) this.rxTimedOut = false;
    this.refresh();
    this.pumpRx(this.timeline.now());
    return byte ?? 0;
  }

  // ---- rates and interrupts ------------------------------------------------------------------------

  private updateRate(): void {
    // Positions on the bit clock are kept; pending frame ends move with the new rate.
    this.timeline.setHz(this.baud);
    if (this.txEvent) this.scheduleTx();
    if (this.rxEvent) this.scheduleRx();
    if (this.rxTimeoutEvent) this.scheduleTimeout();
  }

  /** Recomputes the interrupt conditions and drives the outputs (pulse on rising edge or level). */
  private refresh(): void {
    const ucon = this.ucon.value;
    const fifo = this.fifoOn;
    const rxCount = this.rxFifo.length, txCount = this.txFifo.length;
    const ufcon = this.ufcon.value;
    const rx =
      getField(ucon, UCON.RX_MODE) === 1 &&
      (rxCount >= (fifo ? RX_TRIGGER[getField(ufcon, UFCON.RX_TRIGGER)] : 1) || (this.rxTimedOut && rxCount > 0));
    const tx = getField(ucon, UCON.TX_MODE) === 1 && (fifo ? txCount <= TX_TRIGGER[getField(ufcon, UFCON.TX_TRIGGER)] : txCount === 0);
    const err = getField(ucon, UCON.RX_ERR_IRQ) === 1 && (this.uerstat.value & 0xf) !== 0;
    const rxLevel = getField(ucon, UCON.RX_LEVEL) === 1;
    const txLevel = getField(ucon, UCON.TX_LEVEL) === 1;
    const prev = this.conds;
    this.conds = { rx, tx, err };
    const irq = this.o.irq;
    if ('rx' in irq) {
      drive(irq.rx, rx, prev.rx, rxLevel);
      drive(irq.tx, tx, prev.tx, txLevel);
      drive(irq.err, err, prev.err, false);
    } else {
      const sp = this.uintsp!;
      if (rx && (rxLevel || !prev.rx)) sp.value |= UINT.RXD;
      if (tx && (txLevel || !prev.tx)) sp.value |= UINT.TXD;
      if (err && !prev.err) sp.value |= UINT.ERROR;
      irq.set(this.uintp() !== 0);
    }
  }
}

function drive(line: InterruptLine, cond: boolean, prev: boolean, level: boolean): void {
  if (level) {
    line.set(cond);
  } else {
    line.set(false);
    if (cond && !prev) pulseLine(line);
  }
}
