export { Pl192Vic } from './vic.js';
export {
  CLK_DIV0,
  CLK_SRC,
  EPLL_CON0,
  OTHERS,
  PLL_CON,
  RST_STAT,
  S3C6410Syscon,
  S3C6410_SYS_ID,
  SW_RST_KEY,
  s3c6410Clocks,
  s3c6410Epll,
  s3c6410Pll,
  type S3C6410ClockRates,
  type SysconOptions,
} from './syscon.js';
export { S3C6410Gpio, type S3C6410GpioOptions } from './gpio.js';
export {
  S3C6410_DEFAULT_SDRAM_BYTES,
  S3C6410_IRQ,
  S3C6410_IRQ_NAMES,
  S3C6410_MAP,
  S3C6410_UARTS,
  S3C6410_UART_STRIDE,
} from './map.js';
export { S3C6410, type S3C6410Options } from './s3c6410.js';
export { S3C6410Bsp, S3C6410InterruptDriver } from './bsp.js';
