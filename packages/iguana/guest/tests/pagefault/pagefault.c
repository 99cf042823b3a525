/*
 * A thread touches memory no memsection covers: the server reports "Unhandled page fault" and deletes
 * it; main sees it gone and carries on, using its heap (faulted in by the server) and memsections.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <iguana/iguana.h>

#define NOWHERE 0x00300000

static void stray(void *arg)
{
	(void)arg;
	*(volatile L4_Word_t *)NOWHERE = 1;
	printf("pagefault: the stray thread went on (wrong)\n");
}

/* An undefined instruction: the kernel sends the exception to the server, which reports it. */
static void confused(void *arg)
{
	(void)arg;
	__asm__ volatile(".word 0xe7f000f0");
	printf("pagefault: the confused thread went on (wrong)\n");
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("pagefault: pd %lu, starting a thread that writes to 0x%x\n", pd_myself(), NOWHERE);
	thread_ref_t t = thread_create_simple(stray, 0, 150);
	L4_MsgTag_t tag = L4_Receive(thread_l4tid(t));
	printf("pagefault: receive from the stray thread %s (error %lu); main goes on\n", L4_IpcFailed(tag) ? "failed" : "succeeded", L4_ErrorCode());
	t = thread_create_simple(confused, 0, 150);
	tag = L4_Receive(thread_l4tid(t));
	printf("pagefault: receive from the confused thread %s; main goes on\n", L4_IpcFailed(tag) ? "failed" : "succeeded");
	char *s = malloc(64);
	strcpy(s, "heap");
	L4_Word_t size = 0;
	L4_Word_t base = memsection_lookup((L4_Word_t)s, &size);
	printf("pagefault: %s at 0x%lx in memsection 0x%lx (%lu bytes)\n", s, (L4_Word_t)s, base, size);
	printf("pagefault: lookup of 0x%x gives 0x%lx\n", NOWHERE, memsection_lookup(NOWHERE, 0));
	return 0;
}
