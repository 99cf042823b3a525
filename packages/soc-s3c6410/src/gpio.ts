import { RegisterBlock, bit, registerArray, type AccessSize, type Device, type GuestErrorSink, type InterruptLine, type RegisterSpec } from '@l4lab/arm-core';

const FIVE = ['CON', 'DAT', 'PUD', 'CONSLP', 'PUDSLP'];
/** Port name, offset and registers, 4 bytes apart [est: layout as recalled from the manual]. */
const PORTS: readonly [string, number, readonly string[]][] = [
  ['A', 0x000, FIVE], ['B', 0x020, FIVE], ['C', 0x040, FIVE], ['D', 0x060, FIVE], ['E', 0x080, FIVE], ['F', 0x0a0, FIVE],
  ['G', 0x0c0, FIVE], ['H', 0x0e0, ['CON0', 'CON1', 'DAT', 'PUD', 'CONSLP', 'PUDSLP']], ['I', 0x100, FIVE], ['J', 0x120, FIVE],
  ['O', 0x140, FIVE], ['P', 0x160, FIVE], ['Q', 0x180, FIVE],
  ['K', 0x800, ['CON0', 'CON1', 'DAT', 'PUD']], ['L', 0x810, ['CON0', 'CON1', 'DAT', 'PUD']],
  ['M', 0x820, ['CON', 'DAT', 'PUD']], ['N', 0x830, ['CON', 'DAT', 'PUD']],
];
/** EINT0 group: 28 external interrupts. */
const EINT0_BITS = 0x0fffffff;
/** Bits of EINT0PEND that drive each of the four controller inputs (EINT0–3, 4–11, 12–19, 20–27) [est]. */
const EINT0_GROUPS = [0x0000000f, 0x00000ff0, 0x000ff000, 0x0ff00000];

export interface S3C6410GpioOptions {
  readonly errors: GuestErrorSink;
  /** Controller inputs for EINT0–3, EINT4–11 (VIC0 0, 1) and EINT12–19, EINT20–27 (VIC1 0, 1) [est]. */
  readonly eint: readonly InterruptLine[];
}

/**
 * S3C6410 GPIO: port registers as storage (pins not modelled) and the EINT0 group's mask/pending
 * registers (EINT0PEND write 1 to clear), which drive four controller inputs while unmasked bits are pending.
 */
export class S3C6410Gpio implements Device {
  readonly regs: RegisterBlock;
  private readonly mask;
  private readonly pend;

  constructor(private readonly o: S3C6410GpioOptions) {
    if (o.eint.length !== 4) throw new Error('S3C6410 GPIO: needs 4 external-interrupt lines');
    const specs: RegisterSpec[] = [];
    for (const [port, base, regs] of PORTS) regs.forEach((r, i) => specs.push({ name: `GP${port}${r}`, offset: base + 4 * i }));
    const misc: [string, number][] = [
      ['SPCON', 0x1a0], ['MEM0CONSTOP', 0x1b0], ['MEM1CONSTOP', 0x1b4], ['MEM0CONSLP0', 0x1c0], ['MEM0CONSLP1', 0x1c4],
      ['MEM1CONSLP', 0x1c8], ['MEM0DRVCON', 0x1d0], ['MEM1DRVCON', 0x1d4], ['PRIORITY', 0x280], ['SERVICE', 0x284],
      ['SERVICEPEND', 0x288], ['SPCONSLP', 0x880], ['EINT0CON0', 0x900], ['EINT0CON1', 0x904], ['SLPEN', 0x930],
    ];
    for (const [name, offset] of misc) specs.push({ name, offset });
    specs.push(
      ...registerArray('EINT0FLTCON', 0x910, 4, 4, {}),
      ...['CON', 'FLTCON', 'MASK', 'PEND'].flatMap((kind, k) => registerArray(`EINTG${kind}`, 0x200 + 0x20 * k, 5, 4, {})),
      { name: 'EINT0MASK', offset: 0x920, reset: EINT0_BITS, reserved: ~EINT0_BITS >>> 0, onWrite: () => this.update() },
      { name: 'EINT0PEND', offset: 0x924, reserved: ~EINT0_BITS >>> 0, w1c: EINT0_BITS, onWrite: () => this.update() },
    );
    this.regs = new RegisterBlock('S3C6410 GPIO', specs, { errors: o.errors });
    this.mask = this.regs.reg('EINT0MASK');
    this.pend = this.regs.reg('EINT0PEND');
  }

  read(offset: number, size: AccessSize): number {
    return this.regs.read(offset, size);
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.regs.write(offset, value, size);
  }
  reset(): void {
    this.regs.reset();
    this.update();
  }

  /** An edge on external interrupt pin EINTn of group 0 (0..27). */
  externalInterrupt(n: number): void {
    if (!(n >= 0 && n < 28)) throw new Error(`S3C6410 GPIO: no EINT${n}`);
    this.pend.value |= bit(n);
    this.update();
  }

  private update(): void {
    const active = this.pend.value & ~this.mask.value;
    EINT0_GROUPS.forEach((g, i) => this.o.eint[i].set((active & g) !== 0));
  }
}
