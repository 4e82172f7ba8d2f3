/*
 * Tests of kernel/lib/format.c.  ksnprintf must agree with the C library's
 * snprintf (glibc on the host, musl in wasm) on every conversion both
 * define the same way; %p, "(null)" and truncation are checked literally.
 */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include "format.h"
#include "string.h"
#include "unit.h"

#define MAX_REPORTED 10	/* mismatches printed per test; the rest are counted */

static int mismatches;

/*
 * Format with both, compare text and return value.  No format attribute:
 * some formats here are odd on purpose ("%0*.*x"), and the compiler would
 * warn about them.
 */
static void compare_with_libc(const char *file, int line, const char *fmt, ...)
{
	char want[512], got[512];
	va_list a, b;

	va_start(a, fmt);
	va_copy(b, a);
	int want_n = vsnprintf(want, sizeof(want), fmt, a);
	int got_n = kvsnprintf(got, sizeof(got), fmt, b);
	va_end(b);
	va_end(a);
	if (want_n == got_n && strcmp(want, got) == 0)
		return;
	if (++mismatches <= MAX_REPORTED)
		unit_fail(file, line, "format \"%s\": libc \"%s\" (%d), ksnprintf \"%s\" (%d)",
			  fmt, want, want_n, got, got_n);
}

#define COMPARE(...) compare_with_libc(__FILE__, __LINE__, __VA_ARGS__)

static const char *const flags[] = {
	"", "-", "0", "+", " ", "#", "-0", "+0", "- ", "#0", "-#", "+ #0",
};
static const char *const widths[] = { "", "1", "6", "24" };
static const char *const precisions[] = { "", ".", ".0", ".1", ".5", ".22" };
static const char integer_convs[] = "diuxXo";
static const long long integer_values[] = {
	0, 1, -1, 7, 8, -8, 42, 100, 127, -128, 128, 255, 256, 4095, 32767, -32768,
	65535, 65536, INT_MAX, INT_MIN, UINT_MAX, 0x123456789abcdefll,
	LLONG_MAX, LLONG_MIN,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum arg_type { ARG_INT, ARG_LONG, ARG_LLONG, ARG_SIZE, ARG_PTRDIFF };

static const struct {
	const char *modifier;
	enum arg_type type;
} lengths[] = {
	/* hh and h take an int, which printf itself narrows: 200 prints as -56. */
	{ "", ARG_INT }, { "hh", ARG_INT }, { "h", ARG_INT }, { "l", ARG_LONG },
	{ "ll", ARG_LLONG }, { "z", ARG_SIZE }, { "t", ARG_PTRDIFF },
};

/* Pass v as the type the length modifier names, as printf requires. */
static void compare_integer(const char *fmt, enum arg_type type, long long v)
{
	switch (type) {
	case ARG_INT: COMPARE(fmt, (int)v); break;
	case ARG_LONG: COMPARE(fmt, (long)v); break;
	case ARG_LLONG: COMPARE(fmt, v); break;
	case ARG_SIZE: COMPARE(fmt, (size_t)v); break;
	case ARG_PTRDIFF: COMPARE(fmt, (ptrdiff_t)v); break;
	}
}

TEST(format_integers_match_libc)
{
	char fmt[64];

	mismatches = 0;
	for (size_t f = 0; f < COUNT(flags); f++)
		for (size_t w = 0; w < COUNT(widths); w++)
			for (size_t p = 0; p < COUNT(precisions); p++)
				for (size_t l = 0; l < COUNT(lengths); l++)
					for (const char *c = integer_convs; *c; c++) {
						snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flags[f],
							 widths[w], precisions[p], lengths[l].modifier, *c);
						for (size_t v = 0; v < COUNT(integer_values); v++)
							compare_integer(fmt, lengths[l].type, integer_values[v]);
					}
	CHECK_EQ(mismatches, 0);
}

TEST(format_strings_and_chars_match_libc)
{
	static const char *const strings[] = { "", "a", "hello", "a longer string, 30 characters" };
	char fmt[64];

	mismatches = 0;
	for (size_t f = 0; f < COUNT(flags); f++)
		for (size_t w = 0; w < COUNT(widths); w++) {
			if (strchr(flags[f], '0') || strchr(flags[f], '#'))
				continue;	/* undefined for %s and %c */
			for (size_t p = 0; p < COUNT(precisions); p++) {
				snprintf(fmt, sizeof(fmt), "<%%%s%s%ss>", flags[f], widths[w], precisions[p]);
				for (size_t s = 0; s < COUNT(strings); s++)
					COMPARE(fmt, strings[s]);
			}
			snprintf(fmt, sizeof(fmt), "<%%%s%sc>", flags[f], widths[w]);
			COMPARE(fmt, 'x');
			COMPARE(fmt, 0xe9);
		}
	CHECK_EQ(mismatches, 0);
}

