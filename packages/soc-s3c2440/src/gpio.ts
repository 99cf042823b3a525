import { RegisterBlock, bit, pulseLine, type AccessSize, type Device, type GuestErrorSink, type InterruptLine, type RegisterSpec } from '@l4lab/arm-core';

/** GSTATUS1: chip ID of the S3C2440A. */
export const S3C2440_CHIP_ID = 0x32440001;

/** GSTATUS2 reset-cause bits. */
export const GSTATUS2 = { POWER_ON: 1, SLEEP_WAKEUP: 2, WATCHDOG: 4 } as const;

const PORTS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
/** EINTPEND/EINTMASK cover EINT4..EINT23. */
const EINT_BITS = 0x00fffff0;

export interface GpioOptions {
  readonly errors: GuestErrorSink;
  /** Main-source wires: EINT0..3, EINT4_7, EINT8_23 (sources 0..5 of the interrupt controller). */
  readonly eint: readonly InterruptLine[];
}

/**
 * S3C2440A GPIO, external interrupts and chip ID. Port registers are storage (pins are not modelled: data
 * registers read back what was written). EINT4..23 latch into EINTPEND (write 1 to clear) and drive their
 * parents EINT4_7 / EINT8_23 while `EINTPEND & ~EINTMASK` has a bit of the group; EINT0..3 go straight to
 * the controller. Reset values of the port and misc registers are from the manual as recalled [est].
 */
export class S3C2440Gpio implements Device {
  readonly regs: RegisterBlock;
  private readonly eintmask;
  private readonly eintpend;
  private readonly gstatus2;

  constructor(private readonly o: GpioOptions) {
    if (o.eint.length !== 6) throw new Error('S3C2440 GPIO: needs 6 external-interrupt lines (EINT0..3, EINT4_7, EINT8_23)');
    const specs: RegisterSpec[] = [];
    PORTS.forEach((p, i) => {
      const base = 0x10 * i;
      specs.push({ name: `GP${p}CON`, offset: base, reset: p === 'A' ? 0x7fffff : 0 }, { name: `GP${p}DAT`, offset: base + 4 });
      if (p !== 'A') specs.push({ name: `GP${p}UP`, offset: base + 8 });
    });
    specs.push(
      { name: 'MISCCR', offset: 0x80, reset: 0x10330 },
      { name: 'DCLKCON', offset: 0x84 },
      { name: 'EXTINT0', offset: 0x88 },
      { name: 'EXTINT1', offset: 0x8c },
      { name: 'EXTINT2', offset: 0x90 },
      { name: 'EINTFLT0', offset: 0x94 },
      { name: 'EINTFLT1', offset: 0x98 },
      { name: 'EINTFLT2', offset: 0x9c },
      { name: 'EINTFLT3', offset: 0xa0 },
      { name: 'EINTMASK', offset: 0xa4, reset: EINT_BITS, reserved: ~EINT_BITS >>> 0, onWrite: () => this.update() },
      { name: 'EINTPEND', offset: 0xa8, reserved: ~EINT_BITS >>> 0, w1c: EINT_BITS, onWrite: () => this.update() },
      { name: 'GSTATUS0', offset: 0xac, access: 'r' },
      { name: 'GSTATUS1', offset: 0xb0, access: 'r', reset: S3C2440_CHIP_ID },
      { name: 'GSTATUS2', offset: 0xb4, reset: GSTATUS2.POWER_ON, reserved: 0xfffffff8, w1c: 7 },
      { name: 'GSTATUS3', offset: 0xb8 },
      { name: 'GSTATUS4', offset: 0xbc },
      { name: 'DSC0', offset: 0xc4 },
      { name: 'DSC1', offset: 0xc8 },
      { name: 'MSLCON', offset: 0xcc },
      { name: 'GPJCON', offset: 0xd0 },
      { name: 'GPJDAT', offset: 0xd4 },
      { name: 'GPJUP', offset: 0xd8 },
    );
    this.regs = new RegisterBlock('S3C2440 GPIO', specs, { errors: o.errors, reservedOffsets: [0x08, 0x0c, 0x1c, 0x2c, 0x3c, 0x4c, 0x5c, 0x6c, 0x7c, 0xc0] });
    this.eintmask = this.regs.reg('EINTMASK');
    this.eintpend = this.regs.reg('EINTPEND');
    this.gstatus2 = this.regs.reg('GSTATUS2');
  }

  read(offset: number, size: AccessSize): number {
    return this.regs.read(offset, size);
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.regs.write(offset, value, size);
  }

  /** Chip reset; `cause` sets GSTATUS2 as the hardware reports it. */
  reset(cause: 'power-on' | 'watchdog' = 'power-on'): void {
    this.regs.reset();
    this.gstatus2.value = cause === 'watchdog' ? GSTATUS2.WATCHDOG : GSTATUS2.POWER_ON;
    this.update();
  }

  /** An edge on external interrupt pin EINTn (0..23), e.g. a button on the board. */
  externalInterrupt(n: number): void {
    if (!(n >= 0 && n < 24)) throw new Error(`S3C2440 GPIO: no EINT${n}`);
    if (n < 4) {
      pulseLine(this.o.eint[n]);
      return;
    }
    this.eintpend.value |= bit(n);
    this.update();
  }

  private update(): void {
    const active = this.eintpend.value & ~this.eintmask.value;
    this.o.eint[4].set((active & 0xf0) !== 0);
    this.o.eint[5].set((active & 0xffff00) !== 0);
  }
}
