#include "mmu-test.h"

volatile struct fault_record fault_record;
volatile uint32_t probe_phase;
uint32_t l1_table[4096] __attribute__((aligned(16384)));

static uint32_t checks;
static uint32_t failures;

const struct access LDR = { probe_ldr, "LDR", 0 };
const struct access STR = { probe_str, "STR", 0 };
const struct access LDRH = { probe_ldrh, "LDRH", 0 };
const struct access STRH = { probe_strh, "STRH", 0 };
const struct access LDRB = { probe_ldrb, "LDRB", 0 };
const struct access STRB = { probe_strb, "STRB", 0 };
const struct access LDRT = { probe_ldrt, "LDRT", 0 };
const struct access STRT = { probe_strt, "STRT", 0 };
const struct access SWP = { probe_swp, "SWP", 0 };
const struct access LDM = { probe_ldm, "LDM", 0 };
const struct access STM = { probe_stm, "STM", 0 };
const struct access LDR_WB = { probe_ldr_wb, "LDR!", 0 };
const struct access LDM_WB = { probe_ldm_wb, "LDM!", 0 };
const struct access USR_LDR = { probe_ldr, "usr LDR", 1 };
const struct access USR_STR = { probe_str, "usr STR", 1 };

void fault_clear(void)
{
	fault_record.count = 0;
	fault_record.kind = KIND_NONE;
}

void mark_phase(uint32_t phase)
{
	probe_phase = phase;
}

/* ---- printing ------------------------------------------------------------------------------------ */

void put(const char *s)
{
	sh_puts(s);
}

void put_hex(uint32_t value, int digits)
{
	char text[9];
	if (digits < 1 || digits > 8)
		digits = 8;
	for (int i = digits - 1; i >= 0; i--) {
		text[i] = "0123456789abcdef"[value & 0xf];
		value >>= 4;
	}
	text[digits] = 0;
	sh_puts(text);
}

void put_dec(uint32_t value)
{
	sh_put_udec(value);
}

void heading(const char *title)
{
	put("== ");
	put(title);
	put("\n");
}

static void result(int ok, const char *what)
{
	checks++;
	if (!ok)
		failures++;
	put(ok ? "ok   " : "FAIL ");
	put(what);
}

int check_eq(const char *what, uint32_t got, uint32_t want)
{
	int ok = got == want;
	result(ok, what);
	put(": ");
	put_hex(got, 8);
	if (!ok) {
		put(", expected ");
		put_hex(want, 8);
	}
	put("\n");
	return ok;
}

int check_masked(const char *what, uint32_t got, uint32_t mask, uint32_t want)
{
	int ok = (got & mask) == want;
	result(ok, what);
	put(": ");
	put_hex(got & mask, 8);
	if (!ok) {
		put(", expected ");
		put_hex(want, 8);
	}
	put(" (mask ");
	put_hex(mask, 8);
	put(")\n");
	return ok;
}

int check_true(const char *what, int ok, const char *detail)
{
	result(ok, what);
	if (detail) {
		put(": ");
		put(detail);
	}
	put("\n");
	return ok;
}

int report_finish(const char *program)
{
	put(program);
	put(": ");
	put_dec(checks);
	put(" checks, ");
	put_dec(failures);
	put(" failed\n");
	return (int)failures;
}

void unexpected_exception(uint32_t vector, uint32_t lr)
{
	static const char *const names[] = { "reset", "undefined", "SWI", "prefetch abort", "data abort", "reserved", "IRQ", "FIQ" };
	put("FATAL unexpected exception: ");
	put(names[vector & 7]);
	put(", lr ");
	put_hex(lr, 8);
	put(", DFSR ");
	put_hex(cp15_dfsr(), 2);
	put(", IFSR ");
	put_hex(cp15_ifsr(), 2);
	put(", FAR ");
	put_hex(cp15_far(), 8);
	put("\n");
	_exit(100);
}

/* ---- fault checks --------------------------------------------------------------------------------- */

static const char *kind_name(uint32_t kind)
{
	switch (kind) {
	case KIND_DATA:
		return "data abort";
	case KIND_PREFETCH:
		return "prefetch abort";
	case KIND_UNDEFINED:
		return "undefined instruction";
	default:
		return "?";
	}
}

/* What the handlers saw, for failure lines. */
static void put_record(void)
{
	if (fault_record.count == 0) {
		put("no exception");
		return;
	}
	if (fault_record.count > 1) {
		put_dec(fault_record.count);
		put(" exceptions, last ");
	}
	put(kind_name(fault_record.kind));
	put(" (DFSR ");
	put_hex(fault_record.dfsr, 2);
	put(", IFSR ");
	put_hex(fault_record.ifsr, 2);
	put(", FAR ");
	put_hex(fault_record.far, 8);
	put(", lr ");
	put_hex(fault_record.lr, 8);
	put(", SPSR mode ");
	put_hex(fault_record.spsr & 0x1f, 2);
	put(")");
}

