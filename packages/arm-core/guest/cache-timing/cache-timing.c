/*
 * cache-timing: workloads whose cost in cycle mode follows from the ARM920T cache and TLB organisation
 * (TRM chapters 3 and 4): 16 KB D-cache of 8 segments x 64 lines of 32 bytes, indexed by MVA[7:5],
 * round-robin replacement (c1.RR = 1 here), read-allocate, two dirty bits per line (half-line
 * write-back), 64-entry TLBs filled by a one-read (section) or two-read (page) table walk.
 *
 * The program prints only what it computes (identical in both timing modes). It stores a phase number to
 * `probe_phase` around each measured interval; the test harness (test/machine/mmu-programs.test.ts)
 * snapshots cycles and the memory-system statistics there and checks, from the timing constants, that
 *   - a loop over a buffer that fits the D-cache misses nowhere, one over twice the cache size misses on
 *     every line, and the difference in cycles is misses x line-fill cost;
 *   - with dirty lines each of those misses also writes back two half lines;
 *   - a whole-cache clean by index costs in proportion to the dirty (half) lines it finds;
 *   - 64 lines in one segment fit, 65 do not (64-way, segment from MVA[7:5]);
 *   - after "invalidate D-cache" the same loop pays one line fill per line again;
 *   - a D-TLB miss costs one walk read for a section and two for a small page;
 *   - code fetched uncached pays for every fetch what the I-cache saves;
 *   - stores to an uncached, unbuffered page each wait for memory; buffered ones do not.
 * The kernels (kernels.S) run from a cacheable alias of the image while the image itself is uncached, so
 * only the buffers under test go through the D-cache.
 */
#include "mmu-test.h"

#define VA_FIT      0x40000000u /* write-back section -> 0x31000000: 8 KB buffer (half the D-cache) */
#define PA_FIT      0x31000000u
#define VA_BIG      0x40100000u /* write-back section -> 0x31100000: 32 KB buffer (twice the D-cache) */
#define PA_BIG      0x31100000u
#define VA_DIRTY    0x40200000u /* write-back section -> 0x31200000: 16 KB for the clean-cost runs */
#define VA_NCNB     0x40300000u /* uncached, unbuffered -> 0x31300000 */
#define VA_NCB      0x40400000u /* uncached, buffered -> 0x31400000 */
#define VA_SECTIONS 0x48000000u /* 16 uncached sections, all -> 0x32000000 */
#define VA_PAGES    0x49000000u /* coarse table: 16 uncached small pages -> 0x32100000 + 4 KB x k */

#define FIT_WORDS 2048u /* 8 KB */
#define BIG_WORDS 8192u /* 32 KB */

/* Phase marks: the harness measures between these (see the test for what it expects of each). */
enum {
	P_FIT_START = 1, P_FIT_END,          /* 8 KB x 4 passes, warm: no misses */
	P_THRASH_START, P_THRASH_END,        /* 32 KB x 1 pass after a warm pass: 1024 misses */
	P_DIRTY_EVICT_START, P_DIRTY_EVICT_END, /* read-modify-write 32 KB: 1024 misses, 2048 half lines written back */
	P_CLEAN_BASE = 10,                   /* 10 + 2k / 11 + 2k: clean-all with CLEAN_RUNS[k] dirty lines */
	P_REFILL_WARM = 30, P_REFILL_WARM_END, P_REFILL_START, P_REFILL_END, /* same loop, warm vs after c7,c6,0 */
	P_ASSOC64_START = 40, P_ASSOC64_END, P_ASSOC65_START, P_ASSOC65_END,
	P_TLB_SECT_COLD = 50, P_TLB_SECT_WARM, P_TLB_SECT_END, P_TLB_PAGE_COLD, P_TLB_PAGE_WARM, P_TLB_PAGE_END,
	P_ICACHE_CACHED = 60, P_ICACHE_UNCACHED, P_ICACHE_END,
	P_STORE_NCNB = 70, P_STORE_NCB, P_STORE_END,
	P_DONE = 99,
};

/* dirty lines and halves per line for each clean-cost run */
static const uint32_t CLEAN_RUNS[][2] = { { 0, 2 }, { 64, 2 }, { 128, 2 }, { 256, 2 }, { 512, 2 }, { 256, 1 }, { 512, 1 } };
#define CLEAN_RUN_COUNT (sizeof CLEAN_RUNS / sizeof CLEAN_RUNS[0])

