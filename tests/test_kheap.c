/*
 * Tests of kernel/mm/kheap.c, over a page allocator of our own: a static,
 * page-aligned arena that counts the pages handed out, checks that each is
 * given back whole, and can be told to refuse.  Every test ends with the
 * heap empty and the arena back to no pages out, so a leak fails the test
 * that made it.
 */
#include <stdio.h>
#include <string.h>	/* strstr */
#include "errno.h"
#include "kheap.h"
#include "string.h"
#include "rng.h"
#include "unit.h"

#define PAGE KHEAP_PAGE_SIZE
#define ARENA_PAGES 512

/* --- the page allocator ------------------------------------------------- */

static _Alignas(PAGE) unsigned char arena[ARENA_PAGES][PAGE];
static int run_order[ARENA_PAGES];	/* order of the run that starts here, or -1 */
static bool page_out[ARENA_PAGES];

static struct {
	uint64_t live_pages;
	uint64_t bad_frees;	/* free_pages of something alloc_pages never gave */
	bool refuse;		/* alloc_pages fails while set */
} pool;

static bool run_is_free(size_t first, size_t n)
{
	for (size_t i = first; i < first + n; i++)
		if (page_out[i])
			return false;
	return true;
}

static void mark_run(size_t first, size_t n, bool out)
{
	for (size_t i = first; i < first + n; i++)
		page_out[i] = out;
}

static void *arena_alloc_pages(void *ctx, unsigned order)
{
	size_t n = (size_t)1 << order;

	(void)ctx;
	if (pool.refuse || n > ARENA_PAGES)
		return NULL;
	for (size_t first = 0; first + n <= ARENA_PAGES; first += n) {
		if (!run_is_free(first, n))
			continue;
		mark_run(first, n, true);
		run_order[first] = (int)order;
		pool.live_pages += n;
		return arena[first];
	}
	return NULL;
}

static void arena_free_pages(void *ctx, void *pages, unsigned order)
{
	size_t first = (size_t)((unsigned char *)pages - arena[0]) / PAGE;

	(void)ctx;
	if ((unsigned char *)pages < arena[0] || first >= ARENA_PAGES ||
	    pages != arena[first] || run_order[first] != (int)order) {
		pool.bad_frees++;
		return;
	}
	run_order[first] = -1;
	mark_run(first, (size_t)1 << order, false);
	pool.live_pages -= (size_t)1 << order;
}

static const struct kheap_pages arena_pages = {
	.alloc_pages = arena_alloc_pages, .free_pages = arena_free_pages,
};

/* --- the heap under test ------------------------------------------------ */

static struct kheap h;

static struct {
	int count;
	enum kheap_error error;
	const void *ptr;
} reported;

static void record_report(void *ctx, enum kheap_error error, const void *ptr)
{
	(void)ctx;
	reported.count++;
	reported.error = error;
	reported.ptr = ptr;
}

/* A fresh heap over a clean arena: no page remembers an earlier test. */
static void setup(void)
{
	memset(arena, 0, sizeof(arena));
	memset(&pool, 0, sizeof(pool));
	memset(page_out, 0, sizeof(page_out));
	for (size_t i = 0; i < ARENA_PAGES; i++)
		run_order[i] = -1;
	memset(&reported, 0, sizeof(reported));
	kheap_init(&h, &arena_pages);
	h.report = record_report;
}

static bool check_valid(const char *file, int line)
{
	char why[160];

	if (kheap_check(&h, why, sizeof(why)))
		return true;
	unit_fail(file, line, "kheap_check: %s", why);
	return false;
}

#define CHECK_VALID() check_valid(__FILE__, __LINE__)

/* Everything is back: no live block, no page held, none lost. */
static bool check_empty(const char *file, int line)
{
	bool ok = check_valid(file, line);

	if (h.stats.live_objects || h.stats.bytes_requested || h.stats.pages ||
	    pool.live_pages || pool.bad_frees) {
		unit_fail(file, line, "not empty: %llu live, %llu bytes, %llu pages "
			  "(arena: %llu out, %llu bad frees)",
			  (unsigned long long)h.stats.live_objects,
			  (unsigned long long)h.stats.bytes_requested,
			  (unsigned long long)h.stats.pages,
			  (unsigned long long)pool.live_pages,
			  (unsigned long long)pool.bad_frees);
		ok = false;
	}
	return ok;
}

