import { describe, expect, it } from 'vitest';
import { GuestErrorLog } from '../bus/device.js';
import { PhysicalBus } from '../bus/physical-bus.js';
import { Mode } from '../cpu/modes.js';
import { createMachine } from '../machine/create-machine.js';
import { Arm1176MemorySystem } from '../memory/arm1176-memory-system.js';
import { RAM_BASE, TTB, TTB_B, makeArm1176, op } from '../memory/arm1176-test-support.js';
import { Clock } from '../sched/scheduler.js';
import { ARM1176_CACHE_TYPE, ARM1176_CONTROL_RESET, ARM1176_ID, Arm1176Control, Scr } from './arm1176-registers.js';

function machine() {
  const m = createMachine({ cpu: 'arm1176jzf-s' });
  m.bus.mapRam(RAM_BASE, 16 << 20);
  return m;
}

describe('Arm1176Cp15 identification and control', () => {
  it('reads MIDR, cache type, TLB type and the feature registers; c0 writes are UNDEFINED', () => {
    const { mem } = makeArm1176();
    const c = mem.cp15;
    expect(c.mrc(op(0), true)).toBe(ARM1176_ID);
    expect(c.mrc(op(0), true)).toBe(0x410fb766);
    expect(c.mrc(op(0, 0, 1), true)).toBe(ARM1176_CACHE_TYPE);
    expect(c.mrc(op(0, 0, 3), true)).toBe(0x800);
    expect(c.mrc(op(0, 1, 1), true)).toBe(0x11); // ID_PFR1: Security Extensions
    expect(c.mrc(op(0, 2, 0), true)).toBe(0x00140011);
    expect(c.mcr(op(0), 0, true)).toBe(false);
  });

  it('resets c1 to 0x00050078, keeps the read-as-one bits and takes Linux\'s value', () => {
    const { mem } = makeArm1176();
    const c = mem.cp15;
    expect(c.mrc(op(1), true)).toBe(ARM1176_CONTROL_RESET);
    c.mcr(op(1), 0x00c0387d, true); // Linux on the S3C6410
    expect(c.mrc(op(1), true)).toBe(0x00c5387d);
    expect(mem.mmuEnabled).toBe(true);
  });

  it('refuses BE-32 (B) as a guest error', () => {
    const log = new GuestErrorLog('silent');
    const mem = new Arm1176MemorySystem({ bus: new PhysicalBus(), clock: new Clock(1e8), timing: 'functional', guestErrors: log });
    mem.cp15.mcr(op(1), Arm1176Control.B, true);
    expect(mem.cp15.control & Arm1176Control.B).toBe(0);
    expect(log.messages[0]).toMatch(/BE-32/);
  });

  it('masks TTBR1/TTBCR/VBAR, keeps DACR, FSRs, FAR, WFAR, CPACR (VFP only) and the ID registers of c13', () => {
    const { mem } = makeArm1176();
    const c = mem.cp15;
    c.mcr(op(2, 0, 1), 0x50007fff, true);
    expect(c.mrc(op(2, 0, 1), true)).toBe(0x5000401f);
    c.mcr(op(2, 0, 2), 0xffffffff, true);
    expect(c.mrc(op(2, 0, 2), true)).toBe(0x37);
    c.mcr(op(3), 0x55555555, true);
    expect(c.mrc(op(3), true)).toBe(0x55555555);
    c.mcr(op(5, 0, 0), 0xffffffff, true);
    expect(c.mrc(op(5), true)).toBe(0x1eff);
    c.mcr(op(6, 0, 1), 0x1234, true);
    expect(c.mrc(op(6, 0, 1), true)).toBe(0x1234);
    c.mcr(op(1, 0, 2), 0xffffffff, true);
    expect(c.mrc(op(1, 0, 2), true)).toBe(0x00f00000);
    c.mcr(op(12), 0x50001234, true);
    expect(c.mrc(op(12), true)).toBe(0x50001220);
    c.mcr(op(13, 0, 1), 0x12345678, true);
    expect(c.asid).toBe(0x78);
    expect(c.contextId).toBe(0x12345678);
    expect(mem.asid).toBe(0x78);
  });
});

