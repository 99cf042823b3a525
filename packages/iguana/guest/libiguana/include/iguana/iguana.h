/* libiguana: the Iguana client API over the generated stubs (stubs.h), and the boot information. */
#ifndef IGUANA_IGUANA_H
#define IGUANA_IGUANA_H
#include <l4/l4.h>
#include <iguana/stubs.h>

/* What the server lays out at the top of each image thread's stack; sp and r0 point at it. */
struct iguana_bootinfo {
	L4_Word_t magic;
	L4_Word_t argc;
	char **argv;
	L4_Word_t envc;
	L4_Word_t *env; /* envc pairs: key string, value */
	L4_Word_t myself;
	L4_Word_t space;
	/* then argv[argc + 1], env[2 * envc], the strings */
};

/* main's boot information (set by crt0). */
extern struct iguana_bootinfo *__iguana_bootinfo;

/* An environment entry ("MAIN", "SECOND_THREAD", memsection names, constants); 0 if absent. */
L4_Word_t iguana_getenv(const char *key);
L4_Word_t iguana_getenv_in(const struct iguana_bootinfo *info, const char *key);

typedef L4_Word_t thread_ref_t;
typedef L4_Word_t pd_ref_t;

/* A thread of this PD running fn(arg) at priority prio; 0 on failure. It ends when fn returns. */
thread_ref_t thread_create_simple(void (*fn)(void *), void *arg, int prio);
static inline int thread_delete(thread_ref_t t) { return (int)iguana_thread_delete(t); }
static inline L4_ThreadId_t thread_l4tid(thread_ref_t t) { L4_ThreadId_t id = { iguana_thread_l4tid(t) }; return id; }
static inline thread_ref_t thread_myself(void) { return iguana_thread_myself(); }
static inline pd_ref_t pd_myself(void) { return iguana_pd_myself(); }
static inline L4_Word_t memsection_create(L4_Word_t size) { return iguana_memsection_create(size); }
static inline L4_Word_t memsection_lookup(L4_Word_t addr, L4_Word_t *size) { return iguana_memsection_lookup(addr, size); }
static inline int memsection_delete(L4_Word_t base) { return (int)iguana_memsection_delete(base); }

/* Ends the calling thread (the thread trampoline's tail). */
void thread_exit_self(void) __attribute__((noreturn));

#endif
