/*
 * Sleeping locks: mutual exclusion for work that may block while it holds
 * the lock (a disk transfer, a page of a file being copied), which a
 * spinlock forbids.  A thread that finds one taken sleeps until it is
 * released; a signal does not end that wait, because the holder always
 * releases soon and the caller has no way to undo what it half did.
 *
 * Rules (docs/concurrency.md): never take a sleeping lock while holding a
 * spinlock (taking it may sleep); never take one you already hold; release
 * it on the thread that took it.  The kernel's implementation checks each
 * and panics, naming the lock (kernel/sync/sleeplock.c); the hosted one,
 * for the unit tests and the browser, runs one thread and checks the same
 * rules (kernel/arch/hosted/sleeplock.c).
 */
#ifndef AURORA_SLEEPLOCK_H
#define AURORA_SLEEPLOCK_H

#include <stdbool.h>
#include "wait_queue.h"

struct sleeplock {
	const char *name;
	bool locked;
	const void *holder;		/* the holding thread, for the checks */
	struct wait_queue waiters;
};

void sleeplock_init(struct sleeplock *lock, const char *name);
void sleeplock_acquire(struct sleeplock *lock);
void sleeplock_release(struct sleeplock *lock);
/* Does the calling thread hold it? */
bool sleeplock_held(const struct sleeplock *lock);

#endif
