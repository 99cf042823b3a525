/*
 * Exception vectors at address 0 for MMU-off images loaded into SDRAM.
 *
 * Neither board has writable memory at 0 that this code may assume (the steppingstone SRAM depends on
 * the boot mode), so the MMU maps it: first-level sections identity-map the whole address space
 * uncached (AP = 11, domain 0), and the first megabyte goes through a coarse table whose page 0 is a RAM
 * page holding the vector table; the rest of that megabyte faults, which catches null pointers. The
 * instruction cache is turned on too (data stays uncached, so the tables need no cache maintenance).
 * Descriptor formats: ARM920T TRM 3.3 (bit 4 "should be one" in first-level descriptors). The
 * ARM1176 reads the same descriptors in its backwards-compatible format (CP15 c1 XP = 0) [est].
 */
#include "baremetal.h"
#include "semihost.h"

#define L1_SECTION(pa) (((uint32_t)(pa) & 0xfff00000u) | (3u << 10) | 0x10u | 2u) /* AP=11, domain 0, C=B=0 */
#define L1_COARSE(table) (((uint32_t)(table) & 0xfffffc00u) | 0x10u | 1u)          /* domain 0 */
#define L2_SMALL(pa) (((uint32_t)(pa) & 0xfffff000u) | (0xffu << 4) | 2u)            /* AP0..3=11, C=B=0 */
#define LDR_PC_PC_24 0xe59ff018u /* ldr pc, [pc, #24]: the vector's handler address, 8 words on */

static uint32_t l1_table[4096] __attribute__((aligned(16384)));
static uint32_t l2_table[256] __attribute__((aligned(1024)));
static uint32_t vector_page[1024] __attribute__((aligned(4096)));
static uint64_t irq_stack[128];

static void (*board_irq_handler)(void);

extern void _start(void);
void exception_undefined(void);
void exception_swi(void);
void exception_prefetch_abort(void);
void exception_data_abort(void);
void exception_reserved(void);
void exception_fiq(void);

/* GCC saves what the handler clobbers and returns with SUBS PC, LR, #4. */
static void __attribute__((interrupt("IRQ"))) irq_entry(void)
{
	board_irq_handler();
}

static const char *const exception_names[] = {
	"undefined instruction", "SWI", "prefetch abort", "data abort", "reserved", "FIQ",
};

/* Called by the stubs below in SVC mode with the exception's number and its LR. */
void __attribute__((noreturn, used)) exception_fatal(uint32_t kind, uint32_t lr)
{
	sh_puts("unexpected exception: ");
	sh_puts(kind < 6 ? exception_names[kind] : "?");
	sh_puts(", lr ");
	sh_put_hex32(lr);
	sh_puts("\n");
	_exit(99);
}

/* One stub per vector: keep LR, switch to SVC (whose stack is valid), report. */
__asm__(
	"	.macro exception_stub name, kind\n"
	"	.global \\name\n"
	"	.type \\name, %function\n"
	"\\name:\n"
	"	mov	r4, lr\n"
	"	msr	cpsr_c, #0xd3\n"
	"	mov	r0, #\\kind\n"
	"	mov	r1, r4\n"
	"	bl	exception_fatal\n"
	"	.size \\name, . - \\name\n"
	"	.endm\n"
	"	.text\n"
	"	.arm\n"
	"	exception_stub exception_undefined, 0\n"
	"	exception_stub exception_swi, 1\n"
	"	exception_stub exception_prefetch_abort, 2\n"
	"	exception_stub exception_data_abort, 3\n"
	"	exception_stub exception_reserved, 4\n"
	"	exception_stub exception_fiq, 5\n");

void exceptions_init(void (*irq_handler)(void))
{
	void (*const handlers[8])(void) = {
		_start, exception_undefined, exception_swi, exception_prefetch_abort,
		exception_data_abort, exception_reserved, irq_entry, exception_fiq,
	};
	/* I: instruction cache on first (it works with the MMU off too); the D-cache stays off. */
	uint32_t control;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(control));
	control |= 1u << 12;
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0" : : "r"(control) : "memory");

	board_irq_handler = irq_handler;
	for (int i = 0; i < 8; i++) {
		vector_page[i] = LDR_PC_PC_24;
		vector_page[8 + i] = (uint32_t)handlers[i];
	}

	/* IRQ mode's stack, then back to SVC with interrupts still masked. */
	__asm__ volatile("msr cpsr_c, #0xd2\n\tmov sp, %0\n\tmsr cpsr_c, #0xd3"
			 : : "r"(&irq_stack[sizeof irq_stack / sizeof irq_stack[0]]) : "memory");

	for (uint32_t i = 0; i < 4096; i++)
		l1_table[i] = L1_SECTION(i << 20);
	l2_table[0] = L2_SMALL(vector_page);
	l1_table[0] = L1_COARSE(l2_table);

	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0" : : "r"(l1_table) : "memory");  /* TTB */
	__asm__ volatile("mcr p15, 0, %0, c3, c0, 0" : : "r"(1u) : "memory");        /* domain 0: client */
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0u) : "memory");        /* invalidate TLBs */
	control |= 1u; /* M: MMU on */
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0" : : "r"(control) : "memory");
}
