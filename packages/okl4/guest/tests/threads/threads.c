/* Threads and spaces: create/start/delete, preemption, round-robin, SpaceControl + MapControl, errors. */
#include <l4/l4.h>

static int failures;
static void check(int ok, const char *what)
{
	if (!ok) failures++;
	l4_printf("%s %s\n", ok ? "ok" : "FAIL", what);
}

static L4_Word_t stacks[8][512] __attribute__((aligned(8)));
static L4_ThreadId_t main_tid;
static volatile int high_ran;
static volatile int last = -1;
static char seq[16];
static volatile int nseq;

static L4_ThreadId_t tid(int n) { return L4_GlobalId(0x100 + n, 1); }
static L4_Word_t stack_top(int n) { return (L4_Word_t)stacks + (L4_Word_t)(n + 1) * sizeof stacks[0]; }

static void worker(void)
{
	l4_printf("worker %lx running\n", L4_Myself().raw);
	L4_Set_MsgTag(L4_MsgTag(7, 1));
	L4_LoadMR(1, 0xabc);
	L4_Send(main_tid);
	l4_thread_exit(0);
}

static void high(void)
{
	high_ran = 1;
	l4_printf("high-priority thread runs first\n");
	l4_thread_exit(0);
}

/* Records a letter each time this thread notices it got the CPU after another one. */
static void spinner(void)
{
	int me = (int)(L4_Myself().raw >> 14) - 0x110;
	int mine = 0;
	for (;;) {
		if (last != me) {
			last = me;
			seq[nseq++] = (char)('A' + me);
			if (++mine == 3) break;
		}
	}
	L4_Set_MsgTag(L4_MsgTag(9, 0));
	L4_Send(main_tid);
	l4_thread_exit(0);
}

static volatile L4_Word_t other_space_result;
static void other_space_thread(void)
{
	other_space_result = 0x5eed;
	l4_printf("thread in a new address space runs\n");
	L4_Set_MsgTag(L4_MsgTag(3, 0));
	L4_Send(main_tid);
	l4_thread_exit(0);
}

extern char __l4_text_start[], __l4_text_end[];
static L4_Word_t shared_page[1024] __attribute__((aligned(4096)));

