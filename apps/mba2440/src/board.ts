/** The MBA2440 board: Samsung S3C2440A with an ARM920T, 64 MB SDRAM (reference/hardware.md §1). */
export const MBA2440 = {
  name: 'MBA2440',
  soc: 'S3C2440A',
  cpu: 'arm920t',
  clocks: { coreHz: 400_000_000, busHz: 100_000_000, peripheralHz: 50_000_000 },
  ram: { base: 0x30000000, size: 64 * 1024 * 1024 },
} as const;
