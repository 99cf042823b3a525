/*
 * Polled receive on UART0: echoes each byte uppercased until a newline or an EOT (Ctrl-D, 0x04, what
 * the board sends at the end of host input), then reports the count and exits 0 through semihosting.
 * Shared by both SoCs: each board's guest.json names its register header in SOC_HEADER.
 */
#include SOC_HEADER
#include "samsung-uart.h"

#define EOT 0x04

int main(void)
{
	uint32_t count = 0;
	int eof = 0;
	uart_puts(UART0_BASE, "uart-echo: type a line\n");
	for (;;) {
		uint8_t c = uart_getc(UART0_BASE);
		if (c == EOT) {
			eof = 1;
			uart_putc(UART0_BASE, '\n');
			break;
		}
		count++;
		if (c == '\r' || c == '\n') {
			uart_putc(UART0_BASE, '\n');
			break;
		}
		uart_putc(UART0_BASE, (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
	}
	uart_puts(UART0_BASE, "uart-echo: ");
	uart_put_udec(UART0_BASE, count);
	uart_puts(UART0_BASE, eof ? " bytes, end of input\n" : " bytes\n");
	uart_drain(UART0_BASE);
	return 0;
}
