/*
 * A wait queue: the threads blocked until some condition changes.  Only
 * the kernel's scheduler (kernel/sched/thread.c) puts threads on one or
 * takes them off; shared code may embed one (sleeplock.h) because its
 * shape needs nothing of the kernel's.
 */
#ifndef AURORA_WAIT_QUEUE_H
#define AURORA_WAIT_QUEUE_H

#include "list.h"

struct wait_queue {
	struct list_node sleepers;	/* threads, by wait_link */
};

#endif
