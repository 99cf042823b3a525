/*
 * Shared support for the ARM920T MMU and cache test programs (mmu-faults, mmu-fcse, cache-maint,
 * cache-timing): memory layout, page-table helpers, the fault record the handlers fill, access probes,
 * and the check/report functions that print one line per check.
 */
#ifndef L4LAB_MMU_TEST_H
#define L4LAB_MMU_TEST_H

#include <stdint.h>
#include "arm920t.h"
#include "semihost.h"

/* ---- memory layout (MBA2440: 64 MB SDRAM at 0x30000000) ------------------------------------------ *
 *   0x30000000  the image (text, data, bss with the page tables, stacks): identity-mapped section
 *   0x30100000- identity-mapped sections, privileged read/write, uncached (used to reach backing memory
 *   0x33ffffff  behind the test mappings and to write code and markers)
 *   0x31000000  backing memory for the test mappings (physical)
 *   0x33f00000  the high-vector megabyte: VA 0xfff00000 -> here, vectors at VA 0xffff0000 -> 0x33ff0000
 */
#define RAM_PA        0x30000000u
#define RAM_MB        64u
#define IMAGE_MB_VA   0x30000000u
#define BACKING_PA    0x31000000u
#define VECTOR_MB_PA  0x33f00000u
#define VECTOR_VA     0xffff0000u
#define VECTOR_PA     (VECTOR_MB_PA + (VECTOR_VA & 0x000fffffu))
/* A second mapping of the image's megabyte, cacheable (write-through), from which the position-independent
 * assembly kernels of cache-maint and cache-timing run: their instruction fetches hit the I-cache while the
 * image itself (C code, stack, data) stays uncached and leaves the D-cache to the buffers under test. */
#define KERNEL_ALIAS_VA 0x3f000000u
#define KERNEL(fn) ((__typeof__(&(fn)))((uint32_t)&(fn) - IMAGE_MB_VA + KERNEL_ALIAS_VA))

/* ---- what the exception handlers record (support.S) --------------------------------------------- */
enum fault_kind { KIND_NONE = 0, KIND_DATA = 1, KIND_PREFETCH = 2, KIND_UNDEFINED = 3 };
struct fault_record {
	uint32_t count; /* exceptions recorded since fault_clear() */
	uint32_t kind;
	uint32_t dfsr;  /* c5 (opcode_2 = 0) read in the handler */
	uint32_t far;   /* c6 */
	uint32_t ifsr;  /* c5 (opcode_2 = 1) */
	uint32_t lr;    /* the handler's lr: data abort = instruction + 8, prefetch/undefined = + 4 */
	uint32_t spsr;
};
extern volatile struct fault_record fault_record;
void fault_clear(void);

#define GUARD_ABORTED 0xdead0abfu
#define MODE_USR 0x10u
#define MODE_SVC 0x13u

/* ---- assembly (support.S) ----------------------------------------------------------------------- */
extern const uint32_t vector_table_start[], vector_table_end[];
void setup_mode_stacks(void);
uint32_t exec_at(uint32_t address, uint32_t arg);
uint32_t run_user(uint32_t fn, uint32_t a0, uint32_t a1);

typedef uint32_t (*probe_fn)(uint32_t address, uint32_t value);
uint32_t probe_ldr(uint32_t, uint32_t);
uint32_t probe_str(uint32_t, uint32_t);
uint32_t probe_ldrh(uint32_t, uint32_t);
uint32_t probe_strh(uint32_t, uint32_t);
uint32_t probe_ldrb(uint32_t, uint32_t);
uint32_t probe_strb(uint32_t, uint32_t);
uint32_t probe_ldrt(uint32_t, uint32_t);
uint32_t probe_strt(uint32_t, uint32_t);
uint32_t probe_swp(uint32_t, uint32_t);
uint32_t probe_ldm(uint32_t, uint32_t);
uint32_t probe_stm(uint32_t, uint32_t);
uint32_t probe_ldr_wb(uint32_t, uint32_t);
uint32_t probe_ldm_wb(uint32_t, uint32_t);
uint32_t probe_mrc_id(uint32_t, uint32_t);      /* MRC p15 c0 (User mode: undefined) */
uint32_t probe_mcr_control(uint32_t, uint32_t); /* MCR p15 c1 <- r0 (run only in User mode) */

/* An access to try: the probe, its mnemonic for the report, and whether to run it in User mode. */
struct access {
	probe_fn fn;
	const char *name;
	int user;
};
extern const struct access LDR, STR, LDRH, STRH, LDRB, STRB, LDRT, STRT, SWP, LDM, STM, LDR_WB, LDM_WB;
extern const struct access USR_LDR, USR_STR; /* LDR/STR executed in User mode */

/* ---- page tables ---------------------------------------------------------------------------------- */
extern uint32_t l1_table[4096];
/* Writes a descriptor the way a kernel must on the ARM920T: store, clean the D-cache line (the table
 * walker reads memory, not the cache), drain the write buffer. No TLB operation. */
