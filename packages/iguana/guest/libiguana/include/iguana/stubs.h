/* Generated from src/idl/iguana-idl.ts by `npm run generate-stubs` (packages/iguana): do not edit. */

#ifndef IGUANA_STUBS_H
#define IGUANA_STUBS_H
#include <l4/l4.h>

/* The Iguana server, found by crt0 in the environment (IGUANA_SERVER). */
extern L4_ThreadId_t __iguana_server;

#define IGUANA_LABEL_PD_MYSELF 0x1a00
#define IGUANA_LABEL_MEMSECTION_CREATE 0x1a01
#define IGUANA_LABEL_MEMSECTION_CREATE_FIXED 0x1a02
#define IGUANA_LABEL_MEMSECTION_CREATE_DIRECT 0x1a03
#define IGUANA_LABEL_MEMSECTION_LOOKUP 0x1a04
#define IGUANA_LABEL_MEMSECTION_DELETE 0x1a05
#define IGUANA_LABEL_THREAD_CREATE 0x1a06
#define IGUANA_LABEL_THREAD_CREATE_SIMPLE 0x1a07
#define IGUANA_LABEL_THREAD_START 0x1a08
#define IGUANA_LABEL_THREAD_DELETE 0x1a09
#define IGUANA_LABEL_THREAD_L4TID 0x1a0a
#define IGUANA_LABEL_THREAD_MYSELF 0x1a0b
#define IGUANA_LABEL_MUTEX_CREATE 0x1a0c
#define IGUANA_LABEL_MUTEX_DELETE 0x1a0d
#define IGUANA_LABEL_EXIT 0x1a0e

/* the caller's protection domain */
L4_Word_t iguana_pd_myself(void);
/* a memsection backed lazily on page faults; 0 on failure */
L4_Word_t iguana_memsection_create(L4_Word_t size);
/* a memsection at a chosen virtual address */
L4_Word_t iguana_memsection_create_fixed(L4_Word_t size, L4_Word_t base);
/* a memsection mapped to given (device) physical memory, uncached */
L4_Word_t iguana_memsection_create_direct(L4_Word_t size, L4_Word_t phys);
/* the caller's memsection holding address: base (0 if none), size */
L4_Word_t iguana_memsection_lookup(L4_Word_t address, L4_Word_t *size);
/* unmaps and frees a memsection of the caller */
L4_Word_t iguana_memsection_delete(L4_Word_t base);
/* an inactive thread in the caller's PD; start it with thread_start */
L4_Word_t iguana_thread_create(L4_Word_t priority);
/* a thread running fn(arg) on a new stack (through the C runtime's trampoline) */
L4_Word_t iguana_thread_create_simple(L4_Word_t fn, L4_Word_t arg, L4_Word_t priority, L4_Word_t trampoline);
/* starts an inactive thread */
L4_Word_t iguana_thread_start(L4_Word_t tid, L4_Word_t ip, L4_Word_t sp);
/* deletes a thread of the caller's PD (no reply if it is the caller) */
L4_Word_t iguana_thread_delete(L4_Word_t tid);
/* the L4 thread id of an Iguana thread reference */
L4_Word_t iguana_thread_l4tid(L4_Word_t thread);
/* the caller's Iguana thread reference */
L4_Word_t iguana_thread_myself(void);
/* a kernel mutex (MutexControl is the root task's privilege); 0 on failure */
L4_Word_t iguana_mutex_create(void);
/* deletes a kernel mutex created by mutex_create */
L4_Word_t iguana_mutex_delete(L4_Word_t mutex);
/* ends the caller's PD: its threads, memsections and space */
void iguana_exit(L4_Word_t status);

#endif
