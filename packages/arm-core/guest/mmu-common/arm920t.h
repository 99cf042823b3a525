/*
 * ARM920T facts the MMU/cache test programs rely on, each with where it comes from:
 *   [TRM] ARM920T Technical Reference Manual (ARM DDI 0184B), also reproduced as chapters 2-4 of the
 *         Samsung S3C2410A/S3C2440A user manuals;
 *   [ARM] ARM Architecture Reference Manual (ARM DDI 0100), the v4/v5 MMU chapter (B3/B4).
 * Nothing here was taken from the simulator: the expected values in the programs are built from these.
 */
#ifndef L4LAB_ARM920T_H
#define L4LAB_ARM920T_H

#include <stdint.h>

/* ---- CP15 register 0: ID code and cache type [TRM] ---------------------------------------------- */
#define ARM920T_MAIN_ID    0x41129200u /* implementor 'A', variant 1, arch 2 (v4T), part 0x920, rev 0 */
#define ARM920T_CACHE_TYPE 0x0d172172u /* ctype 6, S=1 (Harvard), D and I: 16 KB, 64-way, 8-word lines */

/* ---- CP15 register 1: control [TRM] --------------------------------------------------------------- */
#define CR_M  (1u << 0)  /* MMU enable */
#define CR_A  (1u << 1)  /* alignment fault checking */
#define CR_C  (1u << 2)  /* D-cache enable */
#define CR_SBO 0x78u     /* bits [6:3] "should be one": they read as 1 whatever is written */
#define CR_S  (1u << 8)  /* system protection (AP = 00) */
#define CR_R  (1u << 9)  /* ROM protection (AP = 00) */
#define CR_I  (1u << 12) /* I-cache enable */
#define CR_V  (1u << 13) /* high vectors at 0xffff0000 */
#define CR_RR (1u << 14) /* round-robin replacement (else random) */

/* ---- first-level descriptors [TRM, MMU chapter; ARM] ----------------------------------------------- */
/* Bit 4 "should be one" in every valid first-level descriptor on the ARM920T. */
#define CB_NCNB 0x0u /* uncached, unbuffered */
#define CB_NCB  0x4u /* uncached, buffered */
#define CB_WT   0x8u /* cached, write-through */
#define CB_WB   0xcu /* cached, write-back */

#define AP_NONE_PRIV_RW 1u /* AP = 01: privileged read/write, User none */
#define AP_USER_RO      2u /* AP = 10: privileged read/write, User read-only */
#define AP_ALL_RW       3u /* AP = 11: read/write for both */
#define AP_SR           0u /* AP = 00: decided by the S and R bits of c1 */

#define L1_SECTION(pa, ap, domain, cb) \
	((((uint32_t)(pa)) & 0xfff00000u) | ((uint32_t)(ap) << 10) | ((uint32_t)(domain) << 5) | 0x10u | (cb) | 2u)
#define L1_COARSE(table, domain) ((((uint32_t)(table)) & 0xfffffc00u) | ((uint32_t)(domain) << 5) | 0x10u | 1u)
#define L1_FINE(table, domain)   ((((uint32_t)(table)) & 0xfffff000u) | ((uint32_t)(domain) << 5) | 0x10u | 3u)

/* ---- second-level descriptors [TRM, MMU chapter; ARM] ---------------------------------------------- */
/* Four sub-page APs: AP0 for the lowest quarter of the page ... AP3 for the highest. */
#define APS(ap0, ap1, ap2, ap3) ((uint32_t)(ap0) | ((uint32_t)(ap1) << 2) | ((uint32_t)(ap2) << 4) | ((uint32_t)(ap3) << 6))
#define APS_ALL(ap) APS(ap, ap, ap, ap)
#define L2_LARGE(pa, aps, cb) ((((uint32_t)(pa)) & 0xffff0000u) | ((uint32_t)(aps) << 4) | (cb) | 1u)
#define L2_SMALL(pa, aps, cb) ((((uint32_t)(pa)) & 0xfffff000u) | ((uint32_t)(aps) << 4) | (cb) | 2u)
#define L2_TINY(pa, ap, cb)   ((((uint32_t)(pa)) & 0xfffffc00u) | ((uint32_t)(ap) << 4) | (cb) | 3u)

