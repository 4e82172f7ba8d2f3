/* Tests of kernel/lib/parse.c. */
#include "errno.h"
#include "parse.h"
#include "unit.h"

static const uint64_t untouched = 0x5a5a5a5a5a5a5a5aull;

static void check_parses(const char *file, int line, const char *s, uint64_t want)
{
	uint64_t got = untouched;
	int rc = parse_u64(s, &got);

	if (rc != 0 || got != want)
		unit_fail(file, line, "parse_u64(\"%s\"): rc %d value %llu, want 0 and %llu",
			  s, rc, (unsigned long long)got, (unsigned long long)want);
}

static void check_rejects(const char *file, int line, const char *s)
{
	uint64_t got = untouched;
	int rc = parse_u64(s, &got);

	if (rc != -EINVAL || got != untouched)
		unit_fail(file, line, "parse_u64(\"%s\"): rc %d value %#llx, want -EINVAL and *out unchanged",
			  s, rc, (unsigned long long)got);
}

#define CHECK_PARSES(s, want) check_parses(__FILE__, __LINE__, s, want)
#define CHECK_REJECTS(s) check_rejects(__FILE__, __LINE__, s)

TEST(parse_u64_decimal)
{
	CHECK_PARSES("0", 0);
	CHECK_PARSES("7", 7);
	CHECK_PARSES("128", 128);
	CHECK_PARSES("000123", 123);
	CHECK_PARSES("18446744073709551615", UINT64_MAX);
}

TEST(parse_u64_hex)
{
	CHECK_PARSES("0x0", 0);
	CHECK_PARSES("0x1f", 0x1f);
	CHECK_PARSES("0XABCdef", 0xabcdef);
	CHECK_PARSES("0x00000000000000001", 1);
	CHECK_PARSES("0xffffffffffffffff", UINT64_MAX);
}

TEST(parse_u64_rejects_overflow)
{
	CHECK_REJECTS("18446744073709551616");
	CHECK_REJECTS("99999999999999999999");
	CHECK_REJECTS("0x10000000000000000");
}

TEST(parse_u64_rejects_malformed)
{
	CHECK_REJECTS("");
	CHECK_REJECTS("0x");
	CHECK_REJECTS("-1");
	CHECK_REJECTS("+1");
	CHECK_REJECTS(" 1");
	CHECK_REJECTS("1 ");
	CHECK_REJECTS("12a");
	CHECK_REJECTS("0x1g");
	CHECK_REJECTS("abc");	/* hex digits need the 0x */
	CHECK_REJECTS("0x-1");
	CHECK_REJECTS("0x0x1");
}
