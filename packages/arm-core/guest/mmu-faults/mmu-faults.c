/*
 * mmu-faults: the ARM920T MMU against its Technical Reference Manual (DDI 0184B, chapter 3; see
 * ../mmu-common/arm920t.h for the facts used). Builds a first-level table with sections, a coarse table
 * (large and small pages), a fine table (tiny, small and large pages), turns the MMU and caches on with
 * high vectors, then checks translations and provokes every MMU fault, comparing FSR (status, domain),
 * FAR and the abort's lr with the manual: translation, domain and permission faults for sections and
 * pages, sub-page permissions, AP = 00 with the S and R bits, manager and reserved domains, alignment
 * faults and their priority, prefetch aborts (FAR untouched), User-mode CP15 access.
 *
 * Prints one line per check; exit status = number of failed checks.
 */
#include "mmu-test.h"

/* Domains */
#define D_IMAGE   0  /* client: the image and the identity map */
#define D_SECT    1  /* client: test sections */
#define D_COARSE  2  /* client: the coarse table */
#define D_FINE    3  /* client: the fine table */
#define D_NOACC   5  /* no access */
#define D_NOACC_P 6  /* no access: a coarse table */
#define D_RESV    7  /* reserved (b10) */
#define D_MANAGER 9  /* manager */
#define DACR_TEST (DACR_FIELD(D_IMAGE, DOMAIN_CLIENT) | DACR_FIELD(D_SECT, DOMAIN_CLIENT) |          \
		   DACR_FIELD(D_COARSE, DOMAIN_CLIENT) | DACR_FIELD(D_FINE, DOMAIN_CLIENT) |         \
		   DACR_FIELD(D_NOACC, DOMAIN_NONE) | DACR_FIELD(D_NOACC_P, DOMAIN_NONE) |           \
		   DACR_FIELD(D_RESV, DOMAIN_RESERVED) | DACR_FIELD(D_MANAGER, DOMAIN_MANAGER))

/* Test mappings (all uncached, unbuffered) and the physical memory behind them */
#define VA_SECT_RW      0x40000000u /* section, AP=11, domain 1 -> 0x31000000 */
#define VA_SECT_PRIV    0x40100000u /* section, AP=01, domain 1 -> 0x31100000 */
#define VA_SECT_URO     0x40200000u /* section, AP=10, domain 1 -> 0x31200000 */
#define VA_SECT_SR      0x40300000u /* section, AP=00, domain 1 -> 0x31300000 */
#define VA_SECT_NOACC   0x40400000u /* section, AP=01, domain 5 (no access) -> 0x31400000 */
#define VA_SECT_RESV    0x40500000u /* section, AP=11, domain 7 (reserved) -> 0x31500000 */
#define VA_SECT_MANAGER 0x40600000u /* section, AP=00, domain 9 (manager) -> 0x31600000 */
#define VA_COARSE       0x40800000u /* coarse table, domain 2: */
#define VA_LARGE        0x40800000u /*   large page, sub-page APs 11,10,01,00 (16 KB each) -> 0x31800000 */
#define VA_SMALL_SUB    0x40810000u /*   small page, sub-page APs 11,10,01,00 (1 KB each) -> 0x31830000 */
#define VA_SMALL_RW     0x40811000u /*   small page, AP=11 -> 0x31820000 */
#define VA_SMALL_PRIV   0x40812000u /*   small page, AP=01 -> 0x31821000 */
#define VA_SMALL_HOLE   0x40813000u /*   fault entry */
#define VA_COARSE_NOACC 0x40900000u /* coarse table, domain 6 (no access): small page AP=11, then a hole */
#define VA_FINE         0x40a00000u /* fine table, domain 3: */
#define VA_TINY         0x40a00000u /*   four tiny pages, AP=11, in reverse physical order -> 0x31a00c00.. */
#define VA_TINY_PRIV    0x40a01000u /*   tiny page, AP=01 -> 0x31a01000 */
#define VA_TINY_HOLE    0x40a01400u /*   fault entry */
#define VA_FINE_SMALL   0x40a02000u /*   small page (4 entries) -> 0x31a10000 */
#define VA_FINE_LARGE   0x40a10000u /*   large page (64 entries) -> 0x31a20000 */
#define VA_UNMAPPED     0x50000000u /* first-level fault entry */

