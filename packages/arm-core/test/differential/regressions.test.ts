/**
 * Named regression tests: short programs pinned to QEMU's (and the architecture's) answer. Failing seeds
 * found by the random differential tests land here once fixed, reduced to the instructions that matter;
 * edge cases that interpreters commonly get wrong are pinned here too. The expected values are written
 * by hand from the ARM ARM; when qemu-arm is installed every case is also checked against it, so a wrong
 * expectation cannot hide.
 */
import { describe, expect, it } from 'vitest';
import { VARIANTS, disassemblerFor, instructionSetFor, type Variant } from './campaign.js';
import { flagString, hex, listing } from './compare.js';
import { runOnArmCore } from './core-runner.js';
import { QEMU_CPU, QemuRunner, qemuVersion } from './qemu-runner.js';
import { BUFFER, type FinalState, type Isa, type TestProgram } from './test-image.js';

interface RegressionCase {
  readonly name: string;
  readonly isa: Isa;
  /** ARM words / Thumb halfwords, with their assembly in comments. */
  readonly code: number[];
  /** Initial registers (others: 0; r12 = buffer + 0x40, r13 = buffer + 0x100 unless given). */
  readonly regs?: Record<number, number>;
  readonly flags?: number;
  readonly expect: { readonly regs?: Record<number, number>; readonly nzcv: number; readonly buffer?: Record<number, number>; readonly cpsr?: number };
  /** arm-core configuration (default `plain`). */
  readonly variant?: Variant;
  /** False for cases that pin arm-core's ARM920T behaviour where QEMU differs (documented in skip-list.ts). */
  readonly qemu?: boolean;
}

const R12 = BUFFER + 0x40;
const R13 = BUFFER + 0x100;

