/*
 * The completely fair scheduler (shared code).  See sched.h for the model.
 *
 * Exact charging: vruntime should grow by delta * NICE_0_WEIGHT / weight.
 * Dividing each tick's delta on its own would lose up to 1 ns per tick, a
 * drift that depends on how time was cut into ticks (and could let a task
 * run forever for free with small enough deltas).  Instead each task keeps
 * the remainder, vruntime_rem < weight, so that always
 *     vruntime * weight + vruntime_rem == runtime * NICE_0_WEIGHT
 * (plus where placement put it).  delta is split into delta / weight and
 * delta % weight first, so nothing overflows 64 bits whatever delta is.
 *
 * Placement: a new task starts at min_vruntime.  Linux also debits it a
 * slice's worth (START_DEBIT) so a fork loop cannot crowd out the others;
 * we leave that out so a new task runs soon, and the visualiser's numbers
 * stay easy to follow.  A waking sleeper keeps its vruntime unless that is
 * more than target_latency / 2 behind min_vruntime: it gets a small head
 * start, not the whole time it slept.  Times are unsigned and saturate at 0
 * (2^64 ns is 584 years, so no wrap-around handling is needed).
 */
#include "format.h"
#include "sched_internal.h"

const uint32_t sched_nice_to_weight[NICE_MAX - NICE_MIN + 1] = {
	/* -20 */ 88761, 71755, 56483, 46273, 36291,
	/* -15 */ 29154, 23254, 18705, 14949, 11916,
	/* -10 */ 9548, 7620, 6100, 4904, 3906,
	/*  -5 */ 3121, 2501, 1991, 1586, 1277,
	/*   0 */ 1024, 820, 655, 526, 423,
	/*   5 */ 335, 272, 215, 172, 137,
	/*  10 */ 110, 87, 70, 56, 45,
	/*  15 */ 36, 29, 23, 18, 15,
};

static struct sched_entity *entity_of(const struct rb_node *node)
{
	return container_of(node, struct sched_entity, run_node);
}

static bool vruntime_less(const struct rb_node *a, const struct rb_node *b)
{
	return entity_of(a)->vruntime < entity_of(b)->vruntime;
}

static struct sched_entity *leftmost(const struct runqueue *rq)
{
	struct rb_node *first = rb_first(&rq->tree);

	return first ? entity_of(first) : NULL;
}

/* ns of running that cost a task of this weight `vruntime` of vruntime. */
static uint64_t scale_to_weight(uint64_t ns, uint32_t weight)
{
	return ns * NICE_0_WEIGHT / weight;
}

/*
 * min_vruntime follows the smallest vruntime among curr (the task about to
 * run, or running) and the queue, but never goes back: a sleeper placed
 * behind it must not drag every later placement back with it.
 */
static void update_min_vruntime(struct runqueue *rq, const struct sched_entity *curr)
{
	const struct sched_entity *first = leftmost(rq);
	uint64_t smallest;

	if (curr)
		smallest = first && first->vruntime < curr->vruntime ? first->vruntime
								       : curr->vruntime;
	else if (first)
		smallest = first->vruntime;
	else
		return;
	if (smallest > rq->min_vruntime)
		rq->min_vruntime = smallest;
}

static void cfs_place_new(struct runqueue *rq, struct sched_entity *se)
{
	se->vruntime = rq->min_vruntime;
	se->vruntime_rem = 0;
}

static void place_sleeper(struct runqueue *rq, struct sched_entity *se)
{
	uint64_t credit = rq->target_latency / 2;
	uint64_t floor = rq->min_vruntime > credit ? rq->min_vruntime - credit : 0;

	if (se->vruntime < floor) {
		se->vruntime = floor;
		se->vruntime_rem = 0;
	}
}

static void cfs_enqueue(struct runqueue *rq, struct sched_entity *se, bool wakeup)
{
	if (wakeup)
		place_sleeper(rq, se);
	rb_insert(&rq->tree, &se->run_node, vruntime_less);
}

static struct sched_entity *cfs_pick_next(struct runqueue *rq)
{
	struct sched_entity *next = leftmost(rq);

	if (!next)
		return NULL;
	rb_erase(&rq->tree, &next->run_node);
	update_min_vruntime(rq, next);
	return next;
}

