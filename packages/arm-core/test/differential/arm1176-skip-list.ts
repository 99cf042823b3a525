/**
 * What the ARM1176 (ARMv5TE/ARMv6) differential tests leave out, and why — on top of the ARMv4T skip list
 * (skip-list.ts), which still applies to the ARMv4T instructions these programs also contain.
 * `exclude`: the generator drops the word; `avoid`: it rewrites a field or adds an instruction.
 */
import { SKIP_LIST, SkipStats, type SkipEntry } from './skip-list.js';

export const ARM1176_SKIP_LIST: readonly SkipEntry[] = [
  // ---- ARM: leave the block or trap
  { id: 'arm1176.branch-exchange', isa: 'arm', action: 'exclude', reason: 'BLX (immediate and register) and BXJ leave the block (BLX immediate always to Thumb state)' },
  { id: 'arm1176.exception', isa: 'arm', action: 'exclude', reason: 'BKPT (prefetch abort / SIGTRAP), SMC and SRS/RFE (UNDEFINED in user mode) trap' },
  { id: 'arm1176.coprocessor', isa: 'arm', action: 'exclude', reason: 'MCRR/MRRC and CDP2/LDC2/STC2/MCR2/MRC2/MCRR2/MRRC2: no coprocessor answers in user mode' },
  { id: 'arm1176.wfi', isa: 'arm', action: 'exclude', reason: 'WFI waits for an interrupt that never comes in a user-mode test (arm-core sleeps; qemu-arm treats it as a halt)' },
  // ---- ARM: UNPREDICTABLE forms and shared state
  { id: 'arm1176.unpredictable', isa: 'arm', action: 'exclude', reason: 'UNPREDICTABLE operand combinations after the generator rewrote registers (R15 operands, RdHi = RdLo, odd LDRD/LDREXD registers, STREX Rd = Rn/Rm, writeback overlaps)' },
  { id: 'arm1176.exclusive-base', isa: 'arm', action: 'exclude', reason: 'LDREX*/STREX* need an exactly known, size-aligned base (a misaligned exclusive faults): dropped when a skipped branch leaves the base uncertain' },
  { id: 'arm1176.exclusive-size', isa: 'arm', action: 'exclude', reason: 'a STREX of another size than an LDREX that may have opened the monitor is UNPREDICTABLE (conditions and skipping branches make the open size uncertain)' },
  { id: 'arm1176.store-while-exclusive', isa: 'arm', action: 'exclude', reason: 'a plain store while an exclusive may be open: whether it breaks the reservation is IMPLEMENTATION DEFINED (ARM1176 local monitor: no; QEMU compares the value)' },
  { id: 'arm1176.ldrd-placement', isa: 'arm', action: 'avoid', reason: 'LDRD/STRD: base redrawn to a buffer register, offset word-aligned and inside the buffer, Rd made even (odd is UNDEFINED), loads into writable registers' },
  { id: 'arm1176.unaligned', isa: 'arm', action: 'avoid', reason: 'some LDR/STR/LDRH/STRH/LDRSH offsets are made unaligned on purpose (c1.U = 1, as Linux runs ARMv6; qemu-arm does true unaligned accesses); LDM/STM/LDRD/SWP/exclusives stay aligned' },
  { id: 'arm1176.final-setend', isa: 'arm', action: 'avoid', reason: 'SETEND or MSR may leave CPSR.E set; a SETEND LE after the block keeps the epilogue\'s register dump little-endian' },
  // ---- Thumb
  { id: 'thumb1176.branch-exchange', isa: 'thumb', action: 'exclude', reason: 'BLX register and the BLX second half leave the block (to ARM state)' },
  { id: 'thumb1176.bkpt', isa: 'thumb', action: 'exclude', reason: 'BKPT takes a prefetch abort (SIGTRAP under qemu-arm)' },
  { id: 'thumb1176.unpredictable', isa: 'thumb', action: 'exclude', reason: 'CPS without flags is UNPREDICTABLE' },
  { id: 'thumb1176.final-setend', isa: 'thumb', action: 'avoid', reason: 'SETEND BE may be left set; a SETEND LE after the block keeps the epilogue little-endian' },
];

const ALL = new Map([...SKIP_LIST, ...ARM1176_SKIP_LIST].map((e) => [e.id, e]));

export function arm1176SkipEntry(id: string): SkipEntry {
  const e = ALL.get(id);
  if (!e) throw new Error(`unknown skip-list id ${id}`);
  return e;
}

/** SkipStats that also accepts the ARM1176 entries. */
export class Arm1176SkipStats extends SkipStats {
  override note(id: string): void {
    arm1176SkipEntry(id);
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }
}
