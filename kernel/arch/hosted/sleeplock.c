/*
 * Sleeping locks for shared code running hosted (the unit tests and the
 * browser), where one thread runs: a lock is never found taken, except by
 * a bug, which these checks report before they abort.  The kernel's own is
 * kernel/sync/sleeplock.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include "sleeplock.h"

static void broken(const struct sleeplock *lock, const char *what)
{
	fprintf(stderr, "sleeplock %s: %s\n", lock->name, what);
	abort();
}

void sleeplock_init(struct sleeplock *lock, const char *name)
{
	lock->name = name;
	lock->locked = false;
	lock->holder = NULL;
	list_init(&lock->waiters.sleepers);
}

void sleeplock_acquire(struct sleeplock *lock)
{
	if (lock->locked)
		broken(lock, "taken again by its holder (a deadlock)");
	lock->locked = true;
	lock->holder = lock;
}

void sleeplock_release(struct sleeplock *lock)
{
	if (!lock->locked)
		broken(lock, "released but not held");
	lock->locked = false;
	lock->holder = NULL;
}

bool sleeplock_held(const struct sleeplock *lock)
{
	return lock->locked;
}
