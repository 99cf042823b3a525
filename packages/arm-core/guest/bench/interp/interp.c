/*
 * A branchy bytecode interpreter: a small stack machine (switch dispatch, locals, conditional jumps,
 * calls) running a fixed program assembled at start-up: Collatz step counts over a range, iterative
 * Fibonacci modulo 2^32, Euclid's gcd by subtraction and a recursive function, every iteration with
 * different inputs. Indirect jumps, unpredictable branches, a memory-resident stack.
 */
#include "bench.h"

#define DEFAULT_ITERATIONS 16

enum op {
	OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_AND, OP_OR, OP_XOR,
	OP_SHL, OP_SHR, OP_LT, OP_EQ, OP_DUP, OP_DROP, OP_SWAP, OP_JMP, OP_JZ, OP_JNZ,
	OP_CALL, OP_RET, OP_INC, OP_DEC,
};

#define CODE_CAPACITY 512
#define STACK_DEPTH 256
#define CALL_DEPTH 128
#define LOCALS 16

static int32_t code[CODE_CAPACITY];
static int code_length;

static int emit(int32_t word)
{
	code[code_length] = word;
	return code_length++;
}
static void op(enum op o) { emit(o); }
static void op1(enum op o, int32_t arg)
{
	emit(o);
	emit(arg);
}
/* Emits a jump with an unknown target; returns where to patch it. */
static int jump_forward(enum op o)
{
	emit(o);
	return emit(0);
}
static void patch_here(int at) { code[at] = code_length; }

/* Locals. */
enum { V_I, V_END, V_X, V_STEPS, V_SUM, V_A, V_B, V_N, V_T, V_G, V_SEED, V_R };

/*
 * Program, inputs in locals (seed), result left in locals:
 *   sum = 0; for i = seed & 255 + 1 .. +40: x = i; steps = 0;
 *            while x != 1: x = x & 1 ? 3x + 1 : x >> 1; steps++
 *            sum = sum * 31 + steps
 *   a = 0; b = 1; n = 300 + (seed & 63): repeat n: t = a + b; a = b; b = t
 *   g = 0; for i = 1 .. 40: a2 = (seed ^ i*7919) & 4095 | 1, b2 = i*97 | 1; gcd by subtraction; g += gcd
 *   r = tri(60 + (seed & 7)) where tri(k) = k == 0 ? 0 : k + tri(k - 1)   (recursive CALL/RET)
 */
