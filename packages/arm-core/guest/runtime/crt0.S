/*
 * Bare-metal entry for guest programs loaded straight into SDRAM (MMU off, caches off).
 * The ELF loader writes .data and the CPU starts at _start; we only have to make SVC mode
 * explicit, set its stack, zero .bss, run constructors and hand main's result to _exit.
 * ARM state on purpose: ARMv4T resets into ARM state, and BX reaches main in either state.
 */
	.syntax unified
	.arm
	.section .text.start, "ax", %progbits
	.global _start
	.type _start, %function
_start:
	msr	cpsr_c, #0xd3		@ SVC mode, IRQ and FIQ masked (what reset leaves, but a loader may not)
	ldr	sp, =__stack_top
	mov	fp, #0			@ end of the frame chain for debuggers

	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	ldr	r4, =__init_array_start
	ldr	r5, =__init_array_end
2:	cmp	r4, r5
	bhs	3f
	ldr	r3, [r4], #4
	mov	lr, pc			@ v4T has no BLX: LR = the instruction after BX
	bx	r3
	b	2b

3:	mov	r0, #0			@ argc
	mov	r1, #0			@ argv
	ldr	r3, =main
	mov	lr, pc
	bx	r3
	ldr	r3, =_exit		@ r0 = main's result
	bx	r3
	.size	_start, . - _start
	.pool
