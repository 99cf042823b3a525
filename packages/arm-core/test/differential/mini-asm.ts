/**
 * The handful of ARM and Thumb encodings the test images need for their prologue and epilogue, encoded
 * by hand (independently of the encoding tables under test) so the harness needs no assembler.
 */

const AL = 0xe0000000;

function checkReg(r: number): number {
  if (!Number.isInteger(r) || r < 0 || r > 15) throw new Error(`bad register r${r}`);
  return r;
}

/** Offset field (U bit + imm12) for a PC-relative word access at `at` to `target`. */
function pcRelative(at: number, target: number): number {
  const off = target - (at + 8);
  if (Math.abs(off) > 0xfff) throw new Error(`PC-relative offset ${off} from 0x${at.toString(16)} out of range`);
  return off >= 0 ? (1 << 23) | off : -off;
}

export const arm = {
  /** LDR rd, [pc, #±off] placed at `at`, loading the word at `target`. */
  ldrLiteral: (rd: number, at: number, target: number): number => (AL | 0x051f0000 | (checkReg(rd) << 12) | pcRelative(at, target)) >>> 0,
  /** STR rd, [pc, #±off] placed at `at`, storing to `target`. */
  strPcRelative: (rd: number, at: number, target: number): number => (AL | 0x050f0000 | (checkReg(rd) << 12) | pcRelative(at, target)) >>> 0,
  /** STR rd, [rn, #imm] (imm 0..4095). */
  strImm: (rd: number, rn: number, imm: number): number => (AL | 0x05800000 | (checkReg(rn) << 16) | (checkReg(rd) << 12) | (imm & 0xfff)) >>> 0,
  /** LDR rd, [rn, #imm] (imm 0..4095). */
  ldrImm: (rd: number, rn: number, imm: number): number => (AL | 0x05900000 | (checkReg(rn) << 16) | (checkReg(rd) << 12) | (imm & 0xfff)) >>> 0,
  /** MSR CPSR_f, rm. */
  msrCpsrFlags: (rm: number): number => (AL | 0x0128f000 | checkReg(rm)) >>> 0,
  /** MRS rd, CPSR. */
  mrsCpsr: (rd: number): number => (AL | 0x010f0000 | (checkReg(rd) << 12)) >>> 0,
  /** LDMIA rn, {list}. */
  ldmia: (rn: number, list: number): number => (AL | 0x08900000 | (checkReg(rn) << 16) | (list & 0xffff)) >>> 0,
  /** STMIA rn, {list}. */
  stmia: (rn: number, list: number): number => (AL | 0x08800000 | (checkReg(rn) << 16) | (list & 0xffff)) >>> 0,
  /** STMIB rn, {list}. */
  stmib: (rn: number, list: number): number => (AL | 0x09800000 | (checkReg(rn) << 16) | (list & 0xffff)) >>> 0,
  /** MOV rd, #imm8. */
  movImm: (rd: number, imm8: number): number => (AL | 0x03a00000 | (checkReg(rd) << 12) | (imm8 & 0xff)) >>> 0,
  /** MOV rd, rm. */
  movReg: (rd: number, rm: number): number => (AL | 0x01a00000 | (checkReg(rd) << 12) | checkReg(rm)) >>> 0,
  /** ADD rd, rn, #imm8. */
  addImm: (rd: number, rn: number, imm8: number): number => (AL | 0x02800000 | (checkReg(rn) << 16) | (checkReg(rd) << 12) | (imm8 & 0xff)) >>> 0,
  /** BX rm. */
  bx: (rm: number): number => (AL | 0x012fff10 | checkReg(rm)) >>> 0,
  /** B target, placed at `at`. */
  b: (at: number, target: number): number => {
    const off = target - (at + 8);
    if (off & 3 || off < -(1 << 25) || off >= 1 << 25) throw new Error(`branch offset ${off} out of range`);
    return (AL | 0x0a000000 | ((off >> 2) & 0xffffff)) >>> 0;
  },
  /** SVC #imm24 (SWI). */
  svc: (imm24: number): number => (AL | 0x0f000000 | (imm24 & 0xffffff)) >>> 0,
  /** MOV r0, r0. */
  nop: 0xe1a00000,
} as const;

export const thumb = {
  /** MOV rd, rm with any registers (high-register form). */
  movHigh: (rd: number, rm: number): number => 0x4600 | ((checkReg(rd) & 8) << 4) | (checkReg(rm) << 3) | (rd & 7),
  /** LDR rd, [pc, #imm] placed at `at`, loading the word at `target` (word-aligned, ahead of the PC). */
  ldrLiteral: (rd: number, at: number, target: number): number => {
    if (rd > 7) throw new Error('thumb LDR literal needs a low register');
    const off = target - ((at + 4) & ~3);
    if (off < 0 || off > 1020 || off & 3) throw new Error(`thumb literal offset ${off} out of range`);
    return 0x4800 | (rd << 8) | (off >> 2);
  },
  /** B target (unconditional), placed at `at`. */
  b: (at: number, target: number): number => {
    const off = target - (at + 4);
    if (off & 1 || off < -2048 || off > 2046) throw new Error(`thumb branch offset ${off} out of range`);
    return 0xe000 | ((off >> 1) & 0x7ff);
  },
  /** BX rm. */
  bx: (rm: number): number => 0x4700 | (checkReg(rm) << 3),
  /** MOV r8, r8. */
  nop: 0x46c0,
} as const;
