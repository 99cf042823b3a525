/* The Iguana client API end to end: identities, environment, memsections, thread_create + thread_start. */
#include <stdio.h>
#include <iguana/iguana.h>

#define FIXED 0x00800000

static L4_ThreadId_t main_tid;

/* Started by thread_start on a stack memsection the server backs on its first fault. */
static void worker(void)
{
	printf("api: worker 0x%lx runs on its own stack\n", L4_Myself().raw);
	L4_Set_MsgTag(L4_MsgTag(2, 0));
	L4_Send(main_tid);
	thread_exit_self();
}

int main(int argc, char **argv)
{
	main_tid = L4_Myself();
	printf("api: %d arguments:", argc);
	for (int i = 0; i < argc; i++) printf(" %s", argv[i]);
	printf("\n");
	printf("api: thread_myself %s L4_Myself, getenv(\"API\") %s, pd %lu\n",
	       thread_myself() == main_tid.raw ? "=" : "!=", iguana_getenv("API") == main_tid.raw ? "= main" : "!= main", pd_myself());
	printf("api: getenv(\"NO_SUCH_KEY\") = %lu\n", iguana_getenv("NO_SUCH_KEY"));

	L4_Word_t m = iguana_memsection_create_fixed(0x2000, FIXED);
	volatile L4_Word_t *w = (L4_Word_t *)(FIXED + 0x1000);
	*w = 42;
	L4_Word_t again = iguana_memsection_create_fixed(0x1000, FIXED);
	printf("api: fixed memsection at 0x%lx holds %lu; again at the same place: 0x%lx\n", m, *w, again);
	L4_Word_t size = 0;
	L4_Word_t found = memsection_lookup(FIXED + 0x1234, &size);
	printf("api: lookup 0x%x -> 0x%lx (%lu bytes)\n", FIXED + 0x1234, found, size);
	int deleted = memsection_delete(m);
	L4_Word_t after = memsection_lookup(FIXED, 0);
	int twice = memsection_delete(m);
	printf("api: delete -> %d, lookup after -> 0x%lx, delete again -> %d\n", deleted, after, twice);

	L4_Word_t stack = memsection_create(0x2000);
	thread_ref_t t = iguana_thread_create(100);
	L4_Word_t started = iguana_thread_start(t, (L4_Word_t)worker, stack + 0x2000);
	printf("api: thread_create -> %s, thread_start -> %lu\n", t ? "a thread" : "0", started);
	L4_MsgTag_t tag = L4_Receive(thread_l4tid(t));
	printf("api: worker said label %lu\n", L4_Label(tag));
	printf("api: deleting a thread of another PD -> %d\n", thread_delete(0x12345));
	return 0;
}
