/*
 * Physical memory: the boot memory map turned into a buddy allocator over
 * every available frame that nothing else (the kernel image, the boot
 * information, boot modules, low memory) is using.
 */
#ifndef AURORA_PHYSMEM_H
#define AURORA_PHYSMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "bootinfo.h"
#include "buddy.h"


struct phys_range {
	uint64_t start, end;	/* end exclusive */
	const char *what;
};

void physmem_init(const struct boot_info *bi, uint64_t info_phys);
/* Print the memory map, the reserved ranges and the allocator's state. */
void physmem_report(void);

/*
 * The frame allocator, for every thread: each call takes frames_lock.
 * Freeing or counting references to a frame that is not allocated panics
 * (a kernel bug), except through frames_free_checked, which is for a pfn a
 * person typed.
 */
/* 2^order contiguous frames: 0 and the first pfn, or -ENOMEM / -EINVAL. */
int frames_alloc(unsigned order, uint64_t *pfn);
void frames_free(uint64_t pfn);
/* Free the block at pfn: its order, or -EINVAL when pfn heads none. */
int frames_free_checked(uint64_t pfn);

/* Reference counts of single frames mapped into user address spaces. */
void frame_set_refs(uint64_t phys, unsigned refs);
void frame_get(uint64_t phys);
/* Drop a reference; the frame is freed with the last one. */
void frame_put(uint64_t phys);
unsigned frame_refs(uint64_t phys);

/* Is phys inside the span of managed frames (allocated or not)? */
bool frames_managed(uint64_t phys);
void frames_count(uint64_t *free, uint64_t *managed);
/* buddy_check on the allocator, under its lock. */
bool frames_check(char *why, size_t why_len);

#endif
