/*
 * cache-maint: ARM920T identification, control, cache and TLB maintenance and lockdown registers
 * against the TRM (CP15 registers 0, 1, 7, 8, 9, 10; see ../mmu-common/arm920t.h).
 *
 * What a program can see for itself is checked here: register values and round trips, TLB lockdown
 * (a preserved entry survives "invalidate all", a single-entry invalidate removes it), separate I and D
 * TLBs, and that data survives every clean operation. What only costs time — which lines a clean writes
 * back, that an invalidate discards dirty data instead of writing it, write-buffer drains, cache lockdown
 * keeping lines through a thrash — is checked by the test harness in cycle mode: the program stores a
 * phase number to `probe_phase` at each boundary (see PHASE_* below and mmu-programs.test.ts), and the
 * harness compares the memory system's statistics between phases with what the TRM implies.
 *
 * The image's own megabyte is mapped uncached here, so the D-cache only ever holds the test buffer's lines
 * and the statistics between two phases come from the operation under test alone.
 * Prints one line per check; exit status = number of failed checks.
 */
#include "mmu-test.h"

#define DACR_ALL_CLIENT DACR_FIELD(0, DOMAIN_CLIENT)

#define VA_WB    0x40000000u /* section, write-back -> PA_WB: the buffer the maintenance operations act on */
#define PA_WB    0x31000000u /* ... also reachable uncached at the identity VA */
#define VA_NCB   0x40100000u /* section, uncached buffered -> 0x31100000 */
#define PA_NCB   0x31100000u
#define VA_THRASH 0x40200000u /* section, write-back -> 0x31200000: 64 KB to thrash the D-cache with */
#define VA_LOCK_X 0x40300000u /* sections for the TLB lockdown test -> 0x31300000 / 0x31500000 */
#define VA_LOCK_Y 0x40400000u /* -> 0x31400000 / 0x31600000 */
#define VA_CODE  0x40700000u /* section holding code -> 0x31700000, later 0x31800000 */

#define LINES 16u /* the maintenance tests work on 16 lines = 512 bytes of VA_WB */

/* Phase numbers stored to probe_phase: the harness checks the statistics between consecutive phases. */
enum {
	PHASE_ALLOCATE = 1,     /* read one word of each of 16 lines (all miss, 16 fills) */
	PHASE_DIRTY_FULL,       /* write all 8 words of each line (write hits) */
	PHASE_CLEAN_MVA,        /* c7,c10,1 on each line: 32 dirty half lines written back */
	PHASE_CLEAN_MVA_AGAIN,  /* again: nothing dirty, nothing written */
	PHASE_DIRTY_HALF,       /* write words 0-3 only: first halves dirty */
	PHASE_CLEAN_INV_MVA,    /* c7,c14,1: 16 half lines written back, 16 lines invalidated */
	PHASE_REREAD,           /* read again: 16 misses */
	PHASE_DIRTY_FULL2,
	PHASE_CLEAN_INDEX,      /* c7,c10,2 over 8 segments x 64 indices: 32 half lines */
	PHASE_DIRTY_FULL3,
	PHASE_CLEAN_INV_INDEX,  /* c7,c14,2 over all: 32 half lines, 16 invalidations */
	PHASE_REREAD2,          /* 16 misses */
	PHASE_DIRTY_FULL4,
	PHASE_INVALIDATE_MVA,   /* c7,c6,1: dirty lines discarded: 0 written back, 16 invalidated */
	PHASE_REREAD_DIRTY,     /* re-read (16 misses) and dirty */
	PHASE_INVALIDATE_ALL,   /* c7,c6,0: 0 written back, 16 invalidated */
	PHASE_NCB_STORES,       /* 8 stores to an uncached, buffered page (from C) */
	PHASE_DRAIN,            /* STM of 4 words to the buffered page, then c7,c10,4 at once: the drain waits */
	PHASE_DRAIN_EMPTY,      /* c7,c10,4 with nothing buffered: nothing to wait for */
	PHASE_LOCK_LOAD,        /* c9 base = victim = 0, 8 lines (one per segment) loaded, base = 1 */
	PHASE_LOCK_THRASH,      /* read 64 KB (2048 lines) through the D-cache */
	PHASE_LOCK_REREAD,      /* the 8 locked lines: 8 hits, 0 misses */
	PHASE_LOCK_RR_LOAD,     /* the same with round-robin replacement */
	PHASE_LOCK_RR_THRASH,
	PHASE_LOCK_RR_REREAD,
	PHASE_END,
};

