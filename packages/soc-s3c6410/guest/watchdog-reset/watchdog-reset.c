/*
 * Watchdog reset on the S3C6410: after a hardware reset (RST_STAT bit 0) it arms the watchdog with a
 * 2 ms timeout and spins; the watchdog resets the chip, the boot loader runs the program again, and this
 * time RST_STAT bit 3 reports the watchdog: it says so and exits 0 through semihosting.
 *
 * Watchdog clock = PCLK / (prescaler + 1) / 16 = 66.5 MHz / 133 / 16 = 31.25 kHz; 63 ticks = 2.016 ms.
 */
#include "s3c6410.h"
#include "samsung-uart.h"

int main(void)
{
	uint32_t cause = RST_STAT;
	uart_puts(UART0_BASE, "watchdog-reset: RST_STAT ");
	uart_put_hex32(UART0_BASE, cause);
	if (cause & RST_STAT_WATCHDOG) {
		uart_puts(UART0_BASE, ": rebooted by watchdog\n");
		uart_drain(UART0_BASE);
		return 0;
	}
	if (!(cause & RST_STAT_HARDWARE)) {
		uart_puts(UART0_BASE, ": unexpected reset cause\n");
		uart_drain(UART0_BASE);
		return 1;
	}
	uart_puts(UART0_BASE, ": power-on reset; arming the watchdog (2 ms)\n");
	uart_drain(UART0_BASE);
	WTDAT = 63;
	WTCNT = 63;
	WTCON = WTCON_PRESCALER(132) | WTCON_DIV16 | WTCON_ENABLE | WTCON_RESET_ENABLE;
	for (;;)
		;
}
