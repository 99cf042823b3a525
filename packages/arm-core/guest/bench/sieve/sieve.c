/*
 * Sieve of Eratosthenes over a byte array, with a limit that changes every iteration: counts the
 * primes, sums them, and folds in the largest gap. Byte stores in strided loops, a sequential scan.
 */
#include "bench.h"

#define MAX_LIMIT 65536
#define DEFAULT_ITERATIONS 19

static uint8_t composite[MAX_LIMIT + 1];

int main(int argc, char **argv)
{
	uint32_t iterations = bench_start("sieve", argc, argv, DEFAULT_ITERATIONS);
	uint32_t state = prng_seed(0x51e7e);
	uint32_t counts = 0, sums = 0, gaps = 0;
	for (uint32_t it = 0; it < iterations; it++) {
		uint32_t limit = MAX_LIMIT - (prng_next(&state) & 8191);
		for (uint32_t i = 0; i <= limit; i++) composite[i] = 0;
		composite[0] = composite[1] = 1;
		for (uint32_t p = 2; p * p <= limit; p++) {
			if (composite[p]) continue;
			for (uint32_t m = p * p; m <= limit; m += p) composite[m] = 1;
		}
		uint32_t count = 0, sum = 0, last = 0, gap = 0;
		for (uint32_t i = 2; i <= limit; i++) {
			if (composite[i]) continue;
			count++;
			sum += i;
			if (last && i - last > gap) gap = i - last;
			last = i;
		}
		counts = mix32(counts, count);
		sums = mix32(sums, sum);
		gaps = mix32(gaps, gap ^ (limit << 8));
	}
	out_checksum("count", counts);
	out_checksum("sum", sums);
	out_checksum("gap", gaps);
	return bench_finish(mix32(mix32(counts, sums), gaps));
}
