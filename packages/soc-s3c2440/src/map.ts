/** S3C2440A physical addresses of the modelled blocks (hardware.md §1). */
export const S3C2440_MAP = {
  SDRAM: 0x30000000,
  MEMCTL: 0x48000000,
  INTC: 0x4a000000,
  CLKPWR: 0x4c000000,
  UART0: 0x50000000,
  UART1: 0x50004000,
  UART2: 0x50008000,
  PWM: 0x51000000,
  WATCHDOG: 0x53000000,
  GPIO: 0x56000000,
} as const;

/** Bytes of address space each block answers in (accesses inside it but off a register are guest errors). */
export const S3C2440_WINDOW = { block: 0x1000, uart: 0x4000 } as const;

export const S3C2440_DEFAULT_SDRAM_BYTES = 64 * 1024 * 1024;
