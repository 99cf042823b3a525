/* Exception IPC: the main thread handles the exceptions of "victim". */
#include <l4/l4.h>

static int failures;
static void check(int ok, const char *what)
{
	if (!ok) failures++;
	l4_printf("%s %s\n", ok ? "ok" : "FAIL", what);
}

static volatile L4_Word_t swi_result, after_undefined;

L4_THREAD_ENTRY void victim_main(void)
{
	__asm__ volatile(".word 0xe7f000f0" ::: "memory"); /* permanently undefined */
	after_undefined = 1;
	register L4_Word_t r0 __asm__("r0") = 1;
	register L4_Word_t r1 __asm__("r1") = 2;
	register L4_Word_t r2 __asm__("r2") = 3;
	register L4_Word_t r3 __asm__("r3") = 4;
	register L4_Word_t r4 __asm__("r4") = 5;
	register L4_Word_t r5 __asm__("r5") = 6;
	register L4_Word_t r6 __asm__("r6") = 7;
	register L4_Word_t r7 __asm__("r7") = 8;
	__asm__ volatile("swi 0x900014" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : "r"(r4), "r"(r5), "r"(r6), "r"(r7) : "memory", "r12", "lr");
	swi_result = r0 + r1 * 0x100;
	L4_Set_MsgTag(L4_MsgTag(0xd0e, 0));
	L4_Send(l4_getenv_thread("EXCEPTION"));
	l4_thread_exit(0);
}

int main(void)
{
	L4_ThreadId_t victim = l4_getenv_thread("VICTIM"), from;
	L4_MsgTag_t tag = L4_Wait(&from);
	check(L4_IsThreadEqual(from, victim), "exception IPC comes from the faulting thread");
	check(L4_Label(tag) == 0xffb0 && L4_UntypedWords(tag) == 5, "undefined instruction: label 0xFFB0, u = 5");
	check(L4_MR(4) == 1 && L4_MR(5) == 0xe7f000f0, "MR4 exception number 1, MR5 the instruction");
	check((L4_MR(3) & 0x1f) == 0x10, "MR3 is a user-mode CPSR");
	L4_Word_t ip = L4_MR(1);
	L4_LoadMR(1, ip + 4);
	L4_Set_MsgTag(L4_MsgTag(0, 5));
	tag = L4_ReplyWait(victim, &from);
	check(after_undefined == 1, "the reply's IP skipped the instruction");
	check(L4_Label(tag) == 0xffb0 && L4_UntypedWords(tag) == 13, "SWI with an ordinary SP: label 0xFFB0, u = 13");
	check(L4_MR(1) == 5 && L4_MR(2) == 6 && L4_MR(3) == 7 && L4_MR(4) == 8, "MR1-4 = r4-r7");
	check(L4_MR(5) == 1 && L4_MR(6) == 2 && L4_MR(7) == 3 && L4_MR(8) == 4, "MR5-8 = r0-r3");
	check(L4_MR(12) == 0xef900014, "MR12 = the SWI instruction word");
	check(L4_MR(10) < 0x02000000 && (L4_MR(13) & 0x1f) == 0x10, "MR10 the user SP, MR13 the CPSR");
	L4_LoadMR(5, 0x42);
	L4_LoadMR(6, 0x17);
	L4_Set_MsgTag(L4_MsgTag(0, 13));
	tag = L4_ReplyWait(victim, &from);
	check(L4_Label(tag) == 0xd0e, "victim continued after the syscall exception");
	check(swi_result == 0x42 + 0x17 * 0x100, "registers written back from the reply (r0 = 0x42, r1 = 0x17)");
	l4_printf("exception test done: %d failures\n", failures);
	return 0;
}
