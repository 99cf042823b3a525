/*
 * String handling on generated text: strlen per line, byte-wise and word-wise copies, strcmp, a
 * tokenizer that lower-cases words and counts them in an open-addressing hash table (FNV-1a, strcmp on
 * collision), and in-place word reversal. Byte loads and stores, short data-dependent loops.
 */
#include "bench.h"

#define TEXT_CAPACITY 6144
#define POOL_CAPACITY 8192
#define TABLE_SIZE 512 /* power of two, more than the distinct words in a text */
#define MAX_TOKEN 31
#define DEFAULT_ITERATIONS 28

static char text[TEXT_CAPACITY];
static char copy[TEXT_CAPACITY] __attribute__((aligned(4)));
static uint32_t copy_words_buffer[TEXT_CAPACITY / 4];
static char pool[POOL_CAPACITY];

struct entry {
	int32_t offset; /* into pool, -1 when free */
	uint32_t hash;
	uint32_t count;
};
static struct entry table[TABLE_SIZE];

static const char *const syllables[] = {
	"ka", "lo", "mi", "ter", "un", "sha", "pe", "ro", "vi", "dan", "el", "os",
	"qua", "ri", "sto", "ne", "bar", "in", "gu", "zel", "tho", "am", "fi", "ck",
};
#define SYLLABLES (sizeof syllables / sizeof syllables[0])

static size_t str_length(const char *s)
{
	const char *p = s;
	while (*p) p++;
	return (size_t)(p - s);
}

static int str_compare(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (int)(unsigned char)*a - (int)(unsigned char)*b;
}

static void copy_bytes(char *dst, const char *src, size_t n)
{
	while (n--) *dst++ = *src++;
}

static void copy_words(uint32_t *dst, const uint32_t *src, size_t words)
{
	while (words >= 4) {
		uint32_t w0 = src[0], w1 = src[1], w2 = src[2], w3 = src[3];
		dst[0] = w0;
		dst[1] = w1;
		dst[2] = w2;
		dst[3] = w3;
		src += 4;
		dst += 4;
		words -= 4;
	}
	while (words--) *dst++ = *src++;
}

/* A vocabulary of words made of 1 to 3 syllables, built once. */
#define WORDS 192
#define WORD_CAPACITY 12
static char words[WORDS][WORD_CAPACITY];

static void make_words(uint32_t *state)
{
	for (int w = 0; w < WORDS; w++) {
		uint32_t r = prng_next(state);
		unsigned parts = 1 + (r & 1) + ((r >> 1) & 1);
		size_t n = 0;
		for (unsigned s = 0; s < parts; s++) {
			for (const char *syl = syllables[(r >> (2 + 5 * s)) % SYLLABLES]; *syl; syl++) words[w][n++] = *syl;
		}
		words[w][n] = '\0';
	}
}

/*
 * Generates about `target` characters of words (frequent words more likely: the index is the product
 * of two uniform bytes), punctuation and lines; returns the length.
 */
static size_t generate_text(uint32_t *state, size_t target)
{
	size_t n = 0;
	int capital = 1;
	while (n < target) {
		uint32_t r = prng_next(state);
		const char *word = words[(((r & 0xff) * ((r >> 8) & 0xff)) >> 8) % WORDS];
		for (; *word; word++) {
			char ch = *word;
			if (capital) {
				ch = (char)(ch - 'a' + 'A');
				capital = 0;
			}
			text[n++] = ch;
		}
		uint32_t sep = (r >> 24) & 31;
		if (sep == 0) {
			text[n++] = '.';
			text[n++] = '\n';
			capital = 1;
		} else if (sep < 3) {
			text[n++] = ',';
			text[n++] = ' ';
		} else if (sep == 3) {
			text[n++] = '.';
			text[n++] = ' ';
			capital = 1;
		} else {
			text[n++] = ' ';
		}
	}
	text[n] = '\0';
	return n;
}

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 0x811c9dc5u;
	while (*s) h = (h ^ (unsigned char)*s++) * 0x01000193u;
	return h;
}

static void table_clear(void)
{
	for (int i = 0; i < TABLE_SIZE; i++) {
		table[i].offset = -1;
		table[i].hash = 0;
		table[i].count = 0;
	}
}