void pt_write(volatile uint32_t *entry, uint32_t value);
/* pt_write of the first-level entry for `mva`, then invalidate that MVA in both TLBs. */
void l1_set(uint32_t mva, uint32_t descriptor);
/* pt_write `count` consecutive second-level entries (replicas of a large/small page), then invalidate
 * `mva` in both TLBs. */
void l2_set(uint32_t *table, uint32_t index, uint32_t count, uint32_t descriptor, uint32_t mva);
/* Clears the table and maps: every SDRAM megabyte 1:1 (domain 0; the image's megabyte AP=11 with
 * `image_cb`, the others AP=01 uncached) and the high-vector megabyte. */
void mmu_build_base_map(uint32_t image_cb);
/* Maps KERNEL_ALIAS_VA -> the image's megabyte, AP=11, write-through. */
void mmu_map_kernel_alias(void);
/* Copies the vector table to VECTOR_PA (call with the MMU off, or through the identity map). */
void mmu_install_vectors(void);
/* Cleans and invalidates the caches, drains the write buffer, invalidates the TLBs, loads TTB and DACR,
 * then sets `control` (which should contain CR_M). */
void mmu_enable(uint32_t dacr, uint32_t control);
/* Whole D-cache clean (+ invalidate) by index: 8 segments x 64 indices [TRM register 7]. */
void dcache_clean_all(void);
void dcache_clean_invalidate_all(void);
/* Copies instruction words to physical `pa` (through the uncached identity map), drains the write
 * buffer and invalidates the (virtually addressed) I-cache. */
void install_code(uint32_t pa, const uint32_t *words, uint32_t count);
/* ARM encodings used for small generated code fragments. */
#define ARM_MOV_R0_IMM(imm8) (0xe3a00000u | (uint32_t)(imm8))
#define ARM_MOV_RN_IMM(rn, imm8) (0xe3a00000u | ((uint32_t)(rn) << 12) | (uint32_t)(imm8))
#define ARM_BX_LR 0xe12fff1eu

/* A pointer to the word at `address`, hidden from the compiler's object tracking (GCC otherwise warns
 * about constant addresses near 0, which here are valid mapped VAs). */
static inline volatile uint32_t *word_at(uint32_t address)
{
	__asm__("" : "+r"(address));
	return (volatile uint32_t *)address;
}
static inline void poke(uint32_t address, uint32_t value) { *word_at(address) = value; }
static inline uint32_t peek(uint32_t address) { return *word_at(address); }

/* ---- reporting ------------------------------------------------------------------------------------ */
void put(const char *s);
void put_hex(uint32_t value, int digits);
void put_dec(uint32_t value);
void heading(const char *title);
/* Each check prints "ok   <what>..." or "FAIL <what>..." and counts. */
int check_eq(const char *what, uint32_t got, uint32_t want);
int check_masked(const char *what, uint32_t got, uint32_t mask, uint32_t want);
int check_true(const char *what, int ok, const char *detail);
/* Prints the summary; returns the number of failed checks (main returns it: 0 = all passed). */
int report_finish(const char *program);

/* ---- fault checks --------------------------------------------------------------------------------- */
/* Does `a` at `address` (storing `value`) and expects a data abort: FSR status (for FS_ALIGNMENT either
 * b0001 or b0011), FSR domain when table 3-9 says it is valid, FAR = `far`, lr = aborted instruction + 8,
 * SPSR mode = the mode the access ran in, exactly one exception. */
uint32_t expect_data_abort(const char *what, const struct access *a, uint32_t address, uint32_t value,
			   uint32_t status, uint32_t domain, uint32_t far);
/* Does the access and expects no exception; returns what the probe returned. */
uint32_t expect_no_abort(const char *what, const struct access *a, uint32_t address, uint32_t value);
/* A load that must not abort and must read `want`. */
void expect_read(const char *what, const struct access *a, uint32_t address, uint32_t want);
/* Executes the code at `target` (exec_at, or run_user when `user`) and expects a prefetch abort on the
 * instruction at `abort_pc`: IFSR status/domain, lr = abort_pc + 4, SPSR mode, FAR and DFSR unchanged
 * (set to sentinels first). */
void expect_prefetch_abort(const char *what, uint32_t target, int user, uint32_t abort_pc, uint32_t status,
			   uint32_t domain);
/* Runs `fn` (exec_at, or run_user when `user`) and expects one undefined-instruction exception on its
 * first instruction: lr = fn + 4, SPSR mode. */
void expect_undefined(const char *what, uint32_t fn, int user);
/* Executes the code at `target` and expects it to return `want` without an exception. */
void expect_exec(const char *what, uint32_t target, int user, uint32_t want);

/* Fatal: an exception nothing expected (called from support.S). */
void unexpected_exception(uint32_t vector, uint32_t lr) __attribute__((noreturn));

/* A word the test harness may watch (cache-maint, cache-timing): each store marks a phase boundary. */
extern volatile uint32_t probe_phase;
void mark_phase(uint32_t phase);

#endif