uint32_t tlb_lockdown_roundtrip_d(uint32_t value);
uint32_t tlb_lockdown_roundtrip_i(uint32_t value);
uint32_t lock_dtlb_entry(uint32_t va);
void ncb_store4_drain(uint32_t va); /* kernels: run through KERNEL() from the cached alias */
void drain_only(void);

static void build_tables(void)
{
	mmu_build_base_map(CB_NCNB);
	l1_table[VA_WB >> 20] = L1_SECTION(PA_WB, AP_NONE_PRIV_RW, 0, CB_WB);
	l1_table[VA_NCB >> 20] = L1_SECTION(PA_NCB, AP_NONE_PRIV_RW, 0, CB_NCB);
	l1_table[VA_THRASH >> 20] = L1_SECTION(0x31200000, AP_NONE_PRIV_RW, 0, CB_WB);
	l1_table[VA_LOCK_X >> 20] = L1_SECTION(0x31300000, AP_NONE_PRIV_RW, 0, CB_NCNB);
	l1_table[VA_LOCK_Y >> 20] = L1_SECTION(0x31400000, AP_NONE_PRIV_RW, 0, CB_NCNB);
	l1_table[VA_CODE >> 20] = L1_SECTION(0x31700000, AP_NONE_PRIV_RW, 0, CB_NCNB);
	mmu_map_kernel_alias();
}

static void check_identification(void)
{
	heading("c0: identification");
	uint32_t id = cp15_id();
	check_eq("main ID", id, ARM920T_MAIN_ID);
	check_eq("  implementor (ARM = 'A')", id >> 24, 0x41);
	check_eq("  architecture (v4T)", (id >> 16) & 0xf, 2);
	check_eq("  part number (920)", (id >> 4) & 0xfff, 0x920);
	uint32_t ct = cp15_cache_type();
	check_eq("cache type", ct, ARM920T_CACHE_TYPE);
	check_eq("  ctype (write-back, c7 clean, format A lockdown)", (ct >> 25) & 0xf, 6);
	check_eq("  S (separate I and D)", (ct >> 24) & 1, 1);
	for (int side = 0; side < 2; side++) {
		uint32_t f = side == 0 ? (ct >> 12) & 0xfff : ct & 0xfff; /* Dsize, then Isize */
		uint32_t size = 1u << (((f >> 6) & 7) + 9);               /* M = 0: 2^(size+9) bytes */
		uint32_t ways = 1u << ((f >> 3) & 7);
		uint32_t line = 1u << ((f & 3) + 3);
		check_eq(side == 0 ? "  D-cache bytes" : "  I-cache bytes", size, 16384);
		check_eq(side == 0 ? "  D-cache ways" : "  I-cache ways", ways, 64);
		check_eq(side == 0 ? "  D-cache line bytes" : "  I-cache line bytes", line, 32);
	}
}

static void check_control_register(void)
{
	heading("c1: control register (MMU off)");
	cp15_set_control(0);
	check_eq("write 0: bits [6:3] still read as one", cp15_control(), CR_SBO);
	cp15_set_control(0xc0000000u | CR_RR | CR_SBO);
	check_eq("iA, nF (clocking) and RR are writable", cp15_control(), 0xc0000000u | CR_RR | CR_SBO);
	cp15_set_control(CR_SBO);
}

