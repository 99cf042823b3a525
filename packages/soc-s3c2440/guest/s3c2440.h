/*
 * S3C2440A registers the test programs use (hardware.md §1; Samsung S3C2440A user manual).
 * Clocks as the MBA2440's boot loader leaves them: FCLK 400, HCLK 100, PCLK 50 MHz.
 */
#ifndef L4LAB_S3C2440_H
#define L4LAB_S3C2440_H

#include "baremetal.h"

#define PCLK_HZ 50000000u

/* Interrupt controller */
#define SRCPND    REG32(0x4a000000)
#define INTMOD    REG32(0x4a000004)
#define INTMSK    REG32(0x4a000008)
#define INTPND    REG32(0x4a000010)
#define INTOFFSET REG32(0x4a000014)
#define IRQ_TIMER4 14

/* UART0 */
#define UART0_BASE 0x50000000u

/* PWM timers */
#define TCFG0  REG32(0x51000000)
#define TCFG1  REG32(0x51000004)
#define TCON   REG32(0x51000008)
#define TCNTB4 REG32(0x5100003c)
#define TCNTO4 REG32(0x51000040)
#define TCON_T4_START       (1u << 20)
#define TCON_T4_UPDATE      (1u << 21)
#define TCON_T4_AUTO_RELOAD (1u << 22)

/* Watchdog */
#define WTCON REG32(0x53000000)
#define WTDAT REG32(0x53000004)
#define WTCNT REG32(0x53000008)
#define WTCON_RESET_ENABLE (1u << 0)
#define WTCON_ENABLE       (1u << 5)
#define WTCON_PRESCALER(p) ((uint32_t)(p) << 8)
#define WTCON_DIV16        (0u << 3)

/* GPIO block: chip ID and reset status */
#define GSTATUS1 REG32(0x560000b0)
#define GSTATUS2 REG32(0x560000b4)
#define GSTATUS2_POWER_ON (1u << 0)
#define GSTATUS2_WATCHDOG (1u << 2)

#endif
