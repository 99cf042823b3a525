/*
 * Shared helpers for the CPU benchmark programs: Linux EABI system calls (write, exit), buffered
 * output of labelled checksums, the iteration count from argv[1], and a deterministic PRNG.
 * No libc: everything a program needs is here or in bench.c.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

/* write(2): r7 = 4. Returns the kernel's result (bytes written or -errno). */
long sys_write(int fd, const void *buf, size_t len);
/* exit(2): r7 = 1. */
__attribute__((noreturn)) void sys_exit(int status);

/* Buffered standard output; out_flush writes what is buffered. */
void out_char(char c);
void out_str(const char *s);
void out_hex32(uint32_t value);
void out_udec(uint32_t value);
void out_flush(void);
/* "label xxxxxxxx\n" */
void out_checksum(const char *label, uint32_t value);

/*
 * The program's scale: argv[1] as a positive decimal number, else `fallback`. Prints
 * "<name> iterations <n>\n". A malformed argument prints a message to stderr and exits 2.
 */
uint32_t bench_start(const char *name, int argc, char **argv, uint32_t fallback);
/* Prints "total xxxxxxxx\n", flushes, returns 0 for main to return. */
int bench_finish(uint32_t total);

/* The compiler may emit calls to these for struct copies and zeroing; we provide them. */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

/* xorshift32 (Marsaglia): never returns 0 for a non-zero state. */
static inline uint32_t prng_next(uint32_t *state)
{
	uint32_t x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* A non-zero PRNG state from any seed. */
static inline uint32_t prng_seed(uint32_t seed)
{
	seed = (seed ^ 0x5bd1e995u) * 0x9e3779b1u;
	return seed ? seed : 0x2545f491u;
}

static inline uint32_t rotl32(uint32_t x, unsigned r)
{
	r &= 31;
	return r ? (x << r) | (x >> (32 - r)) : x;
}

/* Folds a value into a running checksum (order-sensitive). */
static inline uint32_t mix32(uint32_t acc, uint32_t value)
{
	return (rotl32(acc, 5) ^ value) * 0x01000193u + 0x7f4a7c15u;
}

#endif
