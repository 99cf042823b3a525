/** Processor mode numbers (CPSR[4:0]). */
export const Mode = {
  USR: 0x10,
  FIQ: 0x11,
  IRQ: 0x12,
  SVC: 0x13,
  MON: 0x16,
  ABT: 0x17,
  UND: 0x1b,
  SYS: 0x1f,
} as const;
export type ModeNumber = (typeof Mode)[keyof typeof Mode];
export type ModeName = 'usr' | 'fiq' | 'irq' | 'svc' | 'mon' | 'abt' | 'und' | 'sys';

export const MODE_BY_NAME: Record<ModeName, ModeNumber> = {
  usr: Mode.USR, fiq: Mode.FIQ, irq: Mode.IRQ, svc: Mode.SVC, mon: Mode.MON, abt: Mode.ABT, und: Mode.UND, sys: Mode.SYS,
};

/** Register bank index per mode: usr/sys share bank 0. -1 = not a valid mode. */
export function bankOf(mode: number): number {
  switch (mode & 0x1f) {
    case Mode.USR:
    case Mode.SYS:
      return 0;
    case Mode.FIQ:
      return 1;
    case Mode.IRQ:
      return 2;
    case Mode.SVC:
      return 3;
    case Mode.ABT:
      return 4;
    case Mode.UND:
      return 5;
    case Mode.MON:
      return 6;
    default:
      return -1;
  }
}
export const BANKS = 7;

export function modeName(mode: number): string {
  for (const [name, value] of Object.entries(MODE_BY_NAME)) if (value === (mode & 0x1f)) return name;
  return `invalid(0x${(mode & 0x1f).toString(16)})`;
}

/** CPSR bit positions. */
export const PSR = {
  N: 1 << 31,
  Z: 1 << 30,
  C: 1 << 29,
  V: 1 << 28,
  Q: 1 << 27,
  J: 1 << 24,
  GE_SHIFT: 16,
  E: 1 << 9,
  A: 1 << 8,
  I: 1 << 7,
  F: 1 << 6,
  T: 1 << 5,
  MODE_MASK: 0x1f,
} as const;
