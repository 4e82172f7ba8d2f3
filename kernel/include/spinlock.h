/*
 * Spinlocks.  Aurora runs on one CPU, so mutual exclusion means keeping
 * interrupts (and with them preemption) away while the lock is held; the
 * lock saves the interrupt flag on entry and restores it on exit, so locks
 * nest and can be taken with interrupts on or off.  `locked` catches the
 * one deadlock a single CPU can have: taking a lock it already holds.
 */
#ifndef AURORA_SPINLOCK_H
#define AURORA_SPINLOCK_H

#include <stdbool.h>

struct spinlock {
	const char *name;
	bool locked;
	bool interrupts_were_enabled;
};

#define SPINLOCK_INIT(n) { .name = (n) }

/* Taking a lock this CPU holds, or releasing one it does not, panics. */
void spin_lock(struct spinlock *lock);
void spin_unlock(struct spinlock *lock);

#endif