uint32_t sum_words(uint32_t base, uint32_t words, uint32_t passes);
void rmw_words(uint32_t base, uint32_t words, uint32_t passes);
uint32_t touch(uint32_t base, uint32_t count, uint32_t stride, uint32_t passes);
void dirty_lines(uint32_t base, uint32_t lines, uint32_t halves);
void clean_all_index(void);
void store_words(uint32_t base, uint32_t words);

static uint32_t coarse_pages[256] __attribute__((aligned(1024)));

static void build_tables(void)
{
	mmu_build_base_map(CB_NCNB);
	mmu_map_kernel_alias();
	l1_table[VA_FIT >> 20] = L1_SECTION(PA_FIT, AP_NONE_PRIV_RW, 0, CB_WB);
	l1_table[VA_BIG >> 20] = L1_SECTION(PA_BIG, AP_NONE_PRIV_RW, 0, CB_WB);
	l1_table[VA_DIRTY >> 20] = L1_SECTION(0x31200000, AP_NONE_PRIV_RW, 0, CB_WB);
	l1_table[VA_NCNB >> 20] = L1_SECTION(0x31300000, AP_NONE_PRIV_RW, 0, CB_NCNB);
	l1_table[VA_NCB >> 20] = L1_SECTION(0x31400000, AP_NONE_PRIV_RW, 0, CB_NCB);
	for (uint32_t k = 0; k < 16; k++)
		l1_table[(VA_SECTIONS >> 20) + k] = L1_SECTION(0x32000000, AP_NONE_PRIV_RW, 0, CB_NCNB);
	l1_table[VA_PAGES >> 20] = L1_COARSE(coarse_pages, 0);
	for (uint32_t k = 0; k < 16; k++)
		coarse_pages[k] = L2_SMALL(0x32100000 + 0x1000 * k, APS_ALL(AP_NONE_PRIV_RW), CB_NCNB);
}

static void fill(uint32_t pa, uint32_t words)
{
	for (uint32_t i = 0; i < words; i++)
		poke(pa + 4 * i, i);
}

/* sum of 0 .. n-1 */
static uint32_t triangle(uint32_t n)
{
	return n * (n - 1) / 2;
}