static uint32_t coarse_table[256] __attribute__((aligned(1024)));
static uint32_t coarse_noacc_table[256] __attribute__((aligned(1024)));
static uint32_t fine_table[1024] __attribute__((aligned(4096)));

static void mark(uint32_t pa)
{
	poke(pa, pa); /* each marked word holds its own physical address */
}

static void build_tables(void)
{
	mmu_build_base_map(CB_WB);
	l1_table[VA_SECT_RW >> 20] = L1_SECTION(0x31000000, AP_ALL_RW, D_SECT, CB_NCNB);
	l1_table[VA_SECT_PRIV >> 20] = L1_SECTION(0x31100000, AP_NONE_PRIV_RW, D_SECT, CB_NCNB);
	l1_table[VA_SECT_URO >> 20] = L1_SECTION(0x31200000, AP_USER_RO, D_SECT, CB_NCNB);
	l1_table[VA_SECT_SR >> 20] = L1_SECTION(0x31300000, AP_SR, D_SECT, CB_NCNB);
	l1_table[VA_SECT_NOACC >> 20] = L1_SECTION(0x31400000, AP_NONE_PRIV_RW, D_NOACC, CB_NCNB);
	l1_table[VA_SECT_RESV >> 20] = L1_SECTION(0x31500000, AP_ALL_RW, D_RESV, CB_NCNB);
	l1_table[VA_SECT_MANAGER >> 20] = L1_SECTION(0x31600000, AP_SR, D_MANAGER, CB_NCNB);

	/* coarse: index = VA[19:12]; a large page fills 16 consecutive entries */
	l1_table[VA_COARSE >> 20] = L1_COARSE(coarse_table, D_COARSE);
	for (int i = 0; i < 16; i++)
		coarse_table[i] = L2_LARGE(0x31800000, APS(AP_ALL_RW, AP_USER_RO, AP_NONE_PRIV_RW, AP_SR), CB_NCNB);
	coarse_table[16] = L2_SMALL(0x31830000, APS(AP_ALL_RW, AP_USER_RO, AP_NONE_PRIV_RW, AP_SR), CB_NCNB);
	coarse_table[17] = L2_SMALL(0x31820000, APS_ALL(AP_ALL_RW), CB_NCNB);
	coarse_table[18] = L2_SMALL(0x31821000, APS_ALL(AP_NONE_PRIV_RW), CB_NCNB);
	coarse_table[19] = 0;

	l1_table[VA_COARSE_NOACC >> 20] = L1_COARSE(coarse_noacc_table, D_NOACC_P);
	coarse_noacc_table[0] = L2_SMALL(0x31900000, APS_ALL(AP_ALL_RW), CB_NCNB);
	coarse_noacc_table[1] = 0;

	/* fine: index = VA[19:10]; tiny page 1 entry, small page 4, large page 64 */
	l1_table[VA_FINE >> 20] = L1_FINE(fine_table, D_FINE);
	for (int k = 0; k < 4; k++)
		fine_table[k] = L2_TINY(0x31a00000 + (3 - k) * 0x400, AP_ALL_RW, CB_NCNB);
	fine_table[4] = L2_TINY(0x31a01000, AP_NONE_PRIV_RW, CB_NCNB);
	fine_table[5] = 0;
	for (int i = 8; i < 12; i++)
		fine_table[i] = L2_SMALL(0x31a10000, APS_ALL(AP_ALL_RW), CB_NCNB);
	for (int i = 64; i < 128; i++)
		fine_table[i] = L2_LARGE(0x31a20000, APS_ALL(AP_ALL_RW), CB_NCNB);
}

static void set_control_bits(uint32_t set, uint32_t clear)
{
	cp15_set_control((cp15_control() & ~clear) | set);
}

