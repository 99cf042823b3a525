/*
 * Sorting pseudo-random signed integers: a quicksort (median of three, Hoare partition, recursion on
 * the smaller side, insertion sort below a cutoff) over a large array and a plain insertion sort over
 * a small one, each verified sorted and folded into a checksum. Compares, branches, loads and stores.
 */
#include "bench.h"

#define QUICK_COUNT 4096
#define INSERTION_COUNT 256
#define CUTOFF 12
#define DEFAULT_ITERATIONS 32

static int32_t quick_data[QUICK_COUNT];
static int32_t insertion_data[INSERTION_COUNT];

static void insertion_sort(int32_t *a, int n)
{
	for (int i = 1; i < n; i++) {
		int32_t v = a[i];
		int j = i - 1;
		while (j >= 0 && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static void swap(int32_t *a, int i, int j)
{
	int32_t t = a[i];
	a[i] = a[j];
	a[j] = t;
}

static void quick_sort(int32_t *a, int lo, int hi)
{
	while (hi - lo + 1 > CUTOFF) {
		int mid = lo + ((hi - lo) >> 1);
		if (a[mid] < a[lo]) swap(a, mid, lo);
		if (a[hi] < a[lo]) swap(a, hi, lo);
		if (a[hi] < a[mid]) swap(a, hi, mid);
		int32_t pivot = a[mid];
		int i = lo - 1, j = hi + 1;
		for (;;) {
			do i++; while (a[i] < pivot);
			do j--; while (a[j] > pivot);
			if (i >= j) break;
			swap(a, i, j);
		}
		/* a[lo..j] <= pivot <= a[j+1..hi]: recurse on the smaller part, loop on the larger. */
		if (j - lo < hi - j) {
			quick_sort(a, lo, j);
			lo = j + 1;
		} else {
			quick_sort(a, j + 1, hi);
			hi = j;
		}
	}
	insertion_sort(a + lo, hi - lo + 1);
}

/* Checksum of a sorted array; counts the out-of-order neighbours (0 when sorted). */
static uint32_t digest(const int32_t *a, int n, uint32_t *unsorted)
{
	uint32_t sum = 0;
	for (int i = 0; i < n; i++) {
		if (i > 0 && a[i - 1] > a[i]) (*unsorted)++;
		sum = mix32(sum, (uint32_t)a[i] + (uint32_t)i);
	}
	return sum;
}

int main(int argc, char **argv)
{
	uint32_t iterations = bench_start("sort", argc, argv, DEFAULT_ITERATIONS);
	uint32_t state = prng_seed(0x5027);
	uint32_t quick_sum = 0, insertion_sum = 0, unsorted = 0;
	for (uint32_t it = 0; it < iterations; it++) {
		/* Values in a range narrower than the count on odd iterations, so duplicates occur. */
		uint32_t mask = (it & 1) ? 0x3ff : 0xffffffffu;
		for (int i = 0; i < QUICK_COUNT; i++) quick_data[i] = (int32_t)(prng_next(&state) & mask);
		for (int i = 0; i < INSERTION_COUNT; i++) insertion_data[i] = (int32_t)prng_next(&state) >> 8;
		quick_sort(quick_data, 0, QUICK_COUNT - 1);
		insertion_sort(insertion_data, INSERTION_COUNT);
		quick_sum = mix32(quick_sum, digest(quick_data, QUICK_COUNT, &unsorted));
		insertion_sum = mix32(insertion_sum, digest(insertion_data, INSERTION_COUNT, &unsorted));
	}
	out_checksum("quicksort", quick_sum);
	out_checksum("insertion", insertion_sum);
	out_checksum("unsorted", unsorted);
	return bench_finish(mix32(mix32(quick_sum, insertion_sum), unsorted));
}