int main(void)
{
	setup_mode_stacks();
	heading("cache-timing: ARM920T cache and TLB costs (checked by the harness in cycle mode)");
	build_tables();
	mmu_install_vectors();
	fill(PA_FIT, FIT_WORDS);
	fill(PA_BIG, BIG_WORDS);
	mmu_enable(DACR_FIELD(0, DOMAIN_CLIENT), CR_SBO | CR_M | CR_C | CR_I | CR_V | CR_RR);
	/* warm the kernels' I-cache lines */
	KERNEL(clean_all_index)();
	KERNEL(store_words)(VA_NCNB, 1);
	KERNEL(dirty_lines)(VA_DIRTY, 0, 2);

	heading("D-cache: a loop that fits vs one that thrashes");
	dcache_clean_invalidate_all();
	KERNEL(sum_words)(VA_FIT, FIT_WORDS, 1);
	mark_phase(P_FIT_START);
	uint32_t s = KERNEL(sum_words)(VA_FIT, FIT_WORDS, 4);
	mark_phase(P_FIT_END);
	check_eq("8 KB, 4 passes (fits): sum", s, 4 * triangle(FIT_WORDS));
	KERNEL(sum_words)(VA_BIG, BIG_WORDS, 1);
	mark_phase(P_THRASH_START);
	s = KERNEL(sum_words)(VA_BIG, BIG_WORDS, 1);
	mark_phase(P_THRASH_END);
	check_eq("32 KB, 1 pass (thrashes): sum", s, triangle(BIG_WORDS));
	KERNEL(rmw_words)(VA_BIG, BIG_WORDS, 1);
	mark_phase(P_DIRTY_EVICT_START);
	KERNEL(rmw_words)(VA_BIG, BIG_WORDS, 1);
	mark_phase(P_DIRTY_EVICT_END);
	check_eq("32 KB read-modify-write twice: sum", KERNEL(sum_words)(VA_BIG, BIG_WORDS, 1), triangle(BIG_WORDS) + 2 * BIG_WORDS);

	heading("D-cache: whole-cache clean by index vs dirty lines");
	for (uint32_t k = 0; k < CLEAN_RUN_COUNT; k++) {
		dcache_clean_invalidate_all();
		KERNEL(dirty_lines)(VA_DIRTY, CLEAN_RUNS[k][0], CLEAN_RUNS[k][1]);
		mark_phase(P_CLEAN_BASE + 2 * k);
		KERNEL(clean_all_index)();
		mark_phase(P_CLEAN_BASE + 2 * k + 1);
		put("clean-all with ");
		put_dec(CLEAN_RUNS[k][0]);
		put(CLEAN_RUNS[k][1] == 2 ? " fully dirty lines\n" : " half-dirty lines\n");
	}

	heading("D-cache: invalidate, then the same loop refills");
	KERNEL(sum_words)(VA_FIT, FIT_WORDS, 1);
	mark_phase(P_REFILL_WARM);
	KERNEL(sum_words)(VA_FIT, FIT_WORDS, 1);
	mark_phase(P_REFILL_WARM_END);
	dcache_invalidate_all();
	mark_phase(P_REFILL_START);
	s = KERNEL(sum_words)(VA_FIT, FIT_WORDS, 1);
	mark_phase(P_REFILL_END);
	check_eq("8 KB after invalidate: sum", s, triangle(FIT_WORDS));

	heading("D-cache: 64 ways per segment");
	dcache_clean_invalidate_all();
	KERNEL(touch)(VA_BIG, 64, 256, 1);
	mark_phase(P_ASSOC64_START);
	KERNEL(touch)(VA_BIG, 64, 256, 4);
	mark_phase(P_ASSOC64_END);
	KERNEL(touch)(VA_BIG, 65, 256, 1);
	mark_phase(P_ASSOC65_START);
	s = KERNEL(touch)(VA_BIG, 65, 256, 4);
	mark_phase(P_ASSOC65_END);
	check_eq("65 lines at a 256-byte stride, 4 passes: sum", s, 4 * (64 * triangle(65) + 2 * 65)); /* +2: rmw above */

	heading("D-TLB: walks for sections and small pages");
	poke(0x32000000, 5);
	for (uint32_t k = 0; k < 16; k++)
		poke(0x32100000 + 0x1000 * k, k);
	dtlb_invalidate_all();
	mark_phase(P_TLB_SECT_COLD);
	KERNEL(touch)(VA_SECTIONS, 16, 0x100000, 1);
	mark_phase(P_TLB_SECT_WARM);
	s = KERNEL(touch)(VA_SECTIONS, 16, 0x100000, 1);
	mark_phase(P_TLB_SECT_END);
	check_eq("16 sections: sum", s, 16 * 5);
	dtlb_invalidate_all();
	mark_phase(P_TLB_PAGE_COLD);
	KERNEL(touch)(VA_PAGES, 16, 0x1000, 1);
	mark_phase(P_TLB_PAGE_WARM);
	s = KERNEL(touch)(VA_PAGES, 16, 0x1000, 1);
	mark_phase(P_TLB_PAGE_END);
	check_eq("16 small pages: sum", s, triangle(16));

	heading("I-cache: the same loop fetched through the cache and uncached");
	KERNEL(sum_words)(VA_FIT, 256, 1);
	mark_phase(P_ICACHE_CACHED);
	KERNEL(sum_words)(VA_FIT, 256, 1);
	mark_phase(P_ICACHE_UNCACHED);
	s = sum_words(VA_FIT, 256, 1);
	mark_phase(P_ICACHE_END);
	check_eq("1 KB summed with uncached fetches", s, triangle(256));

	heading("write buffer: unbuffered vs buffered stores");
	mark_phase(P_STORE_NCNB);
	KERNEL(store_words)(VA_NCNB, 64);
	mark_phase(P_STORE_NCB);
	KERNEL(store_words)(VA_NCB, 64);
	mark_phase(P_STORE_END);
	drain_write_buffer();
	check_eq("last buffered store reached memory", peek(0x31400000 + 63 * 4), VA_NCB + 63 * 4);
	mark_phase(P_DONE);
	return report_finish("cache-timing");
}
