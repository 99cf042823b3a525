/* Kernel mutexes: three threads increment a shared counter under one mutex, with contention. */
#include <l4/l4.h>

#define M 5
static volatile int counter, inside, violations;
static L4_ThreadId_t main_tid;

L4_THREAD_ENTRY void contender_main(void)
{
	for (int i = 0; i < 200; i++) {
		L4_MutexLock(M);
		if (inside++) violations++;
		int c = counter;
		for (volatile int d = 0; d < 50; d++) {}
		if (i % 16 == 0) L4_Yield(); /* let others contend while we hold it */
		counter = c + 1;
		inside--;
		L4_MutexUnlock(M);
	}
	L4_Set_MsgTag(L4_MsgTag(1, 0));
	L4_Send(main_tid);
	l4_thread_exit(0);
}

int main(void)
{
	main_tid = L4_Myself();
	l4_printf("%s MutexControl creates mutex %d\n", L4_MutexControl(M, L4_MutexCreate) == 1 ? "ok" : "FAIL", M);
	l4_printf("%s try-lock of a free mutex\n", L4_MutexTryLock(M) == 1 ? "ok" : "FAIL");
	l4_printf("%s unlock\n", L4_MutexUnlock(M) == 1 ? "ok" : "FAIL");
	l4_printf("%s unlock of a mutex we do not hold: InvalidMutex\n", L4_MutexUnlock(M) == 0 && L4_ErrorCode() == L4_ErrInvalidMutex ? "ok" : "FAIL");
	l4_printf("%s lock of a missing mutex: InvalidMutex\n", L4_MutexLock(99) == 0 && L4_ErrorCode() == L4_ErrInvalidMutex ? "ok" : "FAIL");
	L4_ThreadId_t from;
	for (int i = 0; i < 3; i++) L4_Wait(&from);
	l4_printf("%s counter %d, violations %d\n", counter == 600 && violations == 0 ? "ok" : "FAIL", counter, violations);
	return 0;
}
