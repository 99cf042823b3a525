/*
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xedb88320) over a pseudo-random buffer: a table-driven
 * pass over the whole buffer and a bit-at-a-time pass over its first part, every iteration with a
 * freshly generated buffer. Loads, shifts, xors and a 1 KB table.
 */
#include "bench.h"

#define BUFFER_BYTES 16384
#define BITWISE_BYTES 1024
#define DEFAULT_ITERATIONS 100

static uint32_t buffer_words[BUFFER_BYTES / 4];
static uint32_t table[256];

static void make_table(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
}

static uint32_t crc32_table(const uint8_t *p, size_t n, uint32_t crc)
{
	crc = ~crc;
	while (n--) crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static uint32_t crc32_bitwise(const uint8_t *p, size_t n, uint32_t crc)
{
	crc = ~crc;
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

int main(int argc, char **argv)
{
	uint32_t iterations = bench_start("crc32", argc, argv, DEFAULT_ITERATIONS);
	make_table();

	static const char check[] = "123456789";
	uint32_t known = crc32_table((const uint8_t *)check, sizeof check - 1, 0);
	out_checksum("check", known); /* cbf43926 by definition of CRC-32 */

	uint32_t state = prng_seed(0xc0ffee);
	uint32_t table_sum = 0, bitwise_sum = 0, mismatches = 0;
	for (uint32_t it = 0; it < iterations; it++) {
		for (size_t i = 0; i < BUFFER_BYTES / 4; i++) buffer_words[i] = prng_next(&state);
		const uint8_t *bytes = (const uint8_t *)buffer_words;
		uint32_t whole = crc32_table(bytes, BUFFER_BYTES, it);
		uint32_t head = crc32_bitwise(bytes, BITWISE_BYTES, 0);
		if (head != crc32_table(bytes, BITWISE_BYTES, 0)) mismatches++;
		table_sum = mix32(table_sum, whole);
		bitwise_sum = mix32(bitwise_sum, head);
	}
	out_checksum("table", table_sum);
	out_checksum("bitwise", bitwise_sum);
	out_checksum("mismatches", mismatches);
	return bench_finish(mix32(mix32(mix32(known, table_sum), bitwise_sum), mismatches));
}
