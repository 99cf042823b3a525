import { describe, expect, it } from 'vitest';
import { formatMHz, hex32, waitUntil } from './bsp.js';

describe('BSP helpers', () => {
  it('waitUntil relaxes until ready and fails clearly when never ready', () => {
    let polls = 0;
    const access = { read32: () => 0, write32: () => {}, relax: () => void polls++ };
    waitUntil(access, () => polls >= 3, 'x');
    expect(polls).toBe(3);
    expect(() => waitUntil({ read32: () => 0, write32: () => {} }, () => false, 'UART0 transmit', 10)).toThrow(
      'UART0 transmit: still not ready after 10 polls',
    );
  });
  it('formats like boot logs', () => {
    expect(formatMHz(400e6)).toBe('400.000 MHz');
    expect(formatMHz(66.5e6)).toBe('66.500 MHz');
    expect(hex32(0x5c011)).toBe('0x0005c011');
  });
});
