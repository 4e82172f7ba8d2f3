/* Function names for addresses: a sorted table searched by bisection. */
#ifndef AURORA_SYMTAB_H
#define AURORA_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

struct symbol {
	uint64_t addr;
	const char *name;
};

struct symtab {
	const struct symbol *symbols;	/* sorted by addr */
	size_t count;
};

/* The symbol with the greatest address <= addr, or NULL if addr is below all. */
const struct symbol *symtab_lookup(const struct symtab *t, uint64_t addr);

#endif