static void charge_weighted(struct runqueue *rq, uint64_t delta)
{
	// LAB 3 SOLUTION BEGIN (exercise: charge curr's weighted runtime and advance min_vruntime)
	struct sched_entity *curr = rq->curr;
	uint64_t whole = delta / curr->weight, part = delta % curr->weight;
	/* < weight + weight * 1024: no overflow. */
	uint64_t fraction = curr->vruntime_rem + part * NICE_0_WEIGHT;

	curr->vruntime += whole * NICE_0_WEIGHT + fraction / curr->weight;
	curr->vruntime_rem = fraction % curr->weight;
	update_min_vruntime(rq, curr);
	// LAB 3 SOLUTION STUB
	// (void)rq;	/* vruntime never grows: all tie at 0 and merely take turns */
	// (void)delta;
	// LAB 3 SOLUTION END
}

/* The exercise's charge, with the audit watching that it is exact. */
static void cfs_charge(struct runqueue *rq, uint64_t delta)
{
	struct vruntime_mark before = vruntime_mark(rq->curr);

	charge_weighted(rq, delta);
	audit_charge(rq, rq->curr, before, delta);
}

/* curr's share of target_latency, by weight among every runnable task. */
static uint64_t cfs_slice(const struct runqueue *rq)
{
	uint64_t weight = rq->curr->weight;
	uint64_t slice = rq->target_latency * weight / (rq->queued_weight + weight);

	return slice > rq->min_granularity ? slice : rq->min_granularity;
}

static bool cfs_slice_over(const struct runqueue *rq)
{
	return rq->clock - rq->slice_start >= cfs_slice(rq);
}

static bool cfs_wakeup_preempts(const struct runqueue *rq, const struct sched_entity *woken)
{
	uint64_t curr_vruntime = rq->curr->vruntime;
	/* The granularity as vruntime of the woken task: a heavy task preempts
	   more easily, a light one must be further behind. */
	uint64_t granularity = scale_to_weight(rq->wakeup_granularity, woken->weight);

	return curr_vruntime > woken->vruntime && curr_vruntime - woken->vruntime > granularity;
}

/*
 * Every runnable vruntime is at least min_vruntime - target_latency / 2: a
 * placement never goes below that, and min_vruntime only moves past a value
 * when every runnable task has.
 */
static bool check_vruntime(const struct runqueue *rq, const struct sched_entity *se,
			   char *why, size_t why_len)
{
	uint64_t credit = rq->target_latency / 2;

	if (se->vruntime_rem >= se->weight)
		return check_failed(why, why_len, "task %d: vruntime remainder %u >= weight %u",
				  se->tid, se->vruntime_rem, se->weight);
	if (se->vruntime + credit < rq->min_vruntime)
		return check_failed(why, why_len, "task %d: vruntime %llu too far below min_vruntime %llu",
				  se->tid, (unsigned long long)se->vruntime,
				  (unsigned long long)rq->min_vruntime);
	return true;
}

static bool cfs_check(const struct runqueue *rq, char *why, size_t why_len)
{
	unsigned count = 0;
	uint64_t weight = 0;

	if (!rb_check(&rq->tree, vruntime_less, why, why_len))
		return false;
	if (!list_empty(&rq->queue))
		return check_failed(why, why_len, "CFS with tasks on the round-robin queue");
	if (rq->curr && !check_vruntime(rq, rq->curr, why, why_len))
		return false;
	for (struct rb_node *node = rb_first(&rq->tree); node; node = rb_next(node)) {
		const struct sched_entity *se = entity_of(node);

		if (!sched_check_queued(rq, se, why, why_len) ||
		    !check_vruntime(rq, se, why, why_len))
			return false;
		count++;
		weight += se->weight;
	}
	return sched_check_totals(rq, count, weight, why, why_len);
}

const struct sched_policy sched_cfs = {
	.name = "cfs",
	.enqueue = cfs_enqueue,
	.pick_next = cfs_pick_next,
	.charge = cfs_charge,
	.slice_over = cfs_slice_over,
	.wakeup_preempts = cfs_wakeup_preempts,
	.place_new = cfs_place_new,
	.check = cfs_check,
};
