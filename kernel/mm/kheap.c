/*
 * The kernel heap (shared code).  See kheap.h for the interface.
 *
 * Every page the heap holds starts with a header whose first word is a
 * magic number, so from any pointer it hands out, ptr & ~(PAGE-1) finds the
 * header and the magic says what kind of page it is:
 *
 *   slab page   [struct slab | obj | obj | ... ]   one size class, one page
 *   large block [struct large | data ... guard ]   a run of 2^order pages
 *
 * A slab slot is an 8-byte object header (live or free, and the requested
 * size or the next free slot), then the object, then 8 spare bytes, so that
 * even an object of the full class size has a guard after it.  The guard
 * fills everything from the end of the requested size to the end of the
 * slot.  The free list runs through the object headers, by slot index, so a
 * program writing into a freed object cannot corrupt the allocator.
 *
 * Empty slabs go straight back to the page allocator (no cache), so the
 * pages a heap holds always equal what its live blocks need.  A released
 * page keeps its header with a "released" magic: freeing a pointer into it
 * again is still reported as a double free, until the page is reused.
 */
#include "kheap.h"
#include "errno.h"
#include "format.h"
#include "string.h"

#define ALIGN 16		/* of every pointer kheap_alloc returns */
#define MIN_CLASS_SIZE 16
#define MAX_SLAB_SIZE (MIN_CLASS_SIZE << (KHEAP_CLASSES - 1))	/* 2048 */
#define SLOT_TAIL 8		/* spare bytes after an object: the least guard */
#define LARGE_GUARD 16		/* guard bytes after a large block */
#define LARGE_MAX_ORDER 18	/* 1 GiB: keeps byte counts within 32 bits */
#define GUARD_BYTE 0xAA

/* First words of heap pages, and states of slab objects: ASCII, for dumps. */
#define SLAB_MAGIC 0x42414c53u		/* "SLAB" */
#define SLAB_RELEASED 0x62616c73u	/* "slab": given back to the page allocator */
#define LARGE_MAGIC 0x45475241u		/* "ARGE" */
#define LARGE_RELEASED 0x65677261u	/* "arge" */
#define OBJECT_LIVE 0x4556494cu		/* "LIVE" */
#define OBJECT_FREE 0x45455246u		/* "FREE" */

#define NO_OBJECT 0xffff	/* end of a slab's free list */

struct slab {
	uint32_t magic;		/* SLAB_MAGIC, or SLAB_RELEASED */
	uint16_t class_index;	/* objects of MIN_CLASS_SIZE << class_index bytes */
	uint16_t free_count;
	uint16_t first_free;	/* slot index, or NO_OBJECT */
	struct kheap *heap;	/* the owner: a pointer from another heap is bad */
	struct list_node link;	/* in heap->partial[class] or heap->full[class] */
};

struct object {
	uint32_t state;		/* OBJECT_LIVE or OBJECT_FREE */
	union {
		uint32_t requested;	/* while live: the size asked for */
		uint32_t next_free;	/* while free: the next free slot, or NO_OBJECT */
	};
};

struct large {
	uint32_t magic;		/* LARGE_MAGIC, or LARGE_RELEASED */
	uint32_t order;		/* the block is 2^order pages */
	size_t requested;
	struct kheap *heap;
	struct list_node link;	/* in heap->large */
};

/*
 * Fixed header sizes, the same on every target, so a slab holds as many
 * objects in the browser as in the kernel.  The first slot starts 8 bytes
 * short of a multiple of ALIGN, so the object after its 8-byte header is
 * aligned; slots are multiples of ALIGN, so every object is.
 */
#define SLAB_HEADER_SIZE 40
#define LARGE_HEADER_SIZE 48
_Static_assert(sizeof(struct slab) <= SLAB_HEADER_SIZE, "slab header too big");
_Static_assert((SLAB_HEADER_SIZE + sizeof(struct object)) % ALIGN == 0, "objects misaligned");
_Static_assert(sizeof(struct large) <= LARGE_HEADER_SIZE, "large header too big");
_Static_assert(LARGE_HEADER_SIZE % ALIGN == 0, "large blocks misaligned");

/* --- layout ------------------------------------------------------------- */

static size_t class_size(unsigned class_index)
{
	return (size_t)MIN_CLASS_SIZE << class_index;
}

/* The smallest class that holds size bytes (size <= MAX_SLAB_SIZE). */
static unsigned class_for(size_t size)
{
	unsigned class_index = 0;

	while (class_size(class_index) < size)
		class_index++;
	return class_index;
}

