/** Operands of MCR/MRC/CDP as encoded: opc1, CRn, CRm, opc2. */
export interface CoprocessorOperands {
  readonly opc1: number;
  readonly crn: number;
  readonly crm: number;
  readonly opc2: number;
}

/**
 * A coprocessor plugged into the core (CP15 is the system control coprocessor). Each method returns
 * `undefined` / `false` when the operation is not implemented, which makes the instruction UNDEFINED.
 * `privileged` says whether the core is in a privileged mode.
 */
export interface Coprocessor {
  mrc(op: CoprocessorOperands, privileged: boolean): number | undefined;
  mcr(op: CoprocessorOperands, value: number, privileged: boolean): boolean;
  cdp?(op: CoprocessorOperands & { readonly crd: number }, privileged: boolean): boolean;
  /** MCRR/MRRC (ARMv5TE+): two registers, opc1 and CRm only. */
  mcrr?(opc1: number, crm: number, low: number, high: number, privileged: boolean): boolean;
  mrrc?(opc1: number, crm: number, privileged: boolean): [number, number] | undefined;
  /** LDC/STC: word transfer callbacks; return false to make the instruction UNDEFINED. */
  ldc?(crd: number, words: number[], privileged: boolean): boolean;
  stcWords?(crd: number, count: number, privileged: boolean): number[] | undefined;
  reset?(): void;
}