static void put_access(const char *what, const struct access *a, uint32_t address)
{
	put(what);
	put(": ");
	put(a->name);
	put(" [");
	put_hex(address, 8);
	put("] -> ");
}

static void put_fault(const char *kind, const char *fsr, uint32_t status, int domain_valid, uint32_t domain)
{
	put(kind);
	put(", ");
	put(fsr);
	put(" status ");
	put_hex(status, 1);
	if (domain_valid) {
		put(" domain ");
		put_hex(domain, 1);
	}
}

/* Code targets inside the program's own megabyte are printed by name, not address (the golden output
 * must not change when the program's code moves). */
static void put_target(int user, uint32_t target)
{
	put(user ? "usr exec [" : "exec [");
	if ((target >> 20) == (IMAGE_MB_VA >> 20))
		put("program code");
	else
		put_hex(target, 8);
	put("] -> ");
}

static uint32_t run_access(const struct access *a, uint32_t address, uint32_t value)
{
	fault_clear();
	if (a->user)
		return run_user((uint32_t)a->fn, address, value);
	return a->fn(address, value);
}

static int status_matches(uint32_t got, uint32_t want)
{
	/* Alignment faults may write either b0001 or b0011 [TRM table 3-9 note]. */
	return want == FS_ALIGNMENT ? (got & 0xd) == 0x1 : got == want;
}

uint32_t expect_data_abort(const char *what, const struct access *a, uint32_t address, uint32_t value,
			   uint32_t status, uint32_t domain, uint32_t far)
{
	uint32_t r = run_access(a, address, value);
	uint32_t got_status = fault_record.dfsr & 0xf;
	uint32_t got_domain = (fault_record.dfsr >> 4) & 0xf;
	int domain_valid = fs_domain_valid(status);
	int ok = fault_record.count == 1 && fault_record.kind == KIND_DATA && status_matches(got_status, status) &&
		 (!domain_valid || got_domain == domain) && fault_record.far == far &&
		 fault_record.lr == (uint32_t)a->fn + 8 && (fault_record.spsr & 0x1f) == (a->user ? MODE_USR : MODE_SVC);
	result(ok, "");
	put_access(what, a, address);
	if (ok) {
		put_fault("data abort", "FSR", got_status, domain_valid, got_domain);
		put(", FAR ");
		put_hex(fault_record.far, 8);
		put(", lr = insn+8");
	} else {
		put_record();
		put("; expected ");
		put_fault("data abort", "FSR", status, domain_valid, domain);
		put(", FAR ");
		put_hex(far, 8);
		put(", lr ");
		put_hex((uint32_t)a->fn + 8, 8);
	}
	put("\n");
	return r;
}

uint32_t expect_no_abort(const char *what, const struct access *a, uint32_t address, uint32_t value)
{
	uint32_t r = run_access(a, address, value);
	int ok = fault_record.count == 0;
	result(ok, "");
	put_access(what, a, address);
	if (ok)
		put("no abort");
	else {
		put_record();
		put("; expected no abort");
	}
	put("\n");
	return r;
}

void expect_read(const char *what, const struct access *a, uint32_t address, uint32_t want)
{
	uint32_t r = run_access(a, address, 0);
	int ok = fault_record.count == 0 && r == want;
	result(ok, "");
	put_access(what, a, address);
	if (fault_record.count != 0) {
		put_record();
		put("; expected to read ");
		put_hex(want, 8);
	} else {
		put("read ");
		put_hex(r, 8);
		if (!ok) {
			put(", expected ");
			put_hex(want, 8);
		}
	}
	put("\n");
}

#define FAR_SENTINEL  0x5a5a1234u
#define DFSR_SENTINEL 0xa6u

void expect_prefetch_abort(const char *what, uint32_t target, int user, uint32_t abort_pc, uint32_t status,
			   uint32_t domain)
{
	cp15_set_far(FAR_SENTINEL);
	cp15_set_dfsr(DFSR_SENTINEL);
	fault_clear();
	uint32_t r = user ? run_user(target, 0, 0) : exec_at(target, 0);
	uint32_t got_status = fault_record.ifsr & 0xf;
	uint32_t got_domain = (fault_record.ifsr >> 4) & 0xf;
	int domain_valid = fs_domain_valid(status);
	int ok = r == GUARD_ABORTED && fault_record.count == 1 && fault_record.kind == KIND_PREFETCH &&
		 got_status == status && (!domain_valid || got_domain == domain) && fault_record.lr == abort_pc + 4 &&
		 fault_record.far == FAR_SENTINEL && (fault_record.dfsr & 0xff) == DFSR_SENTINEL &&
		 (fault_record.spsr & 0x1f) == (user ? MODE_USR : MODE_SVC);
	result(ok, what);
	put(": ");
	put_target(user, target);
	if (ok) {
		put_fault("prefetch abort", "IFSR", got_status, domain_valid, got_domain);
		put(", lr ");
		put_hex(fault_record.lr, 8);
		put(", FAR and DFSR unchanged");
	} else {
		put_record();
		put("; expected ");
		put_fault("prefetch abort", "IFSR", status, domain_valid, domain);
		put(", lr ");
		put_hex(abort_pc + 4, 8);
		put(", FAR ");
		put_hex(FAR_SENTINEL, 8);
		put(", DFSR ");
		put_hex(DFSR_SENTINEL, 2);
	}
	put("\n");
}

