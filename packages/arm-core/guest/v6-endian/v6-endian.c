/*
 * SETEND on the ARM1176: the same little-endian bytes read and written with CPSR.E = 1 (BE-8: data
 * byte-swapped per access size, byte accesses and instruction fetches unchanged), compared with REV,
 * REV16 and REVSH of the little-endian values.
 */
#include <stdint.h>
#include "semihost.h"

uint32_t be_load_word(const void *p);
uint32_t be_load_half(const void *p);
int32_t be_load_signed_half(const void *p);
void be_store_word(void *p, uint32_t value);
void be_store_half(void *p, uint32_t value);
void be_load_pair(const void *p, uint32_t out[2]);
uint32_t cpsr_while_big_endian(void);
uint32_t cpsr_now(void);
uint32_t rev16(uint32_t value);
int32_t revsh(uint32_t value);

static const uint8_t bytes[8] = { 0x11, 0x22, 0x33, 0x84, 0x55, 0x66, 0x77, 0x88 };
static union {
	uint32_t words[2];
	uint8_t bytes[8];
} scratch;

static void show(const char *label, uint32_t value)
{
	sh_puts(label);
	sh_putc(' ');
	sh_put_hex32(value);
	sh_putc('\n');
}

static uint32_t le_word(const uint8_t *p)
{
	return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

int main(void)
{
	uint32_t le = le_word(bytes);
	show("le word", le);
	show("be word", be_load_word(bytes));
	show("rev", __builtin_bswap32(le));
	show("be half", be_load_half(bytes + 2));
	show("be signed half", (uint32_t)be_load_signed_half(bytes + 2));
	show("revsh", (uint32_t)revsh(le >> 16));
	show("rev16", rev16(le));

	uint32_t pair[2];
	be_load_pair(bytes, pair);
	show("be ldm 0", pair[0]);
	show("be ldm 1", pair[1]);

	be_store_word(&scratch.words[0], 0xa1b2c3d4);
	be_store_half(&scratch.bytes[4], 0xe5f6);
	show("stored bytes 0-3", le_word(scratch.bytes));
	show("stored bytes 4-7", le_word(scratch.bytes + 4));

	show("cpsr.E while big", (cpsr_while_big_endian() >> 9) & 1);
	show("cpsr.E after", (cpsr_now() >> 9) & 1);
	return 0;
}
