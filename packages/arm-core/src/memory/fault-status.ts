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
