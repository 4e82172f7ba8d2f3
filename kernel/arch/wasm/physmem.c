/*
 * Frames in the browser kernel (physmem.h): page-aligned blocks of the
 * module's own allocator, numbered by address as frames are on x86_64.
 * The kernel heap (kmalloc.c, the same file as on x86_64) takes its pages
 * here.  User memory is not made of frames: each program has its own
 * linear memory (user_space.c), so reference counts are never asked for.
 */
#include <malloc.h>
#include <stdlib.h>
#include <emscripten/heap.h>
#include "physmem.h"
#include "spinlock.h"
#include "string.h"

static struct spinlock frames_lock = SPINLOCK_INIT("frames");
static uint64_t bytes_in_use;

/* The same figure when a block is allocated and when it is freed. */
static void count(void *block, int sign)
{
	spin_lock(&frames_lock);
	bytes_in_use += (uint64_t)(sign * (int64_t)malloc_usable_size(block));
	spin_unlock(&frames_lock);
}

int frames_alloc(unsigned order, uint64_t *pfn)
{
	void *block = aligned_alloc(FRAME_SIZE, (size_t)FRAME_SIZE << order);

	if (!block)
		return -1;
	count(block, +1);
	*pfn = (uintptr_t)block >> FRAME_SHIFT;
	return 0;
}

void frames_free(uint64_t pfn)
{
	void *block = (void *)(uintptr_t)(pfn << FRAME_SHIFT);

	count(block, -1);
	free(block);
}

/* The module's memory can grow to its maximum: that is what is managed. */
void frames_count(uint64_t *free_frames, uint64_t *managed)
{
	spin_lock(&frames_lock);
	*managed = emscripten_get_heap_max() >> FRAME_SHIFT;
	*free_frames = *managed - (bytes_in_use + FRAME_SIZE - 1) / FRAME_SIZE;
	spin_unlock(&frames_lock);
}

bool frames_check(char *why, size_t why_len)
{
	uint64_t free_frames, managed;

	frames_count(&free_frames, &managed);
	if (free_frames <= managed)
		return true;
	strlcpy(why, "more frames in use than the memory can hold", why_len);
	return false;
}
