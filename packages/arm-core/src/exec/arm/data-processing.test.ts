import { describe, expect, it } from 'vitest';
import { Mode, PSR } from '../../cpu/modes.js';
import { CODE_BASE, createTestMachine, enterMode, execArm, flagsOf, setFlags } from './test-harness.js';

// Words from `arm-none-eabi-as -mcpu=arm920t` (see the asm in each comment).
const MOVS_LSL_REG = 0xe1b00211; // lsls r0, r1, r2
const MOVS_LSR_REG = 0xe1b00231; // lsrs r0, r1, r2
const MOVS_ASR_REG = 0xe1b00251; // asrs r0, r1, r2
const MOVS_ROR_REG = 0xe1b00271; // rors r0, r1, r2

/** movs r0, r1, <type> #amount (amount 0..31; 0 encodes LSR/ASR #32 and RRX). */
function movsShiftImm(type: number, amount: number): number {
  return (0xe1b00001 | (amount << 7) | (type << 5)) >>> 0;
}

const C = 0b0010;

describe('shifter operand: immediate', () => {
  it('rotated immediate sets C from bit 31; unrotated leaves C', () => {
    const m = createTestMachine();
    setFlags(m.cpu, 0);
    execArm(m, 0xe3b00102); // movs r0, #0x80000000
    expect(m.cpu.r[0]).toBe(0x80000000);
    expect(flagsOf(m.cpu)).toBe(0b1010); // N, C from rotation
    setFlags(m.cpu, C);
    execArm(m, 0xe3b00001); // movs r0, #1
    expect(flagsOf(m.cpu)).toBe(C); // C unchanged, N=Z=0
    setFlags(m.cpu, C);
    execArm(m, 0xe3b00c01); // movs r0, #0x100 (rotated, bit 31 clear)
    expect(m.cpu.r[0]).toBe(0x100);
    expect(m.cpu.c).toBe(0);
  });
});

describe('shifter operand: register shifted by immediate', () => {
  // name, type (0 LSL 1 LSR 2 ASR 3 ROR), amount, Rm, carry-in → result, carry-out
  const cases: [string, number, number, number, number, number, number][] = [
    ['LSL #0 keeps value and C=1', 0, 0, 0x80000001, 1, 0x80000001, 1],
    ['LSL #0 keeps value and C=0', 0, 0, 0x80000001, 0, 0x80000001, 0],
    ['LSL #1 carries bit 31', 0, 1, 0x80000001, 0, 0x00000002, 1],
    ['LSL #31 carries bit 1', 0, 31, 0x00000003, 0, 0x80000000, 1],
    ['LSR #1 carries bit 0', 1, 1, 0x00000003, 0, 0x00000001, 1],
    ['LSR #31', 1, 31, 0xc0000000, 0, 0x00000001, 1],
    ['LSR #0 means #32', 1, 0, 0x80000000, 0, 0, 1],
    ['ASR #1 negative', 2, 1, 0x80000001, 0, 0xc0000000, 1],
    ['ASR #0 means #32 (negative)', 2, 0, 0x80000000, 0, 0xffffffff, 1],
    ['ASR #0 means #32 (positive)', 2, 0, 0x7fffffff, 1, 0, 0],
    ['ROR #4', 3, 4, 0x0000001f, 0, 0xf0000001, 1],
    ['ROR #0 is RRX with C=1', 3, 0, 0x00000001, 1, 0x80000000, 1],
    ['ROR #0 is RRX with C=0', 3, 0, 0x00000002, 0, 0x00000001, 0],
  ];
  it.each(cases)('%s', (_name, type, amount, rm, cin, result, carry) => {
    const m = createTestMachine();
    m.cpu.r[1] = rm;
    setFlags(m.cpu, cin ? C : 0);
    execArm(m, movsShiftImm(type, amount));
    expect(m.cpu.r[0]).toBe(result);
    expect(m.cpu.c).toBe(carry);
    expect(m.cpu.n).toBe(result >>> 31);
    expect(m.cpu.z).toBe(result === 0 ? 1 : 0);
  });
});

