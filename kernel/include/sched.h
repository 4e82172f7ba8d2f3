/*
 * The scheduler (shared code): which runnable task runs next, and when the
 * running one has had enough.  It knows nothing of stacks or registers:
 * the kernel's thread layer (and the browser's simulator) call it with the
 * time in nanoseconds and switch to whatever it picks.
 *
 * Two policies share this interface, chosen per run queue:
 *   - CFS: each task's virtual runtime grows by its runtime scaled by
 *     NICE_0_WEIGHT / weight (the Linux nice-to-weight table), the task with
 *     the smallest vruntime runs next (a red-black tree keyed by vruntime),
 *     slices are target_latency shared in proportion to weight but never
 *     shorter than min_granularity, and a waking task is placed near
 *     min_vruntime so it neither starves nor monopolises the CPU.
 *   - Round robin: a FIFO queue and a fixed quantum.
 */
#ifndef AURORA_SCHED_H
#define AURORA_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"
#include "rbtree.h"

#define NICE_MIN (-20)
#define NICE_MAX 19
#define NICE_0_WEIGHT 1024

/* rq_init's defaults, in ns. */
#define SCHED_TARGET_LATENCY 6000000ull
#define SCHED_MIN_GRANULARITY 750000ull
#define SCHED_WAKEUP_GRANULARITY 1000000ull
#define SCHED_RR_QUANTUM 4000000ull

/* Linux's weights, nice -20 .. 19: each step is about 1.25x. */
extern const uint32_t sched_nice_to_weight[NICE_MAX - NICE_MIN + 1];

enum task_state { TASK_RUNNABLE, TASK_RUNNING, TASK_BLOCKED, TASK_DEAD };

struct sched_entity {
	int tid;
	int nice;
	uint32_t weight;
	enum task_state state;
	uint64_t vruntime;	/* CFS: runtime weighted by NICE_0_WEIGHT / weight */
	uint32_t vruntime_rem;	/* CFS: the fraction charging dropped, in 1/weight ns */
	uint64_t sum_runtime;	/* ns it has run */
	uint64_t wait_time;	/* ns it was runnable but not running */
	uint64_t switches;	/* times it was switched to (not re-picked while running) */
	uint64_t exec_start;	/* when it last started running */
	uint64_t ready_since;	/* when it last became runnable */
	struct rb_node run_node;	/* CFS: in the tree while queued */
	struct list_node run_link;	/* round robin: in the queue while queued */
};

struct runqueue;

struct sched_policy {
	const char *name;
	/* Queue a runnable task (not curr); `wakeup` for one that slept. */
	void (*enqueue)(struct runqueue *rq, struct sched_entity *se, bool wakeup);
	/* Take the task that should run next off the queue, or NULL. */
	struct sched_entity *(*pick_next)(struct runqueue *rq);
	/* Charge curr for delta ns of running. */
	void (*charge)(struct runqueue *rq, uint64_t delta);
	/* Has curr used up its slice? */
	bool (*slice_over)(const struct runqueue *rq);
	/* Should the just-woken task take the CPU from curr now? */
	bool (*wakeup_preempts)(const struct runqueue *rq, const struct sched_entity *woken);
	/* Give a new task its starting position (before its first enqueue); may be NULL. */
	void (*place_new)(struct runqueue *rq, struct sched_entity *se);
	/* Check the policy's queue: links, order, nr_queued, queued_weight. */
	bool (*check)(const struct runqueue *rq, char *why, size_t why_len);
};

extern const struct sched_policy sched_cfs, sched_rr;

/*
 * What the framework saw the policy do (sched_audit.c), recorded the moment
 * it happens: a later sched_check sees only the result, and a vruntime that
 * went back and forth, or a slice cut short, leaves no trace in it.
 * sched_check reports the first broken rule; schedstat prints the slices.
 */
struct sched_audit {
	uint64_t broken;		/* rules broken: a charge not exact, a vruntime back */
	char first[112];		/* the first of them, described */
	uint64_t slices_ended;		/* ticks that ended curr's slice (others waiting) */
	uint64_t shortest_ended;	/*   the least curr had run at one of them, ns */
	uint64_t slices_extended;	/* ticks that let curr's slice go on (others waiting) */
	uint64_t longest_extended;	/*   the most curr had run at one of them, ns */
};

struct runqueue {
	const struct sched_policy *policy;
	struct sched_entity *curr;	/* running (not queued), or NULL: idle */
	uint64_t clock;			/* the latest time the caller passed in */
	uint64_t slice_start;		/* when curr was picked */
	unsigned nr_queued;
	uint64_t queued_weight;		/* sum of the queued tasks' weights */
	struct rb_root tree;		/* CFS: queued tasks by vruntime */
	uint64_t min_vruntime;		/* CFS: never decreases */
	struct list_node queue;		/* round robin: queued tasks in order */
	uint64_t target_latency;	/* CFS: every runnable task runs within this */
	uint64_t min_granularity;	/* CFS: no slice shorter than this */
	uint64_t rr_quantum;		/* round robin: the slice */
	uint64_t wakeup_granularity;	/* CFS: a woken task preempts only if this far ahead
					   (ns of a nice-0 task, scaled by its weight) */
	struct sched_audit audit;
};

void rq_init(struct runqueue *rq, const struct sched_policy *policy);
/* nice is clamped to NICE_MIN..NICE_MAX.  The task starts TASK_BLOCKED
   (not yet runnable) until its first sched_wakeup(..., is_new = true). */
void sched_entity_init(struct sched_entity *se, int tid, int nice);

/* A new (`is_new`) or woken task becomes runnable at `now`.  True if it
   should preempt curr, or if the CPU is idle (curr == NULL): the caller then
   calls sched_switch. */
bool sched_wakeup(struct runqueue *rq, struct sched_entity *se, uint64_t now, bool is_new);

/* Time has advanced to `now` (a timer tick): charge curr.  True if curr
   should give up the CPU: its slice is over and another task is queued (or
   the CPU is idle while tasks are queued). */
bool sched_tick(struct runqueue *rq, uint64_t now);

/*
 * curr stops running at `now`: it stays runnable (TASK_RUNNABLE: preempted
 * or yielding, it is queued again), blocks (TASK_BLOCKED) or exits
 * (TASK_DEAD).  Returns the task to run next, now curr, or NULL to idle.
 * With no curr (idle) prev_state is ignored and it only picks.
 * Time never runs backwards: a `now` older than rq->clock counts as rq->clock.
 */
struct sched_entity *sched_switch(struct runqueue *rq, uint64_t now, enum task_state prev_state);

/* Check the queue's invariants (tree order, counts, weights, min_vruntime)
   and that the audit saw no rule broken. */
bool sched_check(const struct runqueue *rq, char *why, size_t why_len);

#endif
