import {
  RegisterBlock,
  bit,
  lowestSetBit,
  type AccessSize,
  type CoreInterruptInputs,
  type Device,
  type GuestErrorSink,
  type InterruptLine,
} from '@l4lab/arm-core';

/** Main interrupt sources (SRCPND bit numbers). */
export const S3C2440_IRQ = {
  EINT0: 0, EINT1: 1, EINT2: 2, EINT3: 3, EINT4_7: 4, EINT8_23: 5, CAM: 6, BATT_FLT: 7, TICK: 8, WDT_AC97: 9,
  TIMER0: 10, TIMER1: 11, TIMER2: 12, TIMER3: 13, TIMER4: 14, UART2: 15, LCD: 16, DMA0: 17, DMA1: 18, DMA2: 19,
  DMA3: 20, SDI: 21, SPI0: 22, UART1: 23, NFCON: 24, USBD: 25, USBH: 26, IIC: 27, UART0: 28, SPI1: 29, RTC: 30, ADC: 31,
} as const;

/** Sub-sources (SUBSRCPND bit numbers). */
export const S3C2440_SUBIRQ = {
  RXD0: 0, TXD0: 1, ERR0: 2, RXD1: 3, TXD1: 4, ERR1: 5, RXD2: 6, TXD2: 7, ERR2: 8, TC: 9, ADC_S: 10, CAM_C: 11, CAM_P: 12,
  WDT: 13, AC97: 14,
} as const;

export const S3C2440_IRQ_NAMES: readonly string[] = Object.entries(S3C2440_IRQ).sort((a, b) => a[1] - b[1]).map(([n]) => n);

/** Parent main source of each sub-source. */
export const S3C2440_SUB_PARENT: readonly number[] = [28, 28, 28, 23, 23, 23, 15, 15, 15, 31, 31, 6, 6, 9, 9];

const SUB_COUNT = S3C2440_SUB_PARENT.length;
const SUB_MASK = (1 << SUB_COUNT) - 1;

/**
 * The six first-level arbiters: source on each request input REQ0..REQ5 (-1 = unused). ARBITER0 and
 * ARBITER5 use REQ1..REQ4 only. Their outputs are REQ0..REQ5 of ARBITER6.
 */
const ARBITER_INPUTS: readonly (readonly number[])[] = [
  [-1, 0, 1, 2, 3, -1],
  [4, 5, 6, 7, 8, 9],
  [10, 11, 12, 13, 14, 15],
  [16, 17, 18, 19, 20, 21],
  [22, 23, 24, 25, 26, 27],
  [-1, 28, 29, 30, 31, -1],
];
/** Request order for each ARB_SEL value: REQ0 first and REQ5 last always; REQ1..REQ4 rotate. */
const ARB_ORDER: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5],
  [0, 2, 3, 4, 1, 5],
  [0, 3, 4, 1, 2, 5],
  [0, 4, 1, 2, 3, 5],
];
/** PRIORITY: ARB_MODEn at bit n, ARB_SELn at bits [2n+8:2n+7], n = 0..6. */
const PRIORITY_BITS = 0x1fffff;
const arbSelShift = (n: number) => 2 * n + 7;

/**
 * S3C2440A interrupt controller. Sources latch into SRCPND on a rising edge and re-latch after being
 * cleared while still asserted (level sources). Sub-sources latch into SUBSRCPND and reach their parent
 * SRCPND bit while `SUBSRCPND & ~INTSUBMSK` has a bit of the group. FIQ: unmasked SRCPND bits selected by
 * INTMOD. IRQ: when INTPND is empty, the unmasked non-FIQ requests go through the documented seven
 * arbiters (ARB_SEL order, ARB_MODE rotation) and the winner is latched as the single INTPND bit; the IRQ
 * output follows INTPND. Rotation is applied when a request is latched into INTPND (its "service").
 */
export class S3C2440InterruptController implements Device {
  readonly regs: RegisterBlock;
  private levels = 0;
  private subLevels = 0;
  private core: CoreInterruptInputs | undefined;
  private readonly srcpnd;
  private readonly intmod;
  private readonly intmsk;
  private readonly priority;
  private readonly intpnd;
  private readonly subsrcpnd;
  private readonly intsubmsk;

