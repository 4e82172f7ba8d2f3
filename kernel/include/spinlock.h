/*
 * Spinlocks, and the per-CPU count of them that makes Aurora's concurrency
 * rule checkable (docs/concurrency.md).
 *
 * A spinlock protects data that more than one thread, or a thread and an
 * interrupt handler, can reach.  Taking one turns interrupts off on this
 * CPU until the last lock it holds is released: no interrupt handler can
 * then find the data half-changed, and no timer tick can switch the holder
 * away, which is what "the kernel is preemptible wherever it holds no
 * spinlock" means.  The lock word itself is taken with an atomic exchange,
 * so the same lock keeps a second CPU out too.
 *
 * Rules the checks enforce (each breach panics, naming the lock):
 *   - never take a lock this CPU already holds (a deadlock);
 *   - never release a lock this CPU does not hold;
 *   - never block, yield or return to user mode holding one (thread.c);
 *   - never turn interrupts on while holding one (the next interrupt
 *     finds locks held and reports it: irq.c calls spin_check_preemptible).
 */
#ifndef AURORA_SPINLOCK_H
#define AURORA_SPINLOCK_H

#include <stdbool.h>

struct cpu;

struct spinlock {
	const char *name;
	int locked;		/* 0 or 1, changed only by atomic exchange */
	struct cpu *holder;	/* the CPU that holds it, for the checks */
};

#define SPINLOCK_INIT(n) { .name = (n) }

void spin_lock(struct spinlock *lock);
void spin_unlock(struct spinlock *lock);
/* Does this CPU hold `lock`? */
bool spin_held(const struct spinlock *lock);
/* Panic unless this CPU holds `lock`: for functions whose caller must. */
void spin_assert_held(const struct spinlock *lock, const char *who);

/* How many spinlocks this CPU holds, and the most recently taken one. */
unsigned spin_depth(void);
const char *spin_innermost(void);
/* Panic unless this CPU holds exactly the locks a switch may happen
   under: `allowed` (the scheduler's lock) or none when it is NULL. */
void spin_check_switch(const struct spinlock *allowed, const char *why);
/* An interrupt is about to preempt: panic if a lock is held, because
   then interrupts were turned on inside a critical section. */
void spin_check_preemptible(void);

/*
 * A context switch hands the CPU, and the scheduler's lock, to another
 * thread; the interrupt state to restore when the last lock goes is the
 * thread's own, so switch_away saves it before and restores it after.
 */
bool spin_saved_interrupts(void);
void spin_set_saved_interrupts(bool enabled);

#endif