#define CHECK_EMPTY() check_empty(__FILE__, __LINE__)

/*
 * A block that must be granted.  If it is not, the test has failed already;
 * hand back scratch memory so the test can go on without writing through
 * NULL (which wasm would not even trap).
 */
static void *alloc_ok(size_t size)
{
	static _Alignas(16) unsigned char scratch[16 * PAGE];
	void *p = kheap_alloc(&h, size);

	if (!CHECK(p != NULL) && size <= sizeof(scratch))
		return scratch;
	return p;
}

static bool same_page(const void *a, const void *b)
{
	return (uintptr_t)a / PAGE == (uintptr_t)b / PAGE;
}

/* Where the heap keeps a block's header. */
static char *page_start(const void *p)
{
	return (char *)((uintptr_t)p & ~(uintptr_t)(PAGE - 1));
}

/* --- sizes and classes -------------------------------------------------- */

TEST(kheap_arena_is_page_aligned)
{
	CHECK_EQ((uintptr_t)arena % PAGE, 0);
}

TEST(kheap_alloc_gives_the_size_aligned)
{
	static const size_t sizes[] = {
		1, 2, 7, 8, 15, 16, 17, 31, 32, 33, 100, 255, 256, 257, 1000, 1023,
		1024, 1025, 2047, 2048, 2049, 3000, 4000, 4096, 5000, 3 * PAGE, 40000,
	};
	void *p[sizeof(sizes) / sizeof(sizes[0])];

	setup();
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		p[i] = alloc_ok(sizes[i]);
		CHECK_EQ((uintptr_t)p[i] % 16, 0);
		CHECK((uintptr_t)p[i] % PAGE != 0);	/* a header is always in front */
		CHECK_EQ(kheap_size(&h, p[i]), sizes[i]);
		memset(p[i], 0x5c, sizes[i]);	/* all of it is writable */
	}
	CHECK_VALID();
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		CHECK_EQ(kheap_free(&h, p[i]), 0);
	CHECK_EMPTY();
	CHECK_EQ(reported.count, 0);
}

TEST(kheap_alloc_zero_and_huge_give_null)
{
	setup();
	CHECK(kheap_alloc(&h, 0) == NULL);
	CHECK(kheap_alloc(&h, SIZE_MAX) == NULL);
	CHECK(kheap_alloc(&h, SIZE_MAX - 100) == NULL);
	CHECK(kheap_alloc(&h, (size_t)1 << 31) == NULL);	/* more than the arena */
	CHECK_EQ(h.stats.allocs, 0);
	CHECK_EQ(kheap_free(&h, NULL), 0);	/* like free(NULL) */
	CHECK_EQ(h.stats.frees, 0);
	CHECK_EQ(reported.count, 0);
	CHECK_EMPTY();
}

/* Sizes up to a power of two share its slab; one byte more needs the next. */
TEST(kheap_every_class_boundary)
{
	setup();
	for (size_t size = 16; size <= 1024; size *= 2) {
		void *exact = alloc_ok(size);
		void *smallest = alloc_ok(size == 16 ? 1 : size / 2 + 1);
		void *next = alloc_ok(size + 1);

		CHECK(same_page(exact, smallest));
		CHECK(!same_page(exact, next));
		CHECK_EQ(h.stats.pages, 2);	/* one slab each */
		CHECK_EQ(kheap_free(&h, exact), 0);
		CHECK_EQ(kheap_free(&h, smallest), 0);
		CHECK_EQ(kheap_free(&h, next), 0);
		CHECK_EMPTY();
	}
}

/* 2048 is the last slab class; beyond it, runs of pages with a header. */
TEST(kheap_large_blocks_take_runs_of_pages)
{
	static const struct {
		size_t size;
		uint64_t pages;
	} cases[] = {
		{ 1025, 1 }, { 2048, 1 }, { 2049, 1 }, { 3000, 1 }, { PAGE, 2 },
		{ 2 * PAGE - 100, 2 }, { 2 * PAGE, 4 }, { 3 * PAGE, 4 }, { 8 * PAGE, 16 },
	};

	setup();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		void *p = alloc_ok(cases[i].size);

		CHECK_EQ(h.stats.pages, cases[i].pages);
		CHECK_EQ(pool.live_pages, cases[i].pages);
		CHECK_EQ(kheap_size(&h, p), cases[i].size);
		CHECK_EQ((uintptr_t)p % 16, 0);
		CHECK_VALID();
		CHECK_EQ(kheap_free(&h, p), 0);
		CHECK_EMPTY();
	}
}

