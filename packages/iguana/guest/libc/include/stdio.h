/* The Iguana libc's stdio: printf is okl4's guest printf (l4_printf in libl4.c), on the KDB console. */
#ifndef IGUANA_STDIO_H
#define IGUANA_STDIO_H
#include <l4/l4.h> /* declares l4_printf before the macro below renames printf */
#define printf l4_printf
int puts(const char *s);
int putchar(int c);
#endif
