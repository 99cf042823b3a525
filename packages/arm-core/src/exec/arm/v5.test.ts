import { describe, expect, it } from 'vitest';
import type { Coprocessor } from '../../cpu/coprocessor.js';
import { Mode, PSR } from '../../cpu/modes.js';
import { Prng } from '../../isa/prng.js';
import { CODE_BASE, createTestMachine, encodeArm, enterMode, execArm, runArm, type TestMachine } from './test-harness.js';

/** A v6 core (ARM1176) unless told otherwise, with the undefined/abort vectors observable through the mode. */
function machine(arch: 'v5TE' | 'v6Z' = 'v6Z'): TestMachine {
  return createTestMachine({ arch });
}

const s32 = (v: number): bigint => BigInt(v | 0);
const u32 = (v: bigint): number => Number(BigInt.asUintN(32, v));
const half = (v: number, top: boolean): bigint => BigInt(top ? v >> 16 : (v << 16) >> 16);

describe('CLZ', () => {
  it('counts leading zeros, 32 for zero', () => {
    const m = machine('v5TE');
    for (const [value, zeros] of [[0, 32], [1, 31], [0x80000000, 0], [0x00ff0000, 8], [0xffffffff, 0]] as const) {
      m.cpu.r[1] = value;
      execArm(m, encodeArm('CLZ', { d: 0, m: 1 }));
      expect(m.cpu.r[0]).toBe(zeros);
    }
  });
});

describe('BLX, BXJ', () => {
  it('BLX Rm links and switches to Thumb on bit 0', () => {
    const m = machine();
    m.cpu.r[2] = 0x2001;
    execArm(m, encodeArm('BLX_reg', { m: 2 }));
    expect(m.cpu.r[14]).toBe(CODE_BASE + 4);
    expect(m.cpu.thumb).toBe(true);
    expect(m.cpu.pc).toBe(0x2000);
  });

  it('BLX label reaches halfword targets in Thumb state (H bit)', () => {
    const m = machine();
    execArm(m, 0xfb000000); // blx .+10
    expect(m.cpu.pc).toBe(CODE_BASE + 10);
    expect(m.cpu.thumb).toBe(true);
    expect(m.cpu.r[14]).toBe(CODE_BASE + 4);
    execArm(m, 0xfafffffe, 0x2000); // blx . (backwards −8 + 8)
    expect(m.cpu.pc).toBe(0x2000);
  });

  it('BXJ is BX (Jazelle disabled)', () => {
    const m = machine();
    m.cpu.r[3] = 0x3000;
    execArm(m, encodeArm('BXJ', { m: 3 }));
    expect(m.cpu.pc).toBe(0x3000);
    expect(m.cpu.thumb).toBe(false);
  });
});

describe('BKPT, PLD, SMC', () => {
  it('BKPT takes the prefetch abort at the breakpoint (LR = BKPT + 4)', () => {
    const m = machine('v5TE');
    const cpsr = m.cpu.cpsr;
    execArm(m, 0xe1212374);
    expect(m.cpu.mode).toBe(Mode.ABT);
    expect(m.cpu.pc).toBe(0x0c);
    expect(m.cpu.r[14]).toBe(CODE_BASE + 4);
    expect(m.cpu.currentSpsr).toBe(cpsr);
  });

  it('BKPT asks a memory system with fault registers to record a debug event', () => {
    const m = machine();
    const events: [string, number][] = [];
    Object.assign(m.memory, {
      debugEvent: (kind: 'prefetch' | 'data', va: number) => {
        events.push([kind, va]);
        return { kind, status: 2 };
      },
    });
    let fault: unknown;
    m.cpu.hookException('prefetch-abort', (_c, e) => (fault = e.fault));
    execArm(m, 0xe1200070);
    expect(events).toEqual([['prefetch', CODE_BASE]]);
    expect(fault).toEqual({ kind: 'prefetch', status: 2 });
  });

  it('PLD changes nothing and never faults', () => {
    const m = machine('v5TE');
    m.cpu.r[1] = 0xfffff000; // outside the test RAM
    const before = Array.from(m.cpu.r);
    execArm(m, 0xf5d1f004);
    expect(Array.from(m.cpu.r.slice(0, 15))).toEqual(before.slice(0, 15));
    expect(m.cpu.pc).toBe(CODE_BASE + 4);
    expect(m.memory.accesses).toEqual([]);
  });

  it('SMC enters Monitor mode through MVBAR; in User mode it is UNDEFINED', () => {
    const m = machine();
    m.cpu.monitorVectorBase = 0x4000;
    execArm(m, 0xe1600075);
    expect(m.cpu.mode).toBe(Mode.MON);
    expect(m.cpu.pc).toBe(0x4008);
    expect(m.cpu.r[14]).toBe(CODE_BASE + 4);
    const u = machine();
    enterMode(u.cpu, Mode.USR);
    execArm(u, 0xe1600075);
    expect(u.cpu.mode).toBe(Mode.UND);
  });
});

