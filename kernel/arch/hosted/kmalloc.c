/*
 * kmalloc and kfree for shared code running hosted (the host unit tests and
 * the wasm builds): the C library's allocator.  In the kernel they are the
 * kernel heap (kernel/mm/kmalloc.c).
 */
#include <stdlib.h>
#include "kmalloc.h"

void *kmalloc(size_t size)
{
	return malloc(size);
}

void kfree(void *ptr)
{
	free(ptr);
}
