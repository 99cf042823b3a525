/* ThreadControl, ExchangeRegisters, Schedule, ThreadSwitch. */
#ifndef L4_THREAD_H
#define L4_THREAD_H
#include <l4/types.h>

static inline L4_Word_t L4_ThreadControl(L4_ThreadId_t dest, L4_SpaceId_t space, L4_ThreadId_t scheduler,
	L4_ThreadId_t pager, L4_ThreadId_t handler, L4_Word_t resources, L4_Word_t utcb)
{
	L4_Regs_t r = { { dest.raw, space, scheduler.raw, pager.raw, handler.raw, resources, utcb, 0, 0 } };
	l4_trap(L4_SYS_THREAD_CONTROL, &r);
	return r.r[0];
}
static inline L4_Word_t L4_CreateThread(L4_ThreadId_t dest, L4_SpaceId_t space, L4_ThreadId_t pager, L4_ThreadId_t handler)
{
	return L4_ThreadControl(dest, space, L4_Myself(), pager, handler, 0, 0);
}
static inline L4_Word_t L4_DeleteThread(L4_ThreadId_t dest)
{
	return L4_ThreadControl(dest, L4_nilspace, L4_nilthread, L4_nilthread, L4_nilthread, 0, 0);
}

enum {
	L4_ExReg_Halt = 1 << 0, L4_ExReg_AbortReceive = 1 << 1, L4_ExReg_AbortSend = 1 << 2, L4_ExReg_Sp = 1 << 3,
	L4_ExReg_Ip = 1 << 4, L4_ExReg_Flags = 1 << 5, L4_ExReg_UserHandle = 1 << 6, L4_ExReg_Tls = 1 << 7,
	L4_ExReg_HaltFlag = 1 << 8, L4_ExReg_Deliver = 1 << 9, L4_ExReg_Suspend = 1 << 11,
	L4_ExReg_RegsToMrs = 1 << 12, L4_ExReg_MrsToRegs = 1 << 13,
};
/* State bits returned in old->r[1]. */
enum { L4_ExRegState_Halted = 1, L4_ExRegState_Receiving = 2, L4_ExRegState_Sending = 4, L4_ExRegState_Inactive = 8 };

/* Returns dest (nil on error); `old` (may be 0) receives state, sp, ip, flags, user handle in r[1..5]. */
static inline L4_ThreadId_t L4_ExchangeRegisters(L4_ThreadId_t dest, L4_Word_t control, L4_Word_t sp, L4_Word_t ip,
	L4_Word_t flags, L4_Word_t userHandle, L4_Regs_t *old)
{
	L4_Regs_t r = { { dest.raw, control, sp, ip, flags, userHandle, 0, 0, 0 } };
	l4_trap(L4_SYS_EXCHANGE_REGISTERS, &r);
	if (old) *old = r;
	L4_ThreadId_t t = { r.r[0] };
	return t;
}
static inline L4_Word_t L4_Start_SpIp(L4_ThreadId_t t, L4_Word_t sp, L4_Word_t ip)
{
	return !L4_IsNilThread(L4_ExchangeRegisters(t, L4_ExReg_Sp | L4_ExReg_Ip | L4_ExReg_Halt, sp, ip, 0, 0, 0));
}
static inline L4_Word_t L4_Stop(L4_ThreadId_t t)
{
	return !L4_IsNilThread(L4_ExchangeRegisters(t, L4_ExReg_Halt | L4_ExReg_HaltFlag, 0, 0, 0, 0, 0));
}

/* Schedule: ~0 leaves a value unchanged; returns 1 (r[1] = remaining timeslice) or 0. */
static inline L4_Word_t L4_Schedule(L4_ThreadId_t dest, L4_Word_t timeslice, L4_Word_t priority, L4_Word_t *remaining)
{
	L4_Regs_t r = { { dest.raw, timeslice, ~0UL, ~0UL, priority, ~0UL, 0, 0, 0 } };
	l4_trap(L4_SYS_SCHEDULE, &r);
	if (remaining) *remaining = r.r[1];
	return r.r[0];
}
static inline L4_Word_t L4_Set_Priority(L4_ThreadId_t t, L4_Word_t prio) { return L4_Schedule(t, ~0UL, prio, 0); }
static inline L4_Word_t L4_Set_Timeslice(L4_ThreadId_t t, L4_Word_t us) { return L4_Schedule(t, us, ~0UL, 0); }

static inline void L4_ThreadSwitch(L4_ThreadId_t dest)
{
	L4_Regs_t r = { { dest.raw, 0, 0, 0, 0, 0, 0, 0, 0 } };
	l4_trap(L4_SYS_THREAD_SWITCH, &r);
}
static inline void L4_Yield(void) { L4_ThreadSwitch(L4_nilthread); }

#endif
