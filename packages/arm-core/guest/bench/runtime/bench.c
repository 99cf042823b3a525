#include "bench.h"

long sys_write(int fd, const void *buf, size_t len)
{
	register long r0 __asm__("r0") = fd;
	register const void *r1 __asm__("r1") = buf;
	register size_t r2 __asm__("r2") = len;
	register long r7 __asm__("r7") = 4;
	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

void sys_exit(int status)
{
	register long r0 __asm__("r0") = status;
	register long r7 __asm__("r7") = 1;
	for (;;) __asm__ volatile("svc #0" : : "r"(r0), "r"(r7) : "memory");
}

static void write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		long done = sys_write(fd, p, len);
		if (done <= 0) sys_exit(3);
		p += done;
		len -= (size_t)done;
	}
}

static char out_buffer[256];
static size_t out_length;

void out_flush(void)
{
	write_all(1, out_buffer, out_length);
	out_length = 0;
}

void out_char(char c)
{
	if (out_length == sizeof out_buffer) out_flush();
	out_buffer[out_length++] = c;
}

void out_str(const char *s)
{
	while (*s) out_char(*s++);
}

void out_hex32(uint32_t value)
{
	for (int shift = 28; shift >= 0; shift -= 4) out_char("0123456789abcdef"[(value >> shift) & 15]);
}

void out_udec(uint32_t value)
{
	/* By subtraction of powers of ten: no libgcc division needed. */
	static const uint32_t powers[] = { 1000000000u, 100000000u, 10000000u, 1000000u, 100000u, 10000u, 1000u, 100u, 10u, 1u };
	int started = 0;
	for (unsigned i = 0; i < sizeof powers / sizeof powers[0]; i++) {
		char digit = '0';
		while (value >= powers[i]) {
			value -= powers[i];
			digit++;
		}
		if (digit != '0' || started || i == 9) {
			out_char(digit);
			started = 1;
		}
	}
}

void out_checksum(const char *label, uint32_t value)
{
	out_str(label);
	out_char(' ');
	out_hex32(value);
	out_char('\n');
}

static void usage(const char *name, const char *arg)
{
	static const char prefix[] = ": iteration count must be a decimal number from 1 to 1000000, got \"";
	const char *p;
	for (p = name; *p; p++) {}
	write_all(2, name, (size_t)(p - name));
	write_all(2, prefix, sizeof prefix - 1);
	for (p = arg; *p; p++) {}
	write_all(2, arg, (size_t)(p - arg));
	write_all(2, "\"\n", 2);
	sys_exit(2);
}

uint32_t bench_start(const char *name, int argc, char **argv, uint32_t fallback)
{
	uint32_t n = fallback;
	if (argc > 1 && argv[1]) {
		const char *p = argv[1];
		n = 0;
		if (!*p) usage(name, argv[1]);
		for (; *p; p++) {
			if (*p < '0' || *p > '9' || n > 100000u) usage(name, argv[1]);
			n = n * 10 + (uint32_t)(*p - '0');
		}
		if (n == 0 || n > 1000000u) usage(name, argv[1]);
	}
	out_str(name);
	out_str(" iterations ");
	out_udec(n);
	out_char('\n');
	return n;
}

int bench_finish(uint32_t total)
{
	out_checksum("total", total);
	out_flush();
	return 0;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	while (n--) *d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	while (n--) *d++ = (unsigned char)c;
	return dst;
}
