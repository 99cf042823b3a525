import { Clock, GuestErrorLog } from '@l4lab/arm-core';
import { describe, expect, it } from 'vitest';
import { S3C6410Syscon, s3c6410Epll, s3c6410Pll, type S3C6410ClockRates } from './syscon.js';

describe('S3C6410 SYSCON', () => {
  it('PLL formula: Fout = MDIV·Fin / (PDIV·2^SDIV)', () => {
    expect(s3c6410Pll(0x810a0301, 12e6)).toBe(532e6);
    expect(s3c6410Pll(0x810a0302, 12e6)).toBe(266e6);
    expect(s3c6410Pll(0x010a0301, 12e6)).toBe(12e6); // disabled
    expect(s3c6410Epll(0x80200203, 0, 12e6)).toBe(24e6);
    expect(s3c6410Epll(0x80200203, 0x8000, 12e6)).toBe(24.375e6);
  });

  it('starts from the crystal and follows CLK_SRC, CLK_DIV0 and OTHERS', () => {
    const clock = new Clock(100e6);
    const syscon = new S3C6410Syscon({ clock, errors: new GuestErrorLog('fatal') });
    const seen: S3C6410ClockRates[] = [];
    syscon.onChange((r) => seen.push(r));
    expect(clock.coreHz).toBe(12e6);
    const wr = (o: number, v: number) => syscon.write(o, v, 4);
    wr(0x0c, 0x810a0301);
    wr(0x10, 0x810a0302); // MPLL 266
    expect(clock.coreHz).toBe(12e6); // the PLLs are not selected yet
    expect(seen.at(-1)?.apll).toBe(532e6);
    wr(0x20, 0x3310);
    wr(0x1c, 0x3);
    expect(clock.coreHz).toBe(532e6);
    // Asynchronous mode: HCLKX2 from the MPLL.
    expect(syscon.rates).toMatchObject({ armclk: 532e6, hclkx2: 133e6, hclk: 66.5e6, pclk: 33.25e6 });
    wr(0x900, 0xc0);
    expect(syscon.rates).toMatchObject({ hclkx2: 266e6, hclk: 133e6, pclk: 66.5e6 });
    expect(syscon.read(0x900, 4) & 0xfc0).toBe(0xfc0);
    expect(seen.at(-1)?.pclk).toBe(66.5e6);
    wr(0x20, 0x3311); // ARM_RATIO 1
    expect(clock.coreHz).toBe(266e6);
    expect(syscon.rates.pclk).toBe(66.5e6);
  });

  it('SYS_ID is read-only', () => {
    const syscon = new S3C6410Syscon({ clock: new Clock(1e6), errors: new GuestErrorLog('fatal') });
    expect(syscon.read(0x118, 4)).toBe(0x36410101);
    expect(() => syscon.write(0x118, 0, 4)).toThrow(/read-only register SYS_ID/);
  });
});
