/*
 * ARM semihosting (the "Angel" interface): the host intercepts SVC 0x123456 (ARM state) or
 * SVC 0xAB (Thumb state) with the operation in r0 and its argument in r1.
 * The emulator, QEMU and debug probes implement it, so one image runs on all of them.
 */
#ifndef L4LAB_SEMIHOST_H
#define L4LAB_SEMIHOST_H

#include <stdint.h>

#define SYS_WRITEC        0x03
#define SYS_WRITE0        0x04
#define SYS_EXIT          0x18
#define SYS_EXIT_EXTENDED 0x20

#define ADP_Stopped_ApplicationExit  0x20026
#define ADP_Stopped_RunTimeErrorUnknown 0x20023

int semihost_call(int op, const void *arg);

void sh_putc(char c);                 /* SYS_WRITEC */
void sh_puts(const char *s);          /* SYS_WRITE0: NUL-terminated string, no newline added */
void sh_put_hex32(uint32_t value);    /* 8 lower-case hex digits, no prefix */
void sh_put_udec(uint32_t value);     /* decimal */
void _exit(int status) __attribute__((noreturn));

#endif