static size_t slot_size(unsigned class_index)
{
	return sizeof(struct object) + class_size(class_index) + SLOT_TAIL;
}

static unsigned slab_capacity(unsigned class_index)
{
	return (KHEAP_PAGE_SIZE - SLAB_HEADER_SIZE) / slot_size(class_index);
}

static struct object *object_at(const struct slab *s, unsigned index)
{
	return (struct object *)((char *)s + SLAB_HEADER_SIZE +
				 index * slot_size(s->class_index));
}

static char *payload_of(const struct object *obj)
{
	return (char *)(obj + 1);
}

static uint64_t large_bytes(unsigned order)
{
	return (uint64_t)KHEAP_PAGE_SIZE << order;
}

/* The order of a large block for size bytes, or LARGE_MAX_ORDER + 1. */
static unsigned large_order(size_t size)
{
	unsigned order = 0;

	if (size > large_bytes(LARGE_MAX_ORDER) - LARGE_HEADER_SIZE - LARGE_GUARD)
		return LARGE_MAX_ORDER + 1;
	while (large_bytes(order) < LARGE_HEADER_SIZE + size + LARGE_GUARD)
		order++;
	return order;
}

static void *page_of(const void *ptr)
{
	return (void *)((uintptr_t)ptr & ~(uintptr_t)(KHEAP_PAGE_SIZE - 1));
}

/* --- guards and pages --------------------------------------------------- */

static void guard_set(char *guard, size_t len)
{
	memset(guard, GUARD_BYTE, len);
}

static bool guard_intact(const char *guard, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)guard[i] != GUARD_BYTE)
			return false;
	return true;
}

static void *get_pages(struct kheap *h, unsigned order)
{
	void *pages = h->pages.alloc_pages(h->pages.ctx, order);

	if (pages)
		h->stats.pages += (uint64_t)1 << order;
	return pages;
}

static void put_pages(struct kheap *h, void *pages, unsigned order)
{
	h->stats.pages -= (uint64_t)1 << order;
	h->pages.free_pages(h->pages.ctx, pages, order);
}

void kheap_init(struct kheap *h, const struct kheap_pages *pages)
{
	*h = (struct kheap){ .pages = *pages };
	for (unsigned c = 0; c < KHEAP_CLASSES; c++) {
		list_init(&h->partial[c]);
		list_init(&h->full[c]);
	}
	list_init(&h->large);
}

/* --- slabs -------------------------------------------------------------- */

/* A fresh slab page for a class, every slot on its free list in order. */
static struct slab *new_slab(struct kheap *h, unsigned class_index)
{
	struct slab *s = get_pages(h, 0);
	unsigned capacity = slab_capacity(class_index);

	if (!s)
		return NULL;
	*s = (struct slab){ .magic = SLAB_MAGIC, .class_index = class_index,
			    .free_count = capacity, .first_free = 0, .heap = h };
	list_init(&s->link);
	for (unsigned i = 0; i < capacity; i++) {
		struct object *obj = object_at(s, i);

		obj->state = OBJECT_FREE;
		obj->next_free = i + 1 < capacity ? i + 1 : NO_OBJECT;
	}
	return s;
}

/* The slab is empty and off its list: give its page back. */
static void release_slab(struct kheap *h, struct slab *s)
{
	s->magic = SLAB_RELEASED;
	put_pages(h, s, 0);
}

/* A free object of this class, taken off its slab's free list, or NULL. */
static struct object *take_object(struct kheap *h, unsigned class_index)
{
	// LAB 2 SOLUTION BEGIN (exercise: take an object from a partial slab, or make a new slab)
	struct list_node *partial = &h->partial[class_index];

	if (list_empty(partial)) {
		struct slab *fresh = new_slab(h, class_index);

		if (!fresh)
			return NULL;
		list_push_front(partial, &fresh->link);
	}
	struct slab *s = container_of(partial->next, struct slab, link);
	struct object *obj = object_at(s, s->first_free);

	s->first_free = obj->next_free;
	s->free_count--;
	/* A slab with nothing free leaves partial, so the next call finds room at once. */
	if (s->free_count == 0) {
		list_remove(&s->link);
		list_push_front(&h->full[class_index], &s->link);
	}
	return obj;
	// LAB 2 SOLUTION STUB
	// (void)h, (void)class_index, (void)new_slab;	/* new_slab() makes a slab */
	// return NULL;
	// LAB 2 SOLUTION END
}