void expect_undefined(const char *what, uint32_t fn, int user)
{
	fault_clear();
	if (user)
		run_user(fn, 0, 0);
	else
		exec_at(fn, 0);
	int ok = fault_record.count == 1 && fault_record.kind == KIND_UNDEFINED && fault_record.lr == fn + 4 &&
		 (fault_record.spsr & 0x1f) == (user ? MODE_USR : MODE_SVC);
	result(ok, what);
	put(": ");
	put_target(user, fn);
	if (ok)
		put("undefined instruction, lr = insn+4");
	else {
		put_record();
		put("; expected undefined instruction, lr ");
		put_hex(fn + 4, 8);
	}
	put("\n");
}

void expect_exec(const char *what, uint32_t target, int user, uint32_t want)
{
	fault_clear();
	uint32_t r = user ? run_user(target, 0, 0) : exec_at(target, 0);
	int ok = fault_record.count == 0 && r == want;
	result(ok, what);
	put(": ");
	put_target(user, target);
	if (fault_record.count != 0) {
		put_record();
		put("; expected to return ");
		put_hex(want, 8);
	} else {
		put("returned ");
		put_hex(r, 8);
		if (!ok) {
			put(", expected ");
			put_hex(want, 8);
		}
	}
	put("\n");
}

/* ---- page tables ---------------------------------------------------------------------------------- */

void pt_write(volatile uint32_t *entry, uint32_t value)
{
	*entry = value;
	dcache_clean_mva((uint32_t)entry);
	drain_write_buffer();
}

void l1_set(uint32_t mva, uint32_t descriptor)
{
	pt_write(&l1_table[mva >> 20], descriptor);
	itlb_invalidate_mva(mva);
	dtlb_invalidate_mva(mva);
}

void l2_set(uint32_t *table, uint32_t index, uint32_t count, uint32_t descriptor, uint32_t mva)
{
	for (uint32_t i = 0; i < count; i++)
		pt_write(&table[index + i], descriptor);
	itlb_invalidate_mva(mva);
	dtlb_invalidate_mva(mva);
}

void mmu_build_base_map(uint32_t image_cb)
{
	for (uint32_t i = 0; i < 4096; i++)
		l1_table[i] = 0;
	for (uint32_t mb = 0; mb < RAM_MB; mb++) {
		uint32_t pa = RAM_PA + (mb << 20);
		l1_table[pa >> 20] = pa == IMAGE_MB_VA ? L1_SECTION(pa, AP_ALL_RW, 0, image_cb)
						       : L1_SECTION(pa, AP_NONE_PRIV_RW, 0, CB_NCNB);
	}
	l1_table[VECTOR_VA >> 20] = L1_SECTION(VECTOR_MB_PA, AP_NONE_PRIV_RW, 0, CB_NCNB);
}

void mmu_map_kernel_alias(void)
{
	l1_table[KERNEL_ALIAS_VA >> 20] = L1_SECTION(IMAGE_MB_VA, AP_ALL_RW, 0, CB_WT);
}

void mmu_install_vectors(void)
{
	volatile uint32_t *to = (volatile uint32_t *)VECTOR_PA;
	for (const uint32_t *from = vector_table_start; from < vector_table_end; from++)
		*to++ = *from;
	drain_write_buffer();
	icache_invalidate_all();
}

void dcache_clean_all(void)
{
	for (uint32_t segment = 0; segment < CACHE_SEGMENTS; segment++)
		for (uint32_t index = 0; index < CACHE_INDICES; index++)
			dcache_clean_index(CACHE_INDEX_OP(segment, index));
}

void dcache_clean_invalidate_all(void)
{
	for (uint32_t segment = 0; segment < CACHE_SEGMENTS; segment++)
		for (uint32_t index = 0; index < CACHE_INDICES; index++)
			dcache_clean_invalidate_index(CACHE_INDEX_OP(segment, index));
}

void mmu_enable(uint32_t dacr, uint32_t control)
{
	dcache_clean_invalidate_all();
	drain_write_buffer();
	icache_invalidate_all();
	tlb_invalidate_all();
	cp15_set_ttb((uint32_t)l1_table);
	cp15_set_dacr(dacr);
	cp15_set_control(control);
}

void install_code(uint32_t pa, const uint32_t *words, uint32_t count)
{
	volatile uint32_t *to = (volatile uint32_t *)pa;
	for (uint32_t i = 0; i < count; i++)
		to[i] = words[i];
	drain_write_buffer();
	/* The I-cache is virtually addressed: lines of an earlier mapping of this VA (or another VA of this
	 * PA) must go. Invalidate the whole I-cache: simplest, and what a loader does. */
	icache_invalidate_all();
}
