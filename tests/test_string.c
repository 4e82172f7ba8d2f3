/* Tests of kernel/lib/string.c. */
#include "string.h"
#include "unit.h"

TEST(memcpy_copies_and_returns_dst)
{
	char dst[8] = "xxxxxxx";

	CHECK(memcpy(dst, "abc", 3) == dst);
	CHECK_STR_EQ(dst, "abcxxxx");
	CHECK(memcpy(dst, "zzz", 0) == dst);
	CHECK_STR_EQ(dst, "abcxxxx");
}

TEST(memmove_handles_overlap_both_ways)
{
	char forward[] = "0123456789";
	char backward[] = "0123456789";

	memmove(forward + 2, forward, 6);	/* dst after src: copy from the end */
	CHECK_STR_EQ(forward, "0101234589");
	memmove(backward, backward + 2, 6);	/* dst before src */
	CHECK_STR_EQ(backward, "2345676789");
	CHECK(memmove(backward, backward, 10) == backward);
	CHECK_STR_EQ(backward, "2345676789");
}

TEST(memset_fills_with_low_byte)
{
	unsigned char buf[5] = { 1, 1, 1, 1, 1 };

	CHECK(memset(buf, 0x1ab, 4) == buf);
	CHECK_EQ(buf[0], 0xab);
	CHECK_EQ(buf[3], 0xab);
	CHECK_EQ(buf[4], 1);
}

TEST(memcmp_compares_unsigned_bytes)
{
	CHECK_EQ(memcmp("abc", "abc", 3), 0);
	CHECK(memcmp("abc", "abd", 3) < 0);
	CHECK(memcmp("abd", "abc", 3) > 0);
	CHECK(memcmp("\x80", "\x01", 1) > 0);	/* 0x80 is 128, not -128 */
	CHECK_EQ(memcmp("abc", "xyz", 0), 0);
}

TEST(strlen_and_strnlen)
{
	CHECK_EQ(strlen(""), 0);
	CHECK_EQ(strlen("hello"), 5);
	CHECK_EQ(strnlen("hello", 3), 3);
	CHECK_EQ(strnlen("hello", 10), 5);
	CHECK_EQ(strnlen("hello", 0), 0);

	char unterminated[4] = { 'a', 'b', 'c', 'd' };
	CHECK_EQ(strnlen(unterminated, sizeof(unterminated)), 4);
}

TEST(strcmp_orders_and_stops_at_nul)
{
	CHECK_EQ(strcmp("", ""), 0);
	CHECK_EQ(strcmp("abc", "abc"), 0);
	CHECK(strcmp("abc", "abd") < 0);
	CHECK(strcmp("abc", "ab") > 0);
	CHECK(strcmp("ab", "abc") < 0);
	CHECK(strcmp("\xff", "a") > 0);	/* unsigned char comparison */
}

TEST(strncmp_compares_at_most_n)
{
	CHECK_EQ(strncmp("abcx", "abcy", 3), 0);
	CHECK(strncmp("abcx", "abcy", 4) < 0);
	CHECK_EQ(strncmp("abc", "xyz", 0), 0);
	CHECK_EQ(strncmp("ab", "ab", 10), 0);	/* stops at the NUL */
	CHECK(strncmp("ab", "abc", 10) < 0);
}

TEST(strchr_finds_first_and_the_terminator)
{
	const char *s = "hello";

	CHECK(strchr(s, 'l') == s + 2);
	CHECK(strchr(s, 'h') == s);
	CHECK(strchr(s, 'z') == NULL);
	CHECK(strchr(s, '\0') == s + 5);
	CHECK(strchr("a\xe9", 0xe9) != NULL);	/* c converts to char */
}

TEST(strlcpy_truncates_and_returns_source_length)
{
	char buf[4] = "zzz";

	CHECK_EQ(strlcpy(buf, "ab", sizeof(buf)), 2);
	CHECK_STR_EQ(buf, "ab");
	CHECK_EQ(strlcpy(buf, "abcdef", sizeof(buf)), 6);
	CHECK_STR_EQ(buf, "abc");
	buf[0] = 'q';
	CHECK_EQ(strlcpy(buf, "abcdef", 0), 6);	/* size 0: writes nothing */
	CHECK_EQ(buf[0], 'q');
	CHECK_EQ(strlcpy(buf, "", sizeof(buf)), 0);
	CHECK_STR_EQ(buf, "");
}
