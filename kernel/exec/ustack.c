/*
 * The initial process stack (shared code).  See ustack.h for the layout.
 *
 * ustack_build first works out every size and address, failing before it
 * writes anything if the stack does not fit, then fills the buffer.  It
 * computes in uint64_t, not size_t, because size_t is 32 bits in wasm while
 * the addresses are always 64.
 */
#include <stdbool.h>
#include "errno.h"
#include "string.h"
#include "ustack.h"

#define RANDOM_BYTES	16
#define ADDED_AUX	3	/* AT_RANDOM, AT_EXECFN, AT_NULL */
#define WORD		8

/* The buffer and the user address of its first byte. */
struct builder {
	unsigned char *buf;
	uint64_t base;
};

static void *at(const struct builder *b, uint64_t addr)
{
	return b->buf + (addr - b->base);
}

/* Words go through memcpy: buf itself need not be aligned. */
static void put_word(const struct builder *b, uint64_t addr, uint64_t value)
{
	memcpy(at(b, addr), &value, WORD);
}

/* Copy s to *cursor, move the cursor past its NUL, return where it went. */
static uint64_t put_string(const struct builder *b, uint64_t *cursor, const char *s)
{
	uint64_t addr = *cursor;
	size_t n = strlen(s) + 1;

	memcpy(at(b, addr), s, n);
	*cursor += n;
	return addr;
}

/* Copy the n strings of v and write their addresses and a 0 at array. */
static void put_vector(const struct builder *b, uint64_t array, const char *const *v,
		       uint64_t n, uint64_t *cursor)
{
	for (uint64_t i = 0; i < n; i++)
		put_word(b, array + i * WORD, put_string(b, cursor, v[i]));
	put_word(b, array + n * WORD, 0);
}

static void put_aux(const struct builder *b, uint64_t *cursor, uint64_t type, uint64_t value)
{
	put_word(b, *cursor, type);
	put_word(b, *cursor + WORD, value);
	*cursor += 2 * WORD;
}

static uint64_t count(const char *const *v)
{
	uint64_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* Add the bytes the n strings of v take, NULs included, to *total; false
   once the total passes limit (checked per string, so it cannot wrap). */
static bool add_strings(const char *const *v, uint64_t n, uint64_t limit, uint64_t *total)
{
	for (uint64_t i = 0; i < n; i++) {
		*total += strlen(v[i]) + 1;
		if (*total > limit)
			return false;
	}
	return true;
}

/* Every address, from the sizes alone; -E2BIG if it needs more than size. */
static int plan(struct ustack_layout *l, uint64_t size, uint64_t top, uint64_t strings_len,
		unsigned naux)
{
	/* argc, argv[] and 0, envp[] and 0, the auxv pairs */
	uint64_t words = 1 + (l->argc + 1) + (l->envc + 1) + 2 * ((uint64_t)naux + ADDED_AUX);
	uint64_t below_strings = RANDOM_BYTES + words * WORD;

	if (below_strings > size - strings_len)
		return -E2BIG;
	l->strings = top - strings_len;
	l->strings_end = top;
	l->random = l->strings - RANDOM_BYTES;
	l->sp = (l->random - words * WORD) & ~15ull;
	if (top - l->sp > size)
		return -E2BIG;
	l->argv = l->sp + WORD;
	l->envp = l->argv + (l->argc + 1) * WORD;
	l->auxv = l->envp + (l->envc + 1) * WORD;
	l->auxc = (uint64_t)naux + ADDED_AUX;
	return 0;
}

int ustack_build(void *buf, size_t size, uint64_t top, const char *const *argv,
		 const char *const *envp, const struct auxv_pair *aux, unsigned naux,
		 const uint8_t random[16], struct ustack_layout *out)
{
	struct ustack_layout l = { .argc = count(argv), .envc = count(envp) };
	const char *execfn = l.argc ? argv[0] : "";
	uint64_t strings_len = strlen(execfn) + 1;

	if (size > top)
		return -EINVAL;
	if (strings_len > size || !add_strings(argv, l.argc, size, &strings_len) ||
	    !add_strings(envp, l.envc, size, &strings_len))
		return -E2BIG;
	int err = plan(&l, size, top, strings_len, naux);
	if (err)
		return err;

	struct builder b = { .buf = buf, .base = top - size };
	uint64_t cursor = l.strings;
	uint64_t auxp = l.auxv;

	put_word(&b, l.sp, l.argc);
	put_vector(&b, l.argv, argv, l.argc, &cursor);
	put_vector(&b, l.envp, envp, l.envc, &cursor);
	l.execfn = put_string(&b, &cursor, execfn);
	memcpy(at(&b, l.random), random, RANDOM_BYTES);
	for (unsigned i = 0; i < naux; i++)
		put_aux(&b, &auxp, aux[i].type, aux[i].value);
	put_aux(&b, &auxp, AT_RANDOM, l.random);
	put_aux(&b, &auxp, AT_EXECFN, l.execfn);
	put_aux(&b, &auxp, AT_NULL, 0);
	memset(at(&b, auxp), 0, l.random - auxp);	/* the padding: no kernel leftovers */
	*out = l;
	return 0;
}

const char *auxv_name(uint64_t type)
{
#define NAME(t) [t] = #t
	static const char *const names[] = {
		NAME(AT_NULL), NAME(AT_IGNORE), NAME(AT_EXECFD), NAME(AT_PHDR),
		NAME(AT_PHENT), NAME(AT_PHNUM), NAME(AT_PAGESZ), NAME(AT_BASE),
		NAME(AT_FLAGS), NAME(AT_ENTRY), NAME(AT_NOTELF), NAME(AT_UID),
		NAME(AT_EUID), NAME(AT_GID), NAME(AT_EGID), NAME(AT_PLATFORM),
		NAME(AT_HWCAP), NAME(AT_CLKTCK), NAME(AT_SECURE),
		NAME(AT_BASE_PLATFORM), NAME(AT_RANDOM), NAME(AT_HWCAP2),
		NAME(AT_EXECFN), NAME(AT_SYSINFO_EHDR), NAME(AT_MINSIGSTKSZ),
	};
#undef NAME

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : NULL;
}
