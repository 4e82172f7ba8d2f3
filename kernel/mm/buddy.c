/*
 * The buddy frame allocator (shared code).  See buddy.h for the model.
 *
 * A block is described only by the struct frame of its first frame (its
 * head): state FRAME_FREE or FRAME_ALLOCATED and its order.  The other frames
 * of the block are FRAME_INSIDE, so a pfn names a block only if it is a
 * head.  Splitting and merging touch two heads at a time, never the frames
 * in between, so each step costs O(1) whatever the order.
 */
#include "buddy.h"
#include "enum_names.h"
#include "errno.h"
#include "format.h"

static uint64_t block_frames(unsigned order)
{
	return (uint64_t)1 << order;
}

static bool in_span(const struct buddy *b, uint64_t pfn)
{
	return pfn >= b->base_pfn && pfn - b->base_pfn < b->nframes;
}

static struct frame *frame_of(const struct buddy *b, uint64_t pfn)
{
	return &b->frames[pfn - b->base_pfn];
}

static uint64_t pfn_of(const struct buddy *b, const struct frame *f)
{
	return b->base_pfn + (uint64_t)(f - b->frames);
}

static void trace(const struct buddy *b, enum buddy_event event, uint64_t pfn,
		  unsigned order)
{
	if (b->trace)
		b->trace(b->trace_ctx, event, pfn, order);
}

/* Make the block at pfn a free block of this order, on its free list. */
static void free_list_add(struct buddy *b, uint64_t pfn, unsigned order)
{
	struct frame *f = frame_of(b, pfn);

	f->state = FRAME_FREE;
	f->order = order;
	list_push_front(&b->free_lists[order], &f->link);
	b->free_blocks[order]++;
	b->free_frames += block_frames(order);
}

/* Take a free block off its list; the caller decides what its head becomes. */
static void free_list_remove(struct buddy *b, uint64_t pfn)
{
	struct frame *f = frame_of(b, pfn);

	list_remove(&f->link);
	b->free_blocks[f->order]--;
	b->free_frames -= block_frames(f->order);
}

/* Is there a free block of exactly this order at pfn? */
static bool is_free_block(const struct buddy *b, uint64_t pfn, unsigned order)
{
	if (!in_span(b, pfn))
		return false;
	const struct frame *f = frame_of(b, pfn);
	return f->state == FRAME_FREE && f->order == order;
}

void buddy_init(struct buddy *b, struct frame *frames, uint64_t base_pfn,
		uint64_t nframes)
{
	*b = (struct buddy){ .frames = frames, .base_pfn = base_pfn, .nframes = nframes };
	for (unsigned order = 0; order < BUDDY_ORDERS; order++)
		list_init(&b->free_lists[order]);
	for (uint64_t i = 0; i < nframes; i++) {
		frames[i] = (struct frame){ .state = FRAME_RESERVED };
		list_init(&frames[i].link);
	}
}

/* The smallest order >= order with a free block, or BUDDY_ORDERS if none. */
static unsigned smallest_free_order(const struct buddy *b, unsigned order)
{
	while (order < BUDDY_ORDERS && list_empty(&b->free_lists[order]))
		order++;
	return order;
}

int buddy_alloc(struct buddy *b, unsigned order, uint64_t *pfn)
{
	if (order > BUDDY_MAX_ORDER)
		return -EINVAL;
	unsigned have = smallest_free_order(b, order);
	if (have > BUDDY_MAX_ORDER)
		return -ENOMEM;

	struct frame *head = container_of(b->free_lists[have].next, struct frame, link);
	uint64_t start = pfn_of(b, head);
	free_list_remove(b, start);

	// LAB 1 SOLUTION BEGIN (exercise: split a larger block)
	/* Keep the lower half, give the upper half back, until it fits. */
	while (have > order) {
		trace(b, BUDDY_EVENT_SPLIT, start, have);
		have--;
		free_list_add(b, start + block_frames(have), have);
	}
	// LAB 1 SOLUTION STUB
	// if (have != order) {	/* no splitting yet: only exact fits */
	// 	free_list_add(b, start, have);
	// 	return -ENOMEM;
	// }
	// LAB 1 SOLUTION END

	head->state = FRAME_ALLOCATED;
	head->order = order;
	trace(b, BUDDY_EVENT_ALLOC, start, order);
	*pfn = start;
	return 0;
}

