/* Generated from src/idl/iguana-idl.ts by `npm run generate-stubs` (packages/iguana): do not edit. */

#include <iguana/stubs.h>

L4_Word_t iguana_pd_myself(void)
{
	L4_MsgTag_t tag;
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_PD_MYSELF, 0));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_memsection_create(L4_Word_t size)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, size);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_MEMSECTION_CREATE, 1));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_memsection_create_fixed(L4_Word_t size, L4_Word_t base)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, size);
	L4_LoadMR(2, base);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_MEMSECTION_CREATE_FIXED, 2));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_memsection_create_direct(L4_Word_t size, L4_Word_t phys)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, size);
	L4_LoadMR(2, phys);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_MEMSECTION_CREATE_DIRECT, 2));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_memsection_lookup(L4_Word_t address, L4_Word_t *size)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, address);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_MEMSECTION_LOOKUP, 1));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	if (size) *size = L4_MR(2);
	return L4_MR(1);
}

L4_Word_t iguana_memsection_delete(L4_Word_t base)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, base);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_MEMSECTION_DELETE, 1));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_thread_create(L4_Word_t priority)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, priority);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_THREAD_CREATE, 1));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_thread_create_simple(L4_Word_t fn, L4_Word_t arg, L4_Word_t priority, L4_Word_t trampoline)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, fn);
	L4_LoadMR(2, arg);
	L4_LoadMR(3, priority);
	L4_LoadMR(4, trampoline);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_THREAD_CREATE_SIMPLE, 4));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_thread_start(L4_Word_t tid, L4_Word_t ip, L4_Word_t sp)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, tid);
	L4_LoadMR(2, ip);
	L4_LoadMR(3, sp);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_THREAD_START, 3));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_thread_delete(L4_Word_t tid)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, tid);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_THREAD_DELETE, 1));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_thread_l4tid(L4_Word_t thread)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, thread);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_THREAD_L4TID, 1));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_thread_myself(void)
{
	L4_MsgTag_t tag;
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_THREAD_MYSELF, 0));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_mutex_create(void)
{
	L4_MsgTag_t tag;
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_MUTEX_CREATE, 0));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

L4_Word_t iguana_mutex_delete(L4_Word_t mutex)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, mutex);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_MUTEX_DELETE, 1));
	tag = L4_Call(__iguana_server);
	if (L4_IpcFailed(tag)) return 0;
	return L4_MR(1);
}

void iguana_exit(L4_Word_t status)
{
	L4_MsgTag_t tag;
	L4_LoadMR(1, status);
	L4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_EXIT, 1));
	tag = L4_Call(__iguana_server);
	(void)tag;
}