static void install_test_code(void)
{
	static const uint32_t ret42[] = { ARM_MOV_R0_IMM(42), ARM_BX_LR };
	static const uint32_t ret43[] = { ARM_MOV_R0_IMM(43), ARM_BX_LR };
	/* last three words of VA_SMALL_PRIV: +ff4 returns 7; +ffc runs into the unmapped page after it */
	static const uint32_t page_end[] = { ARM_MOV_R0_IMM(7), ARM_BX_LR, ARM_MOV_R0_IMM(8) };
	install_code(0x31000100, ret42, 2);
	install_code(0x31200100, ret43, 2);
	install_code(0x31821ff4, page_end, 3);
}

static void check_setup(void)
{
	heading("MMU on: TTB, DACR, control");
	check_true("TTB", (cp15_ttb() & 0xffffc000u) == (uint32_t)l1_table, "bits [31:14] = the 16 KB-aligned table");
	check_eq("DACR", cp15_dacr(), DACR_TEST);
	check_masked("control M C I V set, A S R clear", cp15_control(), CR_M | CR_A | CR_C | CR_I | CR_V | CR_S | CR_R,
		     CR_M | CR_C | CR_I | CR_V);
	cp15_set_far(0x12345678);
	check_eq("FAR is writable", cp15_far(), 0x12345678);
	cp15_set_dfsr(0x000000a6);
	check_masked("DFSR is writable", cp15_dfsr(), 0xff, 0xa6);
}

static void check_translations(void)
{
	heading("translation: sections, large, small and tiny pages");
	static const uint32_t marked[] = {
		0x31012344, 0x310fff00, 0x31801230, 0x31805678, 0x3180fffc, 0x31830010, 0x31820234, 0x31820ffc,
		0x31a00c20, 0x31a00820, 0x31a00420, 0x31a00020, 0x31a10888, 0x31a10c04, 0x31a2abc0, 0x31a2fffc,
	};
	for (unsigned i = 0; i < sizeof marked / sizeof marked[0]; i++)
		mark(marked[i]);
	expect_read("section", &LDR, VA_SECT_RW + 0x12344, 0x31012344);
	expect_read("section, last megabyte word", &LDR, VA_SECT_RW + 0xfff00, 0x310fff00);
	expect_read("large page (coarse), sub-page 0", &LDR, VA_LARGE + 0x1230, 0x31801230);
	expect_read("large page (coarse), sub-page 1", &LDR, VA_LARGE + 0x5678, 0x31805678);
	expect_read("small page (coarse)", &LDR, VA_SMALL_RW + 0x234, 0x31820234);
	expect_read("small page (coarse), last word", &LDR, VA_SMALL_RW + 0xffc, 0x31820ffc);
	expect_read("small page with sub-pages, sub-page 0", &LDR, VA_SMALL_SUB + 0x10, 0x31830010);
	expect_read("tiny page 0 (fine) -> 4th KB", &LDR, VA_TINY + 0x020, 0x31a00c20);
	expect_read("tiny page 1 (fine) -> 3rd KB", &LDR, VA_TINY + 0x420, 0x31a00820);
	expect_read("tiny page 2 (fine) -> 2nd KB", &LDR, VA_TINY + 0x820, 0x31a00420);
	expect_read("tiny page 3 (fine) -> 1st KB", &LDR, VA_TINY + 0xc20, 0x31a00020);
	expect_read("small page (fine), 2nd KB", &LDR, VA_FINE_SMALL + 0x888, 0x31a10888);
	expect_read("small page (fine), 4th KB", &LDR, VA_FINE_SMALL + 0xc04, 0x31a10c04);
	expect_read("large page (fine)", &LDR, VA_FINE_LARGE + 0xabc0, 0x31a2abc0);
	expect_read("large page (fine), last word", &LDR, VA_FINE_LARGE + 0xfffc, 0x31a2fffc);
	expect_no_abort("store through a section", &STR, VA_SECT_RW + 0x2000, 0xc0ffee01);
	check_eq("  ... reached physical 0x31002000", peek(0x31002000), 0xc0ffee01);
	expect_no_abort("store through a tiny page", &STR, VA_TINY + 0x404, 0xc0ffee02);
	check_eq("  ... reached physical 0x31a00804", peek(0x31a00804), 0xc0ffee02);
	expect_no_abort("halfword store through a large page", &STRH, VA_FINE_LARGE + 0x1002, 0xbeef);
	check_eq("  ... reached physical 0x31a21000 [31:16]", peek(0x31a21000) >> 16, 0xbeef);
}

