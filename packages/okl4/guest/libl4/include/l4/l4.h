/* All of libl4. */
#ifndef L4_L4_H
#define L4_L4_H
#include <l4/types.h>
#include <l4/message.h>
#include <l4/ipc.h>
#include <l4/thread.h>
#include <l4/space.h>
#include <l4/misc.h>
#include <l4/kdebug.h>
#endif
