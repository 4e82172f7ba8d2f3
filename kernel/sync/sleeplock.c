/*
 * Sleeping locks (sleeplock.h).  One spinlock guards every sleeping lock's
 * fields: each is held for a few instructions, so sharing it costs less
 * than a spinlock per sleeping lock would cost in memory and code.
 */
#include "kprintf.h"
#include "sleeplock.h"
#include "spinlock.h"
#include "thread.h"

static struct spinlock guard = SPINLOCK_INIT("sleeplocks");

void sleeplock_init(struct sleeplock *lock, const char *name)
{
	lock->name = name;
	lock->locked = false;
	lock->holder = NULL;
	wait_queue_init(&lock->waiters);
}

void sleeplock_acquire(struct sleeplock *lock)
{
	if (spin_depth())
		panic("sleeplock %s: taken while holding spinlock %s", lock->name,
		      spin_innermost());
	spin_lock(&guard);
	if (lock->locked && lock->holder == thread_current())
		panic("sleeplock %s: taken again by its holder (a deadlock)", lock->name);
	while (lock->locked)
		wait_sleep_uninterruptible(&lock->waiters, &guard);
	lock->locked = true;
	lock->holder = thread_current();
	spin_unlock(&guard);
}

void sleeplock_release(struct sleeplock *lock)
{
	spin_lock(&guard);
	if (!lock->locked || lock->holder != thread_current())
		panic("sleeplock %s: released by a thread that does not hold it", lock->name);
	lock->locked = false;
	lock->holder = NULL;
	wait_wake_all(&lock->waiters);
	spin_unlock(&guard);
}

bool sleeplock_held(const struct sleeplock *lock)
{
	spin_lock(&guard);
	bool held = lock->locked && lock->holder == thread_current();
	spin_unlock(&guard);
	return held;
}
