/*
 * Round robin (shared code): a FIFO queue and a fixed quantum.  A task that
 * is preempted or wakes up goes to the back; a wakeup never preempts.
 */
#include "format.h"
#include "sched_internal.h"

static struct sched_entity *entity_of(struct list_node *link)
{
	return container_of(link, struct sched_entity, run_link);
}

static void rr_enqueue(struct runqueue *rq, struct sched_entity *se, bool wakeup)
{
	(void)wakeup;
	list_push_back(&rq->queue, &se->run_link);
}

static struct sched_entity *rr_pick_next(struct runqueue *rq)
{
	if (list_empty(&rq->queue))
		return NULL;
	struct sched_entity *next = entity_of(rq->queue.next);
	list_remove(&next->run_link);
	return next;
}

static void rr_charge(struct runqueue *rq, uint64_t delta)
{
	/* Only the slice matters, and that is measured from slice_start. */
	(void)rq;
	(void)delta;
}

static bool rr_slice_over(const struct runqueue *rq)
{
	return rq->clock - rq->slice_start >= rq->rr_quantum;
}

static bool rr_wakeup_preempts(const struct runqueue *rq, const struct sched_entity *woken)
{
	(void)rq;
	(void)woken;
	return false;
}

static bool rr_check(const struct runqueue *rq, char *why, size_t why_len)
{
	unsigned count = 0;
	uint64_t weight = 0;
	struct list_node *link;

	if (rq->tree.node)
		return check_failed(why, why_len, "round robin with tasks in the CFS tree");
	list_for_each(link, &rq->queue) {
		if (link->next->prev != link)
			return check_failed(why, why_len, "queue: broken links");
		/* More links than tasks counted means a cycle that misses the head. */
		if (count > rq->nr_queued)
			return check_failed(why, why_len, "queue: longer than nr_queued %u",
					  rq->nr_queued);
		if (!sched_check_queued(rq, entity_of(link), why, why_len))
			return false;
		count++;
		weight += entity_of(link)->weight;
	}
	return sched_check_totals(rq, count, weight, why, why_len);
}

const struct sched_policy sched_rr = {
	.name = "rr",
	.enqueue = rr_enqueue,
	.pick_next = rr_pick_next,
	.charge = rr_charge,
	.slice_over = rr_slice_over,
	.wakeup_preempts = rr_wakeup_preempts,
	.place_new = NULL,
	.check = rr_check,
};
