import {
  RegisterBlock,
  bit,
  registerArray,
  type AccessSize,
  type CoreInterruptInputs,
  type Device,
  type GuestErrorSink,
  type InterruptLine,
  type RegisterSpec,
} from '@l4lab/arm-core';

/** PL192 identification registers at 0xFE0..0xFFC [est: from the PL192 TRM as recalled]. */
const ID_BYTES = [0x92, 0x11, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1];
/** Priority "none in service": lower than all 16 levels. */
const IDLE = 16;
const DAISY = -1;

interface InService {
  readonly priority: number;
  readonly vector: number;
}

/**
 * ARM PrimeCell PL192 vectored interrupt controller, as the S3C6410 has two of. Level inputs; RAWINTR =
 * inputs | SOFTINT; IRQSTATUS/FIQSTATUS per INTSELECT and INTENABLE. Hardware priority: an IRQ source
 * competes when its VECTPRIORITY level is enabled in SWPRIORITYMASK and is higher (lower number) than the
 * interrupt in service. Reading ADDRESS returns the vector of the highest-priority competitor (ties: lowest
 * source number, then the daisy chain [est]) and pushes its priority, masking equal and lower priorities
 * until ADDRESS is written. A chained VIC (VIC1 into VIC0) is an extra competitor at PRIORITYDAISY; when it
 * wins, the read is passed down to it and returns its vector. Writing ADDRESS pops this VIC only: an ISR
 * for a chained source writes both ADDRESS registers [est]. With nothing competing, a read returns the
 * vector in service (or 0) and changes nothing. PROTECTION is stored but not enforced (the bus carries no
 * privilege).
 */
export class Pl192Vic implements Device {
  readonly regs: RegisterBlock;
  private inputs = 0;
  private readonly stack: InService[] = [];
  private core: CoreInterruptInputs | undefined;
  private chained: Pl192Vic | undefined;
  private parent: Pl192Vic | undefined;
  private irqOut = false;
  private fiqOut = false;
  private readonly select;
  private readonly enable;
  private readonly soft;
  private readonly swMask;
  private readonly daisyPriority;
  private readonly vectAddr: { value: number }[] = [];
  private readonly vectPriority: { value: number }[] = [];

  constructor(
    readonly name: string,
    errors: GuestErrorSink,
  ) {
    const update = () => this.update();
    const specs: RegisterSpec[] = [
      { name: 'IRQSTATUS', offset: 0x000, access: 'r', onRead: () => this.raw() & this.enable.value & ~this.select.value },
      { name: 'FIQSTATUS', offset: 0x004, access: 'r', onRead: () => this.raw() & this.enable.value & this.select.value },
      { name: 'RAWINTR', offset: 0x008, access: 'r', onRead: () => this.raw() },
      { name: 'INTSELECT', offset: 0x00c, onWrite: update },
      { name: 'INTENABLE', offset: 0x010, onWrite: (_n, prev, w) => this.setBits(this.enable, prev | w) },
      { name: 'INTENCLEAR', offset: 0x014, access: 'w', onWrite: (_n, _p, w) => this.setBits(this.enable, this.enable.value & ~w) },
      { name: 'SOFTINT', offset: 0x018, onWrite: (_n, prev, w) => this.setBits(this.soft, prev | w) },
      { name: 'SOFTINTCLEAR', offset: 0x01c, access: 'w', onWrite: (_n, _p, w) => this.setBits(this.soft, this.soft.value & ~w) },
      { name: 'PROTECTION', offset: 0x020, reserved: 0xfffffffe },
      { name: 'SWPRIORITYMASK', offset: 0x024, reset: 0xffff, reserved: 0xffff0000, onWrite: update },
      { name: 'PRIORITYDAISY', offset: 0x028, reset: 0xf, reserved: 0xfffffff0, onWrite: update },
      ...registerArray('VECTADDR', 0x100, 32, 4, {}),
      ...registerArray('VECTPRIORITY', 0x200, 32, 4, { reset: 0xf, reserved: 0xfffffff0, onWrite: update }),
      { name: 'ADDRESS', offset: 0xf00, onRead: () => this.acknowledge(), onWrite: () => this.endOfInterrupt() },
      ...ID_BYTES.map((value, i) => ({ name: `ID${i}`, offset: 0xfe0 + 4 * i, access: 'r' as const, reset: value })),
    ];
    this.regs = new RegisterBlock(name, specs, { errors });
    this.select = this.regs.reg('INTSELECT');
    this.enable = this.regs.reg('INTENABLE');
    this.soft = this.regs.reg('SOFTINT');
    this.swMask = this.regs.reg('SWPRIORITYMASK');
    this.daisyPriority = this.regs.reg('PRIORITYDAISY');
    for (let i = 0; i < 32; i++) {
      this.vectAddr.push(this.regs.reg(`VECTADDR${i}`));
      this.vectPriority.push(this.regs.reg(`VECTPRIORITY${i}`));
    }
  }

