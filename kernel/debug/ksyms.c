/* The kernel's own symbol table (generated at link time by tools/mksyms.sh). */
#include <stdint.h>
#include "kprintf.h"
#include "symtab.h"

extern const struct symbol ksym_table[];
extern const uint64_t ksym_count;
extern char __text_end[];

void print_symbol(uint64_t addr)
{
	struct symtab table = { ksym_table, ksym_count };
	const struct symbol *s = symtab_lookup(&table, addr);

	if (!s || addr >= (uint64_t)__text_end)
		kprintf("?");
	else
		kprintf("%s+%#lx", s->name, addr - s->addr);
}
