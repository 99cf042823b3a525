/*
 * mmu-fcse: the ARM920T Fast Context Switch Extension against the TRM (CP15 register 13, "Using the
 * process identifier" / "Changing the ProcID"; see ../mmu-common/arm920t.h):
 *   - a VA below 32 MB becomes MVA = VA + PID x 32 MB; a VA at or above 32 MB is not changed;
 *   - caches and TLBs see only MVAs, so two "processes" linked at the same VA but living in different
 *     32 MB slots switch by writing the PID, with no cache or TLB maintenance;
 *   - FAR holds the MVA; the abort lr holds the VA (it is the core's PC);
 *   - TLB and cache operations by address take an MVA (the PID is not applied to their operand);
 *   - the two instructions after the MCR that writes the PID were fetched with the old PID.
 * Domains give the processes FASS-style isolation: each runs with the other's domain set to no access.
 *
 * Process A: PID 1, slot 0x02000000, domain 1.  Process B: PID 2, slot 0x04000000, domain 2.
 * Prints one line per check; exit status = number of failed checks.
 */
#include "mmu-test.h"

#define PID(n) ((uint32_t)(n) << 25)
#define D_A 1
#define D_B 2
#define DACR_BOTH (DACR_FIELD(0, DOMAIN_CLIENT) | DACR_FIELD(D_A, DOMAIN_CLIENT) | DACR_FIELD(D_B, DOMAIN_CLIENT))
#define DACR_RUN_A (DACR_FIELD(0, DOMAIN_CLIENT) | DACR_FIELD(D_A, DOMAIN_CLIENT))
#define DACR_RUN_B (DACR_FIELD(0, DOMAIN_CLIENT) | DACR_FIELD(D_B, DOMAIN_CLIENT))

/* Physical memory behind each slot */
#define PA_A       0x31000000u /* A: VA 0x00000000 (MVA 0x02000000), 1 MB section, write-back */
#define PA_A_PAGE  0x31200000u /* A: VA 0x00100000 (MVA 0x02100000), small page in a coarse table */
#define PA_A_TOP   0x31300000u /* A: VA 0x01f00000 (MVA 0x03f00000), the slot's last megabyte */
#define PA_B       0x31100000u /* B: VA 0x00000000 (MVA 0x04000000), 1 MB section, write-back */
#define PA_127     0x31400000u /* PID 127: VA 0 (MVA 0xfe000000) */
#define PA_ALT     0x31500000u /* a second home for A's first megabyte (TLB test) */

static uint32_t coarse_a[256] __attribute__((aligned(1024)));

/* PID switch probe: fcse_switch.S */
void fcse_switch_probe(uint32_t target, uint32_t new_pid, uint32_t *out);

static void build_tables(void)
{
	mmu_build_base_map(CB_WB);
	l1_table[(PID(1) | 0x00000000) >> 20] = L1_SECTION(PA_A, AP_ALL_RW, D_A, CB_WB);
	l1_table[(PID(1) | 0x00100000) >> 20] = L1_COARSE(coarse_a, D_A);
	coarse_a[0] = L2_SMALL(PA_A_PAGE, APS_ALL(AP_ALL_RW), CB_WB);
	l1_table[(PID(1) | 0x01f00000) >> 20] = L1_SECTION(PA_A_TOP, AP_ALL_RW, D_A, CB_WB);
	l1_table[(PID(2) | 0x00000000) >> 20] = L1_SECTION(PA_B, AP_ALL_RW, D_B, CB_WB);
	l1_table[(PID(127) | 0x00000000) >> 20] = L1_SECTION(PA_127, AP_ALL_RW, 0, CB_WB);
}

static void install_processes(void)
{
	static const uint32_t ret_a[] = { ARM_MOV_R0_IMM(0xa1), ARM_BX_LR };
	static const uint32_t ret_b[] = { ARM_MOV_R0_IMM(0xb2), ARM_BX_LR };
	/* At VA 0x200 in both slots: A writes the PID (r0) then sets r1-r3; B sets them to other values. */
	static const uint32_t switch_a[] = { 0xee0d0f10 /* mcr p15, 0, r0, c13, c0, 0 */, ARM_MOV_RN_IMM(1, 0xa1),
					     ARM_MOV_RN_IMM(2, 0xa2), ARM_MOV_RN_IMM(3, 0xa3), ARM_BX_LR };
	static const uint32_t switch_b[] = { 0xee0d0f10, ARM_MOV_RN_IMM(1, 0xb1), ARM_MOV_RN_IMM(2, 0xb2),
					     ARM_MOV_RN_IMM(3, 0xb3), ARM_BX_LR };
	install_code(PA_A + 0x100, ret_a, 2);
	install_code(PA_B + 0x100, ret_b, 2);
	install_code(PA_A + 0x200, switch_a, 5);
	install_code(PA_B + 0x200, switch_b, 5);
	static const uint32_t marked[] = { PA_A + 0x10, PA_A_PAGE + 0x20, PA_A_TOP + 0xffffc, PA_B + 0x10, PA_127 + 0x10,
					   PA_ALT + 0x10, VECTOR_MB_PA + 0xffffc };
	for (unsigned i = 0; i < sizeof marked / sizeof marked[0]; i++)
		poke(marked[i], marked[i]);
}

