/*
 * Big-endian (BE-8) data accesses for v6-endian.c: each probe switches to SETEND BE for its accesses
 * only and back to little-endian before returning (the C code and semihosting run little-endian).
 */
	.syntax unified
	.arm
	.text

	.macro	function name
	.global	\name
	.type	\name, %function
\name:
	.endm

@ uint32_t be_load_word(const void *p)
function be_load_word
	setend	be
	ldr	r0, [r0]
	setend	le
	bx	lr

@ uint32_t be_load_half(const void *p)
function be_load_half
	setend	be
	ldrh	r0, [r0]
	setend	le
	bx	lr

@ int32_t be_load_signed_half(const void *p)
function be_load_signed_half
	setend	be
	ldrsh	r0, [r0]
	setend	le
	bx	lr

@ void be_store_word(void *p, uint32_t value)
function be_store_word
	setend	be
	str	r1, [r0]
	setend	le
	bx	lr

@ void be_store_half(void *p, uint32_t value)
function be_store_half
	setend	be
	strh	r1, [r0]
	setend	le
	bx	lr

@ void be_load_pair(const void *p, uint32_t out[2]): LDM while big-endian, STM after
function be_load_pair
	setend	be
	ldm	r0, {r2, r3}
	setend	le
	stm	r1, {r2, r3}
	bx	lr

@ uint32_t cpsr_while_big_endian(void): CPSR with E set, then clear again
function cpsr_while_big_endian
	setend	be
	mrs	r0, cpsr
	setend	le
	bx	lr

@ uint32_t cpsr_now(void)
function cpsr_now
	mrs	r0, cpsr
	bx	lr

@ uint32_t rev16(uint32_t), int32_t revsh(uint32_t)
function rev16
	rev16	r0, r0
	bx	lr
function revsh
	revsh	r0, r0
	bx	lr
