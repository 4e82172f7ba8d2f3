/*
 * Tests of kernel/mm/buddy.c.  Exact behaviour is checked through the trace
 * events, written as text ("split(0,4) alloc(0,3)") so a failure shows the
 * whole sequence; the random test runs buddy_check after every operation.
 */
#include <stdio.h>
#include <string.h>	/* strstr */
#include "buddy.h"
#include "errno.h"
#include "string.h"
#include "rng.h"
#include "unit.h"

#define SPAN_MAX 4096

static struct frame frames[SPAN_MAX];
static struct buddy b;
static char trace_text[1024];

static void record(void *ctx, enum buddy_event event, uint64_t pfn, unsigned order)
{
	size_t len = strlen(trace_text);

	(void)ctx;
	snprintf(trace_text + len, sizeof(trace_text) - len, "%s%s(%llu,%u)",
		 len ? " " : "", buddy_event_name(event), (unsigned long long)pfn, order);
}

/* The events since the last call, as text. */
static const char *trace(void)
{
	static char taken[sizeof(trace_text)];

	strlcpy(taken, trace_text, sizeof(taken));
	trace_text[0] = '\0';
	return taken;
}

static void setup(uint64_t base_pfn, uint64_t nframes)
{
	buddy_init(&b, frames, base_pfn, nframes);
	b.trace = record;
	trace_text[0] = '\0';
}

static bool check_valid(const char *file, int line, const struct buddy *bd)
{
	char why[160];

	if (buddy_check(bd, why, sizeof(why)))
		return true;
	unit_fail(file, line, "buddy_check: %s", why);
	return false;
}

#define CHECK_VALID() check_valid(__FILE__, __LINE__, &b)

static uint64_t alloc_ok(unsigned order)
{
	uint64_t pfn = UINT64_MAX;

	CHECK_EQ(buddy_alloc(&b, order, &pfn), 0);
	return pfn;
}

TEST(buddy_init_reserves_every_frame)
{
	uint64_t pfn = 99;

	setup(0, 16);
	CHECK_EQ(b.free_frames, 0);
	CHECK_EQ(b.managed_frames, 0);
	CHECK_EQ(buddy_alloc(&b, 0, &pfn), -ENOMEM);
	CHECK_EQ(pfn, 99);
	for (int i = 0; i < 16; i++)
		CHECK_EQ(frames[i].state, FRAME_RESERVED);
	CHECK_VALID();
}

TEST(buddy_aligned_range_becomes_one_block)
{
	setup(0, 16);
	buddy_add_free_range(&b, 0, 16);
	CHECK_STR_EQ(trace(), "free(0,4)");
	CHECK_EQ(b.free_blocks[4], 1);
	CHECK_EQ(b.free_frames, 16);
	CHECK_EQ(b.managed_frames, 16);
	CHECK_VALID();
}

TEST(buddy_alloc_splits_down_to_the_order)
{
	setup(0, 16);
	buddy_add_free_range(&b, 0, 16);
	trace();

	CHECK_EQ(alloc_ok(0), 0);
	CHECK_STR_EQ(trace(), "split(0,4) split(0,3) split(0,2) split(0,1) alloc(0,0)");
	for (unsigned order = 0; order < 4; order++)
		CHECK_EQ(b.free_blocks[order], 1);	/* the upper halves 1, 2, 4, 8 */
	CHECK_EQ(b.free_blocks[4], 0);
	CHECK_EQ(b.free_frames, 15);
	CHECK_EQ(buddy_block_order(&b, 0), 0);

	CHECK_EQ(alloc_ok(0), 1);	/* an exact fit needs no split */
	CHECK_STR_EQ(trace(), "alloc(1,0)");
	CHECK_EQ(alloc_ok(2), 4);
	CHECK_STR_EQ(trace(), "alloc(4,2)");
	CHECK_EQ(buddy_block_order(&b, 4), 2);
	CHECK_EQ(b.free_frames, 10);
	CHECK_VALID();
}

TEST(buddy_free_merges_while_the_buddy_is_free)
{
	setup(0, 16);
	buddy_add_free_range(&b, 0, 16);
	CHECK_EQ(alloc_ok(0), 0);
	CHECK_EQ(alloc_ok(0), 1);
	trace();

	CHECK_EQ(buddy_free(&b, 0), 0);
	CHECK_STR_EQ(trace(), "free(0,0)");	/* buddy 1 is allocated: no merge */
	CHECK_VALID();
	CHECK_EQ(buddy_free(&b, 1), 0);	/* merges down to the lower buddy's pfn */
	CHECK_STR_EQ(trace(), "free(1,0) merge(0,1) merge(0,2) merge(0,3) merge(0,4)");
	CHECK_EQ(b.free_blocks[4], 1);
	CHECK_EQ(b.free_frames, 16);
	CHECK_VALID();
}