/* --- many blocks -------------------------------------------------------- */

#define MANY 300

static struct block {
	unsigned char *ptr;
	size_t size;
	unsigned char fill;
} blocks[MANY];

static void fill_block(struct block *b, unsigned char fill)
{
	b->fill = fill;
	memset(b->ptr, fill, b->size);
}

static bool block_intact(const struct block *b)
{
	for (size_t i = 0; i < b->size; i++)
		if (b->ptr[i] != b->fill)
			return false;
	return true;
}

static bool overlap(const struct block *a, const struct block *b)
{
	return a->ptr < b->ptr + b->size && b->ptr < a->ptr + a->size;
}

/* Sizes over every class and some pages, 1 to ~10000 bytes. */
static size_t varied_size(int i)
{
	return i % 10 == 9 ? 2049 + (size_t)i * 31 : 1 + (size_t)(i * 37) % 2048;
}

TEST(kheap_blocks_are_distinct_and_keep_their_contents)
{
	setup();
	for (int i = 0; i < MANY; i++) {
		blocks[i].size = varied_size(i);
		blocks[i].ptr = alloc_ok(blocks[i].size);
		fill_block(&blocks[i], (unsigned char)(i * 7 + 1));
	}
	for (int i = 0; i < MANY; i++)
		for (int j = i + 1; j < MANY; j++)
			if (!CHECK(!overlap(&blocks[i], &blocks[j])))
				printf("  blocks %d and %d overlap\n", i, j);
	/* Free every third, refill the holes with other sizes, then look again. */
	for (int i = 0; i < MANY; i += 3)
		CHECK_EQ(kheap_free(&h, blocks[i].ptr), 0);
	for (int i = 0; i < MANY; i += 3) {
		blocks[i].size = varied_size(i + 1);
		blocks[i].ptr = alloc_ok(blocks[i].size);
		fill_block(&blocks[i], (unsigned char)(i * 11 + 3));
	}
	CHECK_VALID();
	int damaged = 0;
	for (int i = 0; i < MANY; i++)
		damaged += !block_intact(&blocks[i]);
	CHECK_EQ(damaged, 0);
	for (int i = 0; i < MANY; i++)
		CHECK_EQ(kheap_free(&h, blocks[i].ptr), 0);
	CHECK_EMPTY();
}

TEST(kheap_stats_are_exact)
{
	setup();
	void *a = alloc_ok(10), *b = alloc_ok(20), *c = alloc_ok(5000);

	CHECK_EQ(h.stats.allocs, 3);
	CHECK_EQ(h.stats.frees, 0);
	CHECK_EQ(h.stats.live_objects, 3);
	CHECK_EQ(h.stats.bytes_requested, 5030);
	CHECK_EQ(h.stats.pages, 1 + 1 + 2);	/* class 16, class 32, 2 pages */
	CHECK_EQ(h.stats.pages, pool.live_pages);

	CHECK_EQ(kheap_free(&h, b), 0);
	CHECK_EQ(h.stats.frees, 1);
	CHECK_EQ(h.stats.live_objects, 2);
	CHECK_EQ(h.stats.bytes_requested, 5010);
	CHECK_EQ(h.stats.pages, 3);	/* the empty slab went back */

	void *d = alloc_ok(12);	/* same slab as a */
	CHECK_EQ(h.stats.pages, 3);
	CHECK_EQ(h.stats.bytes_requested, 5022);
	CHECK_EQ(kheap_free(&h, a), 0);
	CHECK_EQ(kheap_free(&h, c), 0);
	CHECK_EQ(kheap_free(&h, d), 0);
	CHECK_EQ(h.stats.allocs, 4);
	CHECK_EQ(h.stats.frees, 4);
	CHECK_EQ(h.stats.errors, 0);
	CHECK_EMPTY();
}

