/*
 * Exception vectors, abort/undefined/SWI handlers, access probes and guarded calls for the ARM920T
 * MMU and cache test programs. ARM state throughout (ARMv4T).
 *
 * Vectors: the programs run from SDRAM at 0x30000000 and the board has no RAM at address 0, so they use
 * the high vectors (c1.V = 1, vectors at 0xffff0000) with a section mapping VA 0xfff00000 to the last
 * megabyte of SDRAM. High vectors also keep the vector fetches out of the FCSE-relocated bottom 32 MB
 * (an exception taken with a non-zero PID would otherwise fetch its vector from PID << 25) and leave
 * VA 0 unmapped, so NULL-pointer accesses fault. `vector_table_start` .. `vector_table_end` is copied
 * there by `mmu_install_vectors`: eight `ldr pc, [pc, #24]` and the eight handler addresses (absolute,
 * in the identity-mapped image).
 *
 * Every handler records what the core reported in `fault_record` (see mmu-test.h) and then:
 *   data abort       returns to the instruction after the aborted one (SUBS pc, lr, #4): probes are one
 *                    access followed by BX lr, so the probe simply returns with its registers unchanged;
 *   prefetch abort   returns, in SVC mode, to `guard_resume`, which unwinds the guarded call
 *                    (exec_at / run_user) in progress with result GUARD_ABORTED;
 *   undefined        returns to the next instruction (MOVS pc, lr);
 *   SWI #RETURN_SWI  ends a run_user call (User mode has no other way back);
 *   anything else    is reported by `unexpected_exception` (C), which ends the program.
 */
	.syntax unified
	.arm

	.equ	FAULT_COUNT, 0
	.equ	FAULT_KIND, 4
	.equ	FAULT_DFSR, 8
	.equ	FAULT_FAR, 12
	.equ	FAULT_IFSR, 16
	.equ	FAULT_LR, 20
	.equ	FAULT_SPSR, 24

	.equ	KIND_DATA, 1
	.equ	KIND_PREFETCH, 2
	.equ	KIND_UNDEFINED, 3

	.equ	RETURN_SWI, 0x10
	.equ	GUARD_ABORTED, 0xdead0abf

	.equ	MODE_USR, 0x10
	.equ	MODE_FIQ, 0x11
	.equ	MODE_IRQ, 0x12
	.equ	MODE_SVC, 0x13
	.equ	MODE_ABT, 0x17
	.equ	MODE_UND, 0x1b
	.equ	MODE_SYS, 0x1f
	.equ	IF_MASKED, 0xc0

/* ---- vector table (copied to 0xffff0000) --------------------------------------------------------- */
	.section .text.vector_table, "ax", %progbits
	.balign	4
	.global	vector_table_start, vector_table_end
