/*
 * Measurement kernels for cache-timing. They run from the cacheable alias of the image (KERNEL() in
 * mmu-test.h), so their instruction fetches hit the I-cache once warm, and they touch no memory but
 * their arguments' buffers and the (uncached) stack: between two phase marks, the D-cache sees only the
 * accesses being measured. Position independent, no literal pools.
 */
	.syntax unified
	.arm
	.section .text.kernels, "ax", %progbits
	.balign	32

@ uint32_t sum_words(uint32_t base, uint32_t words, uint32_t passes): `passes` sequential passes reading
@ every word of [base, base + 4 * words); returns the sum.
	.global	sum_words
	.type	sum_words, %function
sum_words:
	stmfd	sp!, {r4, lr}
	add	r1, r0, r1, lsl #2
	mov	r12, #0
1:	mov	r3, r0
2:	ldr	r4, [r3], #4
	add	r12, r12, r4
	cmp	r3, r1
	bne	2b
	subs	r2, r2, #1
	bne	1b
	mov	r0, r12
	ldmfd	sp!, {r4, pc}
	.size	sum_words, . - sum_words

@ void rmw_words(uint32_t base, uint32_t words, uint32_t passes): like sum_words, but adds 1 to every word.
	.balign	32
	.global	rmw_words
	.type	rmw_words, %function
rmw_words:
	stmfd	sp!, {r4, lr}
	add	r1, r0, r1, lsl #2
1:	mov	r3, r0
2:	ldr	r4, [r3]
	add	r4, r4, #1
	str	r4, [r3], #4
	cmp	r3, r1
	bne	2b
	subs	r2, r2, #1
	bne	1b
	ldmfd	sp!, {r4, pc}
	.size	rmw_words, . - rmw_words

@ uint32_t touch(uint32_t base, uint32_t count, uint32_t stride, uint32_t passes): reads the word at
@ base + k * stride for k < count, `passes` times; returns the sum.
	.balign	32
	.global	touch
	.type	touch, %function
touch:
	stmfd	sp!, {r4-r6, lr}
	mov	r12, #0
1:	mov	r4, r0
	mov	r5, r1
2:	ldr	r6, [r4], r2
	add	r12, r12, r6
	subs	r5, r5, #1
	bne	2b
	subs	r3, r3, #1
	bne	1b
	mov	r0, r12
	ldmfd	sp!, {r4-r6, pc}
	.size	touch, . - touch

@ void dirty_lines(uint32_t base, uint32_t lines, uint32_t halves): for each 32-byte line from base: read
@ its first word (the D-cache allocates on reads), write it back (first half dirty) and, when halves = 2,
@ write word 4 too (second half dirty).
	.balign	32
	.global	dirty_lines
	.type	dirty_lines, %function
dirty_lines:
	cmp	r1, #0
	bxeq	lr
1:	ldr	r3, [r0]
	str	r3, [r0]
	cmp	r2, #2
	streq	r3, [r0, #16]
	add	r0, r0, #32
	subs	r1, r1, #1
	bne	1b
	bx	lr
	.size	dirty_lines, . - dirty_lines

@ void clean_all_index(void): c7,c10,2 for every segment (MVA[7:5]) and index ([31:26]): 512 operations.
	.balign	32
	.global	clean_all_index
	.type	clean_all_index, %function
clean_all_index:
	mov	r1, #0
1:	mov	r0, r1
2:	mcr	p15, 0, r0, c7, c10, 2
	adds	r0, r0, #0x04000000	@ next index; carry out after index 63
	bcc	2b
	add	r1, r1, #32		@ next segment
	cmp	r1, #256
	bne	1b
	bx	lr
	.size	clean_all_index, . - clean_all_index

@ void store_words(uint32_t base, uint32_t words): stores each word's address into it.
	.balign	32
	.global	store_words
	.type	store_words, %function
store_words:
	add	r1, r0, r1, lsl #2
1:	mov	r2, r0
	str	r2, [r0], #4
	cmp	r0, r1
	bne	1b
	bx	lr
	.size	store_words, . - store_words
