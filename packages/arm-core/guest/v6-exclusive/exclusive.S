/*
 * Exclusive-access probes for v6-exclusive.c (ARM state, AAPCS: arguments r0-r3, result r0), and the
 * vectors that take an UNDEFINED instruction and return past it. Each probe returns STREX's status
 * (0 = stored, 1 = failed).
 */
	.syntax unified
	.arm
	.text

	.macro	function name
	.global	\name
	.type	\name, %function
\name:
	.endm

@ uint32_t strex_after_ldrex(uint32_t *p, uint32_t value, uint32_t *loaded)
function strex_after_ldrex
	ldrex	r3, [r0]
	str	r3, [r2]
	strex	r3, r1, [r0]
	mov	r0, r3
	bx	lr

@ uint32_t strex_alone(uint32_t *p, uint32_t value)
function strex_alone
	strex	r2, r1, [r0]
	mov	r0, r2
	bx	lr

@ uint32_t strex_after_clrex(uint32_t *p, uint32_t value)
function strex_after_clrex
	ldrex	r2, [r0]
	clrex
	strex	r2, r1, [r0]
	mov	r0, r2
	bx	lr

@ uint32_t strex_other_address(uint32_t *p, uint32_t *q, uint32_t value)
function strex_other_address
	ldrex	r3, [r0]
	strex	r3, r2, [r1]
	mov	r0, r3
	bx	lr

@ uint32_t strex_after_undefined(uint32_t *p, uint32_t value): an exception between LDREX and STREX
function strex_after_undefined
	ldrex	r2, [r0]
	udf	#0x42
	strex	r2, r1, [r0]
	mov	r0, r2
	bx	lr

@ uint32_t exclusive_byte(uint8_t *p, uint32_t value, uint32_t *loaded)
function exclusive_byte
	ldrexb	r3, [r0]
	str	r3, [r2]
	strexb	r3, r1, [r0]
	mov	r0, r3
	bx	lr

@ uint32_t exclusive_half(uint16_t *p, uint32_t value, uint32_t *loaded)
function exclusive_half
	ldrexh	r3, [r0]
	str	r3, [r2]
	strexh	r3, r1, [r0]
	mov	r0, r3
	bx	lr

@ uint32_t exclusive_double(uint64_t *p, const uint32_t new[2], uint32_t loaded[2])
function exclusive_double
	push	{r4-r7}
	mov	r12, r2
	ldrexd	r4, r5, [r0]
	stm	r12, {r4, r5}
	ldm	r1, {r6, r7}
	strexd	r3, r6, r7, [r0]
	mov	r0, r3
	pop	{r4-r7}
	bx	lr

@ uint32_t atomic_add(uint32_t *p, uint32_t value): returns the new value (the usual retry loop)
function atomic_add
1:	ldrex	r2, [r0]
	add	r2, r2, r1
	strex	r3, r2, [r0]
	cmp	r3, #0
	bne	1b
	mov	r0, r2
	bx	lr

@ void install_vectors(void): VBAR = vector_table, an UND-mode stack
function install_vectors
	ldr	r0, =vector_table
	mcr	p15, 0, r0, c12, c0, 0
	cps	#0x1b
	ldr	sp, =und_stack_top
	cps	#0x13
	bx	lr

	.pool

	.balign	32
vector_table:
	b	.		@ reset
	b	und_handler	@ undefined
	b	.		@ SVC (semihosting is handled by the host)
	b	.		@ prefetch abort
	b	.		@ data abort
	b	.
	b	.		@ IRQ
	b	.		@ FIQ

und_handler:
	push	{r0, r1}
	ldr	r0, =undefined_count
	ldr	r1, [r0]
	add	r1, r1, #1
	str	r1, [r0]
	pop	{r0, r1}
	movs	pc, lr		@ LR_und = the UNDEFINED instruction + 4
	.pool

	.bss
	.balign	8
	.global	undefined_count
undefined_count:
	.space	4
und_stack:
	.space	256
und_stack_top:
