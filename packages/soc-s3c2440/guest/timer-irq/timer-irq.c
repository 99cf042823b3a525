/*
 * PWM timer 4 at 100 Hz through the S3C2440A interrupt controller: an IRQ handler counts ticks; after
 * 10 ticks (100 ms of board time) the program reports on UART0 and exits through semihosting, with
 * status 1 if any other interrupt arrived.
 *
 * Timer 4 clock = PCLK / (prescaler1 + 1) / divider = 50 MHz / 25 / 16 = 125 kHz; period TCNTB4 + 1 =
 * 1250 ticks = 10 ms. The handler acknowledges as the manual says: SRCPND, then INTPND.
 */
#include "s3c2440.h"
#include "samsung-uart.h"
#include "semihost.h"

#define TICKS 10u

static volatile uint32_t ticks;
static volatile uint32_t spurious;

static void irq_handler(void)
{
	uint32_t source = INTOFFSET;
	if (source == IRQ_TIMER4)
		ticks++;
	else
		spurious++;
	SRCPND = 1u << source;
	INTPND = 1u << source;
}

int main(void)
{
	exceptions_init(irq_handler);

	TCFG0 = (TCFG0 & ~0xff00u) | (24u << 8);     /* prescaler 1 (timers 2-4): /25 */
	TCFG1 = (TCFG1 & ~0xf0000u) | (3u << 16);    /* timer 4 mux: /16 */
	TCNTB4 = PCLK_HZ / 25u / 16u / 100u - 1u;     /* 1249: 10 ms */
	TCON = (TCON & ~(7u << 20)) | TCON_T4_UPDATE | TCON_T4_AUTO_RELOAD;
	TCON = (TCON & ~(7u << 20)) | TCON_T4_START | TCON_T4_AUTO_RELOAD;

	INTMOD &= ~(1u << IRQ_TIMER4);
	SRCPND = 1u << IRQ_TIMER4;
	INTMSK &= ~(1u << IRQ_TIMER4);

	/* Idle with IRQ masked between the test and the wait, so no tick slips in between. */
	cpsr_set_control(CPSR_SVC_IRQ_OFF);
	while (ticks < TICKS) {
		wait_for_interrupt();
		cpsr_set_control(CPSR_SVC_IRQ_ON);
		cpsr_set_control(CPSR_SVC_IRQ_OFF);
	}
	cpsr_set_control(CPSR_SVC_MASKED);
	INTMSK |= 1u << IRQ_TIMER4;
	TCON &= ~TCON_T4_START;

	uart_puts(UART0_BASE, "timer-irq: ");
	uart_put_udec(UART0_BASE, ticks);
	uart_puts(UART0_BASE, " ticks at 100 Hz\n");
	uart_drain(UART0_BASE);
	return spurious == 0 ? 0 : 1;
}