/* ---- domain access control, CP15 register 3 [TRM, "Domain access control"] ---------------------- */
#define DOMAIN_NONE     0u /* any access: domain fault */
#define DOMAIN_CLIENT   1u /* checked against AP */
#define DOMAIN_RESERVED 2u /* "reserved; currently behaves like the no access mode" */
#define DOMAIN_MANAGER  3u /* AP not checked: no permission faults */
#define DACR_FIELD(domain, access) ((uint32_t)(access) << (2 * (domain)))

/* ---- fault status codes, FSR[3:0] [TRM, "Priority encoding of fault status"], highest priority first */
#define FS_ALIGNMENT         0x1u /* b00x1: either 0001 or 0011 may be written; domain invalid */
#define FS_TRANSLATION_SECT  0x5u /* domain invalid */
#define FS_TRANSLATION_PAGE  0x7u /* domain valid */
#define FS_DOMAIN_SECT       0x9u
#define FS_DOMAIN_PAGE       0xbu
#define FS_PERMISSION_SECT   0xdu
#define FS_PERMISSION_PAGE   0xfu
/* FSR[7:4] holds the domain except for alignment and section translation faults (same table). */
static inline int fs_domain_valid(uint32_t status)
{
	return (status & 0xd) != 0x1 && status != FS_TRANSLATION_SECT;
}

/* ---- cache geometry [TRM, caches chapter] ---------------------------------------------------------- */
#define CACHE_LINE     32u
#define CACHE_SEGMENTS 8u   /* MVA[7:5] selects the segment */
#define CACHE_INDICES  64u  /* 64 lines (ways) per segment */
/* c7 operations "using index": Rd = index [31:26] | segment [7:5] [TRM, register 7] */
#define CACHE_INDEX_OP(segment, index) (((uint32_t)(index) << 26) | ((uint32_t)(segment) << 5))