static void check_lockdown_registers(void)
{
	heading("c9 and c10: lockdown register round trips");
	dcache_set_lockdown(CACHE_LOCKDOWN(3));
	check_masked("D-cache lockdown base 3", dcache_lockdown(), CACHE_LOCKDOWN_MASK, CACHE_LOCKDOWN(3));
	icache_set_lockdown(CACHE_LOCKDOWN(5));
	check_masked("I-cache lockdown base 5", icache_lockdown(), CACHE_LOCKDOWN_MASK, CACHE_LOCKDOWN(5));
	check_masked("  ... D-cache lockdown unchanged", dcache_lockdown(), CACHE_LOCKDOWN_MASK, CACHE_LOCKDOWN(3));
	dcache_set_lockdown(0);
	icache_set_lockdown(0);
	check_masked("D-TLB lockdown base 2 victim 5 P", tlb_lockdown_roundtrip_d(TLB_LOCKDOWN(2, 5, 1)), TLB_LOCKDOWN_MASK,
		     TLB_LOCKDOWN(2, 5, 1));
	check_masked("I-TLB lockdown base 4 victim 9", tlb_lockdown_roundtrip_i(TLB_LOCKDOWN(4, 9, 0)), TLB_LOCKDOWN_MASK,
		     TLB_LOCKDOWN(4, 9, 0));
	check_masked("  ... D-TLB lockdown unchanged", dtlb_lockdown(), TLB_LOCKDOWN_MASK, TLB_LOCKDOWN(2, 5, 1));
	dtlb_set_lockdown(0);
	itlb_set_lockdown(0);
}

static void check_tlb_lockdown(void)
{
	heading("c10: a preserved D-TLB entry survives invalidate-all");
	poke(0x31300010, 0x31300010);
	poke(0x31400010, 0x31400010);
	poke(0x31500010, 0x31500010);
	poke(0x31600010, 0x31600010);
	uint32_t after = lock_dtlb_entry(VA_LOCK_X + 0x10);
	check_masked("after locking X into entry 0: victim moved on", after, TLB_LOCKDOWN_MASK, TLB_LOCKDOWN(0, 1, 1));
	/* (the victim has moved on again: returning to C code walked for the stack's section) */
	check_masked("now base 1, P clear", dtlb_lockdown(), 0xfc000001u, TLB_LOCKDOWN(1, 0, 0));
	expect_read("Y loaded normally", &LDR, VA_LOCK_Y + 0x10, 0x31400010);
	/* Move both sections without TLB maintenance, then invalidate all TLB entries. */
	pt_write(&l1_table[VA_LOCK_X >> 20], L1_SECTION(0x31500000, AP_NONE_PRIV_RW, 0, CB_NCNB));
	pt_write(&l1_table[VA_LOCK_Y >> 20], L1_SECTION(0x31600000, AP_NONE_PRIV_RW, 0, CB_NCNB));
	tlb_invalidate_all();
	expect_read("X after invalidate-all: preserved entry, old mapping", &LDR, VA_LOCK_X + 0x10, 0x31300010);
	expect_read("Y after invalidate-all: walked again, new mapping", &LDR, VA_LOCK_Y + 0x10, 0x31600010);
	dtlb_invalidate_mva(VA_LOCK_X);
	expect_read("X after invalidate-single-entry: new mapping", &LDR, VA_LOCK_X + 0x10, 0x31500010);
	dtlb_set_lockdown(0);
	l1_set(VA_LOCK_X, L1_SECTION(0x31300000, AP_NONE_PRIV_RW, 0, CB_NCNB));
	l1_set(VA_LOCK_Y, L1_SECTION(0x31400000, AP_NONE_PRIV_RW, 0, CB_NCNB));
}

