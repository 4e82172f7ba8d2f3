/* The kernel's heap: kheap.h's allocator over frames from the buddy allocator. */
#ifndef AURORA_KMALLOC_H
#define AURORA_KMALLOC_H

#include <stddef.h>
#include "kheap.h"

extern struct kheap kernel_heap;

/* Set up the heap and try it: 0, or -ENOMEM (said on the console). */
int kmalloc_init(void);
void *kmalloc(size_t size);
/* Frees ptr; a double free or a bad pointer is reported and ignored. */
void kfree(void *ptr);

#endif