describe('QADD, QSUB, QDADD, QDSUB', () => {
  function reference(op: 'QADD' | 'QSUB' | 'QDADD' | 'QDSUB', m: number, n: number): { value: number; q: boolean } {
    const max = 0x7fffffffn;
    const min = -0x80000000n;
    let q = false;
    const sat = (v: bigint): bigint => {
      if (v > max) {
        q = true;
        return max;
      }
      if (v < min) {
        q = true;
        return min;
      }
      return v;
    };
    const nn = op === 'QDADD' || op === 'QDSUB' ? sat(2n * s32(n)) : s32(n);
    const r = sat(op === 'QADD' || op === 'QDADD' ? s32(m) + nn : s32(m) - nn);
    return { value: u32(r), q };
  }

  it('saturates and sets Q exactly as the reference, on edge and random values', () => {
    const rng = new Prng(5);
    const edges = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x40000000, 0xc0000000, 0x3fffffff];
    const m = machine('v5TE');
    for (const op of ['QADD', 'QSUB', 'QDADD', 'QDSUB'] as const) {
      for (let k = 0; k < 300; k++) {
        const a = k < 64 ? edges[k & 7] : rng.uint32();
        const b = k < 64 ? edges[k >>> 3] : rng.uint32();
        m.cpu.r[1] = a;
        m.cpu.r[2] = b;
        m.cpu.q = 0;
        execArm(m, encodeArm(op, { d: 0, m: 1, n: 2 }));
        const want = reference(op, a, b);
        expect([m.cpu.r[0], m.cpu.q], `${op} ${a.toString(16)} ${b.toString(16)}`).toEqual([want.value, want.q ? 1 : 0]);
      }
    }
  });

  it('leaves Q set once set (sticky) and reads it back through MRS', () => {
    const m = machine('v5TE');
    m.cpu.r[1] = 0x7fffffff;
    m.cpu.r[2] = 1;
    runArm(m, [encodeArm('QADD', { d: 0, m: 1, n: 2 }), encodeArm('QSUB', { d: 3, m: 2, n: 2 }), 0xe10f4000 /* mrs r4, cpsr */]);
    expect(m.cpu.r[0]).toBe(0x7fffffff);
    expect(m.cpu.r[3]).toBe(0);
    expect(m.cpu.r[4] & PSR.Q).toBe(PSR.Q);
  });
});