/* Put a block back, merging it with its buddy for as long as that is free. */
static void release_block(struct buddy *b, uint64_t pfn, unsigned order)
{
	trace(b, BUDDY_EVENT_FREE, pfn, order);

	// LAB 1 SOLUTION BEGIN (exercise: merge a freed block with its buddy)
	while (order < BUDDY_MAX_ORDER) {
		uint64_t buddy = pfn ^ block_frames(order);

		if (!is_free_block(b, buddy, order))
			break;
		free_list_remove(b, buddy);
		/* The higher head of the two is now inside the merged block. */
		frame_of(b, pfn > buddy ? pfn : buddy)->state = FRAME_INSIDE;
		pfn = pfn < buddy ? pfn : buddy;
		order++;
		trace(b, BUDDY_EVENT_MERGE, pfn, order);
	}
	// LAB 1 SOLUTION STUB
	// /* No merging yet: the block goes back on its list as it is. */
	// LAB 1 SOLUTION END

	free_list_add(b, pfn, order);
}

int buddy_free(struct buddy *b, uint64_t pfn)
{
	int order = buddy_block_order(b, pfn);

	if (order < 0)
		return order;
	release_block(b, pfn, order);
	return 0;
}

int buddy_block_order(const struct buddy *b, uint64_t pfn)
{
	if (!in_span(b, pfn) || frame_of(b, pfn)->state != FRAME_ALLOCATED)
		return -EINVAL;
	return frame_of(b, pfn)->order;
}

/* The largest block that starts at pfn (alignment) and ends by end. */
static unsigned largest_block_at(uint64_t pfn, uint64_t end)
{
	unsigned order = 0;

	while (order < BUDDY_MAX_ORDER && pfn % block_frames(order + 1) == 0 &&
	       block_frames(order + 1) <= end - pfn)
		order++;
	return order;
}

/* Hand a reserved block to the allocator as if it had been allocated and freed. */
static void add_block(struct buddy *b, uint64_t pfn, unsigned order)
{
	for (uint64_t i = 1; i < block_frames(order); i++)
		frame_of(b, pfn + i)->state = FRAME_INSIDE;
	b->managed_frames += block_frames(order);
	release_block(b, pfn, order);
}

void buddy_add_free_range(struct buddy *b, uint64_t pfn, uint64_t count)
{
	uint64_t span_end = b->base_pfn + b->nframes;
	/* Clip, and saturate pfn + count rather than let it wrap around. */
	uint64_t end = count > UINT64_MAX - pfn ? UINT64_MAX : pfn + count;
	if (pfn < b->base_pfn)
		pfn = b->base_pfn;
	if (end > span_end)
		end = span_end;

	while (pfn < end) {
		unsigned order = largest_block_at(pfn, end);

		add_block(b, pfn, order);
		pfn += block_frames(order);
	}
}

/* --- buddy_check ---------------------------------------------------------- */

/* Every node on free_lists[order] is a free head of that order, correctly linked. */
static bool check_free_list(const struct buddy *b, unsigned order, char *why,
			    size_t why_len)
{
	const struct list_node *head = &b->free_lists[order], *node;
	uint64_t count = 0;

	list_for_each(node, head) {
		const struct frame *f = container_of(node, struct frame, link);

		if (node->next->prev != node)
			return check_failed(why, why_len, "free list %u: broken links", order);
		if (f < b->frames || f >= b->frames + b->nframes)
			return check_failed(why, why_len, "free list %u: node outside the frame array", order);
		if (f->state != FRAME_FREE || f->order != order)
			return check_failed(why, why_len, "free list %u: pfn %#llx is state %u order %u",
				    order, (unsigned long long)pfn_of(b, f), f->state, f->order);
		if (++count > b->nframes)
			return check_failed(why, why_len, "free list %u: cycle", order);
	}
	if (count != b->free_blocks[order])
		return check_failed(why, why_len, "free list %u: %llu blocks, free_blocks says %llu",
			    order, (unsigned long long)count,
			    (unsigned long long)b->free_blocks[order]);
	return true;
}