/* A slab fills, a second one starts; both go back once empty. */
TEST(kheap_full_slabs_and_pages_returned)
{
	static void *p[400];
	int n = 0;

	setup();
	while (h.stats.pages < 3 && n < 400)
		p[n++] = alloc_ok(64);
	/* A 40-byte slab header, then slots of an 8-byte header, the object and
	   8 spare bytes: 50 of 64 bytes.  The last one started the third slab. */
	int per_slab = (4096 - 40) / (8 + 64 + 8);
	CHECK_EQ(n, 2 * per_slab + 1);
	CHECK(same_page(p[0], p[per_slab - 1]));
	CHECK(!same_page(p[0], p[per_slab]));
	CHECK_VALID();
	/* Free from the middle of a full slab: it must be found again. */
	CHECK_EQ(kheap_free(&h, p[5]), 0);
	void *again = alloc_ok(64);
	CHECK(again == p[5]);
	CHECK_EQ(h.stats.pages, 3);
	for (int i = n - 1; i >= 0; i--)
		CHECK_EQ(kheap_free(&h, p[i]), 0);
	CHECK_EMPTY();
}

/* --- errors ------------------------------------------------------------- */

/* What a rejected free must leave as it was. */
struct snapshot {
	struct kheap_stats stats;
	uint64_t live_pages;
};

static struct snapshot snapshot(void)
{
	return (struct snapshot){ .stats = h.stats, .live_pages = pool.live_pages };
}

/* kheap_free(ptr) fails with `error`, reported once, changing nothing else. */
static bool rejected(const char *file, int line, void *ptr, enum kheap_error error)
{
	struct snapshot before = snapshot();
	int count = reported.count;
	bool ok = true;

	if (kheap_free(&h, ptr) != -EINVAL || reported.count != count + 1 ||
	    reported.error != error || reported.ptr != ptr) {
		unit_fail(file, line, "free(%p): expected error %d reported once, got %d reports, "
			  "last error %d", ptr, error, reported.count - count, reported.error);
		ok = false;
	}
	struct snapshot after = snapshot();
	before.stats.errors++;
	if (memcmp(&before, &after, sizeof(before)) != 0) {
		unit_fail(file, line, "free(%p) was rejected but changed the heap", ptr);
		ok = false;
	}
	return ok;
}

#define CHECK_REJECTED(ptr, error) rejected(__FILE__, __LINE__, (ptr), (error))

TEST(kheap_double_free_is_caught)
{
	setup();
	void *keep = alloc_ok(100), *p = alloc_ok(100), *big = alloc_ok(9000);

	CHECK_EQ(kheap_free(&h, p), 0);
	CHECK_REJECTED(p, KHEAP_DOUBLE_FREE);	/* its slab is still in use */
	CHECK_VALID();
	CHECK_EQ(kheap_free(&h, big), 0);
	CHECK_REJECTED(big, KHEAP_DOUBLE_FREE);	/* its pages are back in the pool */
	CHECK_EQ(kheap_free(&h, keep), 0);
	CHECK_REJECTED(keep, KHEAP_DOUBLE_FREE);	/* so is its slab's page */
	CHECK_REJECTED(p, KHEAP_DOUBLE_FREE);
	CHECK_EQ(h.stats.errors, 4);
	CHECK_EQ(reported.count, 4);
	CHECK_EMPTY();
}

TEST(kheap_bad_pointers_are_caught)
{
	static _Alignas(16) char not_heap[64];
	_Alignas(16) char on_stack[32];
	struct kheap other;

	setup();
	char *small = alloc_ok(64), *big = alloc_ok(5000);
	char *page = page_start(small);

	CHECK_REJECTED(small + 1, KHEAP_BAD_POINTER);	/* misaligned */
	CHECK_REJECTED(small + 16, KHEAP_BAD_POINTER);	/* inside an object */
	CHECK_REJECTED(small + 64, KHEAP_BAD_POINTER);	/* its guard, before the next */
	CHECK_REJECTED(page, KHEAP_BAD_POINTER);	/* the slab header */
	CHECK_REJECTED(page + PAGE - 16, KHEAP_BAD_POINTER);	/* past the last slot */
	CHECK_REJECTED(big + 16, KHEAP_BAD_POINTER);
	CHECK_REJECTED(page_start(big), KHEAP_BAD_POINTER);	/* the large header */
	CHECK_REJECTED(big + PAGE, KHEAP_BAD_POINTER);	/* its second page */
	CHECK_REJECTED(not_heap, KHEAP_BAD_POINTER);
	CHECK_REJECTED(on_stack, KHEAP_BAD_POINTER);
	CHECK_REJECTED(arena[ARENA_PAGES - 1], KHEAP_BAD_POINTER);	/* a page never used */
	CHECK_EQ(kheap_size(&h, small + 16), 0);
	CHECK_EQ(kheap_size(&h, not_heap), 0);
	CHECK_EQ(kheap_size(&h, small), 64);
	CHECK_VALID();

	/* A block of one heap is a bad pointer to another. */
	kheap_init(&other, &arena_pages);
	CHECK_EQ(kheap_free(&other, small), -EINVAL);
	CHECK_EQ(other.stats.errors, 1);	/* no report function: still counted */
	CHECK_EQ(kheap_size(&other, small), 0);

	CHECK_EQ(reported.count, 11);
	CHECK_EQ(kheap_free(&h, small), 0);
	CHECK_EQ(kheap_free(&h, big), 0);
	CHECK_EMPTY();
}