static int assemble(void)
{
	code_length = 0;
	/* Collatz */
	op1(OP_PUSH, 0); op1(OP_STORE, V_SUM);
	op1(OP_LOAD, V_SEED); op1(OP_PUSH, 255); op(OP_AND); op(OP_INC); op(OP_DUP); op1(OP_STORE, V_I);
	op1(OP_PUSH, 40); op(OP_ADD); op1(OP_STORE, V_END);
	int outer = code_length;
	op1(OP_LOAD, V_I); op1(OP_STORE, V_X); op1(OP_PUSH, 0); op1(OP_STORE, V_STEPS);
	int inner = code_length;
	op1(OP_LOAD, V_X); op1(OP_PUSH, 1); op(OP_EQ); int inner_exit = jump_forward(OP_JNZ);
	op1(OP_LOAD, V_X); op1(OP_PUSH, 1); op(OP_AND); int even = jump_forward(OP_JZ);
	op1(OP_LOAD, V_X); op(OP_DUP); op(OP_ADD); op1(OP_LOAD, V_X); op(OP_ADD); op(OP_INC); op1(OP_STORE, V_X);
	int joined = jump_forward(OP_JMP);
	patch_here(even);
	op1(OP_LOAD, V_X); op1(OP_PUSH, 1); op(OP_SHR); op1(OP_STORE, V_X);
	patch_here(joined);
	op1(OP_LOAD, V_STEPS); op(OP_INC); op1(OP_STORE, V_STEPS);
	op1(OP_JMP, inner);
	patch_here(inner_exit);
	op1(OP_LOAD, V_SUM); op1(OP_PUSH, 31); op(OP_MUL); op1(OP_LOAD, V_STEPS); op(OP_ADD); op1(OP_STORE, V_SUM);
	op1(OP_LOAD, V_I); op(OP_INC); op(OP_DUP); op1(OP_STORE, V_I);
	op1(OP_LOAD, V_END); op(OP_LT); op1(OP_JNZ, outer);

	/* Fibonacci */
	op1(OP_PUSH, 0); op1(OP_STORE, V_A); op1(OP_PUSH, 1); op1(OP_STORE, V_B);
	op1(OP_LOAD, V_SEED); op1(OP_PUSH, 63); op(OP_AND); op1(OP_PUSH, 300); op(OP_ADD); op1(OP_STORE, V_N);
	int fib = code_length;
	op1(OP_LOAD, V_A); op1(OP_LOAD, V_B); op(OP_DUP); op1(OP_STORE, V_A); op(OP_ADD); op1(OP_STORE, V_B);
	op1(OP_LOAD, V_N); op(OP_DEC); op(OP_DUP); op1(OP_STORE, V_N); op1(OP_JNZ, fib);

	/* gcd by subtraction, 40 pairs */
	op1(OP_PUSH, 0); op1(OP_STORE, V_G); op1(OP_PUSH, 1); op1(OP_STORE, V_I);
	int pairs = code_length;
	op1(OP_LOAD, V_SEED); op1(OP_LOAD, V_I); op1(OP_PUSH, 7919); op(OP_MUL); op(OP_XOR);
	op1(OP_PUSH, 4095); op(OP_AND); op1(OP_PUSH, 1); op(OP_OR); op1(OP_STORE, V_X);
	op1(OP_LOAD, V_I); op1(OP_PUSH, 97); op(OP_MUL); op1(OP_PUSH, 1); op(OP_OR); op1(OP_STORE, V_T);
	int gcd = code_length;
	op1(OP_LOAD, V_X); op1(OP_LOAD, V_T); op(OP_EQ); int gcd_done = jump_forward(OP_JNZ);
	op1(OP_LOAD, V_X); op1(OP_LOAD, V_T); op(OP_LT); int x_smaller = jump_forward(OP_JNZ);
	op1(OP_LOAD, V_X); op1(OP_LOAD, V_T); op(OP_SUB); op1(OP_STORE, V_X); op1(OP_JMP, gcd);
	patch_here(x_smaller);
	op1(OP_LOAD, V_T); op1(OP_LOAD, V_X); op(OP_SUB); op1(OP_STORE, V_T); op1(OP_JMP, gcd);
	patch_here(gcd_done);
	op1(OP_LOAD, V_G); op1(OP_LOAD, V_X); op(OP_ADD); op1(OP_STORE, V_G);
	op1(OP_LOAD, V_I); op(OP_INC); op(OP_DUP); op1(OP_STORE, V_I); op1(OP_PUSH, 41); op(OP_LT); op1(OP_JNZ, pairs);

	/* r = tri(60 + (seed & 7)), then halt */
	op1(OP_LOAD, V_SEED); op1(OP_PUSH, 7); op(OP_AND); op1(OP_PUSH, 60); op(OP_ADD);
	int call_tri = jump_forward(OP_CALL);
	op1(OP_STORE, V_R);
	op(OP_HALT);

	/* tri: argument on the stack, result replaces it */
	patch_here(call_tri);
	op(OP_DUP); int tri_recurse = jump_forward(OP_JNZ);
	op(OP_RET); /* tri(0) = 0, already on the stack */
	patch_here(tri_recurse);
	op(OP_DUP); op(OP_DEC); op1(OP_CALL, code[call_tri]); op(OP_ADD); op(OP_RET);
	return code_length;
}

struct vm_result {
	uint32_t executed;
	int32_t error; /* 0, or 1 stack overflow/underflow, 2 bad opcode, 3 call depth */
};