describe('Arm1176Cp15 user-mode access', () => {
  it('makes privileged registers UNDEFINED from User mode; thread ID registers and barriers are allowed', () => {
    const { mem } = makeArm1176();
    const c = mem.cp15;
    expect(c.mrc(op(1), false)).toBeUndefined();
    expect(c.mcr(op(2), TTB, false)).toBe(false);
    expect(c.mcr(op(13, 0, 1), 5, false)).toBe(false);
    expect(c.mcr(op(7, 0, 4), 0, false)).toBe(false); // WFI is privileged
    expect(c.mcr(op(13, 0, 2), 0xcafe, false)).toBe(true);
    expect(c.mrc(op(13, 0, 2), false)).toBe(0xcafe);
    c.mcr(op(13, 0, 3), 0xbeef, true);
    expect(c.mrc(op(13, 0, 3), false)).toBe(0xbeef);
    expect(c.mcr(op(13, 0, 3), 0, false)).toBe(false); // user read-only
    c.mcr(op(13, 0, 4), 7, true);
    expect(c.mrc(op(13, 0, 4), false)).toBeUndefined();
    expect(c.mcr(op(7, 10, 4), 0, false)).toBe(true); // DSB
    expect(c.mcr(op(7, 10, 5), 0, false)).toBe(true); // DMB
    expect(c.mcr(op(7, 5, 4), 0, false)).toBe(true); // prefetch flush
  });

  it('makes an MRC from User mode take the undefined-instruction exception on the core', () => {
    const m = machine();
    // mrc p15, 0, r0, c1, c0, 0 in User mode.
    m.bus.write(RAM_BASE, 0xee110f10, 4);
    m.cpu.cpsr = Mode.USR;
    m.cpu.pc = RAM_BASE;
    m.cpu.step();
    expect(m.cpu.mode).toBe(Mode.UND);
    expect(m.cpu.pc).toBe(4);
  });
});

describe('TrustZone banking', () => {
  it('writes SCTLR/TTBR0 in the Secure world, switches NS and sees the Non-secure copies', () => {
    const { mem } = makeArm1176();
    const c = mem.cp15;
    expect(c.secure).toBe(true);
    expect(c.describeSecurityState()).toBe('secure world');
    c.mcr(op(1), Arm1176Control.M | Arm1176Control.XP, true);
    c.mcr(op(2), TTB_B, true);
    c.mcr(op(3), 0x5, true);
    c.mcr(op(13, 0, 1), 0x42, true);
    c.mcr(op(12), 0x50000100, true);
    c.mcr(op(1, 1, 0), Scr.NS, true);
    expect(c.secure).toBe(false);
    expect(c.describeSecurityState()).toBe('non-secure world');
    // Non-secure copies are at their reset values.
    expect(c.mrc(op(1), true)).toBe(ARM1176_CONTROL_RESET);
    expect(c.mrc(op(2), true)).toBe(0);
    expect(c.mrc(op(3), true)).toBe(0);
    expect(c.mrc(op(13, 0, 1), true)).toBe(0);
    expect(c.mrc(op(12), true)).toBe(0);
    expect(mem.mmuEnabled).toBe(false); // the regime follows the world
    c.mcr(op(2), TTB, true);
    expect(c.bank(false).ttbr0).toBe(TTB);
    expect(c.bank(true).ttbr0).toBe(TTB_B);
    expect(c.bank(true).sctlr & Arm1176Control.M).toBe(Arm1176Control.M);
  });

  it('makes SCR, SDER and MVBAR Secure-only; NSACR read-only and lockdown gated in the Non-secure world', () => {
    const { mem } = makeArm1176();
    const c = mem.cp15;
    c.mcr(op(1, 1, 2), 0, true); // NSACR: no CL/TL for the Non-secure world
    c.mcr(op(1, 1, 0), Scr.NS, true);
    expect(c.mrc(op(1, 1, 0), true)).toBeUndefined();
    expect(c.mcr(op(1, 1, 0), 0, true)).toBe(false);
    expect(c.mrc(op(1, 1, 1), true)).toBeUndefined();
    expect(c.mrc(op(12, 0, 1), true)).toBeUndefined();
    expect(c.mcr(op(12, 0, 1), 0, true)).toBe(false);
    expect(c.mrc(op(1, 1, 2), true)).toBe(0);
    expect(c.mcr(op(1, 1, 2), 0xffff, true)).toBe(false);
    expect(c.mcr(op(1, 0, 1), 0, true)).toBe(false); // ACTLR: read-only here
    expect(c.mrc(op(9), true)).toBeUndefined();
    expect(c.mcr(op(10), 0, true)).toBe(false);
  });

  it('Monitor mode translates as Secure while MRC/MCR still follow NS', () => {
    const m = machine();
    const c = m.memory.cp15;
    c.mcr(op(12, 0, 1), 0x50002000, true); // MVBAR
    c.mcr(op(1, 1, 0), Scr.NS, true);
    m.cpu.cpsr = Mode.SVC;
    expect(c.secure).toBe(false);
    m.cpu.cpsr = Mode.MON;
    expect(c.secure).toBe(true);
    expect(c.monitorMode).toBe(true);
    // In Monitor mode the Secure-only registers are reachable; with NS = 1 MCR reaches the Non-secure copy.
    expect(c.mrc(op(1, 1, 0), true)).toBe(Scr.NS);
    c.mcr(op(2), 0x50008000, true);
    expect(c.bank(false).ttbr0).toBe(0x50008000);
    expect(c.bank(true).ttbr0).toBe(0);
    m.cpu.cpsr = Mode.SVC;
    expect(c.secure).toBe(false);
  });
});