static void set_pid(uint32_t pid)
{
	cp15_set_fcse_pid(pid);
}

static void check_pid_register(void)
{
	heading("c13 FCSE PID register");
	check_masked("PID after reset", cp15_fcse_pid(), 0xfe000000u, 0);
	set_pid(PID(1));
	check_masked("write PID 1", cp15_fcse_pid(), 0xfe000000u, PID(1));
	set_pid(PID(127));
	check_masked("write PID 127", cp15_fcse_pid(), 0xfe000000u, PID(127));
	set_pid(0);
}

static void check_relocation(void)
{
	heading("relocation: MVA = VA + PID x 32 MB below 32 MB only");
	set_pid(0);
	expect_data_abort("PID 0: VA 0x10 is MVA 0x10 (unmapped)", &LDR, 0x10, 0, FS_TRANSLATION_SECT, 0, 0x10);
	set_pid(PID(1));
	expect_read("PID 1: VA 0x10 -> MVA 0x02000010", &LDR, 0x10, PA_A + 0x10);
	expect_read("PID 1: small page, VA 0x00100020 -> MVA 0x02100020", &LDR, 0x00100020, PA_A_PAGE + 0x20);
	expect_read("PID 1: last word below 32 MB -> MVA 0x03fffffc", &LDR, 0x01fffffc, PA_A_TOP + 0xffffc);
	expect_data_abort("PID 1: FAR holds the MVA", &LDR, 0x00300008, 0, FS_TRANSLATION_SECT, 0, PID(1) | 0x00300008);
	expect_read("PID 1: VA 0x02000010 (>= 32 MB) is not relocated", &LDR, PID(1) | 0x10, PA_A + 0x10);
	expect_read("PID 1: B's memory by its MVA", &LDR, PID(2) | 0x10, PA_B + 0x10);
	set_pid(PID(2));
	expect_read("PID 2: VA 0x10 -> MVA 0x04000010 (no TLB flush)", &LDR, 0x10, PA_B + 0x10);
	expect_read("PID 2: A's memory by its MVA", &LDR, PID(1) | 0x10, PA_A + 0x10);
	expect_data_abort("PID 2: VA 0x00100020 -> MVA 0x04100020 (unmapped)", &LDR, 0x00100020, 0, FS_TRANSLATION_SECT, 0,
			  PID(2) | 0x00100020);
	set_pid(PID(1));
	expect_read("PID 1 again: VA 0x10 (no TLB flush)", &LDR, 0x10, PA_A + 0x10);
	set_pid(PID(127));
	expect_read("PID 127: VA 0x10 -> MVA 0xfe000010", &LDR, 0x10, PA_127 + 0x10);
	expect_read("PID 127: VA 0x01fffffc -> MVA 0xfffffffc (vector megabyte)", &LDR, 0x01fffffc, VECTOR_MB_PA + 0xffffc);
	set_pid(PID(2));
	expect_no_abort("PID 2: store to VA 0x44", &STR, 0x44, 0xb0b0b0b0);
	dcache_clean_mva(PID(2) | 0x44); /* cache operations take the MVA */
	drain_write_buffer();
	check_eq("  ... landed in B's memory (physical)", peek(PA_B + 0x44), 0xb0b0b0b0);
	check_true("  ... and not in A's", peek(PA_A + 0x44) != 0xb0b0b0b0, 0);
	set_pid(0);
}

