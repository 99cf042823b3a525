/* libl4 support: boot info, environment, thread exit and a small printf over the KDB console. */
#include <stdarg.h>
#include <l4/l4.h>

/* Set by crt0 from r0: the builder's boot-info block. */
L4_Word_t *__l4_bootinfo;

int l4_argc(void) { return __l4_bootinfo ? (int)__l4_bootinfo[1] : 0; }
char **l4_argv(void) { return __l4_bootinfo ? (char **)__l4_bootinfo[2] : 0; }
L4_SpaceId_t l4_my_space(void) { return __l4_bootinfo ? __l4_bootinfo[6] : 0; }

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b) a++, b++;
	return *a == *b;
}

L4_Word_t l4_getenv(const char *key)
{
	if (!__l4_bootinfo) return 0;
	L4_Word_t n = __l4_bootinfo[3];
	L4_Word_t *e = (L4_Word_t *)__l4_bootinfo[4];
	for (L4_Word_t i = 0; i < n; i++)
		if (streq((const char *)e[2 * i], key)) return e[2 * i + 1];
	return 0;
}

L4_ThreadId_t l4_getenv_thread(const char *key)
{
	L4_ThreadId_t t = { l4_getenv(key) };
	return t;
}

void l4_thread_exit(int status)
{
	(void)status;
	/* A closed receive from ourselves never completes. */
	for (;;) L4_Receive(L4_Myself());
}

static char *put_unsigned(char *p, char *end, unsigned long v, unsigned base, int width, char pad)
{
	char tmp[12];
	int n = 0;
	do {
		unsigned d = v % base;
		tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	while (width-- > n && p < end) *p++ = pad;
	while (n && p < end) *p++ = tmp[--n];
	return p;
}

int l4_printf(const char *fmt, ...)
{
	char buf[256];
	char *p = buf, *end = buf + sizeof buf - 1;
	va_list ap;
	va_start(ap, fmt);
	for (; *fmt && p < end; fmt++) {
		if (*fmt != '%') {
			*p++ = *fmt;
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0;
		if (*fmt == '0') pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
		if (*fmt == 'l') fmt++;
		switch (*fmt) {
		case 'd': {
			long v = va_arg(ap, long);
			if (v < 0 && p < end) *p++ = '-', v = -v, width--;
			p = put_unsigned(p, end, (unsigned long)v, 10, width, pad);
			break;
		}
		case 'u': p = put_unsigned(p, end, va_arg(ap, unsigned long), 10, width, pad); break;
		case 'x': p = put_unsigned(p, end, va_arg(ap, unsigned long), 16, width, pad); break;
		case 'c': *p++ = (char)va_arg(ap, int); break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			while (*s && p < end) *p++ = *s++;
			break;
		}
		case '%': *p++ = '%'; break;
		default: *p++ = '?'; break;
		}
	}
	va_end(ap);
	*p = 0;
	L4_KDB_PrintString(buf);
	return (int)(p - buf);
}

/* The compiler emits calls to these for struct initialisers and copies (-ffreestanding still needs them). */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memset(void *s, int c, unsigned int n)
{
	unsigned char *p = s;
	while (n--) *p++ = (unsigned char)c;
	return s;
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memcpy(void *d, const void *s, unsigned int n)
{
	unsigned char *q = d;
	const unsigned char *p = s;
	while (n--) *q++ = *p++;
	return d;
}
