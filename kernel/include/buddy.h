/*
 * The buddy frame allocator (shared code: kernel, host tests, wasm).
 *
 * Physical memory is managed in frames of FRAME_SIZE bytes, named by their
 * frame number (pfn = physical address / FRAME_SIZE).  A block of order k is
 * 2^k frames whose first pfn is a multiple of 2^k; its buddy is the block of
 * the same order at pfn ^ 2^k.  Freeing a block merges it with its buddy
 * while the buddy is free, so free memory stays in the largest blocks it can.
 *
 * All bookkeeping lives in a caller-supplied array of struct frame, one per
 * frame in [base_pfn, base_pfn + nframes).  The allocator never reads or
 * writes the frames themselves, which is why the same code runs in the
 * browser with no physical memory behind it.
 */
#ifndef AURORA_BUDDY_H
#define AURORA_BUDDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"

#define FRAME_SHIFT 12
#define FRAME_SIZE (1ull << FRAME_SHIFT)
#define BUDDY_MAX_ORDER 10	/* largest block: 2^10 frames, 4 MiB */
#define BUDDY_ORDERS (BUDDY_MAX_ORDER + 1)

/* The state of a frame: the enum's name, and its own. */
#define FRAME_STATES(X)								\
	X(RESERVED, "reserved")	/* never given to the allocator (holes, kernel, ...) */ \
	X(FREE, "free")		/* first frame of a free block */		\
	X(ALLOCATED, "allocated")	/* first frame of an allocated block */	\
	X(INSIDE, "inside")	/* a later frame of a free or allocated block */

enum frame_state {
#define FRAME_STATE_ENUM(id, name) FRAME_##id,
	FRAME_STATES(FRAME_STATE_ENUM)
#undef FRAME_STATE_ENUM
};

struct frame {
	struct list_node link;	/* in free_lists[order] while FRAME_FREE */
	uint8_t order;		/* block order, for FRAME_FREE and FRAME_ALLOCATED */
	uint8_t state;		/* enum frame_state */
	/* For whoever holds an allocated frame: the kernel counts the user
	   address spaces that map it (copy-on-write).  The allocator never
	   reads it. */
	uint16_t refs;
};

/* What the allocator just did, for visualisers and tracing tests. */
#define BUDDY_EVENTS(X)								\
	X(SPLIT, "split")	/* block (pfn, order) split into two of order-1 */ \
	X(MERGE, "merge")	/* two buddies merged into block (pfn, order) */ \
	X(ALLOC, "alloc")	/* block (pfn, order) handed out */		\
	X(FREE, "free")		/* block (pfn, order) given back, before merging */

enum buddy_event {
#define BUDDY_EVENT_ENUM(id, name) BUDDY_EVENT_##id,
	BUDDY_EVENTS(BUDDY_EVENT_ENUM)
#undef BUDDY_EVENT_ENUM
};

typedef void (*buddy_trace_fn)(void *ctx, enum buddy_event event,
			       uint64_t pfn, unsigned order);

struct buddy {
	struct frame *frames;
	uint64_t base_pfn;
	uint64_t nframes;
	struct list_node free_lists[BUDDY_ORDERS];
	uint64_t free_blocks[BUDDY_ORDERS];	/* length of each free list */
	uint64_t free_frames;
	uint64_t managed_frames;	/* frames handed over by buddy_add_free_range */
	buddy_trace_fn trace;		/* may be NULL */
	void *trace_ctx;
};

/* Start with every frame in [base_pfn, base_pfn + nframes) reserved. */
void buddy_init(struct buddy *b, struct frame *frames, uint64_t base_pfn,
		uint64_t nframes);

/* Give the frames [pfn, pfn + count) to the allocator (clipped to its span). */
void buddy_add_free_range(struct buddy *b, uint64_t pfn, uint64_t count);

/* Allocate a block of 2^order frames; 0 and its first pfn, or -ENOMEM / -EINVAL. */
int buddy_alloc(struct buddy *b, unsigned order, uint64_t *pfn);

/* Free the block that starts at pfn; 0, or -EINVAL if pfn heads no allocated block. */
int buddy_free(struct buddy *b, uint64_t pfn);

/* The order of the allocated block that starts at pfn, or -EINVAL. */
int buddy_block_order(const struct buddy *b, uint64_t pfn);

/*
 * Check every invariant (free lists match frame states, blocks aligned and
 * inside the span, no two free buddies unmerged, counters agree).  Returns
 * true when all hold; otherwise false with a one-line reason in `why`.
 */
bool buddy_check(const struct buddy *b, char *why, size_t why_len);

/* "reserved", "free", ...: the state's name in FRAME_STATES; NULL for none. */
const char *frame_state_name(enum frame_state state);
/* "split", "merge", ...: the event's name in BUDDY_EVENTS; NULL for none. */
const char *buddy_event_name(enum buddy_event event);

#endif
