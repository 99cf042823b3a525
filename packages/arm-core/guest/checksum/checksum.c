/*
 * Exercises the integer paths a core must get right: shifts and rotates, 32x32 and 64-bit
 * multiplies (MUL/MLA/UMULL/SMULL/UMLAL), libgcc division (ARMv4T has no divide instruction),
 * byte loads, .data initialisation and .bss zeroing. Each part is printed so a mismatch points at
 * the failing instructions; src/elf/guest-images.test.ts recomputes the same values.
 */
#include <stdint.h>
#include "semihost.h"

static const char text[] = "The quick brown fox jumps over the lazy dog";
static uint32_t seeds[4] = { 0x12345678u, 0x9abcdef0u, 0x0badf00du, 0xdeadbeefu }; /* .data */
static uint32_t zeroes[64];                                                           /* .bss */

static uint32_t crc32(const char *p, uint32_t n)
{
	uint32_t crc = 0xffffffffu;
	while (n--) {
		crc ^= (uint8_t)*p++;
		for (int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static uint32_t rotl(uint32_t x, unsigned r)
{
	return (x << r) | (x >> ((32 - r) & 31));
}

static uint32_t multiply(void)
{
	uint32_t acc = 1;
	for (uint32_t i = 1; i <= 1000; i++)
		acc = acc * 2654435761u + i * seeds[i & 3];
	return acc;
}

static uint32_t wide(void)
{
	uint64_t acc = 0;
	int64_t sacc = 0;
	for (uint32_t i = 0; i < 4; i++) {
		acc += (uint64_t)seeds[i] * 0x9e3779b9u;
		sacc += (int64_t)(int32_t)seeds[i] * -123457;
	}
	return (uint32_t)(acc >> 32) ^ (uint32_t)acc ^ (uint32_t)((uint64_t)sacc >> 17);
}

static uint32_t divide(void)
{
	uint32_t acc = 0;
	/* Divisors vary at run time so the compiler cannot turn them into multiplies. */
	for (int32_t i = -500; i <= 500; i += 7) {
		int32_t n = i * 99991;
		int32_t d = 37 + (i & 15);
		uint32_t u = 1000u + ((uint32_t)i & 7);
		acc = rotl(acc, 5) ^ (uint32_t)(n / d) ^ (uint32_t)(n % d);
		acc += (uint32_t)n / u + (uint32_t)n % u;
	}
	uint64_t big = ((uint64_t)seeds[3] << 32) | seeds[0];
	uint32_t d64 = 1000003u + (seeds[1] & 0xff);
	acc ^= (uint32_t)(big / d64) ^ (uint32_t)(big % d64);
	return acc;
}

static uint32_t bits(void)
{
	uint32_t acc = 0;
	for (uint32_t i = 0; i < 64; i++) {
		uint32_t x = rotl(seeds[i & 3], i & 31) ^ zeroes[i];
		uint32_t ones = 0;
		while (x) {
			x &= x - 1;
			ones++;
		}
		acc = acc * 33 + ones;
		zeroes[i] = acc;
	}
	seeds[0] ^= acc;
	return acc ^ seeds[0] ^ zeroes[63];
}

static void report(const char *name, uint32_t value)
{
	sh_puts(name);
	sh_putc(' ');
	sh_put_hex32(value);
	sh_putc('\n');
}

int main(void)
{
	uint32_t parts[5];
	/* Separate statements: initialiser-list order is unsequenced, and bits() changes seeds[0]. */
	parts[0] = crc32(text, sizeof text - 1);
	parts[1] = multiply();
	parts[2] = wide();
	parts[3] = divide();
	parts[4] = bits();
	static const char *const names[5] = { "crc32", "multiply", "wide", "divide", "bits" };
	uint32_t sum = 0;
	for (int i = 0; i < 5; i++) {
		report(names[i], parts[i]);
		sum = rotl(sum, 7) + parts[i];
	}
	report("checksum", sum);
	return 0;
}
