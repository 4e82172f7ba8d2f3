/* Tests of kernel/debug/symtab.c. */
#include <stddef.h>
#include "symtab.h"
#include "unit.h"

static const struct symbol symbols[] = {
	{ 0x1000, "first" }, { 0x1040, "second" }, { 0x1040, "alias" }, { 0x2000, "last" },
};
static const struct symtab table = { symbols, sizeof(symbols) / sizeof(symbols[0]) };

TEST(symtab_finds_the_enclosing_symbol)
{
	CHECK_STR_EQ(symtab_lookup(&table, 0x1000)->name, "first");
	CHECK_STR_EQ(symtab_lookup(&table, 0x103f)->name, "first");
	CHECK_STR_EQ(symtab_lookup(&table, 0x1fff)->name, "alias");
	CHECK_STR_EQ(symtab_lookup(&table, 0x2000)->name, "last");
	CHECK_STR_EQ(symtab_lookup(&table, 0xffffffff)->name, "last");
}

TEST(symtab_below_everything_is_null)
{
	const struct symtab empty = { symbols, 0 };

	CHECK(symtab_lookup(&table, 0xfff) == NULL);
	CHECK(symtab_lookup(&empty, 0x1000) == NULL);
}
