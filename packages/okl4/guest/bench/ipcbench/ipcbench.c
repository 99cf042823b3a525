/* IPC round trips timed with the KDB tick (core cycles); the same image serves as "echo" in another space. */
#include <l4/l4.h>

#define ROUNDS 200

__attribute__((noreturn)) static void echo_loop(void)
{
	L4_ThreadId_t from;
	L4_MsgTag_t tag = L4_Wait(&from);
	for (;;) {
		L4_Set_MsgTag(L4_MsgTag(0, L4_UntypedWords(tag)));
		tag = L4_ReplyWait(from, &from);
	}
}

L4_THREAD_ENTRY void pong_main(void) { echo_loop(); }

static L4_Word_t measure(L4_ThreadId_t to, L4_Word_t words)
{
	/* Warm caches and TLBs first. */
	for (int i = 0; i < 10; i++) {
		L4_Set_MsgTag(L4_MsgTag(1, words));
		L4_Call(to);
	}
	L4_Word64_t t0 = L4_KDB_GetTick();
	for (int i = 0; i < ROUNDS; i++) {
		L4_Set_MsgTag(L4_MsgTag(1, words));
		L4_Call(to);
	}
	L4_Word64_t t1 = L4_KDB_GetTick();
	L4_Word64_t t2 = L4_KDB_GetTick();
	return (L4_Word_t)(((t1 - t0) - (t2 - t1)) / ROUNDS);
}

#define YIELDS 200

L4_THREAD_ENTRY void yielder_main(void)
{
	for (int i = 0; i < YIELDS + 20; i++) L4_Yield();
	l4_thread_exit(0);
}

static L4_Word_t measure_yield(void)
{
	for (int i = 0; i < 10; i++) L4_Yield();
	L4_Word64_t t0 = L4_KDB_GetTick();
	for (int i = 0; i < YIELDS; i++) L4_Yield();
	L4_Word64_t t1 = L4_KDB_GetTick();
	L4_Word64_t t2 = L4_KDB_GetTick();
	return (L4_Word_t)(((t1 - t0) - (t2 - t1)) / (2 * YIELDS));
}

int main(int argc, char **argv)
{
	if (argc > 0 && argv[0][0] == 'e') echo_loop();
	L4_ThreadId_t pong = l4_getenv_thread("PONG"), echo = l4_getenv_thread("ECHO");
	l4_printf("ipcbench same-space round trip, 0 MRs: %lu cycles\n", measure(pong, 0));
	l4_printf("ipcbench same-space round trip, 4 MRs: %lu cycles\n", measure(pong, 4));
	l4_printf("ipcbench other-space round trip, 0 MRs: %lu cycles\n", measure(echo, 0));
	l4_printf("ipcbench other-space round trip, 4 MRs: %lu cycles\n", measure(echo, 4));
	l4_printf("ipcbench thread switch (yield): %lu cycles\n", measure_yield());
	return 0;
}