vector_table_start:
	ldr	pc, [pc, #24]		@ 0x00 reset
	ldr	pc, [pc, #24]		@ 0x04 undefined instruction
	ldr	pc, [pc, #24]		@ 0x08 SWI
	ldr	pc, [pc, #24]		@ 0x0c prefetch abort
	ldr	pc, [pc, #24]		@ 0x10 data abort
	ldr	pc, [pc, #24]		@ 0x14 (reserved)
	ldr	pc, [pc, #24]		@ 0x18 IRQ
	ldr	pc, [pc, #24]		@ 0x1c FIQ
	.word	vector_reset
	.word	undefined_handler
	.word	swi_handler
	.word	prefetch_abort_handler
	.word	data_abort_handler
	.word	vector_reserved
	.word	vector_irq
	.word	vector_fiq
vector_table_end:

/* ---- handlers ------------------------------------------------------------------------------------ */
	.section .text.handlers, "ax", %progbits

@ record KIND: stores kind, DFSR, FAR, IFSR, lr, SPSR and bumps the count. Uses r0-r3 (saved by caller).
	.macro	record kind
	ldr	r0, =fault_record
	mov	r1, #\kind
	str	r1, [r0, #FAULT_KIND]
	mrc	p15, 0, r1, c5, c0, 0
	mrc	p15, 0, r2, c6, c0, 0
	mrc	p15, 0, r3, c5, c0, 1
	str	r1, [r0, #FAULT_DFSR]
	str	r2, [r0, #FAULT_FAR]
	str	r3, [r0, #FAULT_IFSR]
	str	lr, [r0, #FAULT_LR]
	mrs	r1, spsr
	str	r1, [r0, #FAULT_SPSR]
	ldr	r1, [r0, #FAULT_COUNT]
	add	r1, r1, #1
	str	r1, [r0, #FAULT_COUNT]
	.endm

	.type	data_abort_handler, %function
data_abort_handler:
	stmfd	sp!, {r0-r3}
	record	KIND_DATA
	ldmfd	sp!, {r0-r3}
	subs	pc, lr, #4		@ lr = aborted instruction + 8: resume after it
	.size	data_abort_handler, . - data_abort_handler

	.type	undefined_handler, %function
undefined_handler:
	stmfd	sp!, {r0-r3}
	record	KIND_UNDEFINED
	ldmfd	sp!, {r0-r3}
	movs	pc, lr			@ lr = undefined instruction + 4 (ARM state)
	.size	undefined_handler, . - undefined_handler

	.type	prefetch_abort_handler, %function
prefetch_abort_handler:
	stmfd	sp!, {r0-r3}
	record	KIND_PREFETCH
	ldr	r0, =resume_sp
	ldr	r0, [r0]
	cmp	r0, #0
	beq	1f			@ not inside a guarded call: nothing to unwind to
	mrs	r1, spsr		@ return to SVC mode (the guarded call's frame is on the SVC stack),
	bic	r1, r1, #0x3f		@ ARM state, interrupts masked
	orr	r1, r1, #(MODE_SVC | IF_MASKED)
	msr	spsr_cxsf, r1
	ldmfd	sp!, {r0-r3}
	ldr	lr, =guard_resume
	movs	pc, lr
1:	mov	r0, #3
	mov	r1, lr
	b	unexpected_exception
	.size	prefetch_abort_handler, . - prefetch_abort_handler

	.type	swi_handler, %function
swi_handler:
	ldr	r12, [lr, #-4]		@ the SWI instruction (ARM state)
	bic	r12, r12, #0xff000000
	cmp	r12, #RETURN_SWI
	bne	1f
	ldr	r1, =resume_sp		@ back from run_user, r0 = the User function's result
	ldr	sp, [r1]
	mov	r2, #0
	str	r2, [r1]
	ldmfd	sp!, {r4-r11, pc}
1:	mov	r0, #2
	mov	r1, lr
	b	unexpected_exception
	.size	swi_handler, . - swi_handler

vector_reset:
	mov	r0, #0
	b	1f
vector_reserved:
	mov	r0, #5
	b	1f
vector_irq:
	mov	r0, #6
	b	1f
vector_fiq:
	mov	r0, #7
1:	mov	r1, lr
	msr	cpsr_c, #(MODE_SVC | IF_MASKED)
	b	unexpected_exception

/* ---- guarded calls ------------------------------------------------------------------------------- */
	.section .text.guarded, "ax", %progbits

@ uint32_t exec_at(uint32_t address, uint32_t arg): calls the code at `address` (ARM, privileged) with
@ r0 = arg; returns its r0, or GUARD_ABORTED if a prefetch abort ended it.
	.global	exec_at
	.type	exec_at, %function
exec_at:
	stmfd	sp!, {r4-r11, lr}
	ldr	r2, =resume_sp
	str	sp, [r2]
	mov	r2, r0
	mov	r0, r1
	mov	lr, pc			@ lr = the LDR below (pc reads as . + 8)
	bx	r2
	ldr	r1, =resume_sp
	mov	r2, #0
	str	r2, [r1]
	ldmfd	sp!, {r4-r11, pc}
	.size	exec_at, . - exec_at

@ uint32_t run_user(uint32_t fn, uint32_t a0, uint32_t a1): runs fn(a0, a1) in User mode (IRQ/FIQ
@ masked) on `user_stack_top`; fn returns through `user_exit` (SWI RETURN_SWI). Returns fn's r0, or
@ GUARD_ABORTED if a prefetch abort ended it.
	.global	run_user
	.type	run_user, %function
run_user:
	stmfd	sp!, {r4-r11, lr}
	ldr	r3, =resume_sp
	str	sp, [r3]
	msr	cpsr_c, #(MODE_SYS | IF_MASKED)	@ System mode shares the User sp and lr
	ldr	sp, =user_stack_top
	ldr	lr, =user_exit
	msr	cpsr_c, #(MODE_SVC | IF_MASKED)
	mov	r3, #(MODE_USR | IF_MASKED)
	msr	spsr_cxsf, r3
	mov	lr, r0
	mov	r0, r1
	mov	r1, r2
	movs	pc, lr			@ CPSR <- SPSR: User mode at fn
	.size	run_user, . - run_user

	.global	user_exit
user_exit:
	svc	#RETURN_SWI

@ Reached (SVC mode) from the prefetch abort handler.
	.global	guard_resume
guard_resume:
	ldr	r1, =resume_sp
	ldr	sp, [r1]
	mov	r2, #0
	str	r2, [r1]
	ldr	r0, =GUARD_ABORTED
	ldmfd	sp!, {r4-r11, pc}

@ void setup_mode_stacks(void): sp for ABT, UND, IRQ and FIQ modes; returns in SVC mode.
	.global	setup_mode_stacks
	.type	setup_mode_stacks, %function
setup_mode_stacks:
	mrs	r0, cpsr
	msr	cpsr_c, #(MODE_ABT | IF_MASKED)
	ldr	sp, =abort_stack_top
	msr	cpsr_c, #(MODE_UND | IF_MASKED)
	ldr	sp, =undefined_stack_top
	msr	cpsr_c, #(MODE_IRQ | IF_MASKED)
	ldr	sp, =irq_stack_top
	msr	cpsr_c, #(MODE_FIQ | IF_MASKED)
	ldr	sp, =irq_stack_top
	msr	cpsr_c, r0
	bx	lr
	.size	setup_mode_stacks, . - setup_mode_stacks

/* ---- probes: the access is the first instruction, so the aborted instruction is the probe's address.
 *      r0 = address, r1 = value to store; loads return the value read, stores return r0. An aborted
 *      access writes no register (base-restored abort model), so after an abort the write-back probes
 *      return their base unchanged; other probes' results are then meaningless. */
	.section .text.probes, "ax", %progbits
	.balign	4
	.macro	probe name, body:vararg
	.global	\name
	.type	\name, %function
\name:
	\body
	bx	lr
	.size	\name, . - \name
	.endm

	probe	probe_ldr, ldr r0, [r0]
	probe	probe_str, str r1, [r0]
	probe	probe_ldrh, ldrh r0, [r0]
	probe	probe_strh, strh r1, [r0]
	probe	probe_ldrb, ldrb r0, [r0]
	probe	probe_strb, strb r1, [r0]
	@ LDRT writes back its base (post-indexed, offset 0): the destination must differ from it
	.global	probe_ldrt
	.type	probe_ldrt, %function
probe_ldrt:
	ldrt	r2, [r0]
	mov	r0, r2
	bx	lr
	.size	probe_ldrt, . - probe_ldrt
	probe	probe_strt, strt r1, [r0]
	.global	probe_swp
	.type	probe_swp, %function
probe_swp:
	swp	r2, r1, [r0]
	mov	r0, r2
	bx	lr
	.size	probe_swp, . - probe_swp
	@ LDM of two words into r2, r3; returns the first
	.global	probe_ldm
	.type	probe_ldm, %function
probe_ldm:
	ldmia	r0, {r2, r3}
	mov	r0, r2
	bx	lr
	.size	probe_ldm, . - probe_ldm
	probe	probe_stm, stmia r0, {r1, r2}
	@ write-back forms return the base register: unchanged after an abort (base restored)
	probe	probe_ldr_wb, ldr r1, [r0, #4]!
	probe	probe_ldm_wb, ldmia r0!, {r2, r3}
	probe	probe_mrc_id, mrc p15, 0, r0, c0, c0, 0
	probe	probe_mcr_control, mcr p15, 0, r0, c1, c0, 0

	.pool

/* ---- stacks ------------------------------------------------------------------------------------ */
	.section .bss.mode_stacks, "aw", %nobits	@ abort 1 KB, undefined 512 B, IRQ/FIQ 256 B, User 4 KB
	.balign	8
	.space	1024
abort_stack_top:
	.space	512
undefined_stack_top:
	.space	256
irq_stack_top:
	.space	4096
	.global	user_stack_top
user_stack_top:

	.section .bss.resume_sp, "aw", %nobits
	.balign	4
	.global	resume_sp
resume_sp:
	.space	4
