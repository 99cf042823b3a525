/*
 * S3C6410 registers the test programs use (hardware.md §2; Samsung S3C6410 user manual, ARM PL192 TRM).
 * Clocks as the SMDK6410's boot loader leaves them: ARMCLK 532, HCLK 133, PCLK 66.5 MHz.
 */
#ifndef L4LAB_S3C6410_H
#define L4LAB_S3C6410_H

#include "baremetal.h"

#define PCLK_HZ 66500000u

/* VIC0 (PL192) */
#define VIC0_BASE 0x71200000u
#define VIC0_IRQSTATUS REG32(VIC0_BASE + 0x000)
#define VIC0_INTSELECT REG32(VIC0_BASE + 0x00c)
#define VIC0_INTENABLE REG32(VIC0_BASE + 0x010)
#define VIC0_INTENCLEAR REG32(VIC0_BASE + 0x014)
#define VIC0_VECTADDR(n) REG32(VIC0_BASE + 0x100 + 4 * (n))
#define VIC0_ADDRESS REG32(VIC0_BASE + 0xf00)
#define VIC0_TIMER4 28

/* Watchdog */
#define WTCON REG32(0x7e004000)
#define WTDAT REG32(0x7e004004)
#define WTCNT REG32(0x7e004008)
#define WTCON_RESET_ENABLE (1u << 0)
#define WTCON_ENABLE       (1u << 5)
#define WTCON_PRESCALER(p) ((uint32_t)(p) << 8)
#define WTCON_DIV16        (0u << 3)

/* SYSCON: chip ID and reset status */
#define SYS_ID   REG32(0x7e00f118)
#define RST_STAT REG32(0x7e00f904)
#define RST_STAT_HARDWARE (1u << 0)
#define RST_STAT_WATCHDOG (1u << 3)

/* UART0 */
#define UART0_BASE 0x7f005000u

/* PWM timers: the S3C2440 layout plus TINT_CSTAT */
#define TCFG0      REG32(0x7f006000)
#define TCFG1      REG32(0x7f006004)
#define TCON       REG32(0x7f006008)
#define TCNTB4     REG32(0x7f00603c)
#define TCNTO4     REG32(0x7f006040)
#define TINT_CSTAT REG32(0x7f006044)
#define TCON_T4_START       (1u << 20)
#define TCON_T4_UPDATE      (1u << 21)
#define TCON_T4_AUTO_RELOAD (1u << 22)
#define TINT_CSTAT_ENABLES  0x1fu       /* [4:0] interrupt enables */
#define TINT_CSTAT_STATUS(n) (1u << (5 + (n))) /* [9:5] status, write 1 to clear */

#endif
