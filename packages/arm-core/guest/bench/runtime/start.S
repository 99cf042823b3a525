/*
 * Entry point of a static ARM Linux (EABI) program without libc. The loader (the Linux kernel, qemu-arm,
 * or arm-core's bench runner) has mapped the image, zeroed .bss and set sp to the initial stack:
 *   [sp] = argc, [sp+4..] = argv[0..argc-1], NULL, envp..., NULL, auxv...
 * We call main(argc, argv) and pass its result to exit (r7 = 1, svc 0).
 * ARM state; the benchmarks are ARM code compiled for ARMv4T.
 */
	.syntax unified
	.arm
	.section .text.start, "ax", %progbits
	.global _start
	.type _start, %function
_start:
	mov	fp, #0			@ end of the frame chain
	mov	lr, #0
	ldr	r0, [sp]		@ argc
	add	r1, sp, #4		@ argv
	bic	sp, sp, #7		@ AAPCS: 8-byte aligned stack at public interfaces
	bl	main
	mov	r7, #1			@ __NR_exit
	svc	#0
1:	b	1b			@ not reached
	.size	_start, . - _start
