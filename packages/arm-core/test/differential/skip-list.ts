/**
 * What the differential tests leave out, and why. Two kinds of entry:
 *  - `exclude`: instructions the generator drops (and draws another), because they leave the block, trap,
 *    or are UNPREDICTABLE / IMPLEMENTATION DEFINED so that the two emulators may legitimately differ;
 *  - `avoid`: fields the generator rewrites so an otherwise useful instruction stays deterministic (e.g. an
 *    SBZ field set to zero, a register other than PC, an aligned address).
 * The generator counts every use of an entry (see `SkipStats`), so a report can say how often each applied.
 * Keeping memory accesses inside the data buffer (base registers, offsets, alignment) is the generator's
 * job, not a skip: see `arm-generator.ts` and `thumb-generator.ts`.
 */

/*
 * Checked and deliberately NOT skipped (both emulators agree; pinned in regressions.test.ts):
 *  - MULS/MLAS leave C unchanged and UMULLS/UMLALS/SMULLS/SMLALS leave C and V unchanged. ARMv4 calls these
 *    flags UNPREDICTABLE; QEMU and arm-core keep them, as ARMv5 and later define.
 *  - MSR CPSR_c/x/s in user mode is ignored; MSR CPSR_f does not store bits 27:24 on ARMv4T (no Q).
 *  - Unaligned word loads in Thumb/ARM are avoided (above), but byte accesses at any offset are kept.
 */

export interface SkipEntry {
  readonly id: string;
  readonly isa: 'arm' | 'thumb';
  readonly action: 'exclude' | 'avoid';
  readonly reason: string;
}

