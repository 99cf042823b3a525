/** The SMDK6410 board: Samsung S3C6410 with an ARM1176JZF-S, 128 MB SDRAM (reference/hardware.md §2). */
export const SMDK6410 = {
  name: 'SMDK6410',
  soc: 'S3C6410',
  cpu: 'arm1176jzf-s',
  clocks: { coreHz: 532_000_000, busHz: 133_000_000, peripheralHz: 66_500_000 },
  ram: { base: 0x50000000, size: 128 * 1024 * 1024 },
} as const;
