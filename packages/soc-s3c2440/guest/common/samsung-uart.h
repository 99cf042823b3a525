/*
 * Polled console on a Samsung UART (S3C2440A and S3C6410 share the block): FIFOs off, as the boot
 * loader leaves UART0. Register offsets from the S3C2440A manual (hardware.md §1 "UART0-2").
 */
#ifndef L4LAB_SAMSUNG_UART_H
#define L4LAB_SAMSUNG_UART_H

#include "baremetal.h"

#define UTRSTAT 0x10
#define UTXH    0x20
#define URXH    0x24

#define UTRSTAT_RX_READY          (1u << 0)
#define UTRSTAT_TRANSMITTER_EMPTY (1u << 2)

/* Waits until the transmitter is empty (buffer and shift register), then sends one byte. */
static inline void uart_putc_raw(uint32_t base, char c)
{
	while (!(REG32(base + UTRSTAT) & UTRSTAT_TRANSMITTER_EMPTY))
		;
	REG8(base + UTXH) = (uint8_t)c;
}

/* A terminal wants CR before LF. */
static inline void uart_putc(uint32_t base, char c)
{
	if (c == '\n')
		uart_putc_raw(base, '\r');
	uart_putc_raw(base, c);
}

static inline void uart_puts(uint32_t base, const char *s)
{
	while (*s)
		uart_putc(base, *s++);
}

static inline void uart_put_hex32(uint32_t base, uint32_t value)
{
	for (int shift = 28; shift >= 0; shift -= 4)
		uart_putc_raw(base, "0123456789abcdef"[(value >> shift) & 0xf]);
}

static inline void uart_put_udec(uint32_t base, uint32_t value)
{
	char text[11];
	int i = 10;
	text[i] = 0;
	do {
		text[--i] = (char)('0' + value % 10);
		value /= 10;
	} while (value != 0);
	uart_puts(base, &text[i]);
}

/* Waits for a received byte. */
static inline uint8_t uart_getc(uint32_t base)
{
	while (!(REG32(base + UTRSTAT) & UTRSTAT_RX_READY))
		;
	return REG8(base + URXH);
}

/* Waits until the last byte has left the shift register (before exiting or resetting). */
static inline void uart_drain(uint32_t base)
{
	while (!(REG32(base + UTRSTAT) & UTRSTAT_TRANSMITTER_EMPTY))
		;
}

#endif
