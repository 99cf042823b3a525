import { describe, expect, it } from 'vitest';
import { WriteBuffer } from './write-buffer.js';

describe('WriteBuffer', () => {
  it('accepts four separate writes without stalling, stalls on the fifth', () => {
    const wb = new WriteBuffer(16, 4);
    // Each entry drains in 16 cycles, one after another: done at 16, 32, 48, 64.
    for (let i = 0; i < 4; i++) expect(wb.write(0, 0x1000 + 64 * i, 4, 16, 4)).toBe(0);
    expect(wb.occupancy(0)).toBe(4);
    expect(wb.write(0, 0x2000, 4, 16, 4)).toBe(16);
    expect(wb.stats.fullStalls).toBe(1);
  });

  it('frees entries as time passes', () => {
    const wb = new WriteBuffer(16, 4);
    for (let i = 0; i < 4; i++) wb.write(0, 0x1000 + 64 * i, 4, 16, 4);
    expect(wb.occupancy(33)).toBe(2);
    expect(wb.occupancy(49)).toBe(1);
    expect(wb.write(49, 0x3000, 4, 16, 4)).toBe(0);
  });

  it('merges sequential words of one burst into one address entry', () => {
    const wb = new WriteBuffer(16, 4);
    for (let i = 0; i < 8; i++) expect(wb.write(0, 0x1000 + 4 * i, 4, 16, 4)).toBe(0);
    expect(wb.occupancy(0)).toBe(1);
    expect(wb.wordsPending(0)).toBe(8);
    // 16 + 7 × 4 cycles to drain.
    expect(wb.drain(0)).toBe(44);
    expect(wb.isEmpty(0)).toBe(true);
  });

  it('stalls when the 16 data words are used up', () => {
    const wb = new WriteBuffer(16, 4);
    for (let i = 0; i < 16; i++) wb.write(0, 0x1000 + 4 * i, 4, 16, 4);
    expect(wb.wordsPending(0)).toBe(16);
    // The single entry must drain entirely (16 + 15 × 4) before the next word fits.
    expect(wb.write(0, 0x2000, 4, 16, 4)).toBe(76);
  });

  it('drains what is left', () => {
    const wb = new WriteBuffer();
    wb.write(10, 0x1000, 4, 16, 4);
    wb.write(10, 0x2000, 2, 16, 4);
    expect(wb.drain(20)).toBe(22);
    expect(wb.drain(20)).toBe(0);
    expect(wb.stats.drains).toBe(1);
  });
});