TEST(buddy_blocks_align_on_absolute_pfn)
{
	setup(3, 61);
	buddy_add_free_range(&b, 3, 61);
	CHECK_STR_EQ(trace(), "free(3,0) free(4,2) free(8,3) free(16,4) free(32,5)");
	CHECK_EQ(alloc_ok(2), 4);
	CHECK_EQ(alloc_ok(1), 8);
	CHECK_STR_EQ(trace(), "alloc(4,2) split(8,3) split(8,2) alloc(8,1)");
	CHECK_VALID();

	/* 2048 frames from pfn 1000 hold only one aligned order-10 block. */
	setup(1000, 2048);
	buddy_add_free_range(&b, 1000, 2048);
	CHECK_EQ(alloc_ok(BUDDY_MAX_ORDER), 1024);
	uint64_t pfn = 0;
	CHECK_EQ(buddy_alloc(&b, BUDDY_MAX_ORDER, &pfn), -ENOMEM);
	CHECK_VALID();
}

/* Everything a rejected call must leave as it was. */
struct snapshot {
	uint64_t free_blocks[BUDDY_ORDERS];
	uint64_t free_frames;
	uint8_t state[64], order[64];
};

static void take_snapshot(struct snapshot *s)
{
	memcpy(s->free_blocks, b.free_blocks, sizeof(s->free_blocks));
	s->free_frames = b.free_frames;
	for (uint64_t i = 0; i < b.nframes && i < 64; i++) {
		s->state[i] = frames[i].state;
		s->order[i] = frames[i].order;
	}
}

static bool same_as_snapshot(const struct snapshot *s)
{
	struct snapshot now;

	memset(&now, 0, sizeof(now));
	take_snapshot(&now);
	return memcmp(s->free_blocks, now.free_blocks, sizeof(now.free_blocks)) == 0 &&
	       s->free_frames == now.free_frames &&
	       memcmp(s->state, now.state, b.nframes) == 0 &&
	       memcmp(s->order, now.order, b.nframes) == 0;
}

TEST(buddy_free_rejects_double_free_and_non_heads)
{
	struct snapshot before;

	memset(&before, 0, sizeof(before));
	setup(0, 16);
	buddy_add_free_range(&b, 0, 8);
	CHECK_EQ(alloc_ok(1), 0);
	CHECK_EQ(buddy_free(&b, 0), 0);
	trace();
	take_snapshot(&before);

	CHECK_EQ(buddy_free(&b, 0), -EINVAL);	/* double free */
	CHECK_EQ(alloc_ok(1), 0);
	take_snapshot(&before);
	trace();
	CHECK_EQ(buddy_free(&b, 1), -EINVAL);	/* inside an allocated block */
	CHECK_EQ(buddy_free(&b, 2), -EINVAL);	/* head of a free block */
	CHECK_EQ(buddy_free(&b, 12), -EINVAL);	/* reserved */
	CHECK_EQ(buddy_free(&b, 16), -EINVAL);	/* past the span */
	CHECK_EQ(buddy_block_order(&b, 1), -EINVAL);
	CHECK_EQ(buddy_block_order(&b, 2), -EINVAL);
	CHECK(same_as_snapshot(&before));
	CHECK_STR_EQ(trace(), "");
	CHECK_VALID();
}

TEST(buddy_add_free_range_clips_to_the_span)
{
	setup(100, 50);
	buddy_add_free_range(&b, 90, 20);	/* only [100, 110) is in the span */
	CHECK_EQ(b.managed_frames, 10);
	CHECK_STR_EQ(trace(), "free(100,2) free(104,2) free(108,1)");
	buddy_add_free_range(&b, 140, 100);	/* only [140, 150) */
	CHECK_EQ(b.managed_frames, 20);
	buddy_add_free_range(&b, 0, 50);
	buddy_add_free_range(&b, 150, 10);
	buddy_add_free_range(&b, 100, 0);
	CHECK_EQ(b.managed_frames, 20);
	CHECK_VALID();

	setup(100, 50);
	buddy_add_free_range(&b, 120, UINT64_MAX);	/* pfn + count would wrap */
	CHECK_EQ(b.managed_frames, 30);
	CHECK_STR_EQ(trace(), "free(120,3) free(128,4) free(144,2) free(148,1)");
	CHECK_VALID();
}