static void check_translation_faults(void)
{
	heading("translation faults");
	expect_data_abort("NULL pointer, section", &LDR, 0x00000000, 0, FS_TRANSLATION_SECT, 0, 0x00000000);
	expect_data_abort("section", &LDR, VA_UNMAPPED + 0x124, 0, FS_TRANSLATION_SECT, 0, VA_UNMAPPED + 0x124);
	expect_data_abort("section", &STR, VA_UNMAPPED + 0xabcd8, 1, FS_TRANSLATION_SECT, 0, VA_UNMAPPED + 0xabcd8);
	expect_data_abort("section", &LDRB, VA_UNMAPPED + 0x3, 0, FS_TRANSLATION_SECT, 0, VA_UNMAPPED + 0x3);
	expect_data_abort("page (coarse), domain from L1", &LDR, VA_SMALL_HOLE + 0x8, 0, FS_TRANSLATION_PAGE, D_COARSE,
			  VA_SMALL_HOLE + 0x8);
	expect_data_abort("page (fine), domain from L1", &STRB, VA_TINY_HOLE + 0x3ff, 0x5a, FS_TRANSLATION_PAGE, D_FINE,
			  VA_TINY_HOLE + 0x3ff);
	expect_data_abort("page (coarse), User mode", &USR_LDR, VA_SMALL_HOLE, 0, FS_TRANSLATION_PAGE, D_COARSE,
			  VA_SMALL_HOLE);
}

static void check_domain_faults(void)
{
	heading("domain faults (DACR)");
	expect_data_abort("section, no access", &LDR, VA_SECT_NOACC + 0x10, 0, FS_DOMAIN_SECT, D_NOACC, VA_SECT_NOACC + 0x10);
	expect_data_abort("section, no access", &STR, VA_SECT_NOACC + 0x14, 1, FS_DOMAIN_SECT, D_NOACC, VA_SECT_NOACC + 0x14);
	expect_data_abort("section, reserved (b10) = no access", &LDR, VA_SECT_RESV + 0x20, 0, FS_DOMAIN_SECT, D_RESV,
			  VA_SECT_RESV + 0x20);
	expect_data_abort("page, no access", &LDR, VA_COARSE_NOACC + 0x10, 0, FS_DOMAIN_PAGE, D_NOACC_P,
			  VA_COARSE_NOACC + 0x10);
	expect_data_abort("page, no access, User mode", &USR_STR, VA_COARSE_NOACC + 0x18, 2, FS_DOMAIN_PAGE, D_NOACC_P,
			  VA_COARSE_NOACC + 0x18);

	heading("DACR is checked on every access: no TLB flush needed");
	expect_read("domain 1 client", &LDR, VA_SECT_RW + 0x12344, 0x31012344);
	cp15_set_dacr((DACR_TEST & ~DACR_FIELD(D_SECT, 3)) | DACR_FIELD(D_SECT, DOMAIN_NONE));
	expect_data_abort("domain 1 -> no access", &LDR, VA_SECT_RW + 0x12344, 0, FS_DOMAIN_SECT, D_SECT, VA_SECT_RW + 0x12344);
	cp15_set_dacr((DACR_TEST & ~DACR_FIELD(D_SECT, 3)) | DACR_FIELD(D_SECT, DOMAIN_RESERVED));
	expect_data_abort("domain 1 -> reserved", &LDR, VA_SECT_RW + 0x12344, 0, FS_DOMAIN_SECT, D_SECT, VA_SECT_RW + 0x12344);
	cp15_set_dacr((DACR_TEST & ~DACR_FIELD(D_SECT, 3)) | DACR_FIELD(D_SECT, DOMAIN_MANAGER));
	expect_no_abort("domain 1 -> manager: AP=01 from User", &LDRT, VA_SECT_PRIV, 0);
	expect_no_abort("domain 1 -> manager: AP=10 User write", &STRT, VA_SECT_URO + 0x40, 7);
	expect_no_abort("domain 1 -> manager: AP=00, S=R=0", &LDR, VA_SECT_SR, 0);
	cp15_set_dacr(DACR_TEST);
	expect_data_abort("domain 1 -> client again", &LDRT, VA_SECT_PRIV, 0, FS_PERMISSION_SECT, D_SECT, VA_SECT_PRIV);
}

