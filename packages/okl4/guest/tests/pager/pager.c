/* Page faults: HEAP is reserved but unmapped; the pager maps a page per fault and replies. */
#include <l4/l4.h>

int main(void)
{
	volatile L4_Word_t *heap = (volatile L4_Word_t *)l4_getenv("HEAP");
	L4_Word_t sum = 0;
	for (int page = 0; page < 8; page++) heap[page * 1024 + page] = 0x1000 + page;
	for (int page = 0; page < 8; page++) sum += heap[page * 1024 + page];
	l4_printf("pager test: sum %lx\n", sum);
	l4_printf("%s pages written and read back through the pager\n", sum == 8 * 0x1000 + 28 ? "ok" : "FAIL");
	return 0;
}
