/* KDB traps: console, tick (core cycles), and a small printf for tests. */
#ifndef L4_KDEBUG_H
#define L4_KDEBUG_H
#include <l4/types.h>

static inline void L4_KDB_PrintChar(char c)
{
	L4_Regs_t r = { { (L4_Word_t)(unsigned char)c, 0, 0, 0, 0, 0, 0, 0, 0 } };
	l4_trap(L4_KDB_PUTC, &r);
}
static inline void L4_KDB_PrintString(const char *s)
{
	L4_Regs_t r = { { (L4_Word_t)s, 0, 0, 0, 0, 0, 0, 0, 0 } };
	l4_trap(L4_KDB_DEBUG_STRING, &r);
}
/* Core cycles since reset (the simulation's clock). */
static inline L4_Word64_t L4_KDB_GetTick(void)
{
	L4_Regs_t r = { { 0 } };
	l4_trap(L4_KDB_GET_TICK, &r);
	return ((L4_Word64_t)r.r[1] << 32) | r.r[0];
}

/* %d %u %x %lx %s %c %%, with optional width and 0 flag. */
int l4_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Boot info and environment from the image builder. */
int l4_argc(void);
char **l4_argv(void);
/* Environment value for `key` (threads: tid, memsections: address); 0 if missing. */
L4_Word_t l4_getenv(const char *key);
L4_ThreadId_t l4_getenv_thread(const char *key);
L4_SpaceId_t l4_my_space(void);
/* Ends the calling thread: it blocks forever. */
void l4_thread_exit(int status) __attribute__((noreturn));

#endif