int main(void)
{
	main_tid = L4_Myself();
	L4_SpaceId_t me = l4_my_space();
	L4_ThreadId_t from;
	L4_MsgTag_t tag;

	/* Create, start, receive from, delete. */
	check(L4_CreateThread(tid(0), me, L4_nilthread, L4_nilthread) == 1, "ThreadControl creates a thread");
	L4_Regs_t old;
	L4_ExchangeRegisters(tid(0), L4_ExReg_Deliver, 0, 0, 0, 0, &old);
	check(old.r[1] & L4_ExRegState_Inactive, "a new thread is inactive until started");
	check(L4_Start_SpIp(tid(0), stack_top(0), (L4_Word_t)worker), "ExchangeRegisters starts it");
	tag = L4_Receive(tid(0));
	check(L4_Label(tag) == 7 && L4_MR(1) == 0xabc, "message from the new thread");
	check(L4_DeleteThread(tid(0)) == 1, "ThreadControl deletes it");
	check(L4_IsNilThread(L4_ExchangeRegisters(tid(0), L4_ExReg_Deliver, 0, 0, 0, 0, 0)) && L4_ErrorCode() == L4_ErrInvalidThread,
	      "ExchangeRegisters on the deleted thread: InvalidThread");

	/* Preemption: starting a higher-priority thread runs it at once. */
	L4_CreateThread(tid(1), me, L4_nilthread, L4_nilthread);
	check(L4_Set_Priority(tid(1), 150) == 1, "Schedule sets priority 150");
	L4_Start_SpIp(tid(1), stack_top(1), (L4_Word_t)high);
	check(high_ran == 1, "the higher-priority thread ran before Start returned");
	L4_DeleteThread(tid(1));

	/* Round-robin among three threads of equal priority (below ours): ABCABCABC. */
	for (int i = 0; i < 3; i++) {
		L4_CreateThread(tid(0x10 + i), me, L4_nilthread, L4_nilthread);
		L4_Set_Priority(tid(0x10 + i), 50);
		L4_Start_SpIp(tid(0x10 + i), stack_top(2 + i), (L4_Word_t)spinner);
	}
	for (int i = 0; i < 3; i++) L4_Wait(&from);
	seq[nseq] = 0;
	l4_printf("round-robin order: %s\n", seq);
	check(nseq == 9 && seq[0] == 'A' && seq[1] == 'B' && seq[2] == 'C' && seq[3] == 'A' && seq[8] == 'C', "round-robin within a priority");
	for (int i = 0; i < 3; i++) L4_DeleteThread(tid(0x10 + i));

	/* A new space: query our text and a data page, map them there, run a thread in it. */
	L4_SpaceId_t sp = 9;
	check(L4_SpaceControl(sp, L4_SpaceCtrl_New, 20, 0) == 1, "SpaceControl creates a space (PID 20)");
	int mapped = 1;
	for (L4_Word_t va = (L4_Word_t)__l4_text_start & ~0xfffUL; va < (L4_Word_t)__l4_text_end; va += 4096) {
		L4_LoadMR(0, 0);
		L4_LoadMR(1, L4_Fpage(va, 12, 0));
		if (L4_MapControl(me, L4_MapCtrl_Query | 1) != 1 || !(L4_MR(1) & 7)) mapped = 0;
		L4_Word_t phys = (L4_MR(0) >> 6) << 10;
		if (L4_MapFpage(sp, phys, 0, L4_Fpage(va, 12, L4_Readable | L4_eXecutable)) != 1) mapped = 0;
	}
	L4_Word_t data = (L4_Word_t)shared_page & ~0xfffUL;
	for (L4_Word_t va = (L4_Word_t)&stacks[0][0] & ~0xfffUL; va < stack_top(8); va += 4096) {
		L4_LoadMR(0, 0);
		L4_LoadMR(1, L4_Fpage(va, 12, 0));
		L4_MapControl(me, L4_MapCtrl_Query | 1);
		if (L4_MapFpage(sp, (L4_MR(0) >> 6) << 10, 0, L4_Fpage(va, 12, L4_FullyAccessible)) != 1) mapped = 0;
	}
	/* The page holding other_space_result and main_tid. */
	L4_Word_t vars = (L4_Word_t)&other_space_result & ~0xfffUL;
	L4_LoadMR(0, 0);
	L4_LoadMR(1, L4_Fpage(vars, 12, 0));
	L4_MapControl(me, L4_MapCtrl_Query | 1);
	if (L4_MapFpage(sp, (L4_MR(0) >> 6) << 10, 0, L4_Fpage(vars, 12, L4_FullyAccessible)) != 1) mapped = 0;
	(void)data;
	check(mapped, "MapControl query and map of text, stacks and data into the new space");
	check(L4_CreateThread(tid(0x20), sp, L4_nilthread, L4_nilthread) == 1, "thread created in the new space");
	L4_Start_SpIp(tid(0x20), stack_top(7), (L4_Word_t)other_space_thread);
	tag = L4_Receive(tid(0x20));
	check(L4_Label(tag) == 3 && other_space_result == 0x5eed, "it ran in its own space and wrote shared memory");
	check(L4_SpaceControl(sp, L4_SpaceCtrl_Delete, 0, 0) == 0 && L4_ErrorCode() == L4_ErrSpaceNotEmpty, "deleting a space with threads: SpaceNotEmpty");
	L4_DeleteThread(tid(0x20));
	check(L4_UnmapFpage(sp, L4_Fpage(vars, 12, 0)) == 1, "MapControl unmaps a page");
	check(L4_SpaceControl(sp, L4_SpaceCtrl_Delete, 0, 0) == 1, "the empty space is deleted");

	/* Error codes. */
	check(L4_ThreadControl(L4_GlobalId(0x101, 0), me, L4_Myself(), L4_nilthread, L4_nilthread, 0, 0) == 0 && L4_ErrorCode() == L4_ErrInvalidThread,
	      "ThreadControl with version 0: InvalidThread");
	check(L4_CreateThread(tid(0x30), 77, L4_nilthread, L4_nilthread) == 0 && L4_ErrorCode() == L4_ErrInvalidSpace, "ThreadControl in a missing space: InvalidSpace");
	check(L4_DeleteThread(tid(0x31)) == 0 && L4_ErrorCode() == L4_ErrInvalidThread, "deleting a missing thread: InvalidThread");
	check(L4_SpaceControl(10, L4_SpaceCtrl_New, 200, 0) == 0 && L4_ErrorCode() == L4_ErrInvalidParam, "SpaceControl with PID 200: InvalidParam");
	check(L4_SpaceControl(me, L4_SpaceCtrl_New, 0, 0) == 0 && L4_ErrorCode() == L4_ErrInvalidSpace, "SpaceControl new on an existing id: InvalidSpace");
	/* The kernel's RAM comes from the board (environment); the MBA2440's SDRAM base otherwise. */
	L4_Word_t kernel_ram = l4_getenv("RAM_BASE") ? l4_getenv("RAM_BASE") : 0x30000000UL;
	check(L4_MapFpage(me, kernel_ram, 0, L4_Fpage(0x00300000, 12, 7)) == 0 && L4_ErrorCode() == L4_ErrInvalidParam, "mapping kernel memory: InvalidParam");
	check(L4_MapFpage(me, 0x30800000, 0, L4_Fpage(0x00301000, 13, 7)) == 0 && L4_ErrorCode() == L4_ErrInvalidParam, "unaligned fpage: InvalidParam");
	check(L4_MapFpage(55, 0x30800000, 0, L4_Fpage(0x00300000, 12, 7)) == 0 && L4_ErrorCode() == L4_ErrInvalidSpace, "MapControl on a missing space: InvalidSpace");
	check(L4_CacheControl(me, 63 << 6) == 0 && L4_ErrorCode() == L4_ErrInvalidParam, "CacheControl with an unknown op: InvalidParam");
	check(L4_CacheFlushAllCaches() == 1, "CacheControl flushes all caches");
	L4_Regs_t r = { { 0 } };
	l4_trap(0x1c, &r);
	check(r.r[0] == 0 && L4_ErrorCode() == L4_ErrNotImplemented, "unknown system call: NotImplemented");
	l4_printf("threads test done: %d failures\n", failures);
	return 0;
}
