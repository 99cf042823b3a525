import { RegisterBlock, registerArray, type GuestErrorSink } from '@l4lab/arm-core';

/**
 * S3C2440A memory controller (0x48000000): bus widths, bank timings, SDRAM refresh and mode registers.
 * Storage only, so boot code can program it; SDRAM timing comes from the memory-system model instead.
 * Reset values as recalled from the manual [est].
 */
export function s3c2440MemoryController(errors: GuestErrorSink): RegisterBlock {
  return new RegisterBlock(
    'S3C2440 MEMCTL',
    [
      { name: 'BWSCON', offset: 0x00 },
      ...registerArray('BANKCON', 0x04, 8, 4, (i) => ({ reset: i < 6 ? 0x0700 : 0x18008 })),
      { name: 'REFRESH', offset: 0x24, reset: 0xac0000 },
      { name: 'BANKSIZE', offset: 0x28, reset: 0x2 },
      { name: 'MRSRB6', offset: 0x2c },
      { name: 'MRSRB7', offset: 0x30 },
    ],
    { errors },
  );
}
