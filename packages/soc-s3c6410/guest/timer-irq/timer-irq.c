/*
 * PWM timer 4 at 100 Hz through VIC0 of the S3C6410: the IRQ vector reads VIC0 ADDRESS for the
 * source's handler (VECTADDR28), which counts ticks and clears TINT_CSTAT; writing ADDRESS ends the
 * service. After 10 ticks (100 ms of board time) the program reports on UART0 and exits through
 * semihosting, with status 1 if any other interrupt arrived.
 *
 * Timer 4 clock = PCLK / (prescaler1 + 1) / divider = 66.5 MHz / 133 / 1 = 500 kHz; period TCNTB4 + 1 =
 * 5000 ticks = 10 ms.
 */
#include "s3c6410.h"
#include "samsung-uart.h"

#define TICKS 10u

static volatile uint32_t ticks;
static volatile uint32_t spurious;

static void timer4_isr(void)
{
	ticks++;
	TINT_CSTAT = (TINT_CSTAT & TINT_CSTAT_ENABLES) | TINT_CSTAT_STATUS(4);
}

static void irq_handler(void)
{
	void (*isr)(void) = (void (*)(void))VIC0_ADDRESS;
	if (isr != 0)
		isr();
	else
		spurious++;
	VIC0_ADDRESS = 0;
}

int main(void)
{
	exceptions_init(irq_handler);

	TCFG0 = (TCFG0 & ~0xff00u) | (132u << 8);    /* prescaler 1 (timers 2-4): /133 */
	TCFG1 = (TCFG1 & ~0xf0000u) | (0u << 16);     /* timer 4 mux: /1 */
	TCNTB4 = PCLK_HZ / 133u / 100u - 1u;          /* 4999: 10 ms */
	TINT_CSTAT = (TINT_CSTAT & TINT_CSTAT_ENABLES) | (1u << 4) | TINT_CSTAT_STATUS(4);
	TCON = (TCON & ~(7u << 20)) | TCON_T4_UPDATE | TCON_T4_AUTO_RELOAD;
	TCON = (TCON & ~(7u << 20)) | TCON_T4_START | TCON_T4_AUTO_RELOAD;

	VIC0_INTSELECT &= ~(1u << VIC0_TIMER4);
	VIC0_VECTADDR(VIC0_TIMER4) = (uint32_t)timer4_isr;
	VIC0_INTENABLE = 1u << VIC0_TIMER4;

	/* Idle with IRQ masked between the test and the wait, so no tick slips in between. */
	cpsr_set_control(CPSR_SVC_IRQ_OFF);
	while (ticks < TICKS) {
		wait_for_interrupt();
		cpsr_set_control(CPSR_SVC_IRQ_ON);
		cpsr_set_control(CPSR_SVC_IRQ_OFF);
	}
	cpsr_set_control(CPSR_SVC_MASKED);
	VIC0_INTENCLEAR = 1u << VIC0_TIMER4;
	TCON &= ~TCON_T4_START;

	uart_puts(UART0_BASE, "timer-irq: ");
	uart_put_udec(UART0_BASE, ticks);
	uart_puts(UART0_BASE, " ticks at 100 Hz\n");
	uart_drain(UART0_BASE);
	return spurious == 0 ? 0 : 1;
}