  /** Input wire of source `n` (0..31). */
  line(n: number): InterruptLine {
    if (!(n >= 0 && n < 32)) throw new Error(`${this.name}: no source ${n}`);
    const b = bit(n);
    return {
      set: (asserted) => {
        const next = asserted ? (this.inputs | b) >>> 0 : (this.inputs & ~b) >>> 0;
        if (next === this.inputs) return;
        this.inputs = next;
        this.update();
      },
    };
  }

  /** Drives the core's IRQ/FIQ inputs (the first VIC of a chain). */
  connect(core: CoreInterruptInputs): void {
    this.core = core;
    this.update();
    core.setIrqLine(this.irqOut);
    core.setFiqLine(this.fiqOut);
  }

  /** Daisy-chains `vic` into this one: its IRQ and FIQ outputs become inputs here. */
  chain(vic: Pl192Vic): void {
    this.chained = vic;
    vic.parent = this;
    this.update();
  }

  get irq(): boolean {
    return this.irqOut;
  }
  get fiq(): boolean {
    return this.fiqOut;
  }

  read(offset: number, size: AccessSize): number {
    return this.regs.read(offset, size);
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.regs.write(offset, value, size);
  }
  reset(): void {
    this.regs.reset();
    this.stack.length = 0;
    this.update();
  }

  private raw(): number {
    return (this.inputs | this.soft.value) >>> 0;
  }

  private setBits(reg: { value: number }, value: number): void {
    reg.value = value >>> 0;
    this.update();
  }

  private get inService(): number {
    return this.stack.length ? this.stack[this.stack.length - 1].priority : IDLE;
  }

  /** Highest-priority competing IRQ: a source number, DAISY, or undefined. */
  private winner(): number | undefined {
    const candidates = this.raw() & this.enable.value & ~this.select.value;
    const ceiling = this.inService;
    const mask = this.swMask.value;
    let best: number | undefined;
    let bestPriority = ceiling;
    for (let n = 0; n < 32; n++) {
      if (!(candidates & bit(n))) continue;
      const p = this.vectPriority[n].value;
      if (p < bestPriority && mask & (1 << p)) {
        best = n;
        bestPriority = p;
      }
    }
    const dp = this.daisyPriority.value;
    if (this.chained?.irq && dp < bestPriority && mask & (1 << dp)) best = DAISY;
    return best;
  }

  /** ADDRESS read: the vector of the winner, which goes in service. */
  private acknowledge(): number {
    const w = this.winner();
    if (w === undefined) return this.stack.length ? this.stack[this.stack.length - 1].vector : 0;
    const entry =
      w === DAISY
        ? { priority: this.daisyPriority.value, vector: this.chained!.acknowledge() }
        : { priority: this.vectPriority[w].value, vector: this.vectAddr[w].value };
    this.stack.push(entry);
    this.update();
    return entry.vector;
  }

  private endOfInterrupt(): void {
    this.stack.pop();
    this.update();
  }

  private update(): void {
    const irq = this.winner() !== undefined;
    const fiq = (this.raw() & this.enable.value & this.select.value) !== 0 || (this.chained?.fiq ?? false);
    if (irq === this.irqOut && fiq === this.fiqOut) return;
    this.irqOut = irq;
    this.fiqOut = fiq;
    this.core?.setIrqLine(irq);
    this.core?.setFiqLine(fiq);
    this.parent?.update();
  }
}
