/* CacheControl, InterruptControl, Mutex/MutexControl. */
#ifndef L4_MISC_H
#define L4_MISC_H
#include <l4/message.h>

enum { L4_CacheFlushRanges = 1, L4_CacheFlushI = 4, L4_CacheFlushD = 5, L4_CacheFlushAll = 6 };
static inline L4_Word_t L4_CacheControl(L4_SpaceId_t space, L4_Word_t control)
{
	L4_Regs_t r = { { space, control, 0, L4_MR(0), L4_MR(1), L4_MR(2), L4_MR(3), L4_MR(4), L4_MR(5) } };
	l4_trap(L4_SYS_CACHE_CONTROL, &r);
	return r.r[0];
}
static inline L4_Word_t L4_CacheFlushAllCaches(void) { return L4_CacheControl(0, L4_CacheFlushAll << 6); }

enum { L4_IntRegister = 0, L4_IntUnregister = 1, L4_IntAck = 2, L4_IntAckWait = 3 };
/* control: irq [15:0], notify bit [20:16], op [31:29]. */
static inline L4_Word_t L4_InterruptControl(L4_ThreadId_t t, L4_Word_t op, L4_Word_t irq, L4_Word_t bit)
{
	L4_Regs_t r = { { t.raw, (op << 29) | ((bit & 31) << 16) | (irq & 0xffff), 0, 0, 0, 0, 0, 0, 0 } };
	l4_trap(L4_SYS_INTERRUPT_CONTROL, &r);
	return r.r[0];
}
static inline L4_Word_t L4_RegisterInterrupt(L4_ThreadId_t t, L4_Word_t irq, L4_Word_t bit) { return L4_InterruptControl(t, L4_IntRegister, irq, bit); }
static inline L4_Word_t L4_AcknowledgeInterrupt(L4_Word_t irq) { return L4_InterruptControl(L4_Myself(), L4_IntAck, irq, 0); }

enum { L4_MutexCreate = 1, L4_MutexDelete = 2 };
enum { L4_MutexFlagLock = 1, L4_MutexFlagBlocking = 2 };
static inline L4_Word_t L4_MutexControl(L4_Word_t mutex, L4_Word_t op)
{
	L4_Regs_t r = { { mutex, op, 0, 0, 0, 0, 0, 0, 0 } };
	l4_trap(L4_SYS_MUTEX_CONTROL, &r);
	return r.r[0];
}
static inline L4_Word_t L4_Mutex(L4_Word_t mutex, L4_Word_t flags)
{
	L4_Regs_t r = { { mutex, flags, 0, 0, 0, 0, 0, 0, 0 } };
	l4_trap(L4_SYS_MUTEX, &r);
	return r.r[0];
}
static inline L4_Word_t L4_MutexLock(L4_Word_t m) { return L4_Mutex(m, L4_MutexFlagLock | L4_MutexFlagBlocking); }
static inline L4_Word_t L4_MutexTryLock(L4_Word_t m) { return L4_Mutex(m, L4_MutexFlagLock); }
static inline L4_Word_t L4_MutexUnlock(L4_Word_t m) { return L4_Mutex(m, 0); }

#endif