const CASES: RegressionCase[] = [
  // ---- multiplies: C (and V) unchanged by the S forms (UNPREDICTABLE on ARMv4; QEMU and arm-core keep them)
  { name: 'MULS keeps C', isa: 'arm', code: [0xe0100291 /* muls r0, r1, r2 */], regs: { 1: 3, 2: 0x80000000 }, flags: 0b0010, expect: { regs: { 0: 0x80000000 }, nzcv: 0b1010 } },
  { name: 'UMULLS keeps C and V', isa: 'arm', code: [0xe0910392 /* umulls r0, r1, r2, r3 */], regs: { 2: 0xffffffff, 3: 0xffffffff }, flags: 0b0011, expect: { regs: { 0: 1, 1: 0xfffffffe }, nzcv: 0b1011 } },
  { name: 'SMLALS accumulates signed 64-bit', isa: 'arm', code: [0xe0f54392 /* smlals r4, r5, r2, r3 */], regs: { 2: 0xffffffff, 3: 5, 4: 2, 5: 0 }, expect: { regs: { 4: 0xfffffffd, 5: 0xffffffff }, nzcv: 0b1000 } },
  // ---- shifts by register: amounts 0, 32, 33 and a byte that wraps
  { name: 'LSL by register 32: result 0, C = bit 0', isa: 'arm', code: [0xe1b00211 /* lsls r0, r1, r2 */], regs: { 1: 0x80000001, 2: 32 }, expect: { regs: { 0: 0 }, nzcv: 0b0110 } },
  { name: 'LSR by register 33: result 0, C = 0', isa: 'arm', code: [0xe1b03431 /* lsrs r3, r1, r4 */], regs: { 1: 0x80000001, 4: 33 }, flags: 0b0010, expect: { regs: { 3: 0 }, nzcv: 0b0100 } },
  { name: 'ASR by register uses the bottom byte only (0x120 → 32)', isa: 'arm', code: [0xe1b05651 /* asrs r5, r1, r6 */], regs: { 1: 0x80000001, 6: 0x120 }, expect: { regs: { 5: 0xffffffff }, nzcv: 0b1010 } },
  { name: 'ROR by register 32: value unchanged, C = bit 31', isa: 'arm', code: [0xe1b07871 /* rors r7, r1, r8 */], regs: { 1: 0x80000001, 8: 32 }, expect: { regs: { 7: 0x80000001 }, nzcv: 0b1010 } },
  { name: 'LSL by register 0 (0x100) keeps C', isa: 'arm', code: [0xe1b00211 /* lsls r0, r1, r2 */], regs: { 1: 0x80000001, 2: 0x100 }, flags: 0b0010, expect: { regs: { 0: 0x80000001 }, nzcv: 0b1010 } },
  { name: 'RRX shifts C in and bit 0 out', isa: 'arm', code: [0xe1b00061 /* rrxs r0, r1 */], regs: { 1: 1 }, flags: 0b0010, expect: { regs: { 0: 0x80000000 }, nzcv: 0b1010 } },
  // ---- arithmetic carry/overflow chain
  {
    name: 'ADDS/ADCS/SBCS/RSCS carry and overflow chain',
    isa: 'arm',
    code: [0xe0910002 /* adds r0, r1, r2 */, 0xe0b43005 /* adcs r3, r4, r5 */, 0xe0d76008 /* sbcs r6, r7, r8 */, 0xe0fa900b /* rscs r9, r10, r11 */],
    regs: { 1: 0xffffffff, 2: 1, 4: 0x7fffffff, 5: 0, 7: 0, 8: 0, 10: 1, 11: 1 },
    expect: { regs: { 0: 0, 3: 0x80000000, 6: 0xffffffff, 9: 0xffffffff }, nzcv: 0b1000 },
  },
  // ---- PSR transfers in user mode
  { name: 'MSR CPSR_fsxc in user mode writes only N Z C V', isa: 'arm', code: [0xe12ff001 /* msr cpsr_fsxc, r1 */, 0xe10f2000 /* mrs r2, cpsr */], regs: { 1: 0xf80001ff }, expect: { regs: { 2: 0xf0000010 }, nzcv: 0b1111, cpsr: 0xf0000010 } },
  { name: 'MSR CPSR_f, #imm leaves bits 27:24 (no Q on ARMv4T)', isa: 'arm', code: [0xe328f40f /* msr cpsr_f, #0x0f000000 */, 0xe10f2000 /* mrs r2, cpsr */], flags: 0b1111, expect: { regs: { 2: 0x00000010 }, nzcv: 0, cpsr: 0x00000010 } },
  // ---- PC as an operand
  { name: 'PC reads as the instruction address + 8', isa: 'arm', code: [0xe1a00000 /* nop */, 0xe08f0001 /* add r0, pc, r1 */], regs: { 1: 0 }, expect: { regs: { 0: 0x10104 + 8 }, nzcv: 0 } },
  // ---- user-mode stack and byte/halfword loads
  {
    name: 'STMDB/LDMIA with writeback on the user stack',
    isa: 'arm',
    code: [0xe92d4003 /* push {r0, r1, lr} */, 0xe8bd000e /* pop {r1, r2, r3} */],
    regs: { 0: 0xa0, 1: 0xa1, 14: 0xae },
    expect: { regs: { 1: 0xa0, 2: 0xa1, 3: 0xae, 13: R13 }, nzcv: 0, buffer: { 0xf4: 0xa0, 0xf8: 0xa1, 0xfc: 0xae } },
  },
  {
    name: 'SWPB zero-extends; LDRSB/LDRSH sign-extend',
    isa: 'arm',
    code: [0xe58c1000 /* str r1, [r12] */, 0xe14c0091 /* swpb r0, r1, [r12] */, 0xe1dc20d1 /* ldrsb r2, [r12, #1] */, 0xe1dc40d2 /* ldrsb r4, [r12, #2] */, 0xe1dc30f2 /* ldrsh r3, [r12, #2] */],
    regs: { 1: 0x80ff7f81 },
    expect: { regs: { 0: 0x81, 2: 0x7f, 3: 0xffff80ff, 4: 0xffffffff }, nzcv: 0, buffer: { 0x40: 0x80ff7f81 } },
  },
  // ---- STR/STM of PC: IMPLEMENTATION DEFINED (ARM920T + 12, QEMU + 8)
  {
    name: 'STR/STM of PC store + 8 when configured as QEMU',
    isa: 'arm',
    variant: 'stored-pc-8',
    code: [0xe58cf000 /* str pc, [r12] */, 0xe98c8001 /* stmib r12, {r0, pc} */],
    regs: { 0: 0x1234 },
    expect: { nzcv: 0, buffer: { 0x40: 0x10108, 0x44: 0x1234, 0x48: 0x1010c } },
  },
  {
    name: 'STR/STM of PC store + 12 on ARM920T (arm-core default for v4T; QEMU differs)',
    isa: 'arm',
    qemu: false,
    code: [0xe58cf000 /* str pc, [r12] */, 0xe98c8001 /* stmib r12, {r0, pc} */],
    regs: { 0: 0x1234 },
    expect: { nzcv: 0, buffer: { 0x40: 0x1010c, 0x44: 0x1234, 0x48: 0x10110 } },
  },
  // ---- Thumb
  {
    name: 'Thumb BL pair: LR = return address | 1, skips to the target',
    isa: 'thumb',
    code: [0xf000, 0xf801 /* bl .+6 */, 0x3001 /* adds r0, #1 (skipped) */, 0x3001 /* adds r0, #1 */],
    regs: { 0: 5 },
    expect: { regs: { 0: 6, 14: 0x10105 }, nzcv: 0 },
  },
  {
    name: 'Thumb ADD Rd, PC aligns PC; LDR literal reads the word at (PC & ~3) + imm',
    isa: 'thumb',
    code: [0xa102 /* add r1, pc, #8 */, 0x4a01 /* ldr r2, [pc, #4] */, 0x4263 /* negs r3, r4 */, 0x42ec /* cmn r4, r5 */],
    regs: { 4: 0, 5: 0 },
    // The literal is the epilogue's first word: bx pc (0x4778), nop (0x46c0).
    expect: { regs: { 1: 0x1010c, 2: 0x46c04778, 3: 0 }, nzcv: 0b0100 },
  },
  {
    name: 'Thumb shifts by immediate: LSL #0 keeps C, LSR/ASR #32',
    isa: 'thumb',
    code: [0x0035 /* lsls r5, r6, #0 */, 0x083e /* lsrs r6, r7, #32 */, 0x100f /* asrs r7, r1, #32 */],
    regs: { 1: 0x7fffffff, 6: 0x80000000, 7: 0x80000000 },
    flags: 0b0010,
    expect: { regs: { 5: 0x80000000, 6: 0, 7: 0 }, nzcv: 0b0100 },
  },
];