/* Put the live object in slot `index` back on its slab's free list; true if
 * the slab is now empty (and off every list), for the caller to release. */
static bool put_object(struct kheap *h, struct slab *s, unsigned index)
{
	// LAB 2 SOLUTION BEGIN (exercise: give an object back to its slab)
	struct object *obj = object_at(s, index);

	obj->state = OBJECT_FREE;
	obj->next_free = s->first_free;
	s->first_free = index;
	s->free_count++;
	/* A full slab has room again: make it findable by take_object. */
	if (s->free_count == 1) {
		list_remove(&s->link);
		list_push_front(&h->partial[s->class_index], &s->link);
	}
	if (s->free_count == slab_capacity(s->class_index)) {
		list_remove(&s->link);
		return true;
	}
	return false;
	// LAB 2 SOLUTION STUB
	// (void)h, (void)s, (void)index;	/* the object is never given back */
	// return false;
	// LAB 2 SOLUTION END
}

static void *alloc_small(struct kheap *h, size_t size)
{
	unsigned class_index = class_for(size);
	struct object *obj = take_object(h, class_index);

	if (!obj)
		return NULL;
	obj->state = OBJECT_LIVE;
	obj->requested = size;
	guard_set(payload_of(obj) + size, class_size(class_index) + SLOT_TAIL - size);
	return payload_of(obj);
}

/* --- large blocks ------------------------------------------------------- */

static void *alloc_large(struct kheap *h, size_t size)
{
	unsigned order = large_order(size);
	struct large *block;

	if (order > LARGE_MAX_ORDER)
		return NULL;
	block = get_pages(h, order);
	if (!block)
		return NULL;
	*block = (struct large){ .magic = LARGE_MAGIC, .order = order,
				 .requested = size, .heap = h };
	list_push_front(&h->large, &block->link);
	guard_set((char *)block + LARGE_HEADER_SIZE + size, LARGE_GUARD);
	return (char *)block + LARGE_HEADER_SIZE;
}

static void release_large(struct kheap *h, struct large *block)
{
	list_remove(&block->link);
	block->magic = LARGE_RELEASED;
	put_pages(h, block, block->order);
}

/* --- finding a block from a pointer ------------------------------------- */

/* A live block as kheap_free, kheap_size and kheap_check see it. */
struct place {
	struct slab *slab;	/* a slab object: its slab and slot, */
	unsigned index;
	struct large *large;	/* or a large block */
	char *payload;
	size_t requested;
	size_t guard_len;	/* the guard starts at payload + requested */
};

static struct place object_place(struct slab *s, unsigned index)
{
	struct object *obj = object_at(s, index);

	return (struct place){
		.slab = s, .index = index, .payload = payload_of(obj),
		.requested = obj->requested,
		.guard_len = class_size(s->class_index) + SLOT_TAIL - obj->requested,
	};
}

static struct place large_place(struct large *block)
{
	return (struct place){
		.large = block, .payload = (char *)block + LARGE_HEADER_SIZE,
		.requested = block->requested, .guard_len = LARGE_GUARD,
	};
}

static bool guard_ok(const struct place *at)
{
	return guard_intact(at->payload + at->requested, at->guard_len);
}

/* ptr in a slab page: it must be the start of a live object. */
static bool locate_object(const struct kheap *h, struct slab *s, const void *ptr,
			  struct place *at, enum kheap_error *error)
{
	if (s->heap != h || s->class_index >= KHEAP_CLASSES)
		return false;
	uintptr_t first = (uintptr_t)payload_of(object_at(s, 0));
	uintptr_t offset = (uintptr_t)ptr - first;
	size_t slot = slot_size(s->class_index);

	if ((uintptr_t)ptr < first || offset % slot != 0 ||
	    offset / slot >= slab_capacity(s->class_index))
		return false;
	unsigned index = offset / slot;
	struct object *obj = object_at(s, index);

	if (obj->state == OBJECT_FREE || s->magic == SLAB_RELEASED) {
		*error = KHEAP_DOUBLE_FREE;
		return false;
	}
	/* Only a write out of bounds of a neighbour, or of this object, gets here. */
	if (obj->state != OBJECT_LIVE || obj->requested > class_size(s->class_index)) {
		*error = KHEAP_OVERRUN;
		return false;
	}
	*at = object_place(s, index);
	return true;
}

