/* Interrupt notification (MBA2440): PWM timer 0 (IRQ 10) mapped and programmed from user space. */
#include <l4/l4.h>

#define PWM_PHYS 0x51000000UL
#define PWM_VIRT 0x00a00000UL
#define TCFG0  0x00
#define TCFG1  0x04
#define TCON   0x08
#define TCNTB0 0x0c
#define IRQ_TIMER0 10

static volatile L4_Word_t *pwm = (volatile L4_Word_t *)PWM_VIRT;

int main(void)
{
	if (L4_MapFpage(l4_my_space(), PWM_PHYS, L4_UncachedMemory, L4_Fpage(PWM_VIRT, 12, L4_Readable | L4_Writable)) != 1) {
		l4_printf("FAIL map PWM: error %lu\n", L4_ErrorCode());
		return 1;
	}
	if (L4_RegisterInterrupt(L4_Myself(), IRQ_TIMER0, 3) != 1) {
		l4_printf("FAIL register interrupt: error %lu\n", L4_ErrorCode());
		return 1;
	}
	L4_Accept_Notify(1 << 3);
	/* 50 MHz PCLK / (49 + 1) / 2 = 500 kHz; 500 counts = 1 ms. Prescaler 0 and mux 0 are timer 0's own. */
	pwm[TCFG0 / 4] = (pwm[TCFG0 / 4] & ~0xffUL) | 49;
	pwm[TCFG1 / 4] = pwm[TCFG1 / 4] & ~0xfUL;
	pwm[TCNTB0 / 4] = 500;
	pwm[TCON / 4] = (pwm[TCON / 4] & ~0x1fUL) | 0x0a; /* manual update + auto-reload */
	pwm[TCON / 4] = (pwm[TCON / 4] & ~0x1fUL) | 0x09; /* start + auto-reload */
	L4_Word_t seen[5];
	L4_Word64_t t0 = L4_KDB_GetTick();
	for (int i = 1; i <= 5; i++) {
		L4_Word_t bits = 0;
		L4_WaitNotify(&bits);
		seen[i - 1] = bits;
		L4_AcknowledgeInterrupt(IRQ_TIMER0);
	}
	L4_Word64_t dt = L4_KDB_GetTick() - t0;
	for (int i = 1; i <= 5; i++) l4_printf("timer interrupt %d: bits %lx\n", i, seen[i - 1]);
	pwm[TCON / 4] = pwm[TCON / 4] & ~0x1fUL;
	L4_InterruptControl(L4_Myself(), L4_IntUnregister, IRQ_TIMER0, 0);
	l4_printf("%s five interrupts in %lu ms\n", dt > 4 * 400000ULL && dt < 6 * 400000ULL ? "ok" : "FAIL", (L4_Word_t)(dt / 400000));
	return 0;
}
