/* IPC: synchronous, unbuffered, no timeouts; the tag's s/r flags select blocking (reference/okl4.md §1). */
#ifndef L4_IPC_H
#define L4_IPC_H
#include <l4/message.h>

/* The raw call: MR0 (tag, with s/r flags) and MR1.. must be loaded; returns the tag, *from the sender. */
static inline L4_MsgTag_t L4_Ipc(L4_ThreadId_t to, L4_ThreadId_t from, L4_Word_t flags, L4_ThreadId_t *sender)
{
	L4_LoadMR(0, (L4_MR(0) & ~(L4_TAG_SBLOCK | L4_TAG_RBLOCK | L4_TAG_NOTIFY)) | flags);
	L4_Word_t s = l4_ipc_trap(to.raw, from.raw);
	if (sender) sender->raw = s;
	return L4_MsgTagOfMR0();
}

static inline L4_Bool_t L4_IpcFailed(L4_MsgTag_t t) { return (t.raw & L4_TAG_ERROR) != 0 && (t.raw & L4_TAG_NOTIFY) == 0; }
static inline L4_Bool_t L4_IpcSucceeded(L4_MsgTag_t t) { return !L4_IpcFailed(t); }
/* After a failed IPC: (code << 1) | phase (1 = receive phase). */
enum { L4_IpcErrNoPartner = 1, L4_IpcErrNonExist = 2, L4_IpcErrCanceled = 3, L4_IpcErrMsgOverflow = 4, L4_IpcErrNotAccepted = 5, L4_IpcErrAborted = 7 };

static inline L4_MsgTag_t L4_Call(L4_ThreadId_t to) { return L4_Ipc(to, to, L4_TAG_SBLOCK | L4_TAG_RBLOCK, 0); }
static inline L4_MsgTag_t L4_Send(L4_ThreadId_t to) { return L4_Ipc(to, L4_nilthread, L4_TAG_SBLOCK, 0); }
/* Send without blocking: fails with NoPartner unless `to` is waiting. */
static inline L4_MsgTag_t L4_Reply(L4_ThreadId_t to) { return L4_Ipc(to, L4_nilthread, 0, 0); }
static inline L4_MsgTag_t L4_Wait(L4_ThreadId_t *from) { return L4_Ipc(L4_nilthread, L4_anythread, L4_TAG_RBLOCK, from); }
static inline L4_MsgTag_t L4_Receive(L4_ThreadId_t from) { return L4_Ipc(L4_nilthread, from, L4_TAG_RBLOCK, 0); }
static inline L4_MsgTag_t L4_Poll(L4_ThreadId_t from, L4_ThreadId_t *sender) { return L4_Ipc(L4_nilthread, from, 0, sender); }
static inline L4_MsgTag_t L4_ReplyWait(L4_ThreadId_t to, L4_ThreadId_t *from) { return L4_Ipc(to, L4_anythread, L4_TAG_RBLOCK, from); }
static inline L4_MsgTag_t L4_WaitNotify(L4_Word_t *bits)
{
	L4_MsgTag_t t = L4_Ipc(L4_nilthread, L4_waitnotify, L4_TAG_RBLOCK, 0);
	*bits = L4_MR(1);
	return t;
}

/* Notify: OR `bits` into the receiver's notify word. */
static inline L4_Word_t L4_Notify(L4_ThreadId_t to, L4_Word_t bits)
{
	L4_LoadMR(0, L4_TAG_NOTIFY | 1);
	L4_LoadMR(1, bits);
	l4_ipc_trap(to.raw, L4_nilthread.raw);
	return !L4_IpcFailed(L4_MsgTagOfMR0());
}

#endif