describe('shifter operand: register shifted by register', () => {
  // [word, rm, rs, carry-in] → [result, carry-out]
  const cases: [string, number, number, number, number, number, number][] = [
    ['LSL by 0 leaves C', MOVS_LSL_REG, 0x80000001, 0, 1, 0x80000001, 1],
    ['LSL by 256 uses only Rs[7:0] (=0)', MOVS_LSL_REG, 0x80000001, 256, 0, 0x80000001, 0],
    ['LSL by 1', MOVS_LSL_REG, 0x80000001, 1, 0, 2, 1],
    ['LSL by 31', MOVS_LSL_REG, 3, 31, 0, 0x80000000, 1],
    ['LSL by 32: C = bit 0', MOVS_LSL_REG, 0x00000001, 32, 0, 0, 1],
    ['LSL by 33: 0, C = 0', MOVS_LSL_REG, 0xffffffff, 33, 1, 0, 0],
    ['LSL by 255', MOVS_LSL_REG, 0xffffffff, 255, 1, 0, 0],
    ['LSR by 0 leaves C', MOVS_LSR_REG, 0x80000000, 0, 0, 0x80000000, 0],
    ['LSR by 1', MOVS_LSR_REG, 3, 1, 0, 1, 1],
    ['LSR by 32: C = bit 31', MOVS_LSR_REG, 0x80000000, 32, 0, 0, 1],
    ['LSR by 33: 0, C = 0', MOVS_LSR_REG, 0xffffffff, 33, 1, 0, 0],
    ['ASR by 0 leaves C', MOVS_ASR_REG, 0x80000000, 0, 1, 0x80000000, 1],
    ['ASR by 31', MOVS_ASR_REG, 0x80000000, 31, 0, 0xffffffff, 0],
    ['ASR by 32 negative', MOVS_ASR_REG, 0x80000000, 32, 0, 0xffffffff, 1],
    ['ASR by 200 positive', MOVS_ASR_REG, 0x7fffffff, 200, 1, 0, 0],
    ['ROR by 0 leaves C', MOVS_ROR_REG, 0x80000001, 0, 0, 0x80000001, 0],
    ['ROR by 4', MOVS_ROR_REG, 0x1f, 4, 0, 0xf0000001, 1],
    ['ROR by 32: value kept, C = bit 31', MOVS_ROR_REG, 0x80000001, 32, 0, 0x80000001, 1],
    ['ROR by 36 = ROR by 4', MOVS_ROR_REG, 0x1f, 36, 0, 0xf0000001, 1],
    ['ROR by 64 (Rs[4:0] = 0): C = bit 31', MOVS_ROR_REG, 0x7fffffff, 64, 1, 0x7fffffff, 0],
  ];
  it.each(cases)('%s', (_name, word, rm, rs, cin, result, carry) => {
    const m = createTestMachine();
    m.cpu.r[1] = rm;
    m.cpu.r[2] = rs;
    setFlags(m.cpu, cin ? C : 0);
    execArm(m, word);
    expect(m.cpu.r[0]).toBe(result);
    expect(m.cpu.c).toBe(carry);
  });

  it('costs one extra cycle in cycle mode', () => {
    const m = createTestMachine({ timing: 'cycle' });
    expect(execArm(m, MOVS_LSL_REG)).toBe(1);
    expect(execArm(m, movsShiftImm(0, 3))).toBe(0);
  });
});

// ---- arithmetic flags against an independent BigInt model ----

type ArithOp = 'add' | 'adc' | 'sub' | 'sbc' | 'rsb' | 'rsc' | 'cmp' | 'cmn';
const ARITH_WORDS: Record<ArithOp, number> = {
  add: 0xe0910002, // adds r0, r1, r2
  adc: 0xe0b10002, // adcs r0, r1, r2
  sub: 0xe0510002, // subs r0, r1, r2
  sbc: 0xe0d10002, // sbcs r0, r1, r2
  rsb: 0xe0710002, // rsbs r0, r1, r2
  rsc: 0xe0f10002, // rscs r0, r1, r2
  cmp: 0xe1510002, // cmp r1, r2
  cmn: 0xe1710002, // cmn r1, r2
};

function signed(x: bigint): bigint {
  return BigInt.asIntN(32, x);
}

