/**
 * An interrupt wire from a device to an interrupt controller. Levels only: a controller that latches edges
 * (S3C2440 SRCPND) latches on the rising edge; a level-sensitive one (PL192) follows the level.
 */
export interface InterruptLine {
  set(asserted: boolean): void;
}

/** The core's interrupt inputs (the Cpu satisfies this). */
export interface CoreInterruptInputs {
  setIrqLine(asserted: boolean): void;
  setFiqLine(asserted: boolean): void;
}

/** A line connected to nothing. */
export const UNCONNECTED_LINE: InterruptLine = { set() {} };

/** Raises and drops a line: one edge for a latching controller. */
export function pulseLine(line: InterruptLine): void {
  line.set(true);
  line.set(false);
}

/** A line that remembers its level, for tests and for wiring a device output to several consumers. */
export class RecordingLine implements InterruptLine {
  level = false;
  rises = 0;
  set(asserted: boolean): void {
    if (asserted && !this.level) this.rises++;
    this.level = asserted;
  }
}