static void check_processes(void)
{
	heading("two processes at the same VA: the PID selects the code");
	set_pid(PID(1));
	expect_exec("PID 1: code at VA 0x100", 0x100, 0, 0xa1);
	set_pid(PID(2));
	expect_exec("PID 2: code at VA 0x100 (no cache or TLB maintenance)", 0x100, 0, 0xb2);
	set_pid(PID(1));
	expect_exec("PID 1: code at VA 0x100 again", 0x100, 0, 0xa1);
	expect_exec("PID 1: code at VA 0x100, User mode", 0x100, 1, 0xa1);
	set_pid(PID(2));
	expect_exec("PID 2: code at VA 0x100, User mode", 0x100, 1, 0xb2);
	set_pid(PID(1));
	expect_prefetch_abort("PID 1: unmapped VA 0x00300000: lr holds the VA", 0x00300000, 0, 0x00300000, FS_TRANSLATION_SECT, 0);

	heading("FASS isolation: the other process's domain is no access");
	set_pid(PID(1));
	cp15_set_dacr(DACR_RUN_A);
	expect_read("A running: own memory", &USR_LDR, 0x10, PA_A + 0x10);
	expect_data_abort("A running: B's memory by MVA", &USR_LDR, PID(2) | 0x10, 0, FS_DOMAIN_SECT, D_B, PID(2) | 0x10);
	expect_prefetch_abort("A running: B's code by MVA", PID(2) | 0x100, 1, PID(2) | 0x100, FS_DOMAIN_SECT, D_B);
	set_pid(PID(2));
	cp15_set_dacr(DACR_RUN_B);
	expect_read("B running: own memory", &USR_LDR, 0x10, PA_B + 0x10);
	expect_data_abort("B running: A's memory by MVA", &USR_STR, PID(1) | 0x14, 0, FS_DOMAIN_SECT, D_A, PID(1) | 0x14);
	cp15_set_dacr(DACR_BOTH);
	set_pid(0);
}

static void check_maintenance_by_mva(void)
{
	heading("TLB operations take an MVA");
	set_pid(PID(1));
	expect_read("A's VA 0x10 (TLB entry for MVA 0x02000000)", &LDR, 0x10, PA_A + 0x10);
	/* Move A's first megabyte; the old translation stays in the D-TLB until that MVA is invalidated. */
	pt_write(&l1_table[PID(1) >> 20], L1_SECTION(PA_ALT, AP_ALL_RW, D_A, CB_NCNB));
	dtlb_invalidate_mva(0x10);
	expect_read("invalidate by the VA: the stale entry is still used", &LDR, 0x10, PA_A + 0x10);
	dtlb_invalidate_mva(PID(1) | 0x10);
	expect_read("invalidate by the MVA: the new mapping", &LDR, 0x10, PA_ALT + 0x10);
	l1_set(PID(1), L1_SECTION(PA_A, AP_ALL_RW, D_A, CB_WB));
	expect_read("mapping restored", &LDR, 0x10, PA_A + 0x10);

	/* D-cache clean by VA vs by MVA (what they write back is observable only in cycle mode: the
	 * harness watches probe_phase and checks the write-back counts). */
	set_pid(PID(2));
	dcache_clean_invalidate_all();
	(void)peek(0x80);          /* allocate the line (the D-cache allocates on reads only) */
	poke(0x80, 0x12345678);    /* dirty its first half */
	mark_phase(1);
	dcache_clean_mva(0x80);                /* the VA: no line has that MVA */
	mark_phase(2);
	dcache_clean_mva(PID(2) | 0x80);       /* the MVA: one dirty half line written back */
	mark_phase(3);
	drain_write_buffer();
	check_eq("store through B's cached VA 0x80 reached memory", peek(PA_B + 0x80), 0x12345678);
	set_pid(0);
}

static void check_pid_pipeline(void)
{
	heading("changing the PID: the next two instructions were fetched with the old PID");
	/* TRM, "Changing the ProcID": after MCR p15, 0, rd, c13, c0, 0, the following A1 and A2 were fetched with
	 * the old PID and A3 with the new one. The code at VA 0x200 is in the relocated range: A's copy sets
	 * r1-r3 to a1 a2 a3, B's copy to b1 b2 b3. Switching from PID 1 to PID 2 there must give a1 a2 b3. */
	uint32_t regs[3] = { 0, 0, 0 };
	set_pid(PID(1));
	fcse_switch_probe(0x200, PID(2), regs);
	uint32_t packed = (regs[0] << 16) | (regs[1] << 8) | regs[2];
	check_eq("r1 r2 r3 after switching PID 1 -> 2 at VA 0x200", packed, 0xa1a2b3);
	check_masked("  ... PID is now 2", cp15_fcse_pid(), 0xfe000000u, PID(2));
	set_pid(0);
}

int main(void)
{
	setup_mode_stacks();
	heading("mmu-fcse: ARM920T FCSE against the TRM");
	build_tables();
	mmu_install_vectors();
	install_processes();
	mmu_enable(DACR_BOTH, cp15_control() | CR_M | CR_C | CR_I | CR_V);
	check_pid_register();
	check_relocation();
	check_processes();
	check_maintenance_by_mva();
	check_pid_pipeline();
	return report_finish("mmu-fcse");
}
