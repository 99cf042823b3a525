#include "semihost.h"

int semihost_call(int op, const void *arg)
{
	register int r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;
	/* lr is clobbered: on a real core the SVC from SVC mode overwrites LR_svc. */
#ifdef __thumb__
	__asm__ volatile("svc 0xab" : "+r"(r0) : "r"(r1) : "memory", "lr");
#else
	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr");
#endif
	return r0;
}

void sh_putc(char c)
{
	semihost_call(SYS_WRITEC, &c);
}

void sh_puts(const char *s)
{
	semihost_call(SYS_WRITE0, s);
}

void sh_put_hex32(uint32_t value)
{
	char text[9];
	for (int i = 7; i >= 0; i--) {
		text[i] = "0123456789abcdef"[value & 0xf];
		value >>= 4;
	}
	text[8] = 0;
	sh_puts(text);
}

void sh_put_udec(uint32_t value)
{
	char text[11];
	int i = 10;
	text[i] = 0;
	do {
		text[--i] = (char)('0' + value % 10);
		value /= 10;
	} while (value != 0);
	sh_puts(&text[i]);
}

/*
 * Status 0 uses plain SYS_EXIT, which every host supports. Other statuses need
 * SYS_EXIT_EXTENDED; a host without it returns, and we still report a failure.
 */
void _exit(int status)
{
	if (status != 0) {
		const uint32_t block[2] = { ADP_Stopped_ApplicationExit, (uint32_t)status };
		semihost_call(SYS_EXIT_EXTENDED, block);
		semihost_call(SYS_EXIT, (const void *)ADP_Stopped_RunTimeErrorUnknown);
	} else {
		semihost_call(SYS_EXIT, (const void *)ADP_Stopped_ApplicationExit);
	}
	for (;;)
		;
}