describe('SMULxy, SMLAxy, SMULWy, SMLAWy, SMLALxy', () => {
  it('match a BigInt reference on random operands (all x/y), with Q on accumulate overflow only', () => {
    const rng = new Prng(11);
    const m = machine('v5TE');
    for (let k = 0; k < 400; k++) {
      const a = rng.uint32(), b = rng.uint32(), acc = k % 7 === 0 ? 0x7fffffff : rng.uint32(), hi = rng.uint32();
      const x = rng.bits(1), y = rng.bits(1);
      m.cpu.r[1] = a;
      m.cpu.r[2] = b;
      m.cpu.r[3] = acc;
      const p16 = half(a, x === 1) * half(b, y === 1);
      const pw = (s32(a) * half(b, y === 1)) >> 16n;

      m.cpu.q = 0;
      execArm(m, encodeArm('SMULxy', { d: 0, m: 1, s: 2, x, y }));
      expect(m.cpu.r[0]).toBe(u32(p16));
      expect(m.cpu.q).toBe(0);

      execArm(m, encodeArm('SMLAxy', { d: 0, m: 1, s: 2, n: 3, x, y }));
      const sum = p16 + s32(acc);
      expect(m.cpu.r[0]).toBe(u32(sum));
      expect(m.cpu.q).toBe(sum !== BigInt.asIntN(32, sum) ? 1 : 0);

      m.cpu.q = 0;
      execArm(m, encodeArm('SMULWy', { d: 0, m: 1, s: 2, y }));
      expect(m.cpu.r[0]).toBe(u32(pw));
      execArm(m, encodeArm('SMLAWy', { d: 0, m: 1, s: 2, n: 3, y }));
      const wsum = pw + s32(acc);
      expect(m.cpu.r[0]).toBe(u32(wsum));
      expect(m.cpu.q).toBe(wsum !== BigInt.asIntN(32, wsum) ? 1 : 0);

      m.cpu.r[4] = acc;
      m.cpu.r[5] = hi;
      execArm(m, encodeArm('SMLALxy', { l: 4, h: 5, m: 1, s: 2, x, y }));
      const wide = BigInt.asUintN(64, (BigInt(hi) << 32n) + BigInt(acc) + p16);
      expect([m.cpu.r[4], m.cpu.r[5]]).toEqual([u32(wide), Number(wide >> 32n)]);
    }
  });

  it('SMULxy cannot overflow: 0x8000 × 0x8000 = 0x40000000', () => {
    const m = machine('v5TE');
    m.cpu.r[1] = 0x8000;
    m.cpu.r[2] = 0x80000000;
    execArm(m, encodeArm('SMULxy', { d: 0, m: 1, s: 2, x: 0, y: 1 }));
    expect(m.cpu.r[0]).toBe(0x40000000);
  });
});

describe('LDRD, STRD', () => {
  it('load and store a register pair with the addressing-mode-3 forms', () => {
    const m = machine('v5TE');
    m.memory.poke32(0x800, 0x11111111);
    m.memory.poke32(0x804, 0x22222222);
    m.cpu.r[1] = 0x808;
    execArm(m, 0xe16100d8); // ldrd r0, [r1, #-8]!
    expect([m.cpu.r[0], m.cpu.r[1]]).toEqual([0x11111111, 0x22222222]);
    m.cpu.r[5] = 0x900;
    m.cpu.r[6] = 8;
    m.cpu.r[4] = 0xaaaa5555;
    m.cpu.r[5] = 0x900;
    m.cpu.r[8] = 0x900;
    m.cpu.r[2] = 0x12345678;
    m.cpu.r[3] = 0x9abcdef0;
    execArm(m, encodeArm('STRD_reg', { P: 0, U: 1, W: 0, n: 8, d: 2, m: 6 })); // strd r2, [r8], r6
    expect([m.memory.peek32(0x900), m.memory.peek32(0x904), m.cpu.r[8]]).toEqual([0x12345678, 0x9abcdef0, 0x908]);
  });

  it('makes an odd first register UNDEFINED', () => {
    const m = machine('v5TE');
    execArm(m, encodeArm('LDRD_imm', { P: 1, U: 1, W: 0, n: 1, d: 3, i: 0 }));
    expect(m.cpu.mode).toBe(Mode.UND);
  });

  it('reads both words before writing anything (an abort on the second leaves every register)', () => {
    const m = machine('v5TE');
    m.memory.faultAddresses.add(0x804);
    m.cpu.r[1] = 0x800;
    m.cpu.r[2] = 7;
    execArm(m, encodeArm('LDRD_imm', { P: 1, U: 1, W: 1, n: 1, d: 2, i: 0 }));
    expect(m.cpu.mode).toBe(Mode.ABT);
    expect([m.cpu.readBanked(1, Mode.SVC), m.cpu.readBanked(2, Mode.SVC)]).toEqual([0x800, 7]);
  });
});