/* ptr in the first page of a large block: it must be the block's data. */
static bool locate_large(const struct kheap *h, struct large *block, const void *ptr,
			 struct place *at, enum kheap_error *error)
{
	if (block->heap != h || (const char *)ptr != (char *)block + LARGE_HEADER_SIZE)
		return false;
	if (block->magic == LARGE_RELEASED) {
		*error = KHEAP_DOUBLE_FREE;
		return false;
	}
	*at = large_place(block);
	return true;
}

/*
 * The live block that starts at ptr, or false and what is wrong.  Reads the
 * first word of ptr's page, so ptr must at least point into mapped memory.
 */
static bool locate(const struct kheap *h, const void *ptr, struct place *at,
		   enum kheap_error *error)
{
	void *page = page_of(ptr);

	*error = KHEAP_BAD_POINTER;
	if ((uintptr_t)ptr % ALIGN != 0)
		return false;
	uint32_t magic = *(const uint32_t *)page;
	if (magic == SLAB_MAGIC || magic == SLAB_RELEASED)
		return locate_object(h, page, ptr, at, error);
	if (magic == LARGE_MAGIC || magic == LARGE_RELEASED)
		return locate_large(h, page, ptr, at, error);
	return false;
}

/* --- the interface ------------------------------------------------------ */

void *kheap_alloc(struct kheap *h, size_t size)
{
	void *ptr;

	if (size == 0)
		return NULL;
	ptr = size <= MAX_SLAB_SIZE ? alloc_small(h, size) : alloc_large(h, size);
	if (!ptr)
		return NULL;
	h->stats.allocs++;
	h->stats.live_objects++;
	h->stats.bytes_requested += size;
	return ptr;
}

static int reject(struct kheap *h, enum kheap_error error, const void *ptr)
{
	h->stats.errors++;
	if (h->report)
		h->report(h->report_ctx, error, ptr);
	return -EINVAL;
}

int kheap_free(struct kheap *h, void *ptr)
{
	struct place at;
	enum kheap_error error;

	if (!ptr)
		return 0;
	if (!locate(h, ptr, &at, &error))
		return reject(h, error, ptr);
	if (!guard_ok(&at))
		return reject(h, KHEAP_OVERRUN, ptr);

	h->stats.frees++;
	h->stats.live_objects--;
	h->stats.bytes_requested -= at.requested;
	if (at.large)
		release_large(h, at.large);
	else if (put_object(h, at.slab, at.index))
		release_slab(h, at.slab);
	return 0;
}

size_t kheap_size(const struct kheap *h, const void *ptr)
{
	struct place at;
	enum kheap_error error;

	if (!ptr || !locate(h, ptr, &at, &error))
		return 0;
	return at.requested;
}

/* --- kheap_check -------------------------------------------------------- */

struct checker {
	const struct kheap *h;
	char *why;
	size_t why_len;
	struct kheap_stats seen;	/* live_objects, bytes_requested, pages found */
};

