/*
 * The same workload, two targets: run a seeded sequence of allocations and
 * frees through the buddy allocator and print every event it reports.  The
 * Makefile builds this natively and with emcc and requires the two traces to
 * be identical, byte for byte (tests/tests.mk, test-unit-trace).
 */
#include <stdint.h>
#include <stdio.h>
#include "buddy.h"
#include "format.h"
#include "rng.h"

#define SPAN_FRAMES 4096
#define OPERATIONS 3000
#define MAX_LIVE 256

static struct frame frames[SPAN_FRAMES];
static struct buddy allocator;
static uint64_t live[MAX_LIVE];
static int nlive;
static uint64_t rng_state = 20251125;

static void emit(const char *fmt, ...)
{
	char line[128];
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fputs(line, stdout);
}

static void print_event(void *ctx, enum buddy_event event, uint64_t pfn, unsigned order)
{
	(void)ctx;
	emit("%s %#llx %u\n", buddy_event_name(event), (unsigned long long)pfn, order);
}

static void step(void)
{
	if (nlive < MAX_LIVE && (nlive == 0 || rng_next(&rng_state) % 3 != 0)) {
		uint64_t pfn;
		unsigned order = rng_next(&rng_state) % 6;

		if (buddy_alloc(&allocator, order, &pfn) == 0)
			live[nlive++] = pfn;
		else
			emit("no block of order %u\n", order);
	} else {
		int victim = rng_next(&rng_state) % nlive;

		buddy_free(&allocator, live[victim]);
		live[victim] = live[--nlive];
	}
}

int main(void)
{
	buddy_init(&allocator, frames, 0x100, SPAN_FRAMES);
	allocator.trace = print_event;
	/* Free memory with holes, like a real memory map. */
	buddy_add_free_range(&allocator, 0x100, 0x60);
	buddy_add_free_range(&allocator, 0x180, 0x900);
	buddy_add_free_range(&allocator, 0xb00, 0x5ff);
	for (int i = 0; i < OPERATIONS; i++)
		step();
	while (nlive > 0)
		buddy_free(&allocator, live[--nlive]);
	emit("free frames %llu of %llu\n", (unsigned long long)allocator.free_frames,
	     (unsigned long long)allocator.managed_frames);
	return 0;
}
