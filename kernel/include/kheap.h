/*
 * The kernel heap (shared code): kmalloc/kfree for any size on top of a
 * page allocator.  Small sizes come from slabs, pages carved into objects
 * of one size class; large sizes get whole runs of pages.
 *
 * Mistakes are caught where it is cheap: freeing a pointer twice, or one
 * that kheap_alloc never returned, is reported and changes nothing; each
 * object carries a guard pattern past its end, checked on free and by
 * kheap_check, so a write past the end of a block is reported too.
 * Double frees are caught for certain while the block's page is still the
 * heap's; after the page went back to the page allocator, until it is reused.
 */
#ifndef AURORA_KHEAP_H
#define AURORA_KHEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"

#define KHEAP_PAGE_SIZE 4096

struct kheap_pages {
	/* 2^order contiguous, KHEAP_PAGE_SIZE-aligned pages, or NULL. */
	void *(*alloc_pages)(void *ctx, unsigned order);
	void (*free_pages)(void *ctx, void *pages, unsigned order);
	void *ctx;
};

#define KHEAP_CLASSES 8		/* object sizes 16, 32, ... 2048 */

struct kheap_stats {
	uint64_t allocs, frees;		/* calls that succeeded */
	uint64_t bytes_requested;	/* sum of live requested sizes */
	uint64_t live_objects;
	uint64_t pages;			/* pages held from the page allocator */
	uint64_t errors;		/* bad frees and overruns caught */
};

/* What went wrong, for the report callback. */
enum kheap_error {
	KHEAP_DOUBLE_FREE,
	KHEAP_BAD_POINTER,	/* not a pointer kheap_alloc returned */
	KHEAP_OVERRUN,		/* the guard past the end was overwritten */
};

struct kheap {
	struct kheap_pages pages;
	/* Private to kheap.c.  Empty slabs go back to the page allocator at
	 * once, so a partial slab has some objects free and some live. */
	struct list_node partial[KHEAP_CLASSES];	/* slabs with free objects */
	struct list_node full[KHEAP_CLASSES];		/* slabs with none */
	struct list_node large;				/* large allocations */
	struct kheap_stats stats;
	/* Called once for each error kheap_free finds; may be NULL. */
	void (*report)(void *ctx, enum kheap_error error, const void *ptr);
	void *report_ctx;
};

/* An empty heap; set report and report_ctx afterwards if wanted. */
void kheap_init(struct kheap *h, const struct kheap_pages *pages);
/* At least `size` bytes, 16-byte aligned, or NULL (out of memory, or size 0). */
void *kheap_alloc(struct kheap *h, size_t size);
/*
 * 0, or -EINVAL after calling h->report: the heap and the block stay as they
 * were.  Freeing NULL does nothing and returns 0.  ptr must at least point
 * into mapped memory (the heap reads the first word of its page).
 */
int kheap_free(struct kheap *h, void *ptr);
/* The size asked for when a live block was allocated (writing past it is an
 * overrun), or 0 if ptr is not a live block. */
size_t kheap_size(const struct kheap *h, const void *ptr);
/* Check every slab and large block; false with a reason if anything is off. */
bool kheap_check(const struct kheap *h, char *why, size_t why_len);

#endif
