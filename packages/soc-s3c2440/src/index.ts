export { FixedPeripheralClock, type PeripheralClock } from './peripheral-clock.js';
export {
  S3C2440InterruptController,
  S3C2440_IRQ,
  S3C2440_IRQ_NAMES,
  S3C2440_SUBIRQ,
  S3C2440_SUB_PARENT,
} from './interrupt-controller.js';
export { PwmTimers, PWM_TIMERS, S3C2440_PWM, S3C6410_PWM, type PwmOptions, type PwmVariant } from './pwm.js';
export {
  S3C2440_UART,
  S3C6410_UART,
  UCON,
  UFCON,
  UINT,
  ULCON,
  UTRSTAT,
  Uart,
  type UartOptions,
  type UartSubSourceLines,
  type UartVariant,
} from './uart.js';
export { S3C2440_WATCHDOG, S3C6410_WATCHDOG, WTCON, Watchdog, type WatchdogOptions, type WatchdogVariant } from './watchdog.js';
export {
  CAMDIVN,
  CLKDIVN,
  CLKSLOW,
  PLLCON,
  S3C2440ClockPower,
  s3c2440HclkDivisor,
  s3c2440Mpll,
  s3c2440Upll,
  type ClockPowerOptions,
  type S3C2440ClockRates,
} from './clock-power.js';
export { GSTATUS2, S3C2440Gpio, S3C2440_CHIP_ID, type GpioOptions } from './gpio.js';
export { s3c2440MemoryController } from './memory-controller.js';
export { S3C2440_DEFAULT_SDRAM_BYTES, S3C2440_MAP, S3C2440_WINDOW } from './map.js';
export { S3C2440, type S3C2440Options } from './s3c2440.js';
export { S3C2440Bsp, S3C2440InterruptDriver, type S3C2440BspClocks } from './bsp.js';
export {
  PwmTickTimer,
  SamsungBsp,
  SamsungUartConsole,
  chooseTimerDivisors,
  watchdogReboot,
  type SamsungBspLayout,
  type UartConsoleHooks,
} from './samsung-bsp.js';
