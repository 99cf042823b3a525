/* libiguana: start-up, environment and thread helpers on top of the generated stubs. */
#include <iguana/iguana.h>

L4_ThreadId_t __iguana_server;
struct iguana_bootinfo *__iguana_bootinfo;
extern void __iguana_thread_entry(void);

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b) a++, b++;
	return *a == *b;
}

L4_Word_t iguana_getenv_in(const struct iguana_bootinfo *info, const char *key)
{
	if (!info) return 0;
	for (L4_Word_t i = 0; i < info->envc; i++)
		if (streq((const char *)info->env[2 * i], key)) return info->env[2 * i + 1];
	return 0;
}

L4_Word_t iguana_getenv(const char *key)
{
	return iguana_getenv_in(__iguana_bootinfo, key);
}

/* Called by crt0 before main. */
void __iguana_init(struct iguana_bootinfo *info)
{
	__iguana_bootinfo = info;
	__iguana_server.raw = iguana_getenv("IGUANA_SERVER");
}

thread_ref_t thread_create_simple(void (*fn)(void *), void *arg, int prio)
{
	return iguana_thread_create_simple((L4_Word_t)fn, (L4_Word_t)arg, (L4_Word_t)prio, (L4_Word_t)__iguana_thread_entry);
}

void thread_exit_self(void)
{
	iguana_thread_delete(L4_Myself().raw);
	/* Not reached: the server deletes us. A closed receive from ourselves never completes otherwise. */
	for (;;) L4_Receive(L4_Myself());
}
