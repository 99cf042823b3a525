/*
 * A hosted-style C program on newlib with its semihosting back end (linked with --specs=rdimon.specs and
 * newlib's own start-up, rdimon-crt0, which takes its stack from SYS_HEAPINFO): printf to stdout, fgets from stdin, malloc from the heap that
 * SYS_HEAPINFO describes, exit status through exit(). Board-independent: no device is touched.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * __libc_init_array/__libc_fini_array call _init/_fini, which crti.o/crtn.o would assemble from .init
 * and .fini pieces; the shared ram.ld keeps no such sections, and constructors run from .init_array.
 */
void _init(void) {}
void _fini(void) {}

int main(void)
{
	char line[128];
	printf("newlib-stdio: printf %d %s %#x\n", 42, "ok", 0x2440);
	if (fgets(line, sizeof line, stdin) != NULL) {
		for (char *p = line; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		printf("newlib-stdio: read %u bytes: %s", (unsigned)strlen(line), line);
		if (line[strlen(line) - 1] != '\n')
			putchar('\n');
	} else {
		printf("newlib-stdio: end of input\n");
	}
	/* 4 MB from the heap, touched at both ends. */
	size_t size = 4u << 20;
	unsigned char *block = malloc(size);
	if (block == NULL) {
		printf("newlib-stdio: malloc failed\n");
		return 1;
	}
	block[0] = 1;
	block[size - 1] = 2;
	printf("newlib-stdio: malloc %u KB ok\n", (unsigned)(size >> 10));
	free(block);
	fflush(stdout);
	exit(7);
}
