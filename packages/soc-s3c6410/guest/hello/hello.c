/*
 * Polled "hello" on UART0 with no semihosting at all: print, then wait for an interrupt with IRQ and
 * FIQ masked, which nothing can end (the simulator reports a halt; a real board just sits there).
 */
#include "s3c6410.h"
#include "samsung-uart.h"

int main(void)
{
	uart_puts(UART0_BASE, "hello from the S3C6410 (SYS_ID ");
	uart_put_hex32(UART0_BASE, SYS_ID);
	uart_puts(UART0_BASE, ") on UART0\n");
	uart_drain(UART0_BASE);
	halt();
}