TEST(buddy_adjacent_ranges_merge_in_any_order)
{
	static const uint64_t ranges[4][2] = { { 0, 5 }, { 5, 17 }, { 17, 40 }, { 40, 64 } };
	static const int orders[3][4] = { { 0, 1, 2, 3 }, { 3, 2, 1, 0 }, { 2, 0, 3, 1 } };

	for (int o = 0; o < 3; o++) {
		setup(0, 64);
		for (int i = 0; i < 4; i++) {
			const uint64_t *r = ranges[orders[o][i]];
			buddy_add_free_range(&b, r[0], r[1] - r[0]);
		}
		CHECK_EQ(b.free_blocks[6], 1);
		CHECK_EQ(frames[0].state, FRAME_FREE);
		CHECK_EQ(b.free_frames, 64);
		CHECK_VALID();
	}
}

TEST(buddy_alloc_out_of_memory)
{
	uint64_t pfn = 77;

	setup(0, 16);
	buddy_add_free_range(&b, 0, 16);
	trace();
	CHECK_EQ(buddy_alloc(&b, 5, &pfn), -ENOMEM);	/* nothing that large */
	CHECK_EQ(buddy_alloc(&b, BUDDY_MAX_ORDER + 1, &pfn), -EINVAL);
	CHECK_EQ(pfn, 77);
	CHECK_STR_EQ(trace(), "");
	for (int i = 0; i < 16; i++)
		alloc_ok(0);
	CHECK_EQ(buddy_alloc(&b, 0, &pfn), -ENOMEM);
	CHECK_EQ(pfn, 77);
	CHECK_EQ(b.free_frames, 0);
	CHECK_VALID();
}

TEST(buddy_check_detects_corruption)
{
	char why[160];

	setup(0, 16);
	buddy_add_free_range(&b, 0, 16);
	CHECK(buddy_check(&b, why, sizeof(why)));

	b.free_frames++;
	CHECK(!buddy_check(&b, why, sizeof(why)));
	b.free_frames--;

	frames[5].state = FRAME_RESERVED;	/* a hole inside a free block */
	CHECK(!buddy_check(&b, why, sizeof(why)));
	frames[5].state = FRAME_INSIDE;

	frames[0].order = 3;	/* a head whose order disagrees with its list */
	CHECK(!buddy_check(&b, why, sizeof(why)));
	frames[0].order = 4;
	CHECK(buddy_check(&b, why, sizeof(why)));

	/* Two free buddies left unmerged, with every counter consistent. */
	CHECK_EQ(alloc_ok(0), 0);
	CHECK_EQ(alloc_ok(0), 1);
	CHECK_EQ(buddy_free(&b, 0), 0);
	frames[1].state = FRAME_FREE;
	list_push_front(&b.free_lists[0], &frames[1].link);
	b.free_blocks[0]++;
	b.free_frames++;
	CHECK(!buddy_check(&b, why, sizeof(why)));
	CHECK(strstr(why, "not merged") != NULL);
}

static uint64_t rng_state;

/* An odd span with holes, its ranges added out of order. */
#define STRESS_BASE 7
#define STRESS_FRAMES 3001
static const uint64_t stress_ranges[][2] = {
	{ 1100, 1800 }, { 7, 300 }, { 310, 1025 }, { 1030, 1031 }, { 2950, 3008 }, { 1800, 2900 },
};

static void add_stress_ranges(struct buddy *bd)
{
	for (size_t i = 0; i < sizeof(stress_ranges) / sizeof(stress_ranges[0]); i++)
		buddy_add_free_range(bd, stress_ranges[i][0], stress_ranges[i][1] - stress_ranges[i][0]);
}

static struct {
	uint64_t pfn;
	unsigned order;
} live[STRESS_FRAMES];
static int nlive;
static bool owned[STRESS_FRAMES];	/* frame is in a block we hold */
static uint64_t event_count[4];

static void count_event(void *ctx, enum buddy_event event, uint64_t pfn, unsigned order)
{
	(void)ctx, (void)pfn, (void)order;
	event_count[event]++;
}

