/*
 * What the scheduler's policy files (sched_cfs.c, sched_rr.c) share with the
 * policy-independent part (sched.c), and nobody else needs.
 */
#ifndef AURORA_SCHED_INTERNAL_H
#define AURORA_SCHED_INTERNAL_H

#include "sched.h"

/* Format the reason into why; returns false, so a check can `return sched_fail(...)`. */
bool sched_fail(char *why, size_t why_len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A policy's check walks its queue and calls these: one per queued task,
 * then the totals against nr_queued and queued_weight.
 */
bool sched_check_queued(const struct runqueue *rq, const struct sched_entity *se,
			char *why, size_t why_len);
bool sched_check_totals(const struct runqueue *rq, unsigned count, uint64_t weight,
			char *why, size_t why_len);

#endif