static void check_separate_tlbs(void)
{
	heading("c8: separate I and D TLBs");
	static const uint32_t one[] = { ARM_MOV_R0_IMM(1), ARM_BX_LR };
	static const uint32_t two[] = { ARM_MOV_R0_IMM(2), ARM_BX_LR };
	install_code(0x31700000, one, 2);
	install_code(0x31800000, two, 2);
	expect_exec("code page -> copy 1", VA_CODE, 0, 1);
	expect_read("  ... read as data", &LDR, VA_CODE, ARM_MOV_R0_IMM(1));
	pt_write(&l1_table[VA_CODE >> 20], L1_SECTION(0x31800000, AP_NONE_PRIV_RW, 0, CB_NCNB));
	dtlb_invalidate_mva(VA_CODE);
	expect_read("remapped to copy 2, D-TLB entry invalidated: data sees copy 2", &LDR, VA_CODE, ARM_MOV_R0_IMM(2));
	expect_exec("  ... the I-TLB still holds copy 1", VA_CODE, 0, 1);
	itlb_invalidate_mva(VA_CODE);
	expect_exec("I-TLB entry invalidated: copy 2", VA_CODE, 0, 2);
	l1_set(VA_CODE, L1_SECTION(0x31700000, AP_NONE_PRIV_RW, 0, CB_NCNB));
}

static void fill_uncached(uint32_t base)
{
	for (uint32_t i = 0; i < LINES * 8; i++)
		poke(PA_WB + 4 * i, base + i);
}

static void read_lines(void)
{
	for (uint32_t l = 0; l < LINES; l++)
		(void)peek(VA_WB + l * CACHE_LINE);
}

static void write_lines(uint32_t base, uint32_t words_per_line)
{
	for (uint32_t l = 0; l < LINES; l++)
		for (uint32_t w = 0; w < words_per_line; w++)
			poke(VA_WB + l * CACHE_LINE + 4 * w, base + l * 8 + w);
}

/* Memory (through the uncached alias) holds base + i in word i for the first `words_per_line` of each line. */
static int memory_holds(uint32_t base, uint32_t words_per_line)
{
	drain_write_buffer();
	for (uint32_t l = 0; l < LINES; l++)
		for (uint32_t w = 0; w < words_per_line; w++)
			if (peek(PA_WB + l * CACHE_LINE + 4 * w) != base + l * 8 + w)
				return 0;
	return 1;
}

static void check_maintenance(void)
{
	heading("c7: clean, clean+invalidate, invalidate, drain (write-back buffer, 16 lines)");
	dcache_clean_invalidate_all();
	fill_uncached(0x1000);
	mark_phase(0);
	read_lines();
	mark_phase(PHASE_ALLOCATE);
	write_lines(0x2000, 8);
	mark_phase(PHASE_DIRTY_FULL);
	for (uint32_t l = 0; l < LINES; l++)
		dcache_clean_mva(VA_WB + l * CACHE_LINE);
	mark_phase(PHASE_CLEAN_MVA);
	check_true("clean by MVA: memory holds the new data", memory_holds(0x2000, 8), 0);
	for (uint32_t l = 0; l < LINES; l++)
		dcache_clean_mva(VA_WB + l * CACHE_LINE + 4); /* any address in the line */
	mark_phase(PHASE_CLEAN_MVA_AGAIN);
	write_lines(0x3000, 4);
	mark_phase(PHASE_DIRTY_HALF);
	for (uint32_t l = 0; l < LINES; l++)
		dcache_clean_invalidate_mva(VA_WB + l * CACHE_LINE);
	mark_phase(PHASE_CLEAN_INV_MVA);
	check_true("clean+invalidate by MVA: memory holds the new data", memory_holds(0x3000, 4), 0);
	read_lines();
	mark_phase(PHASE_REREAD);
	write_lines(0x4000, 8);
	mark_phase(PHASE_DIRTY_FULL2);
	dcache_clean_all();
	mark_phase(PHASE_CLEAN_INDEX);
	check_true("clean by index (8 x 64): memory holds the new data", memory_holds(0x4000, 8), 0);
	write_lines(0x5000, 8);
	mark_phase(PHASE_DIRTY_FULL3);
	dcache_clean_invalidate_all();
	mark_phase(PHASE_CLEAN_INV_INDEX);
	check_true("clean+invalidate by index: memory holds the new data", memory_holds(0x5000, 8), 0);
	read_lines();
	mark_phase(PHASE_REREAD2);
	write_lines(0x6000, 8);
	mark_phase(PHASE_DIRTY_FULL4);
	/* Invalidate without cleaning: on the ARM920T the dirty data is lost (memory keeps 0x5000..). The
	 * simulator keeps memory coherent by construction (see arm-core src/memory/cache.ts), so memory is not
	 * checked here; the harness checks that nothing was written back. */
	for (uint32_t l = 0; l < LINES; l++)
		dcache_invalidate_mva(VA_WB + l * CACHE_LINE);
	mark_phase(PHASE_INVALIDATE_MVA);
	read_lines();
	write_lines(0x7000, 8);
	mark_phase(PHASE_REREAD_DIRTY);
	dcache_invalidate_all();
	mark_phase(PHASE_INVALIDATE_ALL);
	for (uint32_t i = 0; i < 8; i++)
		poke(VA_NCB + 4 * i, 0xb0000000 + i);
	mark_phase(PHASE_NCB_STORES);
	int ok = 1;
	for (uint32_t i = 0; i < 8; i++)
		ok &= peek(PA_NCB + 4 * i) == 0xb0000000 + i;
	check_true("buffered stores reached memory", ok, 0);
	/* The drain is visible only when the stores are still in the buffer, i.e. when the code runs from the
	 * I-cache: warm the kernels' lines first (these calls drain too), then measure. */
	KERNEL(ncb_store4_drain)(VA_NCB + 0x40);
	KERNEL(drain_only)();
	mark_phase(PHASE_NCB_STORES); /* (again: the measured interval starts here) */
	KERNEL(ncb_store4_drain)(VA_NCB + 0x80);
	mark_phase(PHASE_DRAIN);
	KERNEL(drain_only)();
	mark_phase(PHASE_DRAIN_EMPTY);
	ok = 1;
	for (uint32_t i = 0; i < 4; i++)
		ok &= peek(PA_NCB + 0x80 + 4 * i) == VA_NCB + 0x80 + i;
	check_true("STM to the buffered page reached memory after the drain", ok, 0);
}

