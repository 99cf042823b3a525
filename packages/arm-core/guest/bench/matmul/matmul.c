/*
 * Integer matrix multiply: C = A x B for 32 x 32 matrices of pseudo-random 32-bit integers (wrapping
 * arithmetic), then C x A^T through a transposed copy, every iteration with new matrices.
 * Multiply-accumulate inner loops (MLA), strided and sequential loads.
 */
#include "bench.h"

#define N 32
#define DEFAULT_ITERATIONS 46

static uint32_t a[N][N], b[N][N], c[N][N], d[N][N], at[N][N];

static void multiply(uint32_t (*restrict out)[N], const uint32_t (*x)[N], const uint32_t (*y)[N])
{
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < N; j++) {
			uint32_t sum = 0;
			for (int k = 0; k < N; k++) sum += x[i][k] * y[k][j];
			out[i][j] = sum;
		}
	}
}

static uint32_t digest(const uint32_t (*m)[N])
{
	uint32_t sum = 0;
	for (int i = 0; i < N; i++) sum = mix32(sum, m[i][i]);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) sum += m[i][j] ^ (uint32_t)(i * N + j);
	return sum;
}

int main(int argc, char **argv)
{
	uint32_t iterations = bench_start("matmul", argc, argv, DEFAULT_ITERATIONS);
	uint32_t state = prng_seed(0x3a7);
	uint32_t product_sum = 0, second_sum = 0;
	for (uint32_t it = 0; it < iterations; it++) {
		for (int i = 0; i < N; i++) {
			for (int j = 0; j < N; j++) {
				a[i][j] = prng_next(&state) >> (it & 15);
				b[i][j] = prng_next(&state) & 0xffff;
			}
		}
		multiply(c, (const uint32_t (*)[N])a, (const uint32_t (*)[N])b);
		for (int i = 0; i < N; i++)
			for (int j = 0; j < N; j++) at[j][i] = a[i][j];
		multiply(d, (const uint32_t (*)[N])c, (const uint32_t (*)[N])at);
		product_sum = mix32(product_sum, digest((const uint32_t (*)[N])c));
		second_sum = mix32(second_sum, digest((const uint32_t (*)[N])d));
	}
	out_checksum("product", product_sum);
	out_checksum("second", second_sum);
	return bench_finish(mix32(product_sum, second_sum));
}
