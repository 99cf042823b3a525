/* libl4 for L4Lab's OKL4 2.1 model: basic types and the ARM ABI constants (reference/okl4.md §1-2). */
#ifndef L4_TYPES_H
#define L4_TYPES_H

typedef unsigned long L4_Word_t;
typedef unsigned long long L4_Word64_t;
typedef unsigned char L4_Bool_t;

typedef struct { L4_Word_t raw; } L4_ThreadId_t;
typedef struct { L4_Word_t raw; } L4_MsgTag_t;
typedef L4_Word_t L4_SpaceId_t;

#define L4_nilthread   ((L4_ThreadId_t){ 0xfffffffcUL })
#define L4_anythread   ((L4_ThreadId_t){ 0xffffffffUL })
#define L4_waitnotify  ((L4_ThreadId_t){ 0xfffffffeUL })
#define L4_myselfconst ((L4_ThreadId_t){ 0xfffffffdUL })
#define L4_nilspace    0xffffffffUL

static inline L4_Bool_t L4_IsNilThread(L4_ThreadId_t t) { return t.raw == 0xfffffffcUL; }
static inline L4_Bool_t L4_IsThreadEqual(L4_ThreadId_t a, L4_ThreadId_t b) { return a.raw == b.raw; }
/* Thread ids: number in bits 14-31, version in bits 0-13. */
static inline L4_ThreadId_t L4_GlobalId(L4_Word_t number, L4_Word_t version)
{
	L4_ThreadId_t t = { (number << 14) | (version & 0x3fff) };
	return t;
}

/* Mark functions the image builder starts as threads (by symbol): kept by the linker script. */
#define L4_THREAD_ENTRY __attribute__((used, noreturn, section(".text.l4entry")))

/* UTCB byte offsets. */
#define L4_UTCB_MUTEX_HANDLE  0
#define L4_UTCB_USER_HANDLE   4
#define L4_UTCB_ACCEPTOR     12
#define L4_UTCB_NOTIFY_MASK  16
#define L4_UTCB_NOTIFY_BITS  20
#define L4_UTCB_ERROR_CODE   28
#define L4_UTCB_SENDER_SPACE 48
#define L4_UTCB_MR0          64
#define L4_UTCB_TLS         192

/* The user-readable word holding the current thread's UTCB address. */
#define L4_UTCB_POINTER 0xff000ff0UL

static inline volatile L4_Word_t *L4_GetUtcbBase(void)
{
	return *(volatile L4_Word_t *volatile *)L4_UTCB_POINTER;
}
static inline L4_Word_t L4_UtcbWord(L4_Word_t offset) { return L4_GetUtcbBase()[offset / 4]; }
static inline void L4_SetUtcbWord(L4_Word_t offset, L4_Word_t w) { L4_GetUtcbBase()[offset / 4] = w; }

/* Non-IPC calls return 1 on success, 0 with the reason here. */
static inline L4_Word_t L4_ErrorCode(void) { return L4_UtcbWord(L4_UTCB_ERROR_CODE); }

enum {
	L4_ErrNoPrivilege = 1, L4_ErrInvalidThread = 2, L4_ErrInvalidSpace = 3, L4_ErrInvalidScheduler = 4,
	L4_ErrInvalidParam = 5, L4_ErrUtcbArea = 6, L4_ErrNoMem = 8, L4_ErrSpaceNotEmpty = 9,
	L4_ErrInvalidMutex = 10, L4_ErrMutexBusy = 11, L4_ErrNotImplemented = 16,
};

/* System-call numbers: offsets from 0xFFFFFF00, passed in the user SP. */
enum {
	L4_SYS_IPC = 0x00, L4_SYS_THREAD_SWITCH = 0x04, L4_SYS_THREAD_CONTROL = 0x08, L4_SYS_EXCHANGE_REGISTERS = 0x0c,
	L4_SYS_SCHEDULE = 0x10, L4_SYS_MAP_CONTROL = 0x14, L4_SYS_SPACE_CONTROL = 0x18, L4_SYS_CACHE_CONTROL = 0x20,
	L4_SYS_MUTEX = 0x34, L4_SYS_MUTEX_CONTROL = 0x38, L4_SYS_INTERRUPT_CONTROL = 0x3c,
	L4_KDB_PUTC = 0xa0, L4_KDB_GETC = 0xa4, L4_KDB_GETC_NB = 0xa8, L4_KDB_DEBUG_STRING = 0xac,
	L4_KDB_GET_UTCB = 0xb0, L4_KDB_SET_NAME = 0xb8, L4_KDB_GET_TICK = 0xe0,
};

/* r0-r8 in and out of a trap. */
typedef struct { L4_Word_t r[9]; } L4_Regs_t;

/* trap.S: generic trap (registers from and back into *regs) and the IPC trap (MR0-MR5 from the UTCB). */
void l4_trap(L4_Word_t number, L4_Regs_t *regs);
L4_Word_t l4_ipc_trap(L4_Word_t to, L4_Word_t from);

/* The current thread's id (the kernel keeps it in the UTCB's mutex-handle word). */
static inline L4_ThreadId_t L4_Myself(void)
{
	L4_ThreadId_t t = { L4_UtcbWord(L4_UTCB_MUTEX_HANDLE) };
	return t;
}

#endif
