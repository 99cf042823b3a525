/**
 * LMBench3's benchmark-sizing method (reference/lmbench.md): grow the iteration count until one run lasts
 * 0.95–1.2 × `enough`, growing 8× while runs are under 150 µs, then repeat and keep the median.
 * The clock is injected (simulated time in a guest, never the host clock here).
 */
export interface SizingOptions {
  /** Target run length in µs. */
  readonly enough: number;
  /** Repetitions whose median is reported (LMBench: 11; once when enough ≥ 1 s). */
  readonly repetitions?: number;
  /** Safety bound on the iteration count. */
  readonly maxIterations?: number;
}

/** Runs `iterations` of the body and returns the elapsed µs. */
export type TimedBody = (iterations: number) => number;

export interface SizedResult {
  readonly iterations: number;
  /** Median µs per iteration. */
  readonly microsecondsPerIteration: number;
  readonly samples: readonly number[];
}

export function sizeAndMeasure(body: TimedBody, options: SizingOptions): SizedResult {
  const { enough } = options;
  if (!(enough > 0)) throw new RangeError(`enough must be positive, got ${enough}`);
  const maxIterations = options.maxIterations ?? 1 << 30;
  const repetitions = options.repetitions ?? (enough >= 1_000_000 ? 1 : 11);
  let n = 1;
  let elapsed = body(n);
  for (let guard = 0; guard < 64; guard++) {
    if (elapsed >= 0.95 * enough && elapsed <= 1.2 * enough) break;
    if (n >= maxIterations) break;
    if (elapsed < 150) n = Math.min(maxIterations, n * 8);
    else n = Math.min(maxIterations, Math.max(1, Math.round((n * enough) / elapsed)));
    elapsed = body(n);
  }
  const samples = [elapsed / n];
  for (let i = 1; i < repetitions; i++) samples.push(body(n) / n);
  const sorted = [...samples].sort((a, b) => a - b);
  return { iterations: n, microsecondsPerIteration: sorted[Math.floor(sorted.length / 2)], samples };
}

/** LMBench's output lines. MB = 10^6 bytes. */
export function formatLatency(name: string, microseconds: number): string {
  return `${name}: ${microseconds.toFixed(4)} microseconds`;
}
export function formatBandwidth(bytes: number, microseconds: number): string {
  return `${(bytes / microseconds).toFixed(2)} MB/sec`;
}
