/**
 * ARMv4/v5 fault status codes (FSR[3:0]) as the ARM920T reports them, listed in priority order
 * (ARM920T TRM DDI0184, "MMU faults and CPU aborts"). FSR[7:4] holds the domain where it is valid.
 */
export const FaultStatus = {
  /** 0b00x1; the ARM920T reports 0b0001. Domain invalid. */
  ALIGNMENT: 0b0001,
  /** External abort on a first-level descriptor fetch. Domain invalid. */
  EXTERNAL_TRANSLATION_L1: 0b1100,
  /** External abort on a second-level descriptor fetch. Domain valid. */
  EXTERNAL_TRANSLATION_L2: 0b1110,
  /** Fault (0b00) first-level descriptor. Domain invalid. */
  TRANSLATION_SECTION: 0b0101,
  /** Fault (0b00) second-level descriptor. Domain valid. */
  TRANSLATION_PAGE: 0b0111,
  DOMAIN_SECTION: 0b1001,
  DOMAIN_PAGE: 0b1011,
  PERMISSION_SECTION: 0b1101,
  PERMISSION_PAGE: 0b1111,
  /** External abort during a cache line fill. */
  EXTERNAL_LINEFETCH_SECTION: 0b0100,
  EXTERNAL_LINEFETCH_PAGE: 0b0110,
  /** External abort on any other (uncached, buffered or write) access. */
  EXTERNAL_NON_LINEFETCH_SECTION: 0b1000,
  EXTERNAL_NON_LINEFETCH_PAGE: 0b1010,
} as const;

const NAMES: Record<number, string> = {
  0b0001: 'alignment fault',
  0b0011: 'alignment fault',
  0b1100: 'external abort on first-level translation',
  0b1110: 'external abort on second-level translation',
  0b0101: 'translation fault (section)',
  0b0111: 'translation fault (page)',
  0b1001: 'domain fault (section)',
  0b1011: 'domain fault (page)',
  0b1101: 'permission fault (section)',
  0b1111: 'permission fault (page)',
  0b0100: 'external abort on linefetch (section)',
  0b0110: 'external abort on linefetch (page)',
  0b1000: 'external abort on non-linefetch (section)',
  0b1010: 'external abort on non-linefetch (page)',
};

/** Human-readable name of a fault status code. */
export function faultStatusName(status: number): string {
  return NAMES[status & 0xf] ?? `fault status 0x${status.toString(16)}`;
}

/** True when FSR[7:4] carries a meaningful domain for this status (ARM920T TRM table 3-9). */
export function faultDomainValid(status: number): boolean {
  return status !== FaultStatus.ALIGNMENT && status !== 0b0011 && status !== FaultStatus.EXTERNAL_TRANSLATION_L1 &&
    status !== FaultStatus.TRANSLATION_SECTION;
}

/**
 * ARMv6 (VMSAv6) fault status codes, FS[4:0] with FS[4] reported in FSR bit 10 (ARM1176JZF-S TRM DDI0301
 * §6.9, ARM ARM v6 B4.6). The low four bits of the translation, domain, permission, alignment and
 * translation-external-abort codes are the ARMv5 ones.
 */
export const FaultStatusV6 = {
  ALIGNMENT: 0b00001,
  /** Debug event: BKPT (prefetch abort) or a watchpoint (data abort, WFAR set). */
  DEBUG: 0b00010,
  /** Access flag (c1.FA = 1 and AP[0] = 0) [est: ARM1176 "access bit" faults]. */
  ACCESS_FLAG_SECTION: 0b00011,
  ACCESS_FLAG_PAGE: 0b00110,
  /** Instruction-cache maintenance operation fault. */
  ICACHE_MAINTENANCE: 0b00100,
  TRANSLATION_SECTION: 0b00101,
  TRANSLATION_PAGE: 0b00111,
  /** Precise external abort on the access (ARMv6 has no linefetch/page distinction). */
  PRECISE_EXTERNAL: 0b01000,
  DOMAIN_SECTION: 0b01001,
  DOMAIN_PAGE: 0b01011,
  EXTERNAL_TRANSLATION_L1: 0b01100,
  EXTERNAL_TRANSLATION_L2: 0b01110,
  PERMISSION_SECTION: 0b01101,
  PERMISSION_PAGE: 0b01111,
  /** Imprecise external abort (buffered writes); this model reports bus errors precisely. */
  IMPRECISE_EXTERNAL: 0b10110,
} as const;

const NAMES_V6: Record<number, string> = {
  0b00001: 'alignment fault',
  0b00010: 'debug event',
  0b00011: 'access flag fault (section)',
  0b00110: 'access flag fault (page)',
  0b00100: 'instruction cache maintenance fault',
  0b00101: 'translation fault (section)',
  0b00111: 'translation fault (page)',
  0b01000: 'precise external abort',
  0b01001: 'domain fault (section)',
  0b01011: 'domain fault (page)',
  0b01100: 'external abort on first-level translation',
  0b01110: 'external abort on second-level translation',
  0b01101: 'permission fault (section)',
  0b01111: 'permission fault (page)',
  0b10110: 'imprecise external abort',
};

/** Human-readable name of an ARMv6 fault status FS[4:0]. */
export function faultStatusNameV6(status: number): string {
  return NAMES_V6[status & 0x1f] ?? `fault status 0x${status.toString(16)}`;
}

/** FSR register value for an ARMv6 status: FS[3:0] in [3:0], FS[4] in bit 10, domain [7:4], WnR bit 11. */
export function fsrValueV6(status: number, domain: number, write: boolean): number {
  return ((status & 0xf) | ((status & 0x10) << 6) | ((domain & 15) << 4) | (write ? 1 << 11 : 0)) >>> 0;
}

/** The FS[4:0] status held in an ARMv6 FSR value. */
export function fsrStatusV6(fsr: number): number {
  return (fsr & 0xf) | ((fsr >>> 6) & 0x10);
}
