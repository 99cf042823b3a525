/*
 * LDREX/STREX on the ARM1176 (ARMv6K): prints each probe's STREX status (0 stored, 1 failed) and what
 * memory holds afterwards. The local monitor is cleared by CLREX and, in arm-core, by exception entry.
 */
#include <stdint.h>
#include "semihost.h"

uint32_t strex_after_ldrex(uint32_t *p, uint32_t value, uint32_t *loaded);
uint32_t strex_alone(uint32_t *p, uint32_t value);
uint32_t strex_after_clrex(uint32_t *p, uint32_t value);
uint32_t strex_other_address(uint32_t *p, uint32_t *q, uint32_t value);
uint32_t strex_after_undefined(uint32_t *p, uint32_t value);
uint32_t exclusive_byte(uint8_t *p, uint32_t value, uint32_t *loaded);
uint32_t exclusive_half(uint16_t *p, uint32_t value, uint32_t *loaded);
uint32_t exclusive_double(uint64_t *p, const uint32_t new_value[2], uint32_t loaded[2]);
uint32_t atomic_add(uint32_t *p, uint32_t value);
void install_vectors(void);
extern volatile uint32_t undefined_count;

static uint32_t word = 0x11111111;
static uint32_t other = 0x22222222;
static union {
	uint64_t dword;
	uint32_t words[2];
	uint16_t halves[4];
	uint8_t bytes[8];
} block = { .words = { 0x89abcdef, 0x01234567 } };

static void line(const char *label, uint32_t status, uint32_t value)
{
	sh_puts(label);
	sh_puts(" status ");
	sh_put_udec(status);
	sh_puts(" memory ");
	sh_put_hex32(value);
	sh_putc('\n');
}

int main(void)
{
	uint32_t loaded[2];
	install_vectors();

	uint32_t s = strex_after_ldrex(&word, 0x12345678, loaded);
	line("ldrex/strex", s, word);
	sh_puts("ldrex loaded ");
	sh_put_hex32(loaded[0]);
	sh_putc('\n');
	line("strex alone", strex_alone(&word, 0xdeadbeef), word);
	line("after clrex", strex_after_clrex(&word, 0xdeadbeef), word);
	line("other address", strex_other_address(&word, &other, 0xdeadbeef), other);
	s = strex_after_undefined(&word, 0xdeadbeef);
	line("after exception", s, word);
	sh_puts("undefined taken ");
	sh_put_udec(undefined_count);
	sh_putc('\n');

	s = exclusive_byte(&block.bytes[1], 0x5a, loaded);
	line("ldrexb/strexb", s, block.words[0]);
	sh_puts("ldrexb loaded ");
	sh_put_hex32(loaded[0]);
	sh_putc('\n');
	s = exclusive_half(&block.halves[3], 0xbeef, loaded);
	line("ldrexh/strexh", s, block.words[1]);
	sh_puts("ldrexh loaded ");
	sh_put_hex32(loaded[0]);
	sh_putc('\n');
	static const uint32_t pair[2] = { 0xcafef00d, 0x0badc0de };
	s = exclusive_double(&block.dword, pair, loaded);
	sh_puts("ldrexd loaded ");
	sh_put_hex32(loaded[1]);
	sh_put_hex32(loaded[0]);
	sh_putc('\n');
	line("strexd", s, block.words[0]);
	line("strexd high", s, block.words[1]);

	uint32_t counter = 0;
	uint32_t last = 0;
	for (uint32_t i = 1; i <= 1000; i++) last = atomic_add(&counter, i);
	sh_puts("atomic sum ");
	sh_put_udec(last);
	sh_putc('\n');
	return 0;
}
