/*
 * void fcse_switch_probe(uint32_t target, uint32_t new_pid, uint32_t out[3])
 * Calls the code at `target` (privileged) with r0 = new_pid and r1-r3 cleared, then stores the r1, r2,
 * r3 it returns with in out[0..2]. The code at `target` writes the PID and then sets r1-r3 (see
 * mmu-fcse.c), so out tells which PID each of the following instructions was fetched with.
 */
	.syntax unified
	.arm
	.section .text.fcse_switch_probe, "ax", %progbits
	.global	fcse_switch_probe
	.type	fcse_switch_probe, %function
fcse_switch_probe:
	stmfd	sp!, {r4, lr}
	mov	r4, r2
	mov	r12, r0
	mov	r0, r1
	mov	r1, #0
	mov	r2, #0
	mov	r3, #0
	mov	lr, pc
	bx	r12
	stmia	r4, {r1, r2, r3}
	ldmfd	sp!, {r4, pc}
	.size	fcse_switch_probe, . - fcse_switch_probe
