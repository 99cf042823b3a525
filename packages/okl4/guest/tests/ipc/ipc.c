/* IPC tests. The same image runs as "ipc" (the tester) and, with argument "echo", as a server in another space. */
#include <l4/l4.h>

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) failures++;
	l4_printf("%s %s\n", ok ? "ok" : "FAIL", what);
}

/* Replies to every message with the label + 1 and each word + 1. */
__attribute__((noreturn)) static void echo_loop(void)
{
	L4_ThreadId_t from;
	L4_MsgTag_t tag = L4_Wait(&from);
	for (;;) {
		L4_Word_t u = L4_UntypedWords(tag);
		for (L4_Word_t i = 1; i <= u; i++) L4_LoadMR(i, L4_MR(i) + 1);
		L4_Set_MsgTag(L4_MsgTag(L4_Label(tag) + 1, u));
		tag = L4_ReplyWait(from, &from);
	}
}

L4_THREAD_ENTRY void pong_main(void) { echo_loop(); }

L4_THREAD_ENTRY void s1_main(void)
{
	L4_Set_MsgTag(L4_MsgTag(0x11, 0));
	L4_Send(l4_getenv_thread("IPC"));
	l4_thread_exit(0);
}

L4_THREAD_ENTRY void s2_main(void)
{
	L4_Set_MsgTag(L4_MsgTag(0x22, 1));
	L4_LoadMR(1, 0x2222);
	L4_Send(l4_getenv_thread("IPC"));
	l4_thread_exit(0);
}

L4_THREAD_ENTRY void notifier_main(void)
{
	L4_Notify(l4_getenv_thread("IPC"), 0x4);
	L4_Notify(l4_getenv_thread("IPC"), 0x1);
	l4_thread_exit(0);
}

static int call_with(L4_ThreadId_t to, L4_Word_t u)
{
	L4_Set_MsgTag(L4_MsgTag(0x40, u));
	for (L4_Word_t i = 1; i <= u; i++) L4_LoadMR(i, 100 * i);
	L4_MsgTag_t tag = L4_Call(to);
	if (L4_IpcFailed(tag) || L4_Label(tag) != 0x41 || L4_UntypedWords(tag) != u) return 0;
	for (L4_Word_t i = 1; i <= u; i++)
		if (L4_MR(i) != 100 * i + 1) return 0;
	return 1;
}

int main(int argc, char **argv)
{
	if (argc > 0 && argv[0][0] == 'e') echo_loop();
	L4_ThreadId_t pong = l4_getenv_thread("PONG"), echo = l4_getenv_thread("ECHO");
	L4_ThreadId_t s1 = l4_getenv_thread("S1"), s2 = l4_getenv_thread("S2");
	l4_printf("ipc test: me %lx pong %lx echo %lx\n", L4_Myself().raw, pong.raw, echo.raw);

	check(call_with(pong, 2), "call same space, 2 MRs in registers");
	check(call_with(pong, 5), "call same space, 5 MRs in registers");
	check(call_with(pong, 12), "call same space, 12 MRs (UTCB)");
	check(call_with(echo, 3), "call other space, 3 MRs");
	check(call_with(echo, 20), "call other space, 20 MRs (UTCB)");
	check(L4_UtcbWord(L4_UTCB_SENDER_SPACE) == l4_getenv("ECHO_SPACE"), "sender space recorded in the UTCB");

	/* Closed receive from s2 while s1 also sends: s1 queues, s2 gets through; an open wait then takes s1. */
	L4_ThreadId_t from;
	L4_MsgTag_t tag = L4_Receive(s2);
	check(L4_IpcSucceeded(tag) && L4_Label(tag) == 0x22 && L4_MR(1) == 0x2222, "closed receive takes only the named sender");
	tag = L4_Wait(&from);
	check(L4_IpcSucceeded(tag) && L4_Label(tag) == 0x11 && L4_IsThreadEqual(from, s1), "open wait takes the queued sender");

	/* Polling receive with nobody sending: NoPartner in the receive phase. */
	tag = L4_Poll(s1, &from);
	check(L4_IpcFailed(tag) && L4_ErrorCode() == ((L4_IpcErrNoPartner << 1) | 1), "polling receive fails with NoPartner (receive phase)");

	/* Notifications: accepted bits arrive from nilthread with the bits in MR1. */
	L4_Accept_Notify(0xf);
	L4_Word_t bits = 0, all = 0;
	while (all != 0x5) {
		tag = L4_WaitNotify(&bits);
		all |= bits;
	}
	check(all == 0x5, "notify bits delivered to a waiting receiver");

	/* Errors. */
	L4_Set_MsgTag(L4_MsgTag(1, 0));
	tag = L4_Reply(L4_GlobalId(0x3000, 1));
	check(L4_IpcFailed(tag) && L4_ErrorCode() == (L4_IpcErrNonExist << 1), "send to a nonexistent thread: NonExist");
	L4_Set_MsgTag(L4_MsgTag(1, 0));
	tag = L4_Reply(s1);
	check(L4_IpcFailed(tag) && L4_ErrorCode() == (L4_IpcErrNoPartner << 1), "non-blocking send to a thread not waiting: NoPartner");
	L4_Set_MsgTag(L4_MsgTag(1, 40));
	tag = L4_Call(pong);
	check(L4_IpcFailed(tag) && L4_ErrorCode() == (L4_IpcErrMsgOverflow << 1), "40 untyped words: MsgOverflow");
	check(L4_ThreadControl(L4_GlobalId(0x200, 1), l4_my_space(), L4_Myself(), L4_nilthread, L4_nilthread, 0, 0) == 0 &&
	      L4_ErrorCode() == L4_ErrNoPrivilege, "ThreadControl from an unprivileged space: NoPrivilege");
	check(L4_MapFpage(l4_my_space(), 0x30000000, 0, L4_Fpage(0x100000, 12, 7)) == 0 && L4_ErrorCode() == L4_ErrNoPrivilege,
	      "MapControl from an unprivileged space: NoPrivilege");
	check(L4_Set_Priority(L4_GlobalId(0x3000, 1), 10) == 0 && L4_ErrorCode() == L4_ErrInvalidThread, "Schedule on a nonexistent thread: InvalidThread");
	check(L4_Set_Priority(L4_Myself(), 300) == 0 && L4_ErrorCode() == L4_ErrInvalidParam, "Schedule with priority 300: InvalidParam");
	(void)s2;
	l4_printf("ipc test done: %d failures\n", failures);
	return 0;
}
