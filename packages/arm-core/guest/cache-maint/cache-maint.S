/*
 * TLB lockdown helpers: each runs with no data access between the CP15 operations it pairs, so no table
 * walk can move the victim counter in between [TRM, register 10].
 */
	.syntax unified
	.arm
	.section .text.tlb_lockdown, "ax", %progbits

@ uint32_t tlb_lockdown_roundtrip_d(uint32_t value): write the D-TLB lockdown register, read it back
	.global	tlb_lockdown_roundtrip_d
	.type	tlb_lockdown_roundtrip_d, %function
tlb_lockdown_roundtrip_d:
	mcr	p15, 0, r0, c10, c0, 0
	mrc	p15, 0, r0, c10, c0, 0
	bx	lr
	.size	tlb_lockdown_roundtrip_d, . - tlb_lockdown_roundtrip_d

@ uint32_t tlb_lockdown_roundtrip_i(uint32_t value): the same for the I-TLB (no instruction fetch leaves
@ this 16-byte aligned group, so the I-TLB does not walk in between)
	.balign	16
	.global	tlb_lockdown_roundtrip_i
	.type	tlb_lockdown_roundtrip_i, %function
tlb_lockdown_roundtrip_i:
	mcr	p15, 0, r0, c10, c0, 1
	mrc	p15, 0, r0, c10, c0, 1
	bx	lr
	.size	tlb_lockdown_roundtrip_i, . - tlb_lockdown_roundtrip_i

@ uint32_t lock_dtlb_entry(uint32_t va): the TRM's procedure for locking a translation into D-TLB entry 0:
@ invalidate va's entry, set base 0 / victim 0 / P = 1, load from va (the walk fills entry 0 and the victim
@ moves to 1), read the register back (returned), then set base 1 / victim 1 / P = 0.
	.global	lock_dtlb_entry
	.type	lock_dtlb_entry, %function
lock_dtlb_entry:
	mcr	p15, 0, r0, c8, c6, 1
	mov	r1, #1			@ base 0, victim 0, P 1
	mcr	p15, 0, r1, c10, c0, 0
	ldr	r2, [r0]
	mrc	p15, 0, r0, c10, c0, 0
	mov	r1, #0x04000000		@ base 1
	orr	r1, r1, #0x00100000	@ victim 1
	mcr	p15, 0, r1, c10, c0, 0
	bx	lr
	.size	lock_dtlb_entry, . - lock_dtlb_entry

/* Kernels, run from the cacheable alias of the image (KERNEL() in mmu-test.h): position independent,
 * no literal pools, each within one 32-byte I-cache line. */
	.section .text.kernels, "ax", %progbits
@ void ncb_store4_drain(uint32_t va): STM of 4 words (va, va+1, va+2, va+3) then drain the write buffer
	.balign	32
	.global	ncb_store4_drain
	.type	ncb_store4_drain, %function
ncb_store4_drain:
	add	r1, r0, #1
	add	r2, r0, #2
	add	r3, r0, #3
	stmia	r0, {r0-r3}
	mcr	p15, 0, r0, c7, c10, 4
	bx	lr
	.size	ncb_store4_drain, . - ncb_store4_drain

@ void drain_only(void)
	.balign	32
	.global	drain_only
	.type	drain_only, %function
drain_only:
	mcr	p15, 0, r0, c7, c10, 4
	bx	lr
	.size	drain_only, . - drain_only
