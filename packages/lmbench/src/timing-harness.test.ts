import { describe, expect, it } from 'vitest';
import { formatBandwidth, formatLatency, sizeAndMeasure } from './timing-harness.js';

describe('LMBench sizing', () => {
  it('grows the count until a run lasts about `enough`, then takes the median', () => {
    const calls: number[] = [];
    // A body costing 3 µs per iteration plus a 2 µs fixed overhead.
    const result = sizeAndMeasure((n) => {
      calls.push(n);
      return 3 * n + 2;
    }, { enough: 10_000 });
    expect(calls[0]).toBe(1);
    expect(calls[1]).toBe(8);
    const elapsed = 3 * result.iterations + 2;
    expect(elapsed).toBeGreaterThanOrEqual(9_500);
    expect(elapsed).toBeLessThanOrEqual(12_000);
    expect(result.samples).toHaveLength(11);
    expect(result.microsecondsPerIteration).toBeCloseTo(3, 2);
  });
  it('keeps the median of noisy repetitions', () => {
    let k = 0;
    const noise = [0, 50, -50, 500, 0, 0, 0, -10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const r = sizeAndMeasure((n) => 10 * n + (n > 500 ? noise[k++ % noise.length] : 0), { enough: 10_000 });
    expect(r.microsecondsPerIteration).toBeCloseTo(10, 1);
  });
  it('formats like LMBench', () => {
    expect(formatLatency('Fifo latency', 582.1)).toBe('Fifo latency: 582.1000 microseconds');
    expect(formatBandwidth(10_000_000, 787_401.6)).toBe('12.70 MB/sec');
  });
  it('rejects a non-positive target', () => {
    expect(() => sizeAndMeasure(() => 1, { enough: 0 })).toThrow(/enough/);
  });
});