static bool fail(struct checker *ck, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool fail(struct checker *ck, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(ck->why, ck->why_len, fmt, ap);
	va_end(ap);
	return false;
}

static bool check_live(struct checker *ck, const struct place *at)
{
	if (!guard_ok(at))
		return fail(ck, "block %p: guard after its %zu bytes overwritten",
			    (void *)at->payload, at->requested);
	ck->seen.live_objects++;
	ck->seen.bytes_requested += at->requested;
	return true;
}

/* The free list holds exactly free_count slots, each marked free. */
static bool check_free_list(struct checker *ck, const struct slab *s)
{
	unsigned index = s->first_free;

	for (unsigned n = 0; n < s->free_count; n++) {
		if (index >= slab_capacity(s->class_index))
			return fail(ck, "slab %p: free list reaches slot %u", (void *)s, index);
		if (object_at(s, index)->state != OBJECT_FREE)
			return fail(ck, "slab %p: slot %u on the free list is not free",
				    (void *)s, index);
		index = object_at(s, index)->next_free;
	}
	if (index != NO_OBJECT)
		return fail(ck, "slab %p: free list longer than free_count %u",
			    (void *)s, s->free_count);
	return true;
}

/* Every slot is free or live with its guard; the free ones match free_count. */
static bool check_slots(struct checker *ck, struct slab *s)
{
	unsigned capacity = slab_capacity(s->class_index), free_slots = 0;

	for (unsigned i = 0; i < capacity; i++) {
		struct object *obj = object_at(s, i);

		if (obj->state == OBJECT_FREE) {
			free_slots++;
			continue;
		}
		if (obj->state != OBJECT_LIVE || obj->requested == 0 ||
		    obj->requested > class_size(s->class_index))
			return fail(ck, "slab %p: slot %u has a trampled header", (void *)s, i);
		struct place at = object_place(s, i);
		if (!check_live(ck, &at))
			return false;
	}
	if (free_slots != s->free_count)
		return fail(ck, "slab %p: %u free slots, free_count says %u",
			    (void *)s, free_slots, s->free_count);
	return true;
}

static bool check_slab(struct checker *ck, struct slab *s, unsigned class_index, bool full)
{
	unsigned capacity = slab_capacity(class_index);

	if (page_of(s) != s || s->magic != SLAB_MAGIC || s->heap != ck->h)
		return fail(ck, "slab %p: bad header", (void *)s);
	if (s->class_index != class_index)
		return fail(ck, "slab %p: class %u on the list of class %u",
			    (void *)s, s->class_index, class_index);
	if (full ? s->free_count != 0 : s->free_count == 0 || s->free_count >= capacity)
		return fail(ck, "slab %p: %u of %u free on the %s list", (void *)s,
			    s->free_count, capacity, full ? "full" : "partial");
	ck->seen.pages++;
	return check_free_list(ck, s) && check_slots(ck, s);
}

static bool check_large(struct checker *ck, struct large *block)
{
	if (page_of(block) != block || block->magic != LARGE_MAGIC || block->heap != ck->h)
		return fail(ck, "large block %p: bad header", (void *)block);
	if (block->order > LARGE_MAX_ORDER || block->requested <= MAX_SLAB_SIZE ||
	    large_order(block->requested) != block->order)
		return fail(ck, "large block %p: %zu bytes in order %u", (void *)block,
			    block->requested, block->order);
	ck->seen.pages += (uint64_t)1 << block->order;
	struct place at = large_place(block);
	return check_live(ck, &at);
}

/* node is soundly linked, and the walk so far is no longer than it can be. */
static bool check_link(struct checker *ck, const struct list_node *node, uint64_t *count)
{
	if (node->next->prev != node || node->prev->next != node)
		return fail(ck, "broken links at %p", (void *)node);
	/* Each entry holds a page or more, so a longer walk is a cycle. */
	if (++*count > ck->h->stats.pages)
		return fail(ck, "more list entries than pages held: a cycle?");
	return true;
}

static bool check_slab_list(struct checker *ck, const struct list_node *head,
			    unsigned class_index, bool full)
{
	const struct list_node *node;
	uint64_t count = 0;

	list_for_each(node, head)
		if (!check_link(ck, node, &count) ||
		    !check_slab(ck, container_of(node, struct slab, link), class_index, full))
			return false;
	return true;
}

static bool check_large_list(struct checker *ck, const struct list_node *head)
{
	const struct list_node *node;
	uint64_t count = 0;

	list_for_each(node, head)
		if (!check_link(ck, node, &count) ||
		    !check_large(ck, container_of(node, struct large, link)))
			return false;
	return true;
}

static bool check_counter(struct checker *ck, const char *name, uint64_t seen,
			  uint64_t counted)
{
	if (seen != counted)
		return fail(ck, "found %llu %s, stats say %llu", (unsigned long long)seen,
			    name, (unsigned long long)counted);
	return true;
}

bool kheap_check(const struct kheap *h, char *why, size_t why_len)
{
	struct checker ck = { .h = h, .why = why, .why_len = why_len };

	for (unsigned c = 0; c < KHEAP_CLASSES; c++)
		if (!check_slab_list(&ck, &h->partial[c], c, false) ||
		    !check_slab_list(&ck, &h->full[c], c, true))
			return false;
	if (!check_large_list(&ck, &h->large))
		return false;
	if (!check_counter(&ck, "live objects", ck.seen.live_objects, h->stats.live_objects) ||
	    !check_counter(&ck, "bytes requested", ck.seen.bytes_requested,
			   h->stats.bytes_requested) ||
	    !check_counter(&ck, "pages", ck.seen.pages, h->stats.pages) ||
	    !check_counter(&ck, "blocks freed", h->stats.allocs - h->stats.live_objects,
			   h->stats.frees))
		return false;
	if (why_len > 0)
		why[0] = '\0';
	return true;
}