/* The block headed at pfn is aligned, inside the span, made of INSIDE frames, merged. */
static bool check_block(const struct buddy *b, uint64_t pfn, char *why, size_t why_len)
{
	const struct frame *f = frame_of(b, pfn);

	if (f->order > BUDDY_MAX_ORDER)
		return check_failed(why, why_len, "pfn %#llx: order %u too large",
			    (unsigned long long)pfn, f->order);
	uint64_t size = block_frames(f->order);
	if (pfn % size != 0)
		return check_failed(why, why_len, "pfn %#llx: not aligned for order %u",
			    (unsigned long long)pfn, f->order);
	if (size > b->base_pfn + b->nframes - pfn)
		return check_failed(why, why_len, "pfn %#llx: order %u block runs past the span",
			    (unsigned long long)pfn, f->order);
	for (uint64_t i = 1; i < size; i++)
		if (frame_of(b, pfn + i)->state != FRAME_INSIDE)
			return check_failed(why, why_len, "pfn %#llx: frame %#llx of its block is not INSIDE",
				    (unsigned long long)pfn, (unsigned long long)(pfn + i));
	if (f->state == FRAME_FREE && f->order < BUDDY_MAX_ORDER &&
	    is_free_block(b, pfn ^ size, f->order))
		return check_failed(why, why_len, "pfn %#llx: free buddies of order %u not merged",
			    (unsigned long long)pfn, f->order);
	return true;
}

/* What a walk over the frame array counts, to compare with the counters. */
struct tally {
	uint64_t free_blocks[BUDDY_ORDERS];
	uint64_t free_frames;
	uint64_t managed_frames;
};

static bool walk_frames(const struct buddy *b, struct tally *t, char *why, size_t why_len)
{
	uint64_t i = 0;

	while (i < b->nframes) {
		uint64_t pfn = b->base_pfn + i;
		const struct frame *f = frame_of(b, pfn);

		switch (f->state) {
		case FRAME_RESERVED:
			i++;
			continue;
		case FRAME_FREE:
		case FRAME_ALLOCATED:
			break;
		case FRAME_INSIDE:
			return check_failed(why, why_len, "pfn %#llx: INSIDE frame in no block",
				    (unsigned long long)pfn);
		default:
			return check_failed(why, why_len, "pfn %#llx: bad state %u",
				    (unsigned long long)pfn, f->state);
		}
		if (!check_block(b, pfn, why, why_len))
			return false;
		if (f->state == FRAME_FREE) {
			t->free_blocks[f->order]++;
			t->free_frames += block_frames(f->order);
		}
		t->managed_frames += block_frames(f->order);
		i += block_frames(f->order);
	}
	return true;
}

bool buddy_check(const struct buddy *b, char *why, size_t why_len)
{
	struct tally t = {0};

	for (unsigned order = 0; order < BUDDY_ORDERS; order++)
		if (!check_free_list(b, order, why, why_len))
			return false;
	if (!walk_frames(b, &t, why, why_len))
		return false;
	/* Each list holds only free heads of its order; equal counts mean all of them. */
	for (unsigned order = 0; order < BUDDY_ORDERS; order++)
		if (t.free_blocks[order] != b->free_blocks[order])
			return check_failed(why, why_len, "order %u: %llu free heads, free_blocks says %llu",
				    order, (unsigned long long)t.free_blocks[order],
				    (unsigned long long)b->free_blocks[order]);
	if (t.free_frames != b->free_frames)
		return check_failed(why, why_len, "%llu frames in free blocks, free_frames says %llu",
			    (unsigned long long)t.free_frames, (unsigned long long)b->free_frames);
	if (t.managed_frames != b->managed_frames)
		return check_failed(why, why_len, "%llu frames in blocks, managed_frames says %llu",
			    (unsigned long long)t.managed_frames,
			    (unsigned long long)b->managed_frames);
	if (why_len > 0)
		why[0] = '\0';
	return true;
}

/* --- names, for traces and visualisers ----------------------------------- */

ENUM_NAME_FUNCTION(frame_state_name, enum frame_state, FRAME_STATES)
ENUM_NAME_FUNCTION(buddy_event_name, enum buddy_event, BUDDY_EVENTS)