/* Write one byte at p[offset], see the overrun caught, put the byte back. */
static void overrun_at(char *p, size_t offset)
{
	char why[160], saved = p[offset];

	p[offset] = 0;
	CHECK(!kheap_check(&h, why, sizeof(why)));
	CHECK(strstr(why, "guard") != NULL || strstr(why, "header") != NULL);
	CHECK_REJECTED(p, KHEAP_OVERRUN);
	CHECK(kheap_size(&h, p) > 0);	/* still live */
	p[offset] = saved;
	CHECK_VALID();
}

TEST(kheap_overrun_is_caught)
{
	setup();
	char *exact = alloc_ok(32), *short_one = alloc_ok(20), *next = alloc_ok(32);
	char *big = alloc_ok(3 * PAGE);

	overrun_at(exact, 32);		/* the byte after a full-class object */
	overrun_at(exact, 39);		/* the last spare byte of its slot */
	overrun_at(short_one, 20);
	overrun_at(short_one, 31);	/* still inside the class: the guard is there too */
	overrun_at(big, 3 * PAGE);
	overrun_at(big, 3 * PAGE + 15);
	CHECK_EQ(kheap_size(&h, exact), 32);
	CHECK_EQ(kheap_size(&h, big), 3 * PAGE);
	CHECK_EQ(h.stats.errors, 6);

	/* Running further tramples the next object's header: caught too. */
	char why[160], saved = short_one[40];
	short_one[40] ^= 0x55;
	CHECK(!kheap_check(&h, why, sizeof(why)));
	CHECK(strstr(why, "trampled header") != NULL);
	CHECK_REJECTED(next, KHEAP_OVERRUN);
	short_one[40] = saved;
	CHECK_VALID();

	CHECK_EQ(kheap_free(&h, exact), 0);
	CHECK_EQ(kheap_free(&h, short_one), 0);
	CHECK_EQ(kheap_free(&h, next), 0);
	CHECK_EQ(kheap_free(&h, big), 0);
	CHECK_EQ(reported.count, 7);
	CHECK_EMPTY();
}

TEST(kheap_check_detects_corruption)
{
	char why[160];

	setup();
	char *p = alloc_ok(100), *q = alloc_ok(100), *big = alloc_ok(5000);
	char *page = page_start(p);

	CHECK_EQ(kheap_free(&h, q), 0);
	CHECK_VALID();

	page[0] ^= 1;	/* the slab's magic */
	CHECK(!kheap_check(&h, why, sizeof(why)));
	page[0] ^= 1;
	q[-8] ^= 1;	/* the header of a free object */
	CHECK(!kheap_check(&h, why, sizeof(why)));
	q[-8] ^= 1;
	page_start(big)[0] ^= 1;	/* the large block's magic */
	CHECK(!kheap_check(&h, why, sizeof(why)));
	page_start(big)[0] ^= 1;
	h.stats.bytes_requested++;
	CHECK(!kheap_check(&h, why, sizeof(why)));
	CHECK(strstr(why, "bytes requested") != NULL);
	h.stats.bytes_requested--;
	h.stats.pages++;
	CHECK(!kheap_check(&h, why, sizeof(why)));
	h.stats.pages--;
	CHECK_VALID();

	CHECK_EQ(kheap_free(&h, p), 0);
	CHECK_EQ(kheap_free(&h, big), 0);
	CHECK_EMPTY();
}

