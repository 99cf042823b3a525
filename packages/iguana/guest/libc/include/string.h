#ifndef IGUANA_STRING_H
#define IGUANA_STRING_H
#include <stdlib.h>
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
char *strncpy(char *d, const char *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
/* memset and memcpy come from okl4's libl4.c. */
void *memset(void *s, int c, unsigned int n);
void *memcpy(void *d, const void *s, unsigned int n);
#endif