/* D-cache lockdown [TRM, register 9]: write base = victim = 0, load one line per segment (each goes to
 * index 0 of its segment), then base = 1: index 0 of every segment is locked. */
static void lock_and_thrash(uint32_t phase_load)
{
	dcache_clean_invalidate_all();
	dcache_set_lockdown(CACHE_LOCKDOWN(0));
	for (uint32_t s = 0; s < CACHE_SEGMENTS; s++)
		(void)peek(VA_WB + 0x1000 + s * CACHE_LINE);
	dcache_set_lockdown(CACHE_LOCKDOWN(1));
	mark_phase(phase_load);
	for (uint32_t a = 0; a < 0x10000; a += CACHE_LINE)
		(void)peek(VA_THRASH + a);
	mark_phase(phase_load + 1);
	for (uint32_t s = 0; s < CACHE_SEGMENTS; s++)
		(void)peek(VA_WB + 0x1000 + s * CACHE_LINE);
	mark_phase(phase_load + 2);
	dcache_set_lockdown(0);
}

static void check_cache_lockdown(void)
{
	heading("c9: D-cache lockdown (the harness checks the locked lines stay)");
	cp15_set_control(cp15_control() & ~CR_RR);
	lock_and_thrash(PHASE_LOCK_LOAD);
	cp15_set_control(cp15_control() | CR_RR);
	lock_and_thrash(PHASE_LOCK_RR_LOAD);
	check_masked("D-cache lockdown back to 0", dcache_lockdown(), CACHE_LOCKDOWN_MASK, 0);
	mark_phase(PHASE_END);
}

int main(void)
{
	setup_mode_stacks();
	heading("cache-maint: ARM920T CP15 caches, TLBs and lockdown against the TRM");
	check_identification();
	check_control_register();
	check_lockdown_registers();
	build_tables();
	mmu_install_vectors();
	mmu_enable(DACR_ALL_CLIENT, CR_SBO | CR_M | CR_C | CR_I | CR_V | CR_RR);
	check_tlb_lockdown();
	check_separate_tlbs();
	check_maintenance();
	check_cache_lockdown();
	return report_finish("cache-maint");
}
