/* The kernel's heap: kheap.h's allocator over frames from the frame
   allocator, for every thread (each call takes the heap's lock). */
#ifndef AURORA_KMALLOC_H
#define AURORA_KMALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include "kheap.h"

/* Set up the heap and try it: 0, or -ENOMEM (said on the console). */
int kmalloc_init(void);
void *kmalloc(size_t size);
/* Frees ptr; a double free or a bad pointer is reported and ignored. */
void kfree(void *ptr);
/* The heap's figures, and kheap_check on it, each under the heap's lock. */
void kmalloc_stats(struct kheap_stats *stats);
bool kmalloc_check(char *why, size_t why_len);

#endif
