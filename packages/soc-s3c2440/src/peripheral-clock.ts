/**
 * The peripheral clock the shared Samsung blocks (PWM, UART, watchdog) run from. The clock controller calls
 * the listeners after any rate change, once the core clock has been updated too, so each block can rebase
 * its counters at that moment.
 */
export interface PeripheralClock {
  /** PCLK in Hz. */
  readonly pclk: number;
  onChange(listener: () => void): void;
}

/** A PCLK fixed by hand, for tests and for boards without a modelled clock controller. */
export class FixedPeripheralClock implements PeripheralClock {
  private readonly listeners: (() => void)[] = [];
  constructor(private hz: number) {}
  get pclk(): number {
    return this.hz;
  }
  set pclk(hz: number) {
    this.hz = hz;
    for (const l of this.listeners) l();
  }
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}
