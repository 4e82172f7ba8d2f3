/*
 * What the scheduler's policy files (sched_cfs.c, sched_rr.c) share with the
 * policy-independent part (sched.c), and nobody else needs.
 */
#ifndef AURORA_SCHED_INTERNAL_H
#define AURORA_SCHED_INTERNAL_H

#include "sched.h"

/*
 * A policy's check walks its queue and calls these: one per queued task,
 * then the totals against nr_queued and queued_weight.
 */
bool sched_check_queued(const struct runqueue *rq, const struct sched_entity *se,
			char *why, size_t why_len);
bool sched_check_totals(const struct runqueue *rq, unsigned count, uint64_t weight,
			char *why, size_t why_len);

/*
 * The audit (sched_audit.c): the framework calls these around the policy's
 * hooks, so that what a student's policy does is checked exactly, at the
 * moment it does it.
 */
struct vruntime_mark {		/* a task's vruntime, to the fraction */
	uint64_t vruntime;
	uint32_t rem;
};

struct vruntime_mark vruntime_mark(const struct sched_entity *se);
/* se was charged delta ns: did its vruntime grow by exactly delta * 1024 / weight? */
void audit_charge(struct runqueue *rq, const struct sched_entity *se,
		  struct vruntime_mark before, uint64_t delta);
/* Did min_vruntime go back from `before`? */
void audit_min_vruntime(struct runqueue *rq, uint64_t before);
/* se woke and was placed: did its vruntime go back? */
void audit_wakeup(struct runqueue *rq, const struct sched_entity *se, struct vruntime_mark before);
/* A tick found curr's slice `over` or not, with other tasks waiting. */
void audit_slice(struct runqueue *rq, bool over);
/* sched_check's part: false, with the first broken rule, if any was. */
bool audit_check(const struct runqueue *rq, char *why, size_t why_len);

#endif
