/* SpaceControl on the caller's own space: after each PID change the next fetch, load and store must work. */
#include <l4/l4.h>

static int failures;
static volatile L4_Word_t data[1024];

static void check(int ok, const char *what)
{
	if (!ok) failures++;
	l4_printf("%s: %s\n", ok ? "ok" : "FAIL", what);
}

static L4_Word_t touch(L4_Word_t seed)
{
	L4_Word_t sum = 0;
	for (int i = 0; i < 1024; i += 64) data[i] = seed + i;
	for (int i = 0; i < 1024; i += 64) sum += data[i];
	return sum;
}

int main(void)
{
	L4_SpaceId_t me = l4_my_space();
	L4_Word_t old = 0;
	const L4_Word_t pids[] = { 5, 17, 5, 0 };
	L4_Word_t expect = touch(1);
	for (unsigned i = 0; i < sizeof pids / sizeof pids[0]; i++) {
		check(L4_SpaceControl(me, L4_SpaceCtrl_Resources, pids[i], &old) == 1, "SpaceControl changes our own PID");
		check(touch(1) == expect, "text, stack and data still reachable after the change");
		l4_printf("pid %lu -> %lu\n", old & 0xff, pids[i]);
	}
	l4_printf("space test done: %d failures\n", failures);
	return 0;
}
