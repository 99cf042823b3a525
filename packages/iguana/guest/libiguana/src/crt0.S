/*
 * C runtime start for Iguana programs. The server leaves sp and r0 pointing at the boot information:
 * magic, argc, argv, envc, env, own tid, space (then the strings). Libraries are set up, then
 * main(argc, argv), then exit() with its result (which ends the PD).
 */
	.syntax unified
	.arm
	.section .text.start, "ax", %progbits
	.global	_start
	.type	_start, %function
_start:
	mov	fp, #0
	mov	r4, r0
	bl	__iguana_init		@ r0 = boot info
	ldr	r1, [r4, #8]		@ argv
	ldr	r0, [r4, #4]		@ argc
	ldr	r3, =main
	mov	lr, pc
	bx	r3
	ldr	r3, =exit
	bx	r3
	.size	_start, . - _start

/* Threads from thread_create_simple start here: the server put arg and fn on top of the new stack. */
	.global	__iguana_thread_entry
	.type	__iguana_thread_entry, %function
__iguana_thread_entry:
	mov	fp, #0
	ldr	r0, [sp], #4		@ arg
	ldr	r3, [sp], #4		@ fn
	mov	lr, pc
	bx	r3
	ldr	r3, =thread_exit_self
	bx	r3
	.size	__iguana_thread_entry, . - __iguana_thread_entry
	.pool
