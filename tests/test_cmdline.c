/* Tests of kernel/boot/cmdline.c. */
#include "cmdline.h"
#include "unit.h"

TEST(cmdline_has_whole_words_only)
{
	const char *line = "  grade console=serial  quiet";

	CHECK(cmdline_has(line, "grade"));
	CHECK(cmdline_has(line, "quiet"));
	CHECK(!cmdline_has(line, "console"));
	CHECK(!cmdline_has(line, "grad"));
	CHECK(!cmdline_has(line, "quieter"));
	CHECK(!cmdline_has("", "grade"));
}

TEST(cmdline_value_finds_key_equals_value)
{
	char buf[16] = "untouched";

	CHECK(cmdline_value("a=1 console=serial b", "console", buf, sizeof(buf)));
	CHECK_STR_EQ(buf, "serial");
	CHECK(cmdline_value("sched=", "sched", buf, sizeof(buf)));
	CHECK_STR_EQ(buf, "");
	CHECK(!cmdline_value("consoles=x console", "console", buf, sizeof(buf)));
}

TEST(cmdline_value_truncates_to_the_buffer)
{
	char buf[4];

	CHECK(cmdline_value("name=abcdefg", "name", buf, sizeof(buf)));
	CHECK_STR_EQ(buf, "abc");
}
