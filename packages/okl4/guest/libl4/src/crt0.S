/*
 * Start of an OKL4 program's main thread: the image builder sets sp below a boot-info block and r0 to
 * it (argc, argv, environment, own tid); .bss arrives zeroed. main(argc, argv), then the thread ends.
 */
	.syntax unified
	.arm
	.section .text.start, "ax", %progbits
	.global	_start
	.type	_start, %function
_start:
	ldr	r1, =__l4_bootinfo
	str	r0, [r1]
	mov	fp, #0
	ldr	r1, [r0, #8]		@ argv
	ldr	r0, [r0, #4]		@ argc
	ldr	r3, =main
	mov	lr, pc
	bx	r3
	ldr	r3, =l4_thread_exit
	bx	r3
	.size	_start, . - _start
	.pool
