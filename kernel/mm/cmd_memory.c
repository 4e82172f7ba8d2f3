/* Monitor commands about physical memory: mem, alloc, free. */
#include <stdint.h>
#include "buddy.h"
#include "errno.h"
#include "kprintf.h"
#include "monitor_commands.h"
#include "parse.h"
#include "physmem.h"

int cmd_mem(int argc, char **argv)
{
	(void)argc, (void)argv;
	physmem_report();
	return 0;
}

int cmd_alloc(int argc, char **argv)
{
	uint64_t order, pfn;
	int err;

	if (argc != 2 || parse_u64(argv[1], &order) != 0)
		return -EINVAL;
	if (order > BUDDY_MAX_ORDER) {
		kprintf("alloc: order must be 0-%d\n", BUDDY_MAX_ORDER);
		return 0;
	}
	err = frames_alloc(order, &pfn);
	if (err) {
		kprintf("alloc: no free block of order %lu (error %d)\n", order, err);
		return 0;
	}
	kprintf("allocated order %lu block at pfn %#lx (physical %#lx-%#lx)\n", order, pfn,
		pfn << FRAME_SHIFT, ((pfn + (1ul << order)) << FRAME_SHIFT) - 1);
	return 0;
}

int cmd_free(int argc, char **argv)
{
	uint64_t pfn;
	int order;

	if (argc != 2 || parse_u64(argv[1], &pfn) != 0)
		return -EINVAL;
	order = frames_free_checked(pfn);
	if (order < 0) {
		kprintf("free: pfn %#lx does not start an allocated block\n", pfn);
		return 0;
	}
	kprintf("freed order %d block at pfn %#lx\n", order, pfn);
	return 0;
}
