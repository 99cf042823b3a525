import { describe, expect, it } from 'vitest';
import { Mode, PSR } from '../../cpu/modes.js';
import { CODE_BASE, DATA_BASE, encodeThumb, thumbHarness } from './test-harness.js';

describe('Thumb ARMv5T additions', () => {
  it('BL prefix + BLX suffix calls ARM code at a word-aligned target and links with bit 0 set', () => {
    const h = thumbHarness({ arch: 'v5T' });
    // At CODE_BASE: prefix (offset 0) + suffix imm11 = 0x102 → target CODE_BASE + 4 + 0x204.
    h.run([0xf000, 0xe902], { steps: 2 });
    expect(h.cpu.thumb).toBe(false);
    expect(h.cpu.pc).toBe((CODE_BASE + 4 + 0x204) & ~3);
    expect(h.cpu.r[14]).toBe((CODE_BASE + 4) | 1);
  });

  it('a BLX suffix from a halfword-aligned pair clears bit 1 of the target', () => {
    const h = thumbHarness({ arch: 'v5T' });
    h.run([0xf000, 0xe802], { address: CODE_BASE + 2, steps: 2 }); // LR = CODE_BASE + 6, + 4 → CODE_BASE + 10, aligned down
    expect(h.cpu.pc).toBe(CODE_BASE + 8);
  });

  it('a BLX suffix with an odd offset is UNDEFINED', () => {
    const h = thumbHarness({ arch: 'v5T' });
    h.run([0xf000, 0xe803], { steps: 2 });
    expect(h.cpu.mode).toBe(Mode.UND);
  });

  it('BLX Rm links to the next halfword | 1 and interworks', () => {
    const h = thumbHarness({ arch: 'v5T' });
    h.cpu.r[3] = 0x4000;
    h.exec(encodeThumb('thumb_BLX_reg', { m: 3 }));
    expect(h.cpu.thumb).toBe(false);
    expect(h.cpu.pc).toBe(0x4000);
    expect(h.cpu.r[14]).toBe((CODE_BASE + 2) | 1);
    h.cpu.thumb = true;
    h.cpu.r[14] = 0x5001;
    h.exec(encodeThumb('thumb_BLX_reg', { m: 14 }));
    expect(h.cpu.thumb).toBe(true);
    expect(h.cpu.pc).toBe(0x5000);
  });

  it('BKPT takes the prefetch abort in ARM state with LR = BKPT + 4', () => {
    const h = thumbHarness({ arch: 'v5T' });
    h.exec(0xbe05);
    expect(h.cpu.mode).toBe(Mode.ABT);
    expect(h.cpu.thumb).toBe(false);
    expect(h.cpu.r[14]).toBe(CODE_BASE + 4);
    expect(h.cpu.currentSpsr & PSR.T).toBe(PSR.T);
  });

  it('POP {pc} interworks from ARMv5T', () => {
    const h = thumbHarness({ arch: 'v5T' });
    h.ram.poke32(h.cpu.r[13], 0x3000);
    h.exec(0xbd00);
    expect(h.cpu.thumb).toBe(false);
    expect(h.cpu.pc).toBe(0x3000);
  });
});

describe('Thumb ARMv6 additions', () => {
  it('REV, REV16, REVSH, SXTH, SXTB, UXTH, UXTB', () => {
    const h = thumbHarness({ arch: 'v6' });
    const cases: [string, number, number][] = [
      ['thumb_REV', 0x11223344, 0x44332211],
      ['thumb_REV16', 0x11223344, 0x22114433],
      ['thumb_REVSH', 0x000080ff, 0xffffff80],
      ['thumb_SXTH', 0x12348000, 0xffff8000],
      ['thumb_SXTB', 0x1234567f, 0x7f],
      ['thumb_SXTB', 0x12345680, 0xffffff80],
      ['thumb_UXTH', 0x1234abcd, 0xabcd],
      ['thumb_UXTB', 0x1234abcd, 0xcd],
    ];
    for (const [name, input, output] of cases) {
      h.cpu.r[1] = input;
      h.exec(encodeThumb(name, { d: 0, m: 1 }));
      expect(h.cpu.r[0] >>> 0, name).toBe(output);
    }
  });

  it('CPSIE/CPSID change the flags when privileged and nothing in User mode', () => {
    const h = thumbHarness({ arch: 'v6' });
    h.exec(0xb667); // cpsie aif
    expect(h.cpu.cpsr & (PSR.A | PSR.I | PSR.F)).toBe(0);
    h.exec(0xb672); // cpsid i
    expect(h.cpu.cpsr & (PSR.A | PSR.I | PSR.F)).toBe(PSR.I);
    h.cpu.cpsr = Mode.USR | PSR.T;
    h.exec(0xb677);
    expect(h.cpu.cpsr & (PSR.A | PSR.I | PSR.F)).toBe(0);
  });

  it('SETEND BE makes Thumb loads and stores big-endian', () => {
    const h = thumbHarness({ arch: 'v6' });
    h.ram.poke32(DATA_BASE, 0x44332211);
    h.cpu.r[1] = DATA_BASE;
    h.cpu.r[3] = 0xa1b2c3d4;
    h.run([0xb658, 0x6808, 0x880a, 0x604b, 0xb650]); // setend be; ldr r0,[r1]; ldrh r2,[r1]; str r3,[r1,#4]; setend le
    expect(h.cpu.r[0]).toBe(0x11223344);
    expect(h.cpu.r[2]).toBe(0x1122);
    expect(h.ram.peek32(DATA_BASE + 4)).toBe(0xd4c3b2a1);
    expect(h.cpu.bigEndianData).toBe(false);
  });

  it('CPY (MOV with two low registers) copies without touching the flags', () => {
    const h = thumbHarness({ arch: 'v6' });
    h.cpu.r[1] = 0;
    h.cpu.n = 1;
    h.exec(0x4608); // mov r0, r1
    expect(h.cpu.r[0]).toBe(0);
    expect(h.cpu.n).toBe(1);
    expect(h.cpu.z).toBe(0);
  });
});
