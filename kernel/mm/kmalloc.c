/* kmalloc and kfree: the shared heap code, given pages from the frame
   allocator, under heap_lock (taken before frames_lock, never after). */
#include <stdint.h>
#include "errno.h"
#include "kheap.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "memlayout.h"
#include "physmem.h"
#include "spinlock.h"

static struct kheap kernel_heap;
static struct spinlock heap_lock = SPINLOCK_INIT("kernel heap");

static void *alloc_pages(void *ctx, unsigned order)
{
	uint64_t pfn;

	(void)ctx;
	if (frames_alloc(order, &pfn) != 0)
		return NULL;
	return phys_to_virt(pfn << FRAME_SHIFT);
}

static void free_pages(void *ctx, void *pages, unsigned order)
{
	(void)ctx, (void)order;
	frames_free(virt_to_phys(pages) >> FRAME_SHIFT);
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
	spin_lock(&heap_lock);
	void *p = kheap_alloc(&kernel_heap, size);
	spin_unlock(&heap_lock);
	return p;
}

void kfree(void *ptr)
{
	spin_lock(&heap_lock);
	kheap_free(&kernel_heap, ptr);
	spin_unlock(&heap_lock);
}

void kmalloc_stats(struct kheap_stats *stats)
{
	spin_lock(&heap_lock);
	*stats = kernel_heap.stats;
	spin_unlock(&heap_lock);
}

bool kmalloc_check(char *why, size_t why_len)
{
	spin_lock(&heap_lock);
	bool ok = kheap_check(&kernel_heap, why, why_len);
	spin_unlock(&heap_lock);
	return ok;
}