TEST(kheap_out_of_memory_gives_null)
{
	static void *p[ARENA_PAGES];
	int n = 0;

	setup();
	void *small = alloc_ok(40);	/* a slab in page 0 */
	pool.refuse = true;
	struct snapshot before = snapshot();
	CHECK(kheap_alloc(&h, 3000) == NULL);	/* a large block */
	CHECK(kheap_alloc(&h, 100) == NULL);	/* a class with no slab yet */
	struct snapshot after = snapshot();
	CHECK(memcmp(&before, &after, sizeof(before)) == 0);
	void *more = alloc_ok(40);	/* its slab has room: no page needed */
	pool.refuse = false;
	CHECK_VALID();

	/* Use up the arena with 4-page blocks; the next one fails cleanly. */
	while (n < ARENA_PAGES && (p[n] = kheap_alloc(&h, 3 * PAGE)) != NULL)
		n++;
	CHECK_EQ(n, (ARENA_PAGES - 4) / 4);	/* the run at page 0 holds the slab */
	before = snapshot();
	CHECK(kheap_alloc(&h, 3 * PAGE) == NULL);
	after = snapshot();
	CHECK(memcmp(&before, &after, sizeof(before)) == 0);
	void *last = alloc_ok(100);	/* pages 1 to 3 are still free */
	CHECK_VALID();
	CHECK_EQ(reported.count, 0);

	for (int i = 0; i < n; i++)
		CHECK_EQ(kheap_free(&h, p[i]), 0);
	CHECK_EQ(kheap_free(&h, small), 0);
	CHECK_EQ(kheap_free(&h, more), 0);
	CHECK_EQ(kheap_free(&h, last), 0);
	CHECK_EMPTY();
}

/* --- random operations -------------------------------------------------- */

static uint64_t rng_state;

/* Mostly small, every class, sometimes a few pages. */
static size_t random_size(uint64_t r)
{
	switch (r % 10) {
	case 0:
		return 2049 + (r >> 8) % (3 * PAGE);
	case 1:
	case 2:
		return 257 + (r >> 8) % (2048 - 256);
	default:
		return 1 + (r >> 8) % 256;
	}
}

static int nlive;
static uint64_t live_bytes;

/* One alloc; NULL is fine only while the arena refuses. */
static bool stress_alloc(uint64_t r, unsigned char fill)
{
	struct block *b = &blocks[nlive];

	b->size = random_size(r);
	b->ptr = kheap_alloc(&h, b->size);
	if (!b->ptr)
		return CHECK(pool.refuse);
	if (!CHECK_EQ((uintptr_t)b->ptr % 16, 0) || !CHECK_EQ(kheap_size(&h, b->ptr), b->size))
		return false;
	fill_block(b, fill);
	nlive++;
	live_bytes += b->size;
	return true;
}

static bool stress_free(int i)
{
	struct block b = blocks[i];

	blocks[i] = blocks[--nlive];
	live_bytes -= b.size;
	return CHECK(block_intact(&b)) && CHECK_EQ(kheap_free(&h, b.ptr), 0);
}

/* Every live block intact and the heap consistent with what we hold. */
static bool stress_audit(void)
{
	for (int i = 0; i < nlive; i++)
		if (!CHECK(block_intact(&blocks[i])))
			return false;
	return CHECK_VALID() && CHECK_EQ(h.stats.live_objects, nlive) &&
	       CHECK_EQ(h.stats.bytes_requested, live_bytes) &&
	       CHECK_EQ(h.stats.pages, pool.live_pages);
}

TEST(kheap_random_operations_keep_invariants)
{
	setup();
	rng_state = 20240915;
	nlive = 0;
	live_bytes = 0;
	for (int op = 0; op < 20000; op++) {
		uint64_t r = rng_next(&rng_state);
		bool ok;

		pool.refuse = r % 50 == 0;	/* now and then, no pages */
		if (nlive == 0 || (nlive < MANY && r % 100 < 52))
			ok = stress_alloc(r >> 7, (unsigned char)op);
		else
			ok = stress_free((int)((r >> 7) % (uint64_t)nlive));
		pool.refuse = false;
		if (!ok || (op % 200 == 199 && !stress_audit())) {
			printf("  (at operation %d)\n", op);
			break;
		}
	}
	CHECK(h.stats.allocs > 5000);
	while (nlive > 0)
		stress_free(nlive - 1);
	CHECK_EQ(h.stats.allocs, h.stats.frees);
	CHECK_EQ(reported.count, 0);
	CHECK_EMPTY();
}
