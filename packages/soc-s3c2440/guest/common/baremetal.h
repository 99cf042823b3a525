/*
 * Tiny bare-metal helpers shared by the S3C2440 and S3C6410 test programs: register access, the CPSR
 * interrupt masks, CP15 wait-for-interrupt, a halt, and exception vectors through the MMU.
 * ARMv4T code (-mcpu=arm920t, ARM state), so it runs on both boards' cores.
 */
#ifndef L4LAB_BAREMETAL_H
#define L4LAB_BAREMETAL_H

#include <stdint.h>

#define REG32(address) (*(volatile uint32_t *)(uintptr_t)(address))
#define REG8(address)  (*(volatile uint8_t *)(uintptr_t)(address))

/* CPSR control field values: mode bits with I (0x80) and F (0x40). */
#define CPSR_SVC_MASKED   0xd3u /* SVC, IRQ and FIQ masked (as reset and crt0 leave it) */
#define CPSR_SVC_IRQ_ON   0x53u /* SVC, IRQ enabled, FIQ masked */
#define CPSR_SVC_IRQ_OFF  0x93u /* SVC, IRQ masked, FIQ enabled (no FIQ source is configured) */

static inline void cpsr_set_control(uint32_t value)
{
	__asm__ volatile("msr cpsr_c, %0" : : "r"(value) : "memory", "cc");
}

/*
 * CP15 c7 "wait for interrupt" (ARM920T TRM 2.3.8; also on the ARM1176): the core stops until IRQ or
 * FIQ is asserted, even while masked.
 */
static inline void wait_for_interrupt(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0) : "memory");
}

/* Waits for an interrupt with IRQ and FIQ masked: nothing can end it. The simulator reports a halt. */
static inline __attribute__((noreturn)) void halt(void)
{
	cpsr_set_control(CPSR_SVC_MASKED);
	for (;;)
		wait_for_interrupt();
}

/*
 * Installs exception vectors at address 0 through the MMU (the boards have no RAM there with the MMU
 * off): a flat section map of the 4 GB space, uncached, with the first 4 KB page remapped to a RAM page
 * holding the vector table; the instruction cache is turned on. IRQs go to `irq_handler` (on its own stack); any other exception prints
 * what happened through semihosting and exits with status 99. Call once, from SVC mode.
 */
void exceptions_init(void (*irq_handler)(void));

#endif
