/*
 * Interrupt notification on either board: PWM timer 0 mapped and programmed from user space, its IRQ
 * delivered as notification bits and acknowledged through InterruptControl. The board differences come
 * from the environment the image builder writes (same ELF on both boards):
 *   PWM_PHYS          PWM block (0x51000000 on the S3C2440A, 0x7F006000 on the S3C6410)
 *   TIMER0_IRQ        timer 0's interrupt (10 on the S3C2440A, 23 on the S3C6410)
 *   TIMER0_PRESCALER  prescaler 0 giving a 500 kHz count with TCFG1 mux 0
 *   PWM_CSTAT         1: TINT_CSTAT (+0x44) enables timer 0's IRQ and latches it until cleared (S3C6410)
 *   CORE_KHZ          core clock, for the tick (KDB GetTick counts core cycles)
 * Without an environment it runs as it did on the MBA2440 alone.
 */
#include <l4/l4.h>

#define PWM_VIRT 0x00a00000UL
#define TCFG0  0x00
#define TCFG1  0x04
#define TCON   0x08
#define TCNTB0 0x0c
#define TINT_CSTAT 0x44
#define TIMER0_ENABLE 0x01UL
#define TIMER0_STATUS 0x20UL

static volatile L4_Word_t *pwm = (volatile L4_Word_t *)PWM_VIRT;

static L4_Word_t env_or(const char *key, L4_Word_t otherwise)
{
	L4_Word_t v = l4_getenv(key);
	return v ? v : otherwise;
}

int main(void)
{
	L4_Word_t pwm_phys = env_or("PWM_PHYS", 0x51000000UL);
	L4_Word_t irq = env_or("TIMER0_IRQ", 10);
	L4_Word_t prescaler = env_or("TIMER0_PRESCALER", 49);
	L4_Word_t cstat = l4_getenv("PWM_CSTAT");
	L4_Word_t cycles_per_ms = env_or("CORE_KHZ", 400000);
	if (L4_MapFpage(l4_my_space(), pwm_phys, L4_UncachedMemory, L4_Fpage(PWM_VIRT, 12, L4_Readable | L4_Writable)) != 1) {
		l4_printf("FAIL map PWM: error %lu\n", L4_ErrorCode());
		return 1;
	}
	if (L4_RegisterInterrupt(L4_Myself(), irq, 3) != 1) {
		l4_printf("FAIL register interrupt: error %lu\n", L4_ErrorCode());
		return 1;
	}
	L4_Accept_Notify(1 << 3);
	/* 500 kHz; 500 counts = 1 ms. Prescaler 0 and mux 0 are timer 0's own (the kernel's tick is timer 4). */
	pwm[TCFG0 / 4] = (pwm[TCFG0 / 4] & ~0xffUL) | prescaler;
	pwm[TCFG1 / 4] = pwm[TCFG1 / 4] & ~0xfUL;
	pwm[TCNTB0 / 4] = 500;
	/* Write the enable bits only: a 1 in another timer's status bit would clear the kernel's tick. */
	if (cstat) pwm[TINT_CSTAT / 4] = (pwm[TINT_CSTAT / 4] & 0x1fUL) | TIMER0_ENABLE;
	pwm[TCON / 4] = (pwm[TCON / 4] & ~0x1fUL) | 0x0a; /* manual update + auto-reload */
	pwm[TCON / 4] = (pwm[TCON / 4] & ~0x1fUL) | 0x09; /* start + auto-reload */
	L4_Word_t seen[5];
	L4_Word64_t t0 = L4_KDB_GetTick();
	for (int i = 1; i <= 5; i++) {
		L4_Word_t bits = 0;
		L4_WaitNotify(&bits);
		seen[i - 1] = bits;
		if (cstat) pwm[TINT_CSTAT / 4] = (pwm[TINT_CSTAT / 4] & 0x1fUL) | TIMER0_STATUS;
		L4_AcknowledgeInterrupt(irq);
	}
	L4_Word64_t dt = L4_KDB_GetTick() - t0;
	for (int i = 1; i <= 5; i++) l4_printf("timer interrupt %d: bits %lx\n", i, seen[i - 1]);
	pwm[TCON / 4] = pwm[TCON / 4] & ~0x1fUL;
	if (cstat) pwm[TINT_CSTAT / 4] = (pwm[TINT_CSTAT / 4] & 0x1fUL & ~TIMER0_ENABLE) | TIMER0_STATUS;
	L4_InterruptControl(L4_Myself(), L4_IntUnregister, irq, 0);
	L4_Word64_t ms = dt / cycles_per_ms;
	l4_printf("%s five interrupts in %lu ms\n", dt > 4 * (L4_Word64_t)cycles_per_ms && dt < 6 * (L4_Word64_t)cycles_per_ms ? "ok" : "FAIL", (L4_Word_t)ms);
	return 0;
}