static void check_permission_faults(void)
{
	heading("permission faults: sections");
	expect_no_abort("AP=11, User read", &LDRT, VA_SECT_RW + 0x100, 0);
	expect_no_abort("AP=11, User write", &STRT, VA_SECT_RW + 0x3000, 1);
	expect_no_abort("AP=01, privileged write", &STR, VA_SECT_PRIV + 0x40, 2);
	expect_data_abort("AP=01, User read", &LDRT, VA_SECT_PRIV + 0x40, 0, FS_PERMISSION_SECT, D_SECT, VA_SECT_PRIV + 0x40);
	expect_data_abort("AP=01, User write", &STRT, VA_SECT_PRIV + 0x44, 0, FS_PERMISSION_SECT, D_SECT, VA_SECT_PRIV + 0x44);
	expect_data_abort("AP=01, User-mode LDR", &USR_LDR, VA_SECT_PRIV + 0x48, 0, FS_PERMISSION_SECT, D_SECT,
			  VA_SECT_PRIV + 0x48);
	expect_no_abort("AP=10, privileged write", &STR, VA_SECT_URO + 0x40, 3);
	expect_no_abort("AP=10, User read", &LDRT, VA_SECT_URO + 0x40, 0);
	expect_no_abort("AP=10, User-mode LDR", &USR_LDR, VA_SECT_URO + 0x40, 0);
	expect_data_abort("AP=10, User write", &STRT, VA_SECT_URO + 0x80, 4, FS_PERMISSION_SECT, D_SECT, VA_SECT_URO + 0x80);
	expect_data_abort("AP=10, User-mode STR", &USR_STR, VA_SECT_URO + 0x84, 4, FS_PERMISSION_SECT, D_SECT,
			  VA_SECT_URO + 0x84);
}

static void check_page_permissions(void)
{
	heading("permission faults: pages and sub-pages");
	expect_no_abort("small AP=01, privileged read", &LDR, VA_SMALL_PRIV + 0x10, 0);
	expect_data_abort("small AP=01, User read", &LDRT, VA_SMALL_PRIV + 0x10, 0, FS_PERMISSION_PAGE, D_COARSE,
			  VA_SMALL_PRIV + 0x10);
	expect_no_abort("tiny AP=01, privileged write", &STR, VA_TINY_PRIV + 0x3fc, 5);
	expect_data_abort("tiny AP=01, User write", &STRT, VA_TINY_PRIV + 0x3fc, 5, FS_PERMISSION_PAGE, D_FINE,
			  VA_TINY_PRIV + 0x3fc);

	/* small page, 1 KB sub-pages: AP0=11 AP1=10 AP2=01 AP3=00 */
	expect_no_abort("small sub-page 0 (AP=11), User write", &STRT, VA_SMALL_SUB + 0x004, 6);
	expect_no_abort("small sub-page 1 (AP=10), User read", &LDRT, VA_SMALL_SUB + 0x404, 0);
	expect_data_abort("small sub-page 1 (AP=10), User write", &STRT, VA_SMALL_SUB + 0x404, 6, FS_PERMISSION_PAGE,
			  D_COARSE, VA_SMALL_SUB + 0x404);
	expect_no_abort("small sub-page 2 (AP=01), privileged write", &STR, VA_SMALL_SUB + 0x804, 6);
	expect_data_abort("small sub-page 2 (AP=01), User read", &LDRT, VA_SMALL_SUB + 0x804, 0, FS_PERMISSION_PAGE,
			  D_COARSE, VA_SMALL_SUB + 0x804);
	expect_data_abort("small sub-page 3 (AP=00, S=R=0), privileged read", &LDR, VA_SMALL_SUB + 0xc04, 0,
			  FS_PERMISSION_PAGE, D_COARSE, VA_SMALL_SUB + 0xc04);
	expect_no_abort("small sub-page 0 again (same TLB entry)", &LDRT, VA_SMALL_SUB + 0x3fc, 0);
	/* FAR of a multi-word transfer: the first word that aborted */
	expect_data_abort("LDM from sub-page 2 into sub-page 3: FAR = 2nd word", &LDM, VA_SMALL_SUB + 0xbfc, 0,
			  FS_PERMISSION_PAGE, D_COARSE, VA_SMALL_SUB + 0xc00);

	/* large page, 16 KB sub-pages: AP0=11 AP1=10 AP2=01 AP3=00 */
	expect_no_abort("large sub-page 0 (AP=11), User write", &STRT, VA_LARGE + 0x3ffc, 6);
	expect_data_abort("large sub-page 1 (AP=10), User write", &STRT, VA_LARGE + 0x4000, 6, FS_PERMISSION_PAGE,
			  D_COARSE, VA_LARGE + 0x4000);
	expect_no_abort("large sub-page 1 (AP=10), User read", &LDRT, VA_LARGE + 0x7ffc, 0);
	expect_data_abort("large sub-page 2 (AP=01), User read", &LDRT, VA_LARGE + 0x8000, 0, FS_PERMISSION_PAGE,
			  D_COARSE, VA_LARGE + 0x8000);
	expect_no_abort("large sub-page 2 (AP=01), privileged write", &STR, VA_LARGE + 0xbffc, 6);
	expect_data_abort("large sub-page 3 (AP=00, S=R=0), privileged write", &STR, VA_LARGE + 0xc000, 6,
			  FS_PERMISSION_PAGE, D_COARSE, VA_LARGE + 0xc000);
}