export const SKIP_LIST: readonly SkipEntry[] = [
  // ---- ARM: leaves the block, traps or needs a system
  { id: 'arm.cond-nv', isa: 'arm', action: 'exclude', reason: 'cond = 1111 (NV) is UNPREDICTABLE on ARMv4 and the unconditional space on ARMv5+' },
  { id: 'arm.branch', isa: 'arm', action: 'avoid', reason: 'B/BL may leave the block: the target is redrawn to a later instruction of the block (forward only: no loops, every instruction runs at most once)' },
  { id: 'arm.bx', isa: 'arm', action: 'exclude', reason: 'BX leaves the block; ARM↔Thumb interworking is exercised by the Thumb programs\' own BX in and out' },
  { id: 'arm.swi', isa: 'arm', action: 'exclude', reason: 'SWI is a Linux system call under qemu-arm and an exception in arm-core' },
  { id: 'arm.coprocessor', isa: 'arm', action: 'exclude', reason: 'CDP/LDC/STC/MCR/MRC: no coprocessor is accessible in user mode (CP15 is privileged; QEMU traps)' },
  { id: 'arm.undefined', isa: 'arm', action: 'exclude', reason: 'architecturally UNDEFINED encodings trap (covered by the random-bytes robustness test)' },
  { id: 'arm.newer-arch', isa: 'arm', action: 'exclude', reason: 'encodings of a later architecture than the one under test (e.g. CLZ, QADD, LDRD on v4T)' },
  { id: 'arm.pc-write', isa: 'arm', action: 'avoid', reason: 'a write to PC (Rd = 15, LDR/LDM of PC) is a branch out of the block: the destination register is redrawn' },
  // ---- ARM: UNPREDICTABLE forms
  { id: 'arm.rsr-pc', isa: 'arm', action: 'avoid', reason: 'register-shifted-register data processing with R15 as Rn, Rm or Rs is UNPREDICTABLE: redrawn' },
  { id: 'arm.psr-spsr-user', isa: 'arm', action: 'exclude', reason: 'MRS/MSR of SPSR in user mode is UNPREDICTABLE (no SPSR)' },
  { id: 'arm.msr-mask0', isa: 'arm', action: 'exclude', reason: 'MSR with an empty field mask writes nothing (and is the hint space on v6K); dropped' },
  { id: 'arm.sbz-sbo', isa: 'arm', action: 'avoid', reason: 'SBZ/SBO fields not at their required value are UNPREDICTABLE: set to 0/1' },
  { id: 'arm.mul-overlap', isa: 'arm', action: 'avoid', reason: 'MUL/MLA with Rd = Rm, long multiplies with RdHi = RdLo or Rd = Rm, and R15 operands are UNPREDICTABLE on ARMv4: registers redrawn' },
  { id: 'arm.writeback-overlap', isa: 'arm', action: 'avoid', reason: 'load/store writeback with Rd = Rn or Rm = Rn is UNPREDICTABLE: Rd redrawn' },
  { id: 'arm.swp-overlap', isa: 'arm', action: 'avoid', reason: 'SWP with Rn = Rd or Rn = Rm, or any R15, is UNPREDICTABLE: registers redrawn' },
  { id: 'arm.halfword-post-writeback', isa: 'arm', action: 'avoid', reason: 'LDRH/STRH/LDRSB/LDRSH post-indexed with W = 1 is UNPREDICTABLE on ARMv4 (no T forms): W cleared' },
  { id: 'arm.ldm-user-bank', isa: 'arm', action: 'exclude', reason: 'LDM/STM with S (^) in user mode is UNPREDICTABLE' },
  { id: 'arm.ldm-empty', isa: 'arm', action: 'avoid', reason: 'LDM/STM with an empty register list is UNPREDICTABLE: a register is added' },
  { id: 'arm.ldm-base-in-list', isa: 'arm', action: 'avoid', reason: 'LDM/STM with writeback and the base in the list is UNPREDICTABLE (STM: unless lowest): base removed from the list' },
  // ---- ARM: IMPLEMENTATION DEFINED, or where QEMU does not model ARMv4
  { id: 'arm.store-pc', isa: 'arm', action: 'avoid', reason: 'STR/STM of PC stores an IMPLEMENTATION DEFINED address (ARM920T: +12, QEMU: +8): PC removed/redrawn' },
  { id: 'arm.unaligned-word', isa: 'arm', action: 'avoid', reason: 'unaligned LDR rotates and STR ignores bits[1:0] on ARMv4, but QEMU (ti925t) performs a true unaligned access, and raises SIGBUS for SWP/LDM/STM: word addresses kept aligned' },
  { id: 'arm.unaligned-halfword', isa: 'arm', action: 'avoid', reason: 'unaligned LDRH/STRH/LDRSH are UNPREDICTABLE on ARMv4 (QEMU does a true unaligned access): halfword addresses kept even' },
  // ---- Thumb
  { id: 'thumb.branch', isa: 'thumb', action: 'avoid', reason: 'B/Bcc/BL may leave the block: targets redrawn forward inside the block; BL is emitted as a prefix+suffix pair' },
  { id: 'thumb.bx', isa: 'thumb', action: 'exclude', reason: 'BX leaves the block (the program enters and leaves Thumb state through its own BX)' },
  { id: 'thumb.swi', isa: 'thumb', action: 'exclude', reason: 'SWI is a Linux system call under qemu-arm' },
  { id: 'thumb.undefined', isa: 'thumb', action: 'exclude', reason: 'UNDEFINED encodings trap (covered by the robustness test)' },
  { id: 'thumb.newer-arch', isa: 'thumb', action: 'exclude', reason: 'encodings of a later architecture than the one under test' },
  { id: 'thumb.mul-overlap', isa: 'thumb', action: 'avoid', reason: 'MUL with Rd = Rm is UNPREDICTABLE before ARMv6: Rm redrawn' },
  { id: 'thumb.pc-write', isa: 'thumb', action: 'avoid', reason: 'high-register ADD/MOV to PC, POP {pc} branch out of the block: redrawn' },
  { id: 'thumb.hi-lo-unpredictable', isa: 'thumb', action: 'avoid', reason: 'ADD/CMP/MOV (high registers) with both operands low registers are UNPREDICTABLE on ARMv4T: one made high' },
  { id: 'thumb.ldm-empty', isa: 'thumb', action: 'avoid', reason: 'LDMIA/STMIA/PUSH/POP with an empty list are UNPREDICTABLE: a register is added' },
  { id: 'thumb.ldm-base-in-list', isa: 'thumb', action: 'avoid', reason: 'LDMIA with the base in the list / STMIA with the base not lowest is UNPREDICTABLE: base removed' },
  { id: 'thumb.unaligned', isa: 'thumb', action: 'avoid', reason: 'unaligned word/halfword accesses differ (see arm.unaligned-*): addresses kept aligned' },
];

const BY_ID = new Map(SKIP_LIST.map((e) => [e.id, e]));

export type SkipId = (typeof SKIP_LIST)[number]['id'];

export function skipEntry(id: string): SkipEntry {
  const e = BY_ID.get(id);
  if (!e) throw new Error(`unknown skip-list id ${id}`);
  return e;
}

/** How often each skip-list entry applied while generating. */
export class SkipStats {
  readonly counts = new Map<string, number>();
  note(id: string): void {
    skipEntry(id);
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }
  merge(other: SkipStats): void {
    for (const [id, n] of other.counts) this.counts.set(id, (this.counts.get(id) ?? 0) + n);
  }
  format(): string {
    return [...this.counts].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id}: ${n}`).join(', ');
  }
}