/** ARM ARM pseudo-code semantics: C = unsigned carry / NOT borrow, V = signed overflow. */
function reference(op: ArithOp, a: number, b: number, cin: number): { result: number; nzcv: number } {
  const A = BigInt(a);
  const B = BigInt(b);
  let unsigned: bigint;
  let signedResult: bigint;
  let carry: boolean;
  const add = (x: bigint, y: bigint, c: bigint) => {
    unsigned = x + y + c;
    signedResult = signed(x) + signed(y) + c;
    carry = unsigned >= 1n << 32n;
  };
  const sub = (x: bigint, y: bigint, borrow: bigint) => {
    unsigned = x - y - borrow;
    signedResult = signed(x) - signed(y) - borrow;
    carry = unsigned >= 0n;
  };
  switch (op) {
    case 'add':
    case 'cmn':
      add(A, B, 0n);
      break;
    case 'adc':
      add(A, B, BigInt(cin));
      break;
    case 'sub':
    case 'cmp':
      sub(A, B, 0n);
      break;
    case 'sbc':
      sub(A, B, BigInt(1 - cin));
      break;
    case 'rsb':
      sub(B, A, 0n);
      break;
    case 'rsc':
      sub(B, A, BigInt(1 - cin));
      break;
  }
  const result = Number(BigInt.asUintN(32, unsigned!));
  const overflow = signedResult! < -(1n << 31n) || signedResult! >= 1n << 31n;
  const nzcv = ((result >>> 31) << 3) | ((result === 0 ? 1 : 0) << 2) | ((carry! ? 1 : 0) << 1) | (overflow ? 1 : 0);
  return { result, nzcv };
}

describe('arithmetic flags (ADD/ADC/SUB/SBC/RSB/RSC/CMP/CMN)', () => {
  const edges = [0, 1, 2, 0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff];
  const ops = Object.keys(ARITH_WORDS) as ArithOp[];

  it.each(ops)('%s matches the reference on edge operands, both carry-ins', (op) => {
    const m = createTestMachine();
    for (const a of edges) {
      for (const b of edges) {
        for (const cin of [0, 1]) {
          m.cpu.r[0] = 0xdeadbeef;
          m.cpu.r[1] = a;
          m.cpu.r[2] = b;
          setFlags(m.cpu, cin ? C : 0);
          execArm(m, ARITH_WORDS[op]);
          const want = reference(op, a, b, cin);
          const where = `${op} a=${a.toString(16)} b=${b.toString(16)} c=${cin}`;
          expect(flagsOf(m.cpu), where).toBe(want.nzcv);
          expect(m.cpu.r[0], where).toBe(op === 'cmp' || op === 'cmn' ? 0xdeadbeef : want.result);
        }
      }
    }
  });

  it.each(ops)('%s matches the reference on random operands', (op) => {
    const m = createTestMachine();
    let seed = 0x1234567 + op.length;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 500; i++) {
      const a = next();
      const b = next();
      const cin = next() & 1;
      m.cpu.r[1] = a;
      m.cpu.r[2] = b;
      setFlags(m.cpu, cin ? C : 0);
      execArm(m, ARITH_WORDS[op]);
      expect(flagsOf(m.cpu)).toBe(reference(op, a, b, cin).nzcv);
    }
  });

  it('without S the flags stay', () => {
    const m = createTestMachine();
    m.cpu.r[1] = 0xffffffff;
    m.cpu.r[2] = 1;
    setFlags(m.cpu, 0b1001);
    execArm(m, 0xe0810002); // add r0, r1, r2
    expect(m.cpu.r[0]).toBe(0);
    expect(flagsOf(m.cpu)).toBe(0b1001);
  });
});

describe('logical operations', () => {
  const cases: [string, number, number, number, number][] = [
    ['and', 0xe0010002, 0xff00ff00, 0x0ff00ff0, 0x0f000f00],
    ['eor', 0xe0210002, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0],
    ['orr', 0xe1810002, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0],
    ['bic', 0xe1c10002, 0xff00ff00, 0x0ff00ff0, 0xf000f000],
    ['mov', 0xe1a00002, 0, 0x0ff00ff0, 0x0ff00ff0],
    ['mvn', 0xe1e00002, 0, 0x0ff00ff0, 0xf00ff00f],
  ];
  it.each(cases)('%s computes its result', (_n, word, a, b, result) => {
    const m = createTestMachine();
    m.cpu.r[1] = a;
    m.cpu.r[2] = b;
    execArm(m, word);
    expect(m.cpu.r[0]).toBe(result);
  });

  it('S sets N Z from the result, C from the shifter, and keeps V', () => {
    const m = createTestMachine();
    m.cpu.r[1] = 0x80000000;
    m.cpu.r[2] = 0x80000000;
    setFlags(m.cpu, 0b0001);
    execArm(m, 0xe0110082); // ands r0, r1, r2, lsl #1 → 0, carry out = 1
    expect(m.cpu.r[0]).toBe(0);
    expect(flagsOf(m.cpu)).toBe(0b0111);
  });

  it('TST/TEQ set flags without writing Rd', () => {
    const m = createTestMachine();
    m.cpu.r[0] = 0x1234;
    m.cpu.r[1] = 0xf0;
    execArm(m, 0xe3110c01); // tst r1, #0x100 → Z, C = 0 (rotated imm bit 31 clear)
    expect(m.cpu.z).toBe(1);
    execArm(m, 0xe1310001); // teq r1, r1 → Z
    expect(m.cpu.z).toBe(1);
    expect(m.cpu.r[0]).toBe(0x1234);
  });
});

