/* Address-to-name lookup (shared code). */
#include <stddef.h>
#include "symtab.h"

const struct symbol *symtab_lookup(const struct symtab *t, uint64_t addr)
{
	size_t lo = 0, hi = t->count;	/* answer index is in [lo - 1, hi) */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->symbols[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? NULL : &t->symbols[lo - 1];
}
