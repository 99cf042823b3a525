/* Message tags and message registers: MR0 = tag (u [5:0], flags [15:12], label [31:16]). */
#ifndef L4_MESSAGE_H
#define L4_MESSAGE_H
#include <l4/types.h>

#define L4_TAG_MEMCPY  0x1000UL
#define L4_TAG_NOTIFY  0x2000UL
#define L4_TAG_RBLOCK  0x4000UL
#define L4_TAG_SBLOCK  0x8000UL
#define L4_TAG_ERROR   0x8000UL

static inline L4_MsgTag_t L4_MsgTag(L4_Word_t label, L4_Word_t untyped)
{
	L4_MsgTag_t t = { (label << 16) | (untyped & 0x3f) };
	return t;
}
static inline L4_Word_t L4_Label(L4_MsgTag_t t) { return t.raw >> 16; }
static inline L4_Word_t L4_UntypedWords(L4_MsgTag_t t) { return t.raw & 0x3f; }

static inline void L4_LoadMR(int i, L4_Word_t w) { L4_GetUtcbBase()[L4_UTCB_MR0 / 4 + i] = w; }
static inline L4_Word_t L4_MR(int i) { return L4_GetUtcbBase()[L4_UTCB_MR0 / 4 + i]; }
static inline void L4_StoreMR(int i, L4_Word_t *w) { *w = L4_MR(i); }
static inline void L4_Set_MsgTag(L4_MsgTag_t t) { L4_LoadMR(0, t.raw); }
static inline L4_MsgTag_t L4_MsgTagOfMR0(void) { L4_MsgTag_t t = { L4_MR(0) }; return t; }

/* Notify acceptance: notifications may satisfy receives. */
#define L4_ACCEPT_NOTIFY 1UL
static inline void L4_Accept_Notify(L4_Word_t mask)
{
	L4_SetUtcbWord(L4_UTCB_NOTIFY_MASK, mask);
	L4_SetUtcbWord(L4_UTCB_ACCEPTOR, L4_UtcbWord(L4_UTCB_ACCEPTOR) | L4_ACCEPT_NOTIFY);
}
static inline void L4_Set_NotifyMask(L4_Word_t mask) { L4_SetUtcbWord(L4_UTCB_NOTIFY_MASK, mask); }

#endif