describe('r15 as an operand and as the destination', () => {
  it('reads PC as the instruction address + 8', () => {
    const m = createTestMachine();
    execArm(m, 0xe28f0000); // add r0, pc, #0
    expect(m.cpu.r[0]).toBe(CODE_BASE + 8);
    m.cpu.r[1] = 4;
    execArm(m, 0xe081000f); // add r0, r1, pc
    expect(m.cpu.r[0]).toBe(CODE_BASE + 12);
  });

  it('reads PC as + 12 when the shift is by a register', () => {
    const m = createTestMachine();
    m.cpu.r[1] = 0;
    execArm(m, 0xe08f011f); // add r0, pc, pc, lsl r1
    expect(m.cpu.r[0]).toBe(2 * (CODE_BASE + 12));
  });

  it('Rd = pc branches without touching flags', () => {
    const m = createTestMachine({ timing: 'cycle' });
    setFlags(m.cpu, 0b0101);
    const extra = execArm(m, 0xe3a0fa02); // mov pc, #0x2000
    expect(extra).toBe(2);
    expect(m.cpu.pc).toBe(0x2000);
    expect(flagsOf(m.cpu)).toBe(0b0101);
  });

  it('MOVS pc, lr copies SPSR to CPSR (mode, flags, Thumb state) and returns', () => {
    const m = createTestMachine();
    m.cpu.setReg(13, 0x5555, 'usr');
    enterMode(m.cpu, Mode.IRQ);
    m.cpu.currentSpsr = (Mode.USR | PSR.T | PSR.N) >>> 0;
    m.cpu.r[14] = 0x3003;
    execArm(m, 0xe1b0f00e); // movs pc, lr
    expect(m.cpu.mode).toBe(Mode.USR);
    expect(m.cpu.thumb).toBe(true);
    expect(m.cpu.n).toBe(1);
    expect(m.cpu.pc).toBe(0x3002); // halfword-aligned in Thumb state
    expect(m.cpu.r[13]).toBe(0x5555); // user bank is live
  });

  it('SUBS pc, lr, #4 returns from an IRQ handler', () => {
    const m = createTestMachine();
    enterMode(m.cpu, Mode.IRQ);
    m.cpu.currentSpsr = Mode.SVC;
    m.cpu.r[14] = 0x2004;
    execArm(m, 0xe25ef004); // subs pc, lr, #4
    expect(m.cpu.mode).toBe(Mode.SVC);
    expect(m.cpu.pc).toBe(0x2000);
  });
});

describe('instruction-level details', () => {
  it('SBC/RSC use the carry flag as NOT borrow', () => {
    const m = createTestMachine();
    m.cpu.r[1] = 10;
    m.cpu.r[2] = 3;
    setFlags(m.cpu, 0); // C = 0 → borrow
    execArm(m, 0xe0c10002); // sbc r0, r1, r2
    expect(m.cpu.r[0]).toBe(6);
    execArm(m, 0xe0e10002); // rsc r0, r1, r2 → 3 - 10 - 1
    expect(m.cpu.r[0]).toBe((3 - 10 - 1) >>> 0);
  });

  it('ADC adds the carry', () => {
    const m = createTestMachine();
    m.cpu.r[1] = 1;
    m.cpu.r[2] = 2;
    setFlags(m.cpu, C);
    execArm(m, 0xe0a10002); // adc r0, r1, r2
    expect(m.cpu.r[0]).toBe(4);
  });

  it('condition-failed instructions do nothing', () => {
    const m = createTestMachine();
    m.cpu.r[0] = 7;
    setFlags(m.cpu, 0); // Z clear
    execArm(m, 0x03a00001); // moveq r0, #1
    expect(m.cpu.r[0]).toBe(7);
    expect(m.cpu.pc).toBe(CODE_BASE + 4);
  });
});