static void check_s_r_bits(void)
{
	heading("AP=00: the S and R bits (changed without a TLB flush)");
	expect_data_abort("S=0 R=0: privileged read", &LDR, VA_SECT_SR + 0x10, 0, FS_PERMISSION_SECT, D_SECT, VA_SECT_SR + 0x10);
	expect_data_abort("S=0 R=0: User read", &LDRT, VA_SECT_SR + 0x10, 0, FS_PERMISSION_SECT, D_SECT, VA_SECT_SR + 0x10);

	set_control_bits(CR_S, CR_R);
	expect_no_abort("S=1 R=0: privileged read", &LDR, VA_SECT_SR + 0x10, 0);
	expect_data_abort("S=1 R=0: privileged write", &STR, VA_SECT_SR + 0x10, 0, FS_PERMISSION_SECT, D_SECT, VA_SECT_SR + 0x10);
	expect_data_abort("S=1 R=0: User read", &LDRT, VA_SECT_SR + 0x10, 0, FS_PERMISSION_SECT, D_SECT, VA_SECT_SR + 0x10);
	expect_no_abort("S=1 R=0: small sub-page 3, privileged read", &LDR, VA_SMALL_SUB + 0xc04, 0);
	expect_data_abort("S=1 R=0: small sub-page 3, User read", &LDRT, VA_SMALL_SUB + 0xc04, 0, FS_PERMISSION_PAGE,
			  D_COARSE, VA_SMALL_SUB + 0xc04);

	set_control_bits(CR_R, CR_S);
	expect_no_abort("S=0 R=1: privileged read", &LDR, VA_SECT_SR + 0x10, 0);
	expect_no_abort("S=0 R=1: User read", &LDRT, VA_SECT_SR + 0x10, 0);
	expect_no_abort("S=0 R=1: User-mode LDR", &USR_LDR, VA_SECT_SR + 0x10, 0);
	expect_data_abort("S=0 R=1: privileged write", &STR, VA_SECT_SR + 0x10, 0, FS_PERMISSION_SECT, D_SECT, VA_SECT_SR + 0x10);
	expect_data_abort("S=0 R=1: User write", &STRT, VA_SECT_SR + 0x10, 0, FS_PERMISSION_SECT, D_SECT, VA_SECT_SR + 0x10);
	expect_no_abort("S=0 R=1: large sub-page 3, User read", &LDRT, VA_LARGE + 0xc000, 0);

	set_control_bits(0, CR_S | CR_R);
	expect_data_abort("S=0 R=0 again: privileged read", &LDR, VA_SECT_SR + 0x10, 0, FS_PERMISSION_SECT, D_SECT,
			  VA_SECT_SR + 0x10);

	heading("manager domain: AP not checked");
	expect_no_abort("AP=00 S=R=0, privileged read", &LDR, VA_SECT_MANAGER + 0x10, 0);
	expect_no_abort("AP=00 S=R=0, privileged write", &STR, VA_SECT_MANAGER + 0x10, 8);
	expect_no_abort("AP=00 S=R=0, User read", &LDRT, VA_SECT_MANAGER + 0x10, 0);
	expect_no_abort("AP=00 S=R=0, User write", &STRT, VA_SECT_MANAGER + 0x14, 9);
	expect_no_abort("AP=00 S=R=0, User-mode STR", &USR_STR, VA_SECT_MANAGER + 0x18, 10);
	check_eq("  ... reached physical 0x31600018", peek(0x31600018), 10);
}

