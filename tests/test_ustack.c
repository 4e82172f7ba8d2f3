/*
 * Tests of kernel/exec/ustack.c.  Each built stack is read back the way a C
 * runtime's _start reads it: from sp alone, following the user addresses
 * it contains, with every address checked to lie inside the stack.
 */
#include "errno.h"
#include "string.h"
#include "unit.h"
#include "ustack.h"

#define TOP		0x00007ffffffff000ull
#define STACK_MAX	8192
#define CANARY		0xa5

static unsigned char stack[STACK_MAX];	/* its end is TOP */
static struct ustack_layout out;

static const uint8_t random_bytes[16] = {
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
};

static const struct auxv_pair caller_aux[] = {
	{ AT_PHDR, 0x400040 }, { AT_PHENT, 56 }, { AT_PHNUM, 5 },
	{ AT_PAGESZ, 4096 }, { AT_ENTRY, 0x401000 }, { AT_UID, 0 },
};
#define NAUX (sizeof(caller_aux) / sizeof(caller_aux[0]))

/* Build with the size bytes just below TOP; the rest of the array is canary. */
static int build(size_t size, const char *const *argv, const char *const *envp)
{
	memset(stack, CANARY, sizeof(stack));
	return ustack_build(stack + STACK_MAX - size, size, TOP, argv, envp, caller_aux,
			    NAUX, random_bytes, &out);
}

/* Where user address addr is in the array, or NULL (a failed check) if
   [addr, addr + n) is not inside the stack. */
static const unsigned char *user(uint64_t addr, uint64_t n)
{
	if (!CHECK(addr >= TOP - STACK_MAX && addr <= TOP && n <= TOP - addr))
		return NULL;
	return stack + (addr - (TOP - STACK_MAX));
}

static uint64_t word(uint64_t addr)
{
	const unsigned char *p = user(addr, 8);
	uint64_t w = 0;

	if (p)
		memcpy(&w, p, 8);
	return w;
}

static const char *string_at(uint64_t addr)
{
	const char *s = (const char *)user(addr, 1);

	if (!s || !CHECK(addr >= out.strings && addr < out.strings_end))
		return "(bad)";
	if (!CHECK(strnlen(s, TOP - addr) < TOP - addr))
		return "(unterminated)";
	return s;
}

/* Walk a NULL-terminated pointer array at *addr, comparing with want. */
static void check_vector(uint64_t *addr, const char *const *want)
{
	for (size_t i = 0; want && want[i]; i++, *addr += 8)
		CHECK_STR_EQ(string_at(word(*addr)), want[i]);
	CHECK_EQ(word(*addr), 0);
	*addr += 8;
}

/* Read the whole stack back from out.sp and compare with what went in. */
static void check_stack(const char *const *argv, const char *const *envp)
{
	uint64_t sp = out.sp, p = sp + 8;
	uint64_t argc = 0, random = 0, execfn = 0;
	size_t n = 0;

	CHECK_EQ(sp % 16, 0);
	while (argv && argv[argc])
		argc++;
	CHECK_EQ(word(sp), argc);
	CHECK_EQ(out.argc, argc);
	CHECK_EQ(out.argv, p);
	check_vector(&p, argv);
	CHECK_EQ(out.envp, p);
	check_vector(&p, envp);
	CHECK_EQ(out.auxv, p);

	/* auxv: the caller's pairs in order, then AT_RANDOM, AT_EXECFN, AT_NULL. */
	for (;; p += 16, n++) {
		uint64_t type = word(p), value = word(p + 8);

		if (n < NAUX) {
			CHECK_EQ(type, caller_aux[n].type);
			CHECK_EQ(value, caller_aux[n].value);
		} else if (type == AT_RANDOM) {
			random = value;
		} else if (type == AT_EXECFN) {
			execfn = value;
		} else {
			CHECK_EQ(type, AT_NULL);
			break;
		}
	}
	CHECK_EQ(out.auxc, NAUX + 3);
	CHECK_EQ(n + 1, NAUX + 3);
	CHECK_EQ(random, out.random);
	CHECK(p + 16 <= random);	/* the vector stays below the random bytes */
	const unsigned char *bytes = user(random, 16);
	CHECK(bytes && memcmp(bytes, random_bytes, 16) == 0);
	CHECK_EQ(execfn, out.execfn);
	CHECK_STR_EQ(string_at(execfn), argc ? argv[0] : "");
	CHECK_EQ(random + 16, out.strings);
	CHECK_EQ(out.strings_end, TOP);
}