  constructor(errors: GuestErrorSink) {
    const update = () => this.update();
    this.regs = new RegisterBlock(
      'S3C2440 INTC',
      [
        { name: 'SRCPND', offset: 0x00, w1c: 0xffffffff, onWrite: update },
        { name: 'INTMOD', offset: 0x04, onWrite: update },
        { name: 'INTMSK', offset: 0x08, reset: 0xffffffff, onWrite: update },
        { name: 'PRIORITY', offset: 0x0c, reset: 0x7f, reserved: ~PRIORITY_BITS >>> 0, onWrite: update },
        { name: 'INTPND', offset: 0x10, w1c: 0xffffffff, onWrite: update },
        { name: 'INTOFFSET', offset: 0x14, access: 'r', onRead: () => Math.max(0, lowestSetBit(this.intpnd.value)) },
        { name: 'SUBSRCPND', offset: 0x18, w1c: SUB_MASK, reserved: ~SUB_MASK >>> 0, onWrite: update },
        // 15 sub-sources; reset value of the 2440's INTSUBMSK taken as 0xFFFF [est].
        { name: 'INTSUBMSK', offset: 0x1c, reset: 0xffff, reserved: 0xffff0000, onWrite: update },
      ],
      { errors },
    );
    this.srcpnd = this.regs.reg('SRCPND');
    this.intmod = this.regs.reg('INTMOD');
    this.intmsk = this.regs.reg('INTMSK');
    this.priority = this.regs.reg('PRIORITY');
    this.intpnd = this.regs.reg('INTPND');
    this.subsrcpnd = this.regs.reg('SUBSRCPND');
    this.intsubmsk = this.regs.reg('INTSUBMSK');
  }

  /** Connects the IRQ and FIQ outputs to the core. */
  connect(core: CoreInterruptInputs): void {
    this.core = core;
    this.update();
  }

  /** The input wire of main source `source` (0..31). */
  line(source: number): InterruptLine {
    if (!(source >= 0 && source < 32)) throw new Error(`S3C2440 INTC: no source ${source}`);
    const b = bit(source);
    return {
      set: (asserted) => {
        const was = (this.levels & b) !== 0;
        this.levels = asserted ? (this.levels | b) >>> 0 : (this.levels & ~b) >>> 0;
        if (asserted && !was) {
          this.srcpnd.value = (this.srcpnd.value | b) >>> 0;
          this.update();
        }
      },
    };
  }

  /** The input wire of sub-source `sub` (0..14). */
  subLine(sub: number): InterruptLine {
    if (!(sub >= 0 && sub < SUB_COUNT)) throw new Error(`S3C2440 INTC: no sub-source ${sub}`);
    const b = bit(sub);
    return {
      set: (asserted) => {
        const was = (this.subLevels & b) !== 0;
        this.subLevels = asserted ? this.subLevels | b : this.subLevels & ~b;
        if (asserted && !was) {
          this.subsrcpnd.value |= b;
          this.update();
        }
      },
    };
  }

  read(offset: number, size: AccessSize): number {
    return this.regs.read(offset, size);
  }
  write(offset: number, value: number, size: AccessSize): void {
    this.regs.write(offset, value, size);
  }
  reset(): void {
    this.regs.reset();
    this.srcpnd.value = this.levels;
    this.subsrcpnd.value = this.subLevels;
    this.update();
  }

  private update(): void {
    // Level inputs re-latch after a write-1-to-clear; sub-sources feed their parents.
    this.subsrcpnd.value |= this.subLevels;
    let pending = this.srcpnd.value | this.levels;
    const subActive = this.subsrcpnd.value & ~this.intsubmsk.value & SUB_MASK;
    if (subActive) for (let s = 0; s < SUB_COUNT; s++) if (subActive & (1 << s)) pending |= bit(S3C2440_SUB_PARENT[s]);
    this.srcpnd.value = pending >>> 0;

    const unmasked = pending & ~this.intmsk.value;
    if (this.intpnd.value === 0) {
      const candidates = (unmasked & ~this.intmod.value) >>> 0;
      if (candidates) this.intpnd.value = bit(this.arbitrate(candidates));
    }
    this.core?.setIrqLine(this.intpnd.value !== 0);
    this.core?.setFiqLine((unmasked & this.intmod.value) !== 0);
  }

  /** The winning source among `candidates` (non-zero); rotates the arbiters that granted it. */
  private arbitrate(candidates: number): number {
    let prio = this.priority.value;
    const winnerReq: number[] = [-1, -1, -1, -1, -1, -1];
    for (let a = 0; a < 6; a++) {
      const sel = (prio >>> arbSelShift(a)) & 3;
      for (const req of ARB_ORDER[sel]) {
        const src = ARBITER_INPUTS[a][req];
        if (src >= 0 && candidates & bit(src)) {
          winnerReq[a] = req;
          break;
        }
      }
    }
    const sel6 = (prio >>> arbSelShift(6)) & 3;
    const arbiter = ARB_ORDER[sel6].find((a) => winnerReq[a] >= 0)!;
    const req = winnerReq[arbiter];
    prio = rotate(prio, arbiter, req);
    prio = rotate(prio, 6, arbiter);
    this.priority.value = prio;
    return ARBITER_INPUTS[arbiter][req];
  }
}

/** After REQn (1..4) of arbiter `a` is serviced with ARB_MODE set, it becomes the lowest of REQ1..REQ4. */
function rotate(prio: number, a: number, req: number): number {
  if (!(prio & (1 << a)) || req < 1 || req > 4) return prio;
  const shift = arbSelShift(a);
  return ((prio & ~(3 << shift)) | ((req & 3) << shift)) >>> 0;
}
