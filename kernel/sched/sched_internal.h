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

#endif