function programOf(c: RegressionCase): TestProgram {
  const regs = Array.from({ length: 15 }, (_, i) => (i === 12 ? R12 : i === 13 ? R13 : 0));
  for (const [k, v] of Object.entries(c.regs ?? {})) regs[Number(k)] = v >>> 0;
  return { isa: c.isa, code: c.code, initial: { regs, flags: c.flags ?? 0, bufferSeed: 1 } };
}

/** Differences between a final state and a case's expectations, as readable lines. */
function check(c: RegressionCase, state: FinalState): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(c.expect.regs ?? {})) {
    if (state.regs[Number(k)] >>> 0 !== v >>> 0) out.push(`r${k}: expected ${hex(v)}, got ${hex(state.regs[Number(k)])}`);
  }
  if (state.cpsr >>> 28 !== c.expect.nzcv) out.push(`flags: expected ${flagString(c.expect.nzcv)}, got ${flagString(state.cpsr >>> 28)}`);
  if (c.expect.cpsr !== undefined && ((state.cpsr ^ c.expect.cpsr) & 0xffffffdf) !== 0) out.push(`cpsr: expected ${hex(c.expect.cpsr)}, got ${hex(state.cpsr)}`);
  const view = new DataView(state.buffer.buffer, state.buffer.byteOffset, state.buffer.byteLength);
  for (const [k, v] of Object.entries(c.expect.buffer ?? {})) {
    const got = view.getUint32(Number(k), true);
    if (got !== v >>> 0) out.push(`buffer+0x${Number(k).toString(16)}: expected ${hex(v)}, got ${hex(got)}`);
  }
  return out;
}

const QEMU = qemuVersion();

describe('differential regressions (pinned cases)', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const program = programOf(c);
      const explain = (lines: string[]): string => [c.name, ...listing(program, disassemblerFor('v4T')), ...lines].join('\n');

      it('arm-core', () => {
        const r = runOnArmCore(instructionSetFor('v4T', c.variant ?? 'plain'), program);
        expect(r.ok ? [] : [r.error], explain([])).toEqual([]);
        expect(check(c, r.state), explain(check(c, r.state))).toEqual([]);
      });

      if (c.qemu !== false) {
        it.skipIf(!QEMU)(`qemu-arm -cpu ${QEMU_CPU.v4T}${QEMU ? '' : ' (skipped: qemu-arm not installed)'}`, () => {
          const q = new QemuRunner(QEMU_CPU.v4T);
          try {
            const r = q.runSync(program);
            if (!r.ok) throw new Error(r.error);
            expect(check(c, r.state), explain(check(c, r.state))).toEqual([]);
          } finally {
            q.dispose();
          }
        });
      }
    });
  }

  it('every variant named by a case exists', () => {
    for (const c of CASES) expect(VARIANTS[c.variant ?? 'plain']).toBeDefined();
  });
});