describe('MCRR/MRRC and the cond = 1111 coprocessor forms', () => {
  function recorder(): Coprocessor & { log: string[] } {
    const log: string[] = [];
    return {
      log,
      mrc: () => 0x55,
      mcr: (op, value) => (log.push(`mcr ${op.opc1} ${op.crn} ${op.crm} ${op.opc2} ${value.toString(16)}`), true),
      cdp: (op) => (log.push(`cdp ${op.opc1} ${op.crd} ${op.crn} ${op.crm} ${op.opc2}`), true),
      mcrr: (opc1, crm, low, high) => (log.push(`mcrr ${opc1} ${crm} ${low.toString(16)} ${high.toString(16)}`), true),
      mrrc: () => [0x1234, 0x5678],
    };
  }

  it('MCRR sends Rd (low) and Rn (high); MRRC writes them back', () => {
    const m = machine('v5TE');
    const cp = recorder();
    m.cpu.coprocessors[7] = cp;
    m.cpu.r[0] = 0xaa;
    m.cpu.r[1] = 0xbb;
    execArm(m, 0xec410732); // mcrr p7, 3, r0, r1, c2
    execArm(m, 0xec532744); // mrrc p7, 4, r2, r3, c4
    expect(cp.log).toEqual(['mcrr 3 2 aa bb']);
    expect([m.cpu.r[2], m.cpu.r[3]]).toEqual([0x1234, 0x5678]);
  });

  it('routes CDP2/MCR2/MRC2/MCRR2 to the coprocessor; UNDEFINED when absent or CP15', () => {
    const m = machine();
    const cp = recorder();
    m.cpu.coprocessors[7] = cp;
    m.cpu.coprocessors[15] = recorder();
    m.cpu.r[0] = 0x99;
    execArm(m, 0xfe121783); // cdp2 p7, 1, c1, c2, c3, 4
    execArm(m, 0xfe210772); // mcr2 p7, 1, r0, c1, c2, 3
    execArm(m, 0xfe314772); // mrc2 p7, 1, r4, c1, c2, 3
    execArm(m, 0xfc410732); // mcrr2 p7, 3, r0, r1, c2
    expect(cp.log).toEqual(['cdp 1 1 2 3 4', 'mcr 1 1 2 3 99', `mcrr 3 2 99 ${m.cpu.r[1].toString(16)}`]);
    expect(m.cpu.r[4]).toBe(0x55);
    expect(m.cpu.mode).toBe(Mode.SVC);
    execArm(m, 0xfe210f72); // mcr2 p15 → UNDEFINED
    expect(m.cpu.mode).toBe(Mode.UND);
    const n = machine();
    execArm(n, 0xfe121383); // cdp2 p3 (absent)
    expect(n.cpu.mode).toBe(Mode.UND);
  });
});

describe('ARMv5 interworking loads to PC', () => {
  it('LDR pc and LDM {pc} switch to Thumb on bit 0 from ARMv5T, not on ARMv4T', () => {
    for (const arch of ['v4T', 'v5TE'] as const) {
      const m = createTestMachine({ arch });
      m.memory.poke32(0x800, 0x2001);
      m.cpu.r[1] = 0x800;
      execArm(m, 0xe591f000); // ldr pc, [r1]
      expect(m.cpu.thumb, arch).toBe(arch !== 'v4T');
      m.cpu.thumb = false;
      m.cpu.r[13] = 0x800;
      execArm(m, 0xe8bd8000); // pop {pc}
      expect(m.cpu.thumb, arch).toBe(arch !== 'v4T');
      expect(m.cpu.pc).toBe(0x2000);
    }
  });
});
