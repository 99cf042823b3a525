/*
 * OKL4 ARM system-call stubs (reference/okl4.md §2): the user SP goes to r12, sp = 0xFFFFFF00 + number,
 * then swi; the kernel decodes the call from the SP and preserves every register it does not return.
 */
	.syntax unified
	.arm
	.text

/* void l4_trap(L4_Word_t number, L4_Regs_t *regs): r0-r8 from *regs, results back into *regs. */
	.global	l4_trap
	.type	l4_trap, %function
l4_trap:
	push	{r4-r11, lr}
	push	{r1}
	mvn	r10, #0xff		@ 0xFFFFFF00
	add	r10, r10, r0
	ldmia	r1, {r0-r8}
	mov	r12, sp
	mov	sp, r10
	swi	#0x1400
	mov	sp, r12
	pop	{r12}
	stmia	r12, {r0-r8}
	pop	{r4-r11, lr}
	bx	lr
	.size	l4_trap, . - l4_trap

/* L4_Word_t l4_ipc_trap(to, from): MR0-MR5 travel in r3-r8 from and back to the UTCB; returns the sender. */
	.global	l4_ipc_trap
	.type	l4_ipc_trap, %function
l4_ipc_trap:
	push	{r4-r11, lr}
	ldr	r10, =0xff000ff0
	ldr	r10, [r10]
	add	r10, r10, #64		@ &MR0
	push	{r10}
	ldmia	r10, {r3-r8}
	mvn	r10, #0xff		@ sp = 0xFFFFFF00: Ipc
	mov	r12, sp
	mov	sp, r10
	swi	#0x1400
	mov	sp, r12
	pop	{r12}
	stmia	r12, {r3-r8}
	pop	{r4-r11, lr}
	bx	lr
	.size	l4_ipc_trap, . - l4_ipc_trap
	.pool
