/** S3C6410 physical addresses of the modelled blocks (hardware.md §2). */
export const S3C6410_MAP = {
  SDRAM: 0x50000000,
  VIC0: 0x71200000,
  VIC1: 0x71300000,
  WATCHDOG: 0x7e004000,
  SYSCON: 0x7e00f000,
  UART0: 0x7f005000,
  PWM: 0x7f006000,
  GPIO: 0x7f008000,
} as const;

/** UARTn at UART0 + n·UART_STRIDE. */
export const S3C6410_UART_STRIDE = 0x400;
export const S3C6410_UARTS = 4;
export const S3C6410_DEFAULT_SDRAM_BYTES = 128 * 1024 * 1024;

/**
 * Flat interrupt numbers: VIC0 source n is n, VIC1 source n is 32 + n. Named are the sources hardware.md
 * lists; the EINT groups on VIC1 are [est].
 */
export const S3C6410_IRQ = {
  EINT0_3: 0, EINT4_11: 1, RTC_TIC: 2, TIMER0: 23, TIMER1: 24, TIMER2: 25, WDT: 26, TIMER3: 27, TIMER4: 28,
  EINT12_19: 32, EINT20_27: 33, UART0: 37, UART1: 38, UART2: 39, UART3: 40, RTC_ALARM: 60, ADC: 63,
} as const;

export const S3C6410_IRQ_NAMES: readonly string[] = (() => {
  const names = Array.from({ length: 64 }, (_, i) => (i < 32 ? `VIC0.${i}` : `VIC1.${i - 32}`));
  for (const [name, n] of Object.entries(S3C6410_IRQ)) names[n] = name;
  return names;
})();
