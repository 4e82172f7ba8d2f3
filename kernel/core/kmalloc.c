/* kmalloc and kfree: the shared heap code, given pages from the buddy allocator. */
#include <stdint.h>
#include "buddy.h"
#include "errno.h"
#include "kheap.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "memlayout.h"
#include "physmem.h"

struct kheap kernel_heap;

static void *alloc_pages(void *ctx, unsigned order)
{
	uint64_t pfn;

	(void)ctx;
	if (buddy_alloc(&physmem, order, &pfn) != 0)
		return NULL;
	return phys_to_virt(pfn << FRAME_SHIFT);
}

static void free_pages(void *ctx, void *pages, unsigned order)
{
	(void)ctx, (void)order;
	buddy_free(&physmem, virt_to_phys(pages) >> FRAME_SHIFT);
}

static void report(void *ctx, enum kheap_error error, const void *ptr)
{
	static const char *const what[] = {
		[KHEAP_DOUBLE_FREE] = "double free",
		[KHEAP_BAD_POINTER] = "free of a pointer kmalloc never returned",
		[KHEAP_OVERRUN] = "write past the end of the block",
	};

	(void)ctx;
	kprintf("kmalloc: %s at %p\n", what[error], ptr);
}

int kmalloc_init(void)
{
	static const struct kheap_pages buddy_pages = { alloc_pages, free_pages, NULL };

	kheap_init(&kernel_heap, &buddy_pages);
	kernel_heap.report = report;
	/* Threads, stacks and processes all start with a kmalloc: find out now. */
	void *probe = kmalloc(1);
	if (!probe) {
		kprintf("kmalloc: the heap cannot allocate\n");
		return -ENOMEM;
	}
	kfree(probe);
	return 0;
}

void *kmalloc(size_t size)
{
	return kheap_alloc(&kernel_heap, size);
}

void kfree(void *ptr)
{
	kheap_free(&kernel_heap, ptr);
}
