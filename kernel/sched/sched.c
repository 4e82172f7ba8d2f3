/*
 * The scheduler's policy-independent part (shared code): time accounting,
 * task states and the run queue's counters.  The policy (sched_cfs.c,
 * sched_rr.c) only orders the queue and decides about slices and wakeups.
 *
 * Accounting: rq->clock is the last time the caller gave us.  Between two
 * calls curr does not change, so curr ran for exactly now - rq->clock; every
 * entry point first charges that (update_curr), then acts at rq->clock.
 *
 * Around each call into the policy the audit (sched_audit.c) checks what it
 * did: min_vruntime, a woken task's vruntime, the slice the tick judged.
 */
#include "sched_internal.h"
#include "format.h"

void rq_init(struct runqueue *rq, const struct sched_policy *policy)
{
	*rq = (struct runqueue){
		.policy = policy,
		.target_latency = SCHED_TARGET_LATENCY,
		.min_granularity = SCHED_MIN_GRANULARITY,
		.wakeup_granularity = SCHED_WAKEUP_GRANULARITY,
		.rr_quantum = SCHED_RR_QUANTUM,
	};
	list_init(&rq->queue);
}

void sched_entity_init(struct sched_entity *se, int tid, int nice)
{
	if (nice < NICE_MIN)
		nice = NICE_MIN;
	if (nice > NICE_MAX)
		nice = NICE_MAX;
	*se = (struct sched_entity){
		.tid = tid,
		.nice = nice,
		.weight = sched_nice_to_weight[nice - NICE_MIN],
		.state = TASK_BLOCKED,
	};
	list_init(&se->run_link);
}

/* Advance the clock to now, charging curr for the time it ran. */
static void update_curr(struct runqueue *rq, uint64_t now)
{
	if (now <= rq->clock)
		return;		/* no time passed, or a stale time: never go back */
	uint64_t delta = now - rq->clock;
	rq->clock = now;
	if (rq->curr) {
		uint64_t min_before = rq->min_vruntime;

		rq->curr->sum_runtime += delta;
		rq->policy->charge(rq, delta);
		audit_min_vruntime(rq, min_before);
	}
}

/* se becomes runnable now and joins the queue. */
static void enqueue(struct runqueue *rq, struct sched_entity *se, bool wakeup)
{
	struct vruntime_mark before = vruntime_mark(se);

	se->state = TASK_RUNNABLE;
	se->ready_since = rq->clock;
	rq->policy->enqueue(rq, se, wakeup);
	if (wakeup)
		audit_wakeup(rq, se, before);
	rq->nr_queued++;
	rq->queued_weight += se->weight;
}

bool sched_wakeup(struct runqueue *rq, struct sched_entity *se, uint64_t now, bool is_new)
{
	/* Charge curr first: placement and preemption compare against fresh values. */
	update_curr(rq, now);
	if (is_new && rq->policy->place_new)
		rq->policy->place_new(rq, se);
	enqueue(rq, se, !is_new);
	if (!rq->curr)
		return true;
	return rq->policy->wakeup_preempts(rq, se);
}

bool sched_tick(struct runqueue *rq, uint64_t now)
{
	update_curr(rq, now);
	if (!rq->curr)
		return rq->nr_queued > 0;
	/* Nobody to hand the CPU to: a slice ending would only re-pick curr. */
	if (rq->nr_queued == 0)
		return false;
	bool over = rq->policy->slice_over(rq);
	audit_slice(rq, over);
	return over;
}

/* Take the policy's choice off the queue and make it curr. */
static struct sched_entity *pick_next(struct runqueue *rq, const struct sched_entity *prev)
{
	uint64_t min_before = rq->min_vruntime;
	struct sched_entity *next = rq->policy->pick_next(rq);

	audit_min_vruntime(rq, min_before);
	rq->curr = next;
	if (!next)
		return NULL;
	rq->nr_queued--;
	rq->queued_weight -= next->weight;
	next->state = TASK_RUNNING;
	rq->slice_start = rq->clock;
	if (next != prev) {
		next->wait_time += rq->clock - next->ready_since;
		next->exec_start = rq->clock;
		next->switches++;
	}
	return next;
}

struct sched_entity *sched_switch(struct runqueue *rq, uint64_t now, enum task_state prev_state)
{
	struct sched_entity *prev = rq->curr;

	update_curr(rq, now);
	if (prev) {
		rq->curr = NULL;
		if (prev_state == TASK_RUNNABLE)
			enqueue(rq, prev, false);
		else
			prev->state = prev_state;
	}
	return pick_next(rq, prev);
}

/* --- sched_check ---------------------------------------------------------- */

static bool check_entity(const struct sched_entity *se, char *why, size_t why_len)
{
	if (se->nice < NICE_MIN || se->nice > NICE_MAX ||
	    se->weight != sched_nice_to_weight[se->nice - NICE_MIN])
		return check_failed(why, why_len, "task %d: weight %u does not match nice %d",
				  se->tid, se->weight, se->nice);
	return true;
}

bool sched_check_queued(const struct runqueue *rq, const struct sched_entity *se,
			char *why, size_t why_len)
{
	if (!check_entity(se, why, why_len))
		return false;
	if (se == rq->curr)
		return check_failed(why, why_len, "task %d: queued while running", se->tid);
	if (se->state != TASK_RUNNABLE)
		return check_failed(why, why_len, "task %d: queued in state %d", se->tid, se->state);
	if (se->ready_since > rq->clock)
		return check_failed(why, why_len, "task %d: ready since the future", se->tid);
	return true;
}

bool sched_check_totals(const struct runqueue *rq, unsigned count, uint64_t weight,
			char *why, size_t why_len)
{
	if (count != rq->nr_queued)
		return check_failed(why, why_len, "%u tasks queued, nr_queued says %u",
				  count, rq->nr_queued);
	if (weight != rq->queued_weight)
		return check_failed(why, why_len, "queued weight %llu, queued_weight says %llu",
				  (unsigned long long)weight,
				  (unsigned long long)rq->queued_weight);
	return true;
}

bool sched_check(const struct runqueue *rq, char *why, size_t why_len)
{
	const struct sched_entity *curr = rq->curr;

	if (curr) {
		if (!check_entity(curr, why, why_len))
			return false;
		if (curr->state != TASK_RUNNING)
			return check_failed(why, why_len, "curr %d: state %d, not running",
					  curr->tid, curr->state);
		if (rq->slice_start > rq->clock || curr->exec_start > rq->slice_start)
			return check_failed(why, why_len, "curr %d: started %llu, slice %llu, clock %llu",
					  curr->tid, (unsigned long long)curr->exec_start,
					  (unsigned long long)rq->slice_start,
					  (unsigned long long)rq->clock);
	}
	/* The audit first: its first broken rule is the likely cause of the rest. */
	if (!audit_check(rq, why, why_len) || !rq->policy->check(rq, why, why_len))
		return false;
	if (why_len > 0)
		why[0] = '\0';
	return true;
}