describe('Vectors: VBAR per world, MVBAR for SMC, high vectors', () => {
  it('sends exceptions to the current world\'s VBAR, SMC to MVBAR, and V = 1 to 0xFFFF0000', () => {
    const m = machine();
    const c = m.memory.cp15;
    c.mcr(op(12), 0x50001000, true); // Secure VBAR
    c.mcr(op(12, 0, 1), 0x50003000, true); // MVBAR
    expect(m.cpu.vectorBase).toBe(0x50001000);
    expect(m.cpu.monitorVectorBase).toBe(0x50003000);
    m.cpu.takeException('swi', RAM_BASE);
    expect(m.cpu.pc).toBe(0x50001008);
    m.cpu.takeException('smc', RAM_BASE);
    expect(m.cpu.mode).toBe(Mode.MON);
    expect(m.cpu.pc).toBe(0x50003008);
    // Monitor sets NS and a Non-secure VBAR, returns to Non-secure SVC.
    c.mcr(op(1, 1, 0), Scr.NS, true);
    c.mcr(op(12), 0x50002000, true);
    expect(m.cpu.vectorBase).toBe(0x50001000); // still Secure: Monitor mode
    m.cpu.cpsr = Mode.SVC;
    expect(m.cpu.vectorBase).toBe(0x50002000);
    m.cpu.takeException('undefined', RAM_BASE);
    expect(m.cpu.pc).toBe(0x50002004);
    // High vectors in the Non-secure world's SCTLR.
    m.cpu.cpsr = Mode.SVC;
    c.mcr(op(1), ARM1176_CONTROL_RESET | Arm1176Control.V, true);
    expect(m.cpu.vectorBase).toBe(0xffff0000);
    m.cpu.takeException('irq', RAM_BASE);
    expect(m.cpu.pc).toBe(0xffff0018);
  });

  it('reset enters Secure SVC with low vectors; c1.U and c1.EE reach the core', () => {
    const m = machine();
    const c = m.memory.cp15;
    c.mcr(op(1, 1, 0), Scr.NS, true);
    c.mcr(op(1), ARM1176_CONTROL_RESET | Arm1176Control.U | Arm1176Control.EE, true);
    expect(m.cpu.unalignedAccess).toBe(true);
    expect(m.cpu.exceptionBigEndian).toBe(true);
    m.reset();
    expect(c.secure).toBe(true);
    expect(c.scr).toBe(0);
    expect(m.cpu.mode).toBe(Mode.SVC);
    expect(m.cpu.pc).toBe(0);
    expect(m.cpu.unalignedAccess).toBe(false);
    expect(m.cpu.exceptionBigEndian).toBe(false);
  });
});

describe('Arm1176Cp15 maintenance and other registers', () => {
  it('wait for interrupt (c7,c0,4) stops the core; BTAC flushes reach the branch predictor', () => {
    const m = machine();
    const bp = m.branchPredictor!;
    m.memory.cp15.mcr(op(1), ARM1176_CONTROL_RESET | Arm1176Control.Z, true);
    expect(bp.dynamicEnabled).toBe(true);
    bp.predict(0x100, 'direct', 0x80);
    bp.update(0x100, true, 0x80);
    expect(bp.predict(0x100, 'direct').source).toBe('btac');
    m.memory.cp15.mcr(op(7, 5, 6), 0, true);
    expect(bp.predict(0x100, 'direct').source).toBe('none');
    m.memory.cp15.mcr(op(7, 0, 4), 0, true);
    expect(m.cpu.waitingForInterrupt).toBe(true);
  });

  it('ACTLR disables parts of the predictor', () => {
    const m = machine();
    m.memory.cp15.mcr(op(1), ARM1176_CONTROL_RESET | Arm1176Control.Z, true);
    m.memory.cp15.mcr(op(1, 0, 1), 0b101, true); // RS, SB; no DB
    expect(m.branchPredictor!.dynamicEnabled).toBe(false);
    expect(m.branchPredictor!.staticEnabled).toBe(true);
    expect(m.branchPredictor!.returnStackEnabled).toBe(true);
  });

  it('translates VA to PA into PAR (c7,c8,x / c7,c4,0)', () => {
    const { mem, tables } = makeArm1176();
    tables.section(0, RAM_BASE + 0x300000, { ap: 1 });
    mem.cp15.dacr = 1;
    mem.cp15.control = Arm1176Control.M | Arm1176Control.XP;
    mem.cp15.mcr(op(7, 8, 0), 0x1234, true);
    expect(mem.cp15.mrc(op(7, 4), true)).toBe(RAM_BASE + 0x301000);
    mem.cp15.mcr(op(7, 8, 2), 0x1234, true); // user read: permission fault
    expect(mem.cp15.mrc(op(7, 4), true)).toBe((0b01101 << 1) | 1);
  });

  it('cache lockdown (format C) locks the lowest ways', () => {
    const { mem } = makeArm1176();
    mem.cp15.mcr(op(9), 0b0011, true);
    expect(mem.dcache.lockdownBase).toBe(2);
    expect(mem.cp15.mrc(op(9), true)).toBe(0b0011);
  });
});