static void check_alignment(void)
{
	heading("alignment faults (A=1) and their priority");
	poke(0x31000000, 0x44332211);
	set_control_bits(CR_A, 0);
	expect_data_abort("word at +1", &LDR, VA_SECT_RW + 1, 0, FS_ALIGNMENT, 0, VA_SECT_RW + 1);
	expect_data_abort("word at +2", &LDR, VA_SECT_RW + 2, 0, FS_ALIGNMENT, 0, VA_SECT_RW + 2);
	expect_data_abort("word at +3", &STR, VA_SECT_RW + 3, 0, FS_ALIGNMENT, 0, VA_SECT_RW + 3);
	expect_data_abort("halfword at +1", &LDRH, VA_SECT_RW + 1, 0, FS_ALIGNMENT, 0, VA_SECT_RW + 1);
	expect_data_abort("halfword at +3", &STRH, VA_SECT_RW + 3, 0, FS_ALIGNMENT, 0, VA_SECT_RW + 3);
	expect_data_abort("LDM at +2", &LDM, VA_SECT_RW + 2, 0, FS_ALIGNMENT, 0, VA_SECT_RW + 2);
	expect_data_abort("SWP at +1", &SWP, VA_SECT_RW + 1, 0, FS_ALIGNMENT, 0, VA_SECT_RW + 1);
	expect_data_abort("LDRT at +2", &LDRT, VA_SECT_RW + 2, 0, FS_ALIGNMENT, 0, VA_SECT_RW + 2);
	expect_read("byte at +3: never an alignment fault", &LDRB, VA_SECT_RW + 3, 0x44);
	expect_read("halfword at +2: aligned", &LDRH, VA_SECT_RW + 2, 0x4433);
	expect_data_abort("before translation (unmapped)", &LDR, VA_UNMAPPED + 1, 0, FS_ALIGNMENT, 0, VA_UNMAPPED + 1);
	expect_data_abort("before translation (page hole)", &LDRH, VA_SMALL_HOLE + 1, 0, FS_ALIGNMENT, 0, VA_SMALL_HOLE + 1);
	expect_data_abort("before domain (no access)", &LDR, VA_SECT_NOACC + 2, 0, FS_ALIGNMENT, 0, VA_SECT_NOACC + 2);
	expect_data_abort("before permission (AP=01, User)", &LDRT, VA_SECT_PRIV + 3, 0, FS_ALIGNMENT, 0, VA_SECT_PRIV + 3);
	expect_data_abort("in User mode", &USR_LDR, VA_SECT_RW + 1, 0, FS_ALIGNMENT, 0, VA_SECT_RW + 1);
	set_control_bits(0, CR_A);
	/* ARMv4: an unaligned LDR loads the aligned word rotated right by 8 x address[1:0] [ARM] */
	expect_read("A=0: word at +1 = aligned word ROR 8", &LDR, VA_SECT_RW + 1, 0x11443322);
	expect_read("A=0: word at +2 = aligned word ROR 16", &LDR, VA_SECT_RW + 2, 0x22114433);
	expect_read("A=0: word at +3 = aligned word ROR 24", &LDR, VA_SECT_RW + 3, 0x33221144);

	heading("fault priority: translation > domain > permission");
	expect_data_abort("page hole in a no-access domain: translation", &LDR, VA_COARSE_NOACC + 0x1004, 0,
			  FS_TRANSLATION_PAGE, D_NOACC_P, VA_COARSE_NOACC + 0x1004);
	expect_data_abort("AP=01 in a no-access domain, User: domain", &LDRT, VA_SECT_NOACC + 0x40, 0, FS_DOMAIN_SECT,
			  D_NOACC, VA_SECT_NOACC + 0x40);
}

