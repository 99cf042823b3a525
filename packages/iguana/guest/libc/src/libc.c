/* A small libc for Iguana programs: strings, a heap in a memsection (backed on first touch), exit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <iguana/iguana.h>

#define HEAP_BYTES (256 * 1024)

int putchar(int c)
{
	L4_KDB_PrintChar((char)c);
	return c;
}

int puts(const char *s)
{
	L4_KDB_PrintString(s);
	L4_KDB_PrintChar('\n');
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n]) n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b || !*a) return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

char *strcpy(char *d, const char *s)
{
	char *r = d;
	while ((*d++ = *s++)) {}
	return r;
}

char *strncpy(char *d, const char *s, size_t n)
{
	size_t i = 0;
	for (; i < n && s[i]; i++) d[i] = s[i];
	for (; i < n; i++) d[i] = 0;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	for (; n; n--, p++, q++) if (*p != *q) return *p - *q;
	return 0;
}

int atoi(const char *s)
{
	int v = 0, neg = 0;
	while (*s == ' ') s++;
	if (*s == '-') neg = 1, s++;
	while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
	return neg ? -v : v;
}

/*
 * First-fit heap over one lazily backed memsection: each block has a one-word header with its size;
 * freed blocks go on a list and are reused whole.
 */
struct block { size_t size; struct block *next; };
static char *heap_next, *heap_end;
static struct block *free_list;

void *malloc(size_t n)
{
	n = (n + 7) & ~7u;
	for (struct block **b = &free_list; *b; b = &(*b)->next) {
		if ((*b)->size >= n) {
			struct block *found = *b;
			*b = found->next;
			return (char *)found + 8;
		}
	}
	if (!heap_next) {
		L4_Word_t base = iguana_memsection_create(HEAP_BYTES);
		if (!base) return NULL;
		heap_next = (char *)base;
		heap_end = heap_next + HEAP_BYTES;
	}
	if ((size_t)(heap_end - heap_next) < n + 8) return NULL;
	struct block *b = (struct block *)heap_next;
	b->size = n;
	heap_next += n + 8;
	return (char *)b + 8;
}

void *calloc(size_t n, size_t size)
{
	void *p = malloc(n * size);
	if (p) memset(p, 0, n * size);
	return p;
}

void free(void *p)
{
	if (!p) return;
	struct block *b = (struct block *)((char *)p - 8);
	b->next = free_list;
	free_list = b;
}

void exit(int status)
{
	iguana_exit((L4_Word_t)status);
	for (;;) L4_Receive(L4_Myself());
}
