/* Monitor commands about the kernel heap: kmstat, kmtest. */
#include <stdint.h>
#include "errno.h"
#include "kheap.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "monitor_commands.h"
#include "parse.h"
#include "string.h"

#define KMTEST_SLOTS 64
#define KMTEST_MAX_SIZE 9000	/* past the largest slab class: large blocks too */

static void print_stats(void)
{
	struct kheap_stats stats, *s = &stats;
	char why[128];

	kmalloc_stats(&stats);
	kprintf("kmalloc: %lu live blocks, %lu bytes requested, %lu pages held\n",
		s->live_objects, s->bytes_requested, s->pages);
	kprintf("kmalloc: %lu allocations, %lu frees, %lu errors caught\n",
		s->allocs, s->frees, s->errors);
	if (kmalloc_check(why, sizeof(why)))
		kprintf("heap invariants: ok\n");
	else
		kprintf("heap invariants: BROKEN: %s\n", why);
}

int cmd_kmstat(int argc, char **argv)
{
	(void)argc, (void)argv;
	print_stats();
	return 0;
}

static uint64_t next_random(uint64_t *state)	/* xorshift64 */
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/* The byte a block of this address holds at offset i: checkable on free. */
static uint8_t pattern(const void *block, size_t i)
{
	return (uint8_t)((uintptr_t)block >> 4) ^ (uint8_t)i;
}

static int check_and_free(uint8_t *block, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (block[i] != pattern(block, i)) {
			kprintf("kmtest: block %p was overwritten at byte %zu\n", block, i);
			return -EIO;
		}
	kfree(block);
	return 0;
}

/* Random allocations and frees; every block is filled and checked. */
static int stress(uint64_t ops)
{
	uint8_t *blocks[KMTEST_SLOTS] = { 0 };
	size_t sizes[KMTEST_SLOTS];
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	int err = 0;
	char why[128];
	struct kheap_stats before, after;

	kmalloc_stats(&before);
	for (uint64_t n = 0; n < ops && !err; n++) {
		int slot = next_random(&seed) % KMTEST_SLOTS;

		if (blocks[slot]) {
			err = check_and_free(blocks[slot], sizes[slot]);
			blocks[slot] = NULL;
			continue;
		}
		sizes[slot] = 1 + next_random(&seed) % KMTEST_MAX_SIZE;
		if (!(blocks[slot] = kmalloc(sizes[slot]))) {
			kprintf("kmtest: kmalloc(%zu) failed\n", sizes[slot]);
			err = -ENOMEM;
			break;
		}
		for (size_t i = 0; i < sizes[slot]; i++)
			blocks[slot][i] = pattern(blocks[slot], i);
		if (n % 64 == 0 && !kmalloc_check(why, sizeof(why))) {
			kprintf("kmtest: heap broken after %lu operations: %s\n", n, why);
			err = -EIO;
		}
	}
	for (int i = 0; i < KMTEST_SLOTS; i++)
		if (blocks[i] && check_and_free(blocks[i], sizes[i]) != 0)
			err = -EIO;
	kmalloc_stats(&after);
	kprintf("kmtest: %lu operations, %s, %ld blocks leaked\n", ops, err ? "FAILED" : "passed",
		(long)(after.live_objects - before.live_objects));
	return 0;
}

/* Deliberate mistakes, to see the heap catch them. */
static int mistake(const char *kind)
{
	uint8_t *p = kmalloc(40);

	if (!p)
		return -ENOMEM;
	if (strcmp(kind, "double-free") == 0) {
		kfree(p);
		kfree(p);
	} else if (strcmp(kind, "overrun") == 0) {
		uint8_t guard = p[40];

		p[40] = ~guard;	/* one byte past the end: the guard */
		kfree(p);	/* caught: the block stays allocated */
		p[40] = guard;
		kfree(p);
	} else if (strcmp(kind, "bad-pointer") == 0) {
		kfree(p + 8);
		kfree(p);
	} else {
		kfree(p);
		return -EINVAL;
	}
	return 0;
}

int cmd_kmtest(int argc, char **argv)
{
	uint64_t ops;

	if (argc != 2)
		return -EINVAL;
	if (parse_u64(argv[1], &ops) == 0)
		return stress(ops);
	return mistake(argv[1]);
}
