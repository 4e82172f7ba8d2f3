/* Spinlocks for one CPU; see spinlock.h. */
#include <stdbool.h>
#include "hal.h"
#include "kprintf.h"
#include "spinlock.h"

void spin_lock(struct spinlock *lock)
{
	bool enabled = hal.save_and_disable_interrupts();

	if (lock->locked)
		panic("spinlock %s: taken again by its holder (a deadlock on one CPU)", lock->name);
	lock->locked = true;
	lock->interrupts_were_enabled = enabled;
}

void spin_unlock(struct spinlock *lock)
{
	bool enabled = lock->interrupts_were_enabled;

	if (!lock->locked)
		panic("spinlock %s: released but not held", lock->name);
	lock->locked = false;
	hal.restore_interrupts(enabled);
}
