/*
 * dining_philosophers (reference/okl4.md §8): N philosophers around N chopsticks (kernel mutexes, made
 * by the Iguana server: okl4 has no hybrid mutexes). Each tells main it is ready, is served, takes the
 * lower-numbered chopstick then the higher (so no deadlock), eats, puts both down, reports "ate" (label
 * 0xfed) and waits; main deletes each diner as it reports. Arguments: test number, N, server (unused).
 */
#include <stdio.h>
#include <stdlib.h>
#include <iguana/iguana.h>

#define LABEL_READY 0x1
#define LABEL_ATE 0xfed
#define MAX_PHILOSOPHERS 64

static L4_ThreadId_t main_tid;
static L4_Word_t *chopsticks;
static int count;

static void philosopher(void *arg)
{
	int i = (int)arg;
	int left = i, right = (i + 1) % count;
	int first = left < right ? left : right, second = left < right ? right : left;

	L4_Set_MsgTag(L4_MsgTag(LABEL_READY, 0));
	L4_Call(main_tid); /* the reply is the meal being served */
	L4_MutexLock(chopsticks[first]);
	L4_MutexLock(chopsticks[second]);
	L4_MutexUnlock(chopsticks[second]);
	L4_MutexUnlock(chopsticks[first]);
	L4_Set_MsgTag(L4_MsgTag(LABEL_ATE, 0));
	L4_Send(main_tid);
	for (;;) L4_Receive(L4_Myself()); /* until main deletes us */
}

int main(int argc, char **argv)
{
	int test = argc > 0 ? atoi(argv[0]) : 1;
	int n = argc > 1 ? atoi(argv[1]) : 5;
	main_tid = L4_Myself();
	if (n < 2 || n > MAX_PHILOSOPHERS) {
		printf("dining_philosophers: need 2..%d philosophers, got %d\n", MAX_PHILOSOPHERS, n);
		return 1;
	}
	count = n;
	printf("Start Dining philosophers test #%d(0x%lx): %d philosophers\n", test, main_tid.raw, n);
	chopsticks = malloc(n * sizeof *chopsticks);
	L4_ThreadId_t *waiting = malloc(n * sizeof *waiting);
	if (!chopsticks || !waiting) {
		printf("dining_philosophers: out of memory\n");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		chopsticks[i] = iguana_mutex_create();
		if (!chopsticks[i]) {
			printf("dining_philosophers: no mutex for chopstick %d\n", i);
			return 1;
		}
	}
	for (int i = 0; i < n; i++) {
		if (!thread_create_simple(philosopher, (void *)i, 100)) {
			printf("dining_philosophers: cannot create philosopher %d\n", i);
			return 1;
		}
	}
	for (int i = 0; i < n; i++) {
		L4_ThreadId_t from;
		L4_MsgTag_t tag = L4_Wait(&from);
		if (L4_IpcFailed(tag) || L4_Label(tag) != LABEL_READY) { i--; continue; }
		waiting[i] = from;
	}
	for (int i = 0; i < n; i++) {
		L4_Set_MsgTag(L4_MsgTag(0, 0));
		L4_Reply(waiting[i]);
	}
	int dinners = 0;
	while (dinners < n) {
		L4_ThreadId_t from;
		L4_MsgTag_t tag = L4_Wait(&from);
		if (L4_IpcFailed(tag) || L4_Label(tag) != LABEL_ATE) continue;
		thread_delete(from.raw);
		dinners++;
	}
	for (int i = 0; i < n; i++) iguana_mutex_delete(chopsticks[i]);
	free(waiting);
	free(chopsticks);
	printf("Dining philosophers test #%d(0x%lx) finished\n", test, main_tid.raw);
	return 0;
}