/* ---- CP15 accessors ------------------------------------------------------------------------------- */
#define CP15_READ(crn, crm, op2)                                                              \
	({                                                                                    \
		uint32_t v_;                                                                  \
		__asm__ volatile("mrc p15, 0, %0, " #crn ", " #crm ", " #op2 : "=r"(v_) : : "memory"); \
		v_;                                                                           \
	})
#define CP15_WRITE(crn, crm, op2, value) \
	__asm__ volatile("mcr p15, 0, %0, " #crn ", " #crm ", " #op2 : : "r"((uint32_t)(value)) : "memory")

static inline uint32_t cp15_id(void) { return CP15_READ(c0, c0, 0); }
static inline uint32_t cp15_cache_type(void) { return CP15_READ(c0, c0, 1); }
static inline uint32_t cp15_control(void) { return CP15_READ(c1, c0, 0); }
static inline void cp15_set_control(uint32_t v) { CP15_WRITE(c1, c0, 0, v); }
static inline uint32_t cp15_ttb(void) { return CP15_READ(c2, c0, 0); }
static inline void cp15_set_ttb(uint32_t v) { CP15_WRITE(c2, c0, 0, v); }
static inline uint32_t cp15_dacr(void) { return CP15_READ(c3, c0, 0); }
static inline void cp15_set_dacr(uint32_t v) { CP15_WRITE(c3, c0, 0, v); }
static inline uint32_t cp15_dfsr(void) { return CP15_READ(c5, c0, 0); }
static inline void cp15_set_dfsr(uint32_t v) { CP15_WRITE(c5, c0, 0, v); }
static inline uint32_t cp15_ifsr(void) { return CP15_READ(c5, c0, 1); }
static inline void cp15_set_ifsr(uint32_t v) { CP15_WRITE(c5, c0, 1, v); }
static inline uint32_t cp15_far(void) { return CP15_READ(c6, c0, 0); }
static inline void cp15_set_far(uint32_t v) { CP15_WRITE(c6, c0, 0, v); }
static inline uint32_t cp15_fcse_pid(void) { return CP15_READ(c13, c0, 0); }
static inline void cp15_set_fcse_pid(uint32_t v) { CP15_WRITE(c13, c0, 0, v); }

/* c7 cache operations [TRM, register 7] */
static inline void icache_invalidate_all(void) { CP15_WRITE(c7, c5, 0, 0); }
static inline void icache_invalidate_mva(uint32_t mva) { CP15_WRITE(c7, c5, 1, mva); }
static inline void dcache_invalidate_all(void) { CP15_WRITE(c7, c6, 0, 0); }
static inline void dcache_invalidate_mva(uint32_t mva) { CP15_WRITE(c7, c6, 1, mva); }
static inline void idcache_invalidate_all(void) { CP15_WRITE(c7, c7, 0, 0); }
static inline void dcache_clean_mva(uint32_t mva) { CP15_WRITE(c7, c10, 1, mva); }
static inline void dcache_clean_index(uint32_t op) { CP15_WRITE(c7, c10, 2, op); }
static inline void drain_write_buffer(void) { CP15_WRITE(c7, c10, 4, 0); }
static inline void icache_prefetch_mva(uint32_t mva) { CP15_WRITE(c7, c13, 1, mva); }
static inline void dcache_clean_invalidate_mva(uint32_t mva) { CP15_WRITE(c7, c14, 1, mva); }
static inline void dcache_clean_invalidate_index(uint32_t op) { CP15_WRITE(c7, c14, 2, op); }

/* c8 TLB operations [TRM, register 8]: the ARM920T lists no "both TLBs, single entry" form. */
static inline void tlb_invalidate_all(void) { CP15_WRITE(c8, c7, 0, 0); }
static inline void itlb_invalidate_all(void) { CP15_WRITE(c8, c5, 0, 0); }
static inline void itlb_invalidate_mva(uint32_t mva) { CP15_WRITE(c8, c5, 1, mva); }
static inline void dtlb_invalidate_all(void) { CP15_WRITE(c8, c6, 0, 0); }
static inline void dtlb_invalidate_mva(uint32_t mva) { CP15_WRITE(c8, c6, 1, mva); }

/* c9 cache lockdown, c10 TLB lockdown [TRM, registers 9 and 10] */
static inline uint32_t dcache_lockdown(void) { return CP15_READ(c9, c0, 0); }
static inline void dcache_set_lockdown(uint32_t v) { CP15_WRITE(c9, c0, 0, v); }
static inline uint32_t icache_lockdown(void) { return CP15_READ(c9, c0, 1); }
static inline void icache_set_lockdown(uint32_t v) { CP15_WRITE(c9, c0, 1, v); }
static inline uint32_t dtlb_lockdown(void) { return CP15_READ(c10, c0, 0); }
static inline void dtlb_set_lockdown(uint32_t v) { CP15_WRITE(c10, c0, 0, v); }
static inline uint32_t itlb_lockdown(void) { return CP15_READ(c10, c0, 1); }
static inline void itlb_set_lockdown(uint32_t v) { CP15_WRITE(c10, c0, 1, v); }
/* TLB lockdown register: base [31:26], victim [25:20], P [0]; bits [19:1] unpredictable on read. */
#define TLB_LOCKDOWN(base, victim, p) (((uint32_t)(base) << 26) | ((uint32_t)(victim) << 20) | (uint32_t)(p))
#define TLB_LOCKDOWN_MASK 0xfff00001u
/* Cache lockdown register: base [31:26]; bits [25:0] unpredictable on read. */
#define CACHE_LOCKDOWN(base) ((uint32_t)(base) << 26)
#define CACHE_LOCKDOWN_MASK 0xfc000000u

#endif
