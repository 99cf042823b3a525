/*
 * Saturating and SIMD arithmetic on the ARM1176, one line per operation: the result and, where the
 * instruction sets them, the Q flag (cleared before each test; sticky within one) or the GE bits.
 */
#include <stdint.h>
#include "semihost.h"

#define OP2(name, insn) \
	static uint32_t name(uint32_t a, uint32_t b) \
	{ \
		uint32_t r; \
		__asm__ volatile(insn " %0, %1, %2" : "=r"(r) : "r"(a), "r"(b) : "cc"); \
		return r; \
	}
#define OP3(name, insn) \
	static uint32_t name(uint32_t a, uint32_t b, uint32_t c) \
	{ \
		uint32_t r; \
		__asm__ volatile(insn " %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c) : "cc"); \
		return r; \
	}

OP2(qadd, "qadd")
OP2(qsub, "qsub")
OP2(qdadd, "qdadd")
OP2(qdsub, "qdsub")
OP2(uqadd8, "uqadd8")
OP2(uqsub16, "uqsub16")
OP2(qadd16, "qadd16")
OP2(shsub8, "shsub8")
OP2(sadd16, "sadd16")
OP2(usub8, "usub8")
OP2(sel, "sel")
OP2(smulbt, "smulbt")
OP2(smulwt, "smulwt")
OP2(smuad, "smuad")
OP2(smusdx, "smusdx")
OP2(smmulr, "smmulr")
OP2(usad8, "usad8")
OP3(smlabb, "smlabb")
OP3(smlad, "smlad")
OP3(usada8, "usada8")

static uint32_t ssat8(uint32_t a) { uint32_t r; __asm__ volatile("ssat %0, #8, %1" : "=r"(r) : "r"(a) : "cc"); return r; }
static uint32_t ssat_asr(uint32_t a) { uint32_t r; __asm__ volatile("ssat %0, #16, %1, asr #4" : "=r"(r) : "r"(a) : "cc"); return r; }
static uint32_t usat10(uint32_t a) { uint32_t r; __asm__ volatile("usat %0, #10, %1, lsl #2" : "=r"(r) : "r"(a) : "cc"); return r; }
static uint32_t ssat16_4(uint32_t a) { uint32_t r; __asm__ volatile("ssat16 %0, #4, %1" : "=r"(r) : "r"(a) : "cc"); return r; }
static uint32_t usat16_7(uint32_t a) { uint32_t r; __asm__ volatile("usat16 %0, #7, %1" : "=r"(r) : "r"(a) : "cc"); return r; }

static uint32_t cpsr(void) { uint32_t r; __asm__ volatile("mrs %0, cpsr" : "=r"(r)); return r; }
static void clear_q_ge(void) { __asm__ volatile("msr cpsr_fs, %0" : : "r"(0) : "cc"); }

static void show(const char *label, uint32_t value)
{
	uint32_t psr = cpsr();
	sh_puts(label);
	sh_putc(' ');
	sh_put_hex32(value);
	sh_puts(" q ");
	sh_put_udec((psr >> 27) & 1);
	sh_puts(" ge ");
	sh_put_udec((psr >> 16) & 15);
	sh_putc('\n');
	clear_q_ge();
}

int main(void)
{
	clear_q_ge();
	show("qadd max+1", qadd(0x7fffffff, 1));
	show("qadd plain", qadd(40, 2));
	show("qsub min-1", qsub(0x80000000, 1));
	show("qdadd", qdadd(0x10000000, 0x40000000));
	show("qdsub", qdsub(0, 0xc0000000));
	uint32_t r = qadd(0x7fffffff, 1);
	r = qadd(1, 2); /* Q stays set */
	show("q sticky", r);
	show("ssat #8", ssat8(300));
	show("ssat #8 in range", ssat8(0xffffff85));
	show("ssat #16 asr 4", ssat_asr(0x80000000));
	show("usat #10 lsl 2", usat10(0x100));
	show("usat #10 negative", usat10(0xfffffff0));
	show("ssat16 #4", ssat16_4(0x00207ff9));
	show("usat16 #7", usat16_7(0xff80007f));
	show("uqadd8", uqadd8(0x80ff0102, 0x90010203));
	show("uqsub16", uqsub16(0x00050010, 0x00100005));
	show("qadd16", qadd16(0x7fff8000, 0x00010001));
	show("shsub8", shsub8(0x807f0010, 0x7f80ff01));
	show("sadd16", sadd16(0x7fff0001, 0x0001fffe));
	show("usub8", usub8(0x10203040, 0x20103040));
	r = usub8(0x10203040, 0x20103040);
	show("sel after usub8", sel(0xaabbccdd, 0x11223344));
	show("smulbt", smulbt(0x00008000, 0x80000000));
	show("smulwt", smulwt(0x12345678, 0x7fff0000));
	show("smlabb overflow", smlabb(0x7fff, 0x7fff, 0x7fffffff));
	show("smuad overflow", smuad(0x80008000, 0x80008000));
	show("smlad", smlad(0x00030002, 0x00050004, 100));
	show("smusdx", smusdx(0x00030002, 0x00050004));
	show("smmulr", smmulr(0x40000000, 0x00000003));
	uint32_t lo = 0xffffffff, hi = 0x00000001;
	__asm__ volatile("smlald %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(0x7fff7fff), "r"(0x7fff7fff));
	show("smlald lo", lo);
	show("smlald hi", hi);
	lo = 0xffffffff;
	hi = 0xffffffff;
	__asm__ volatile("umaal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(0xffffffff), "r"(0xffffffff));
	show("umaal lo", lo);
	show("umaal hi", hi);
	show("usad8", usad8(0x01ff8000, 0xff017f10));
	show("usada8", usada8(0x01020304, 0x04030201, 1000));
	show("clz", (uint32_t)__builtin_clz(0x00012345));
	return (int)(r & 0);
}