static struct vm_result run(int32_t *locals)
{
	int32_t stack[STACK_DEPTH];
	int32_t calls[CALL_DEPTH];
	int sp = 0, csp = 0, pc = 0;
	uint32_t executed = 0;
	struct vm_result result = { 0, 0 };
	for (;;) {
		int32_t a, b;
		executed++;
		switch ((enum op)code[pc++]) {
		case OP_HALT:
			result.executed = executed;
			return result;
		case OP_PUSH:
			if (sp >= STACK_DEPTH) goto overflow;
			stack[sp++] = code[pc++];
			break;
		case OP_LOAD:
			if (sp >= STACK_DEPTH) goto overflow;
			stack[sp++] = locals[code[pc++] & (LOCALS - 1)];
			break;
		case OP_STORE:
			if (sp < 1) goto overflow;
			locals[code[pc++] & (LOCALS - 1)] = stack[--sp];
			break;
		case OP_DUP:
			if (sp < 1 || sp >= STACK_DEPTH) goto overflow;
			stack[sp] = stack[sp - 1];
			sp++;
			break;
		case OP_DROP:
			if (sp < 1) goto overflow;
			sp--;
			break;
		case OP_SWAP:
			if (sp < 2) goto overflow;
			a = stack[sp - 1];
			stack[sp - 1] = stack[sp - 2];
			stack[sp - 2] = a;
			break;
		case OP_INC:
			if (sp < 1) goto overflow;
			stack[sp - 1]++;
			break;
		case OP_DEC:
			if (sp < 1) goto overflow;
			stack[sp - 1]--;
			break;
		case OP_ADD: case OP_SUB: case OP_MUL: case OP_AND: case OP_OR: case OP_XOR:
		case OP_SHL: case OP_SHR: case OP_LT: case OP_EQ:
			if (sp < 2) goto overflow;
			b = stack[--sp];
			a = stack[sp - 1];
			switch ((enum op)code[pc - 1]) {
			case OP_ADD: a = (int32_t)((uint32_t)a + (uint32_t)b); break;
			case OP_SUB: a = (int32_t)((uint32_t)a - (uint32_t)b); break;
			case OP_MUL: a = (int32_t)((uint32_t)a * (uint32_t)b); break;
			case OP_AND: a &= b; break;
			case OP_OR: a |= b; break;
			case OP_XOR: a ^= b; break;
			case OP_SHL: a = (int32_t)((uint32_t)a << (b & 31)); break;
			case OP_SHR: a = (int32_t)((uint32_t)a >> (b & 31)); break;
			case OP_LT: a = a < b; break;
			default: a = a == b; break;
			}
			stack[sp - 1] = a;
			break;
		case OP_JMP:
			pc = code[pc];
			break;
		case OP_JZ:
		case OP_JNZ:
			if (sp < 1) goto overflow;
			a = stack[--sp];
			if ((a == 0) == (code[pc - 1] == OP_JZ)) pc = code[pc];
			else pc++;
			break;
		case OP_CALL:
			if (csp >= CALL_DEPTH) {
				result.error = 3;
				return result;
			}
			calls[csp++] = pc + 1;
			pc = code[pc];
			break;
		case OP_RET:
			if (csp < 1) goto overflow;
			pc = calls[--csp];
			break;
		default:
			result.error = 2;
			result.executed = executed;
			return result;
		}
		if ((unsigned)pc >= (unsigned)code_length) {
			result.error = 2;
			result.executed = executed;
			return result;
		}
	}
overflow:
	result.error = 1;
	result.executed = executed;
	return result;
}

int main(int argc, char **argv)
{
	uint32_t iterations = bench_start("interp", argc, argv, DEFAULT_ITERATIONS);
	uint32_t program_size = (uint32_t)assemble();
	out_checksum("program", program_size);
	uint32_t state = prng_seed(0x1e7);
	uint32_t results = 0, executed = 0, errors = 0;
	for (uint32_t it = 0; it < iterations; it++) {
		int32_t locals[LOCALS] = { 0 };
		locals[V_SEED] = (int32_t)(prng_next(&state) & 0x7fffffff);
		struct vm_result r = run(locals);
		if (r.error) errors = errors * 4 + (uint32_t)r.error;
		executed += r.executed;
		results = mix32(results, (uint32_t)locals[V_SUM]);
		results = mix32(results, (uint32_t)locals[V_B]);
		results = mix32(results, (uint32_t)locals[V_G]);
		results = mix32(results, (uint32_t)locals[V_R]);
	}
	out_checksum("results", results);
	out_checksum("executed", executed);
	out_checksum("errors", errors);
	return bench_finish(mix32(mix32(mix32(program_size, results), executed), errors));
}
