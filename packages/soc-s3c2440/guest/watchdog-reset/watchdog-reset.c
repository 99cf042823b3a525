/*
 * Watchdog reset on the S3C2440A: after a power-on reset (GSTATUS2 bit 0) it arms the watchdog with a
 * 2 ms timeout and spins; the watchdog resets the chip, the boot loader runs the program again, and this
 * time GSTATUS2 bit 2 reports the watchdog: it says so and exits 0 through semihosting.
 *
 * Watchdog clock = PCLK / (prescaler + 1) / 16 = 50 MHz / 50 / 16 = 62.5 kHz; 125 ticks = 2 ms.
 */
#include "s3c2440.h"
#include "samsung-uart.h"

int main(void)
{
	uint32_t cause = GSTATUS2;
	uart_puts(UART0_BASE, "watchdog-reset: GSTATUS2 ");
	uart_put_hex32(UART0_BASE, cause);
	if (cause & GSTATUS2_WATCHDOG) {
		uart_puts(UART0_BASE, ": rebooted by watchdog\n");
		uart_drain(UART0_BASE);
		return 0;
	}
	if (!(cause & GSTATUS2_POWER_ON)) {
		uart_puts(UART0_BASE, ": unexpected reset cause\n");
		uart_drain(UART0_BASE);
		return 1;
	}
	uart_puts(UART0_BASE, ": power-on reset; arming the watchdog (2 ms)\n");
	uart_drain(UART0_BASE);
	WTDAT = 125;
	WTCNT = 125;
	WTCON = WTCON_PRESCALER(49) | WTCON_DIV16 | WTCON_ENABLE | WTCON_RESET_ENABLE;
	for (;;)
		;
}