TEST(format_star_width_and_precision_match_libc)
{
	static const int stars[] = { -12, -1, 0, 1, 3, 12 };

	mismatches = 0;
	for (size_t w = 0; w < COUNT(stars); w++)
		for (size_t p = 0; p < COUNT(stars); p++) {
			COMPARE("[%*.*d]", stars[w], stars[p], -42);
			COMPARE("[%0*.*x]", stars[w], stars[p], 0xbeef);
			COMPARE("[%-*.*s]", stars[w], stars[p], "star");
			COMPARE("[%*d]", stars[w], 5);
			COMPARE("[%.*u]", stars[p], 0);
		}
	CHECK_EQ(mismatches, 0);
}

TEST(format_mixed_text_matches_libc)
{
	mismatches = 0;
	COMPARE("");
	COMPARE("plain text");
	COMPARE("100%%");
	COMPARE("%d%s%c%%%x", 12, "ab", 'z', 255u);
	COMPARE("pfn %#llx order %u: %s", 0x1000ull, 3u, "free");
	COMPARE("%5s|%-5d|%05d|%+d|% d", "ab", 3, -3, 3, 3);
	CHECK_EQ(mismatches, 0);
}

/* Like ksnprintf, but without the format attribute, for formats that are wrong on purpose. */
static int ksnprintf_unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Pointers, NULL strings and bad conversions: the libcs differ, so literals. */
TEST(format_pointer_like_glibc)
{
	char buf[64];

	ksnprintf(buf, sizeof(buf), "%p", (void *)0x1234);
	CHECK_STR_EQ(buf, "0x1234");
	ksnprintf(buf, sizeof(buf), "%p", (void *)(uintptr_t)0xdeadbeef);
	CHECK_STR_EQ(buf, "0xdeadbeef");
	ksnprintf(buf, sizeof(buf), "[%10p]", (void *)0xabc);
	CHECK_STR_EQ(buf, "[     0xabc]");
	ksnprintf(buf, sizeof(buf), "[%-10p]", (void *)0xabc);
	CHECK_STR_EQ(buf, "[0xabc     ]");
	ksnprintf_unchecked(buf, sizeof(buf), "[%+p]", (void *)0xabc);
	CHECK_STR_EQ(buf, "[0xabc]");
	ksnprintf(buf, sizeof(buf), "%p", (void *)0);
	CHECK_STR_EQ(buf, "(nil)");
	ksnprintf(buf, sizeof(buf), "[%7p]", (void *)0);
	CHECK_STR_EQ(buf, "[  (nil)]");
}

TEST(format_null_string)
{
	char buf[32];

	ksnprintf_unchecked(buf, sizeof(buf), "[%s]", (char *)NULL);
	CHECK_STR_EQ(buf, "[(null)]");
	ksnprintf_unchecked(buf, sizeof(buf), "[%8s]", (char *)NULL);
	CHECK_STR_EQ(buf, "[  (null)]");
}

TEST(format_unknown_conversion_is_shown)
{
	char buf[32];

	CHECK_EQ(ksnprintf_unchecked(buf, sizeof(buf), "a%yb"), 4);
	CHECK_STR_EQ(buf, "a%yb");
	CHECK_EQ(ksnprintf_unchecked(buf, sizeof(buf), "end%"), 3);	/* a lone '%' prints nothing */
	CHECK_STR_EQ(buf, "end");
}

TEST(ksnprintf_truncates_and_returns_full_length)
{
	char buf[8];

	CHECK_EQ(ksnprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
	CHECK_STR_EQ(buf, "0123456");
	CHECK_EQ(ksnprintf(buf, 1, "abc"), 3);
	CHECK_STR_EQ(buf, "");
	buf[0] = 'q';
	CHECK_EQ(ksnprintf(buf, 0, "abc%d", 12345), 8);	/* size 0: writes nothing */
	CHECK_EQ(buf[0], 'q');
	CHECK_EQ(ksnprintf(NULL, 0, "%d", -1), 2);
	CHECK_EQ(ksnprintf(buf, sizeof(buf), "1234567"), 7);	/* exactly fits */
	CHECK_STR_EQ(buf, "1234567");
}

struct collected {
	char text[32];
	int n;
};

static void collect(void *ctx, char c)
{
	struct collected *out = ctx;

	out->text[out->n++] = c;
}

static int format_to(struct collected *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vformat(collect, out, fmt, ap);
	va_end(ap);
	return n;
}

TEST(vformat_sends_every_character_to_the_callback)
{
	struct collected out = { .n = 0 };

	CHECK_EQ(format_to(&out, "x=%d %s", -5, "ok"), 7);
	CHECK_EQ(out.n, 7);
	out.text[out.n] = '\0';
	CHECK_STR_EQ(out.text, "x=-5 ok");
}
