/**
 * Where the kernel lives (reference/okl4.md §5, ARMv5 layout): user 0–0xE0000000, UTCB area
 * 0xE0000000–0xF0000000 (one 1 MB section per space), kernel window from 0xF0000000, the user-readable
 * UTCB-pointer page at 0xFF000000. RAM is mapped at KERNEL_BASE by sections so every kernel structure
 * has a kernel virtual address the cost meter can charge.
 */
export const USER_TOP = 0xe0000000;
export const UTCB_AREA_BASE = 0xe0000000;
export const UTCB_AREA_SECTIONS = 256;
export const KERNEL_BASE = 0xf0000000;
/** Largest RAM the kernel window maps (128 MB, the SMDK6410's SDRAM). */
export const KERNEL_RAM_WINDOW = 0x08000000;
/** Device registers the BSP touches get sections here, allocated on first use. */
export const IO_WINDOW_BASE = 0xfa000000;
export const IO_WINDOW_SECTIONS = 80;
export const UTCB_POINTER_PAGE = 0xff000000;

/** FCSE: VAs below 32 MB are relocated by PID << 25. */
export const FCSE_WINDOW = 0x02000000;
/** PIDs whose relocated window stays below the UTCB area (112 × 32 MB = 0xE0000000). */
export const MAX_FCSE_PID = 111;

/** Offsets of the kernel's own regions from the RAM base (physical) = from KERNEL_BASE (virtual). */
export const KernelRegion = {
  /** Kernel text: each path's instruction budget is fetched from its own sub-range (costs.ts). */
  text: 0x00000,
  textSize: 0x40000,
  /** The shared caching page directory (16 KB aligned). */
  cpd: 0x40000,
  /** Coarse table for the 0xFF0 section (UTCB-pointer page). */
  highTable: 0x44000,
  /** The UTCB-pointer page itself. */
  utcbPointerPage: 0x45000,
  /** Kernel heap: TCBs, page tables, UTCB pages. */
  heap: 0x50000,
} as const;

export const SECTION = 1 << 20;
export const PAGE = 1 << 12;

export function hex(n: number): string {
  return `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
}
