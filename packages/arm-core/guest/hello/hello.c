/* The smallest useful guest: one semihosting write, then exit status 0. */
#include "semihost.h"

int main(void)
{
	sh_puts("hello from arm-core\n");
	return 0;
}
