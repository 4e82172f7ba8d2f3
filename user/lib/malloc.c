/*
 * malloc over the program break.  The heap is one run of blocks, each a
 * header and then its payload, from heap_start to heap_end.  malloc takes
 * the first free block that is big enough and splits off what it does not
 * need; when none is, it grows the break.  free marks a block free and
 * merges it with the free blocks after it; a free block is also merged with
 * its free successors whenever malloc looks at it, so neighbours freed in
 * either order end up as one block.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ALIGN 16		/* what C expects malloc to give any type */
#define GROW_MIN 16384		/* grow the break in steps of at least this */

struct block {
	size_t size;		/* payload bytes, a multiple of ALIGN */
	size_t free;		/* a whole word, to keep the payload aligned */
};

static struct block *heap_start, *heap_end;

static struct block *next(struct block *b)
{
	return (struct block *)((char *)(b + 1) + b->size);
}

static void merge_free_successors(struct block *b)
{
	for (struct block *n = next(b); n < heap_end && n->free; n = next(b))
		b->size += sizeof(*n) + n->size;
}

/* Shrink b to size bytes; what is left over becomes a free block, if
   there is room for one. */
static void split(struct block *b, size_t size)
{
	if (b->size < size + sizeof(struct block) + ALIGN)
		return;
	struct block *rest = (struct block *)((char *)(b + 1) + size);
	rest->size = b->size - size - sizeof(*rest);
	rest->free = 1;
	b->size = size;
}

/* Add a block of at least size bytes at the end of the heap. */
static struct block *grow(size_t size)
{
	size_t payload = size < GROW_MIN ? GROW_MIN : size;

	if (!heap_start) {
		uintptr_t start = (uintptr_t)sbrk(0);

		if (sbrk(-start & (ALIGN - 1)) == (void *)-1)
			return NULL;
		heap_start = heap_end = (struct block *)((start + ALIGN - 1) & -ALIGN);
	}
	struct block *b = sbrk(sizeof(*b) + payload);
	if (b == (void *)-1)
		return NULL;
	b->size = payload;
	b->free = 0;
	heap_end = next(b);
	split(b, size);
	return b;
}

void *malloc(size_t n)
{
	if (n > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	size_t size = n ? (n + ALIGN - 1) & -ALIGN : ALIGN;

	for (struct block *b = heap_start; b < heap_end; b = next(b)) {
		if (!b->free)
			continue;
		merge_free_successors(b);
		if (b->size >= size) {
			split(b, size);
			b->free = 0;
			return b + 1;
		}
	}
	struct block *b = grow(size);
	return b ? b + 1 : NULL;
}

void free(void *p)
{
	if (!p)
		return;
	struct block *b = (struct block *)p - 1;
	b->free = 1;
	merge_free_successors(b);
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/* Grow in place into free successors when possible, else move. */
void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (n > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	struct block *b = (struct block *)p - 1;
	size_t size = n ? (n + ALIGN - 1) & -ALIGN : ALIGN;

	merge_free_successors(b);
	if (b->size >= size) {
		split(b, size);
		return p;
	}
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, b->size);
		free(p);
	}
	return q;
}
