/* Linux's heuristic overcommit rule; see overcommit.h. */
#include "overcommit.h"

bool overcommit_charged(bool writable, bool noreserve)
{
	return writable && !noreserve;
}

bool overcommit_allows(uint64_t pages, uint64_t ram_pages, uint64_t swap_pages)
{
	/* pages <= ram + swap, without the sum overflowing */
	return pages <= ram_pages || pages - ram_pages <= swap_pages;
}
