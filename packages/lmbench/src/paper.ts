/**
 * The results the study published (Kang & Cho, "L4 Microkernel Platform for Virtualization Applications";
 * reference/lmbench.md). Used only to print side by side with simulated results — never to tune anything.
 */
export const PAPER_CONTEXT_SWITCH_US = {
  linux: { 2: 2848.4, 8: 8932.9, 16: 16929.8 },
  oklinux: { 2: 539.6, 8: 622.2, 16: 730.3 },
} as const;

export const PAPER_COMMUNICATION = {
  linux: { bw_pipe: 12.69, bw_unix: 11.61, lat_fifo: 582.1, lat_unix: 1173.7 },
  oklinux: { bw_pipe: 13.48, bw_unix: 14.56, lat_fifo: 596.3, lat_unix: 530.6 },
} as const;

export const PAPER_MEMORY_IN_USE_MB = { linux: 61.52, oklinux: 40.48 } as const;

export const COMMUNICATION_UNITS = { bw_pipe: 'MB/s', bw_unix: 'MB/s', lat_fifo: 'µs', lat_unix: 'µs' } as const;