static bool stress_alloc(unsigned order)
{
	uint64_t pfn;
	int rc = buddy_alloc(&b, order, &pfn);

	if (rc == -ENOMEM) {
		for (unsigned k = order; k < BUDDY_ORDERS; k++)
			if (!CHECK_EQ(b.free_blocks[k], 0))
				return false;
		return true;
	}
	if (!CHECK_EQ(rc, 0) || !CHECK_EQ(pfn % (1u << order), 0) ||
	    !CHECK(pfn >= STRESS_BASE && pfn + (1u << order) <= STRESS_BASE + STRESS_FRAMES))
		return false;
	for (uint64_t i = 0; i < (1u << order); i++) {
		if (!CHECK(!owned[pfn + i - STRESS_BASE]))	/* handed out twice */
			return false;
		owned[pfn + i - STRESS_BASE] = true;
	}
	live[nlive].pfn = pfn;
	live[nlive].order = order;
	nlive++;
	return CHECK_EQ(buddy_block_order(&b, pfn), order);
}

static bool stress_free(int i)
{
	for (uint64_t k = 0; k < (1u << live[i].order); k++)
		owned[live[i].pfn + k - STRESS_BASE] = false;
	int rc = buddy_free(&b, live[i].pfn);
	live[i] = live[--nlive];
	return CHECK_EQ(rc, 0);
}

static uint64_t live_frames(void)
{
	uint64_t n = 0;

	for (int i = 0; i < nlive; i++)
		n += 1u << live[i].order;
	return n;
}

TEST(buddy_random_operations_keep_invariants)
{
	static struct frame fresh_frames[STRESS_FRAMES];
	static struct buddy fresh;

	rng_state = 20240601;
	nlive = 0;
	memset(owned, 0, sizeof(owned));
	memset(event_count, 0, sizeof(event_count));
	buddy_init(&b, frames, STRESS_BASE, STRESS_FRAMES);
	b.trace = count_event;
	add_stress_ranges(&b);
	CHECK_EQ(b.managed_frames, 2867);
	if (!CHECK_VALID())
		return;

	for (int op = 0; op < 6000; op++) {
		uint64_t r = rng_next(&rng_state);
		bool ok;

		if (nlive == 0 || r % 100 < 55)	/* mostly small, sometimes any order */
			ok = stress_alloc(r % 8 == 0 ? (r >> 8) % BUDDY_ORDERS : (r >> 8) % 4);
		else
			ok = stress_free((int)((r >> 8) % nlive));
		if (!ok || !CHECK_VALID() ||
		    !CHECK_EQ(b.free_frames, b.managed_frames - live_frames())) {
			printf("  (at operation %d)\n", op);
			return;
		}
	}
	while (nlive > 0)
		stress_free(nlive - 1);
	CHECK_VALID();
	CHECK_EQ(b.free_frames, b.managed_frames);

	/* Each free block was counted in by FREE or SPLIT, out by MERGE or ALLOC. */
	uint64_t blocks = 0;
	for (unsigned k = 0; k < BUDDY_ORDERS; k++)
		blocks += b.free_blocks[k];
	CHECK_EQ(blocks, event_count[BUDDY_EVENT_FREE] + event_count[BUDDY_EVENT_SPLIT] -
		 event_count[BUDDY_EVENT_MERGE] - event_count[BUDDY_EVENT_ALLOC]);

	/* Fully merged: the same blocks as right after adding the ranges. */
	buddy_init(&fresh, fresh_frames, STRESS_BASE, STRESS_FRAMES);
	add_stress_ranges(&fresh);
	for (unsigned k = 0; k < BUDDY_ORDERS; k++)
		CHECK_EQ(b.free_blocks[k], fresh.free_blocks[k]);
	int differing = 0;
	for (int i = 0; i < STRESS_FRAMES; i++)
		differing += frames[i].state != fresh_frames[i].state ||
			     (frames[i].state == FRAME_FREE && frames[i].order != fresh_frames[i].order);
	CHECK_EQ(differing, 0);
}

TEST(buddy_names_come_from_the_lists)
{
	CHECK_STR_EQ(frame_state_name(FRAME_INSIDE), "inside");
	CHECK(frame_state_name((enum frame_state)(FRAME_INSIDE + 1)) == NULL);
	CHECK_STR_EQ(buddy_event_name(BUDDY_EVENT_MERGE), "merge");
	CHECK(buddy_event_name((enum buddy_event)(BUDDY_EVENT_FREE + 1)) == NULL);
}
