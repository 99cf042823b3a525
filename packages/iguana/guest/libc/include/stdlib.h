#ifndef IGUANA_STDLIB_H
#define IGUANA_STDLIB_H
typedef unsigned int size_t;
#define NULL ((void *)0)
void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void free(void *p);
int atoi(const char *s);
/* Ends the program: its PD, every thread and memsection (Iguana's exit). */
void exit(int status) __attribute__((noreturn));
#endif
