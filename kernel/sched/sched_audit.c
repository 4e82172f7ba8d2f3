/*
 * The scheduler's audit (shared code): the framework (sched.c, and the
 * parts of sched_cfs.c around the exercise) hands it what the policy did,
 * and it checks the rules that sched_check, which sees only the state at
 * one moment, cannot: every charge exact, min_vruntime and a woken task's
 * vruntime never going back, and how long slices ran when the tick ended
 * or extended them.  Graders read it through sched_check and schedstat, so
 * they can be exact about the logic however late a loaded machine's ticks.
 */
#include "format.h"
#include "sched_internal.h"

struct vruntime_mark vruntime_mark(const struct sched_entity *se)
{
	return (struct vruntime_mark){ .vruntime = se->vruntime, .rem = se->vruntime_rem };
}

static void record_broken(struct runqueue *rq, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Count a broken rule; describe only the first, which caused the rest. */
static void record_broken(struct runqueue *rq, const char *fmt, ...)
{
	va_list ap;

	if (rq->audit.broken++ > 0)
		return;
	va_start(ap, fmt);
	kvsnprintf(rq->audit.first, sizeof(rq->audit.first), fmt, ap);
	va_end(ap);
}

/*
 * Exact means vruntime * weight + vruntime_rem grew by delta * 1024.  The
 * products are compared modulo 2^64, which cannot overflow and, with
 * vruntime_rem < weight (sched_check), still tells every wrong charge.
 */
void audit_charge(struct runqueue *rq, const struct sched_entity *se,
		  struct vruntime_mark before, uint64_t delta)
{
	uint64_t grew = (se->vruntime - before.vruntime) * se->weight + se->vruntime_rem - before.rem;

	if (grew != delta * NICE_0_WEIGHT)
		record_broken(rq, "task %d (weight %u) ran %llu ns: vruntime +%llu, remainder %u -> %u",
			      se->tid, se->weight, (unsigned long long)delta,
			      (unsigned long long)(se->vruntime - before.vruntime), before.rem,
			      se->vruntime_rem);
}

void audit_min_vruntime(struct runqueue *rq, uint64_t before)
{
	if (rq->min_vruntime < before)
		record_broken(rq, "min_vruntime went back from %llu to %llu",
			      (unsigned long long)before, (unsigned long long)rq->min_vruntime);
}

static bool mark_less(struct vruntime_mark a, struct vruntime_mark b)
{
	return a.vruntime < b.vruntime || (a.vruntime == b.vruntime && a.rem < b.rem);
}

void audit_wakeup(struct runqueue *rq, const struct sched_entity *se, struct vruntime_mark before)
{
	if (mark_less(vruntime_mark(se), before))
		record_broken(rq, "task %d woke: vruntime went back from %llu+%u/%u to %llu+%u/%u",
			      se->tid, (unsigned long long)before.vruntime, before.rem, se->weight,
			      (unsigned long long)se->vruntime, se->vruntime_rem, se->weight);
}

void audit_slice(struct runqueue *rq, bool over)
{
	struct sched_audit *audit = &rq->audit;
	uint64_t ran = rq->clock - rq->slice_start;

	if (over) {
		if (audit->slices_ended++ == 0 || ran < audit->shortest_ended)
			audit->shortest_ended = ran;
	} else {
		audit->slices_extended++;
		if (ran > audit->longest_extended)
			audit->longest_extended = ran;
	}
}

bool audit_check(const struct runqueue *rq, char *why, size_t why_len)
{
	if (rq->audit.broken == 0)
		return true;
	return check_failed(why, why_len, "%s [%llu broken in all]", rq->audit.first,
			    (unsigned long long)rq->audit.broken);
}
