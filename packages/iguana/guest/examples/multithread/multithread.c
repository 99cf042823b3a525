/*
 * multithread (reference/okl4.md §8, the paper's Figure 2): main prods a second thread, declared in the
 * image with its own command line, which prints its arguments and calls back.
 */
#include <stdio.h>
#include <iguana/iguana.h>

L4_THREAD_ENTRY void main_second_thread(struct iguana_bootinfo *info)
{
	L4_ThreadId_t from;
	L4_Wait(&from);
	printf("Second Thread Command Line Arguments:\n");
	for (L4_Word_t i = 0; i < info->argc; i++) printf("\t%s\n", info->argv[i]);
	printf("-------------------------------------\n");
	L4_Set_MsgTag(L4_MsgTag(0, 0));
	L4_Call(from);
	/* main ends the program; until then wait for nothing. */
	for (;;) L4_Receive(L4_Myself());
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	L4_ThreadId_t second = { iguana_getenv("SECOND_THREAD") };
	printf("Switching to the second thread:\n");
	L4_Set_MsgTag(L4_MsgTag(1, 0));
	L4_MsgTag_t tag = L4_Call(second);
	if (L4_IpcFailed(tag)) {
		printf("Couldn't prod the second thread (0x%lx) (error %lu).\n", second.raw, L4_ErrorCode());
		return 1;
	}
	printf("Second thread works!\n");
	return 0;
}
