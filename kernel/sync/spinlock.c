/* Spinlocks and the per-CPU lock count; see spinlock.h. */
#include <stdbool.h>
#include <stddef.h>
#include "hal.h"
#include "kprintf.h"
#include "spinlock.h"

#define MAX_HELD 8	/* deeper nesting than this is a bug of its own */

/* What this CPU holds.  One CPU today; with more, each has its own. */
struct cpu {
	unsigned depth;				/* spinlocks held */
	bool interrupts_were_enabled;		/* before the first was taken */
	const struct spinlock *held[MAX_HELD];	/* in the order taken */
};

static struct cpu boot_cpu;

static struct cpu *this_cpu(void)
{
	return &boot_cpu;
}

/* Remember `lock` as held; interrupts are off. */
static void push_held(struct cpu *c, const struct spinlock *lock, bool enabled)
{
	if (c->depth == MAX_HELD)
		panic("spinlock %s: more than %d locks held at once", lock->name, MAX_HELD);
	if (c->depth == 0)
		c->interrupts_were_enabled = enabled;
	c->held[c->depth++] = lock;
}

/* Forget `lock`, which may be any of the held ones (wait_sleep releases
   the caller's lock while holding the scheduler's). */
static void pop_held(struct cpu *c, const struct spinlock *lock)
{
	unsigned i = c->depth;

	while (i > 0 && c->held[i - 1] != lock)
		i--;
	for (; i < c->depth; i++)
		c->held[i - 1] = c->held[i];
	c->depth--;
}

void spin_lock(struct spinlock *lock)
{
	bool enabled = hal.save_and_disable_interrupts();
	struct cpu *c = this_cpu();

	if (lock->locked && lock->holder == c)
		panic("spinlock %s: taken again by the CPU that holds it (a deadlock)", lock->name);
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		;	/* another CPU holds it: it will let go soon */
	lock->holder = c;
	push_held(c, lock, enabled);
}

void spin_unlock(struct spinlock *lock)
{
	struct cpu *c = this_cpu();

	if (!spin_held(lock))
		panic("spinlock %s: released by a CPU that does not hold it", lock->name);
	if (hal.interrupts_enabled())
		panic("spinlock %s: interrupts were turned on while it was held", lock->name);
	pop_held(c, lock);
	lock->holder = NULL;
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
	if (c->depth == 0)
		hal.restore_interrupts(c->interrupts_were_enabled);
}

bool spin_held(const struct spinlock *lock)
{
	return lock->locked && lock->holder == this_cpu();
}

void spin_assert_held(const struct spinlock *lock, const char *who)
{
	if (!spin_held(lock))
		panic("%s: called without holding spinlock %s", who, lock->name);
}

unsigned spin_depth(void)
{
	return this_cpu()->depth;
}

const char *spin_innermost(void)
{
	struct cpu *c = this_cpu();

	return c->depth ? c->held[c->depth - 1]->name : "none";
}

void spin_check_switch(const struct spinlock *allowed, const char *why)
{
	struct cpu *c = this_cpu();
	unsigned expected = allowed ? 1 : 0;

	if (c->depth != expected || (allowed && c->held[0] != allowed))
		panic("%s while holding spinlock %s (%u held): a lock holder must never be "
		      "switched away", why, spin_innermost(), c->depth);
}

void spin_check_preemptible(void)
{
	if (this_cpu()->depth)
		panic("an interrupt arrived while spinlock %s was held: interrupts were "
		      "turned on inside its critical section", spin_innermost());
}

bool spin_saved_interrupts(void)
{
	return this_cpu()->interrupts_were_enabled;
}

void spin_set_saved_interrupts(bool enabled)
{
	this_cpu()->interrupts_were_enabled = enabled;
}
