/* SpaceControl and MapControl (2.x form: fpage + physical descriptor items). */
#ifndef L4_SPACE_H
#define L4_SPACE_H
#include <l4/message.h>

enum { L4_SpaceCtrl_New = 1, L4_SpaceCtrl_Delete = 2, L4_SpaceCtrl_Resources = 4 };

/* resources: FCSE PID in the low 8 bits (ARMv5); control's top 8 bits = max priority (0 = 255). */
static inline L4_Word_t L4_SpaceControl(L4_SpaceId_t space, L4_Word_t control, L4_Word_t resources, L4_Word_t *old)
{
	L4_Regs_t r = { { space, control, 0, 0, resources, 0, 0, 0, 0 } };
	l4_trap(L4_SYS_SPACE_CONTROL, &r);
	if (old) *old = r.r[1];
	return r.r[0];
}

#define L4_Readable   4UL
#define L4_Writable   2UL
#define L4_eXecutable 1UL
#define L4_FullyAccessible 7UL

/* fpage: base [31:10], log2 size [9:4], rwx [2:0]; physical descriptor: base >> 10 in [31:6], attribute [5:0]. */
static inline L4_Word_t L4_Fpage(L4_Word_t base, L4_Word_t log2size, L4_Word_t rwx) { return (base & ~0x3ffUL) | (log2size << 4) | rwx; }
static inline L4_Word_t L4_PhysDesc(L4_Word_t base, L4_Word_t attr) { return ((base >> 10) << 6) | attr; }
enum { L4_DefaultMemory = 0, L4_CachedMemory = 1, L4_UncachedMemory = 2, L4_WriteBackMemory = 3, L4_WriteThroughMemory = 4 };

#define L4_MapCtrl_Query  (1UL << 30)
#define L4_MapCtrl_Modify (1UL << 31)

/* Items in MR[2i] (physical descriptor) and MR[2i+1] (fpage); count in control [5:0]. */
static inline L4_Word_t L4_MapControl(L4_SpaceId_t space, L4_Word_t control)
{
	L4_Regs_t r = { { space, control, 0, L4_MR(0), L4_MR(1), L4_MR(2), L4_MR(3), L4_MR(4), L4_MR(5) } };
	l4_trap(L4_SYS_MAP_CONTROL, &r);
	for (int i = 0; i < 6; i++) L4_LoadMR(i, r.r[3 + i]);
	return r.r[0];
}
static inline L4_Word_t L4_MapFpage(L4_SpaceId_t space, L4_Word_t phys, L4_Word_t attr, L4_Word_t fpage)
{
	L4_LoadMR(0, L4_PhysDesc(phys, attr));
	L4_LoadMR(1, fpage);
	return L4_MapControl(space, 1);
}
static inline L4_Word_t L4_UnmapFpage(L4_SpaceId_t space, L4_Word_t fpage)
{
	L4_LoadMR(0, 0);
	L4_LoadMR(1, fpage & ~7UL);
	return L4_MapControl(space, 1);
}

#endif