/* Counts one token; returns 1 if it is new. */
static int table_add(const char *token, size_t length, size_t *pool_used)
{
	uint32_t h = fnv1a(token);
	uint32_t i = h & (TABLE_SIZE - 1);
	for (int probes = 0; probes < TABLE_SIZE; probes++, i = (i + 1) & (TABLE_SIZE - 1)) {
		struct entry *e = &table[i];
		if (e->offset < 0) {
			if (*pool_used + length + 1 > POOL_CAPACITY) return 0; /* cannot happen at these sizes */
			copy_bytes(pool + *pool_used, token, length + 1);
			e->offset = (int32_t)*pool_used;
			e->hash = h;
			e->count = 1;
			*pool_used += length + 1;
			return 1;
		}
		if (e->hash == h && str_compare(pool + e->offset, token) == 0) {
			e->count++;
			return 0;
		}
	}
	return 0; /* full: cannot happen with WORDS < TABLE_SIZE */
}

static void reverse(char *p, size_t n)
{
	for (size_t i = 0, j = n - 1; i < j; i++, j--) {
		char t = p[i];
		p[i] = p[j];
		p[j] = t;
	}
}

static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int main(int argc, char **argv)
{
	uint32_t iterations = bench_start("strings", argc, argv, DEFAULT_ITERATIONS);
	uint32_t state = prng_seed(0x57a1);
	make_words(&state);
	uint32_t lines_sum = 0, copy_sum = 0, token_sum = 0, reverse_sum = 0;
	for (uint32_t it = 0; it < iterations; it++) {
		size_t length = generate_text(&state, TEXT_CAPACITY - 64);

		/* strlen of each line (lines split at '\n' by writing a NUL and restoring it). */
		uint32_t lines = 0, line_chars = 0;
		for (char *line = text; *line;) {
			char *end = line;
			while (*end && *end != '\n') end++;
			char saved = *end;
			*end = '\0';
			line_chars += (uint32_t)str_length(line);
			lines++;
			*end = saved;
			line = saved ? end + 1 : end;
		}
		lines_sum = mix32(lines_sum, lines ^ (line_chars << 8) ^ (uint32_t)str_length(text));

		/* Copies: bytes, then words; both must equal the text. */
		copy_bytes(copy, text, length + 1);
		copy_words(copy_words_buffer, (const uint32_t *)copy, (length + 4) / 4);
		int same = str_compare(copy, text) == 0 && str_compare((const char *)copy_words_buffer, text) == 0;
		copy_sum = mix32(copy_sum, (uint32_t)same + fnv1a(copy));

		/* Tokenize: lower-cased runs of letters, counted in the table. */
		table_clear();
		size_t pool_used = 0;
		uint32_t tokens = 0, distinct = 0, longest = 0, order = 0;
		char token[MAX_TOKEN + 1];
		char previous[MAX_TOKEN + 1];
		previous[0] = '\0';
		for (const char *p = text; *p;) {
			while (*p && !is_letter(*p)) p++;
			if (!*p) break;
			size_t n = 0;
			while (is_letter(*p)) {
				char c = *p++;
				if (c <= 'Z') c = (char)(c + ('a' - 'A'));
				if (n < MAX_TOKEN) token[n++] = c;
			}
			token[n] = '\0';
			tokens++;
			distinct += (uint32_t)table_add(token, n, &pool_used);
			if (n > longest) longest = (uint32_t)n;
			int cmp = str_compare(previous, token);
			order = order * 3 + (cmp < 0 ? 0u : cmp == 0 ? 1u : 2u);
			copy_bytes(previous, token, n + 1);
		}
		uint32_t table_digest = 0;
		for (int i = 0; i < TABLE_SIZE; i++) {
			if (table[i].offset >= 0) table_digest = mix32(table_digest, table[i].hash + table[i].count * 0x10001u);
		}
		token_sum = mix32(token_sum, mix32(tokens ^ (distinct << 12) ^ (longest << 24), table_digest ^ order));

		/* Reverse every word of the copy in place. */
		for (char *p = copy; *p;) {
			while (*p && !is_letter(*p)) p++;
			char *start = p;
			while (is_letter(*p)) p++;
			if (p > start) reverse(start, (size_t)(p - start));
		}
		reverse_sum = mix32(reverse_sum, fnv1a(copy));
	}
	out_checksum("lines", lines_sum);
	out_checksum("copy", copy_sum);
	out_checksum("tokens", token_sum);
	out_checksum("reverse", reverse_sum);
	return bench_finish(mix32(mix32(mix32(lines_sum, copy_sum), token_sum), reverse_sum));
}