static const char *const argv3[] = { "echo", "hello", "world", NULL };
static const char *const envp2[] = { "HOME=/", "PATH=/bin", NULL };

TEST(ustack_reads_back_as_a_c_runtime_sees_it)
{
	CHECK_EQ(build(STACK_MAX, argv3, envp2), 0);
	check_stack(argv3, envp2);
	CHECK_EQ(out.envc, 2);
}

TEST(ustack_without_arguments_or_environment)
{
	CHECK_EQ(build(STACK_MAX, NULL, NULL), 0);
	check_stack(NULL, NULL);
	CHECK_EQ(out.envc, 0);

	static const char *const none[] = { NULL };
	CHECK_EQ(build(STACK_MAX, none, none), 0);
	check_stack(none, none);
}

TEST(ustack_leaves_memory_below_sp_alone)
{
	CHECK_EQ(build(STACK_MAX, argv3, envp2), 0);
	for (uint64_t a = TOP - STACK_MAX; a < out.sp; a++)
		if (!CHECK_EQ(stack[a - (TOP - STACK_MAX)], CANARY))
			break;
	/* ... and zeroes the padding above the vectors, leaking nothing. */
	for (uint64_t a = out.auxv + out.auxc * 16; a < out.random; a++)
		CHECK_EQ(stack[a - (TOP - STACK_MAX)], 0);
}

/* Strings of every length mod 16 and counts of every parity: sp is always
   16-byte aligned, and the smallest size that works is exactly top - sp. */
TEST(ustack_aligns_and_fails_cleanly_at_the_exact_boundary)
{
	static const char text[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	const char *argv[4] = { NULL }, *envp[3] = { NULL };

	for (int len = 0; len < 20; len++) {
		for (int nargs = 0; nargs <= 3; nargs++) {
			for (int i = 0; i < 3; i++)
				argv[i] = i < nargs ? text + len + i : NULL;
			envp[0] = text + 2 * len;
			envp[1] = len % 2 ? text : NULL;
			if (!CHECK_EQ(build(STACK_MAX, argv, envp), 0))
				return;
			check_stack(argv, envp);

			uint64_t need = TOP - out.sp;
			struct ustack_layout full = out;
			CHECK_EQ(build(need, argv, envp), 0);
			CHECK_EQ(out.sp, full.sp);
			check_stack(argv, envp);

			CHECK_EQ(build(need - 1, argv, envp), -E2BIG);
			for (size_t i = 0; i < STACK_MAX; i++)
				if (!CHECK_EQ(stack[i], CANARY))	/* nothing written */
					break;
		}
	}
}

TEST(ustack_too_big_for_any_part)
{
	static char huge[STACK_MAX + 1];
	const char *argv[] = { huge, NULL };

	memset(huge, 'x', STACK_MAX);
	CHECK_EQ(build(STACK_MAX, argv, NULL), -E2BIG);	/* the execfn copy alone */
	CHECK_EQ(build(0, argv3, envp2), -E2BIG);
	CHECK_EQ(build(64, argv3, envp2), -E2BIG);	/* strings fit, vectors do not */
}

TEST(ustack_rejects_a_range_that_wraps)
{
	CHECK_EQ(ustack_build(stack, 4096, 2048, argv3, envp2, caller_aux, NAUX,
			      random_bytes, &out), -EINVAL);
}

TEST(ustack_auxv_names)
{
	CHECK_STR_EQ(auxv_name(AT_NULL), "AT_NULL");
	CHECK_STR_EQ(auxv_name(AT_PHDR), "AT_PHDR");
	CHECK_STR_EQ(auxv_name(AT_RANDOM), "AT_RANDOM");
	CHECK_STR_EQ(auxv_name(AT_EXECFN), "AT_EXECFN");
	CHECK_STR_EQ(auxv_name(AT_MINSIGSTKSZ), "AT_MINSIGSTKSZ");
	CHECK(auxv_name(18) == NULL);
	CHECK(auxv_name(52) == NULL);
	CHECK(auxv_name(UINT64_MAX) == NULL);
}