static void check_abort_model(void)
{
	heading("base-restored abort model: write-back does not happen");
	uint32_t base = expect_data_abort("LDR r1, [r0, #4]!", &LDR_WB, VA_UNMAPPED, 0, FS_TRANSLATION_SECT, 0,
					  VA_UNMAPPED + 4);
	check_eq("  ... r0 after the abort", base, VA_UNMAPPED);
	base = expect_data_abort("LDMIA r0!, {r2, r3}", &LDM_WB, VA_SMALL_HOLE - 4, 0, FS_TRANSLATION_PAGE, D_COARSE,
				 VA_SMALL_HOLE);
	check_eq("  ... r0 after the abort", base, VA_SMALL_HOLE - 4);
	base = expect_no_abort("LDR r1, [r0, #4]! without abort", &LDR_WB, VA_SECT_RW, 0);
	check_eq("  ... r0 written back", base, VA_SECT_RW + 4);
}

static void check_prefetch_aborts(void)
{
	heading("prefetch aborts: IFSR, FAR not updated");
	expect_exec("code in a section", VA_SECT_RW + 0x100, 0, 42);
	expect_exec("code in an AP=10 section, User mode", VA_SECT_URO + 0x100, 1, 43);
	expect_prefetch_abort("translation, section", VA_UNMAPPED + 0x40, 0, VA_UNMAPPED + 0x40, FS_TRANSLATION_SECT, 0);
	expect_prefetch_abort("translation, page", VA_SMALL_HOLE, 0, VA_SMALL_HOLE, FS_TRANSLATION_PAGE, D_COARSE);
	expect_prefetch_abort("domain, section", VA_SECT_NOACC + 0x100, 0, VA_SECT_NOACC + 0x100, FS_DOMAIN_SECT, D_NOACC);
	expect_prefetch_abort("domain, page", VA_COARSE_NOACC, 0, VA_COARSE_NOACC, FS_DOMAIN_PAGE, D_NOACC_P);
	expect_prefetch_abort("permission, section (AP=01, User)", VA_SECT_PRIV + 0x100, 1, VA_SECT_PRIV + 0x100,
			      FS_PERMISSION_SECT, D_SECT);
	expect_prefetch_abort("permission, page (AP=01, User)", VA_SMALL_PRIV + 0xff4, 1, VA_SMALL_PRIV + 0xff4,
			      FS_PERMISSION_PAGE, D_COARSE);
	expect_exec("last words of a page before a hole: no abort", VA_SMALL_PRIV + 0xff4, 0, 7);
	expect_prefetch_abort("running off the page into the hole", VA_SMALL_PRIV + 0xffc, 0, VA_SMALL_HOLE,
			      FS_TRANSLATION_PAGE, D_COARSE);
}

static void check_user_cp15(void)
{
	heading("CP15 in User mode: undefined instruction");
	expect_undefined("User MRC p15 c0", (uint32_t)probe_mrc_id, 1);
	expect_undefined("User MCR p15 c1 (turn the MMU off)", (uint32_t)probe_mcr_control, 1);
	check_masked("  ... MMU still on", cp15_control(), CR_M, CR_M);
	expect_exec("privileged MRC p15 c0", (uint32_t)probe_mrc_id, 0, ARM920T_MAIN_ID);
}

int main(void)
{
	setup_mode_stacks();
	heading("mmu-faults: ARM920T MMU faults against the TRM");
	build_tables();
	mmu_install_vectors();
	install_test_code();
	mmu_enable(DACR_TEST, cp15_control() | CR_M | CR_C | CR_I | CR_V);
	check_setup();
	check_translations();
	check_translation_faults();
	check_domain_faults();
	check_permission_faults();
	check_page_permissions();
	check_s_r_bits();
	check_alignment();
	check_abort_model();
	check_prefetch_aborts();
	check_user_cp15();
	return report_finish("mmu-faults");
}
