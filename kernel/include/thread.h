/*
 * Kernel threads: a stack (with a guard page), saved registers, and a
 * sched_entity through which the shared scheduler (sched.h) decides who
 * runs.  The timer tick and wakeups can preempt the running thread; a
 * thread blocks on a wait queue or sleeps for a time, and exits with a code
 * that thread_join collects, freeing its stack and structure.
 */
#ifndef AURORA_THREAD_H
#define AURORA_THREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kstack.h"
#include "list.h"
#include "sched.h"
#include "spinlock.h"
#include "task.h"
#include "wait_queue.h"

#define THREAD_NAME_MAX 16

struct process;

struct thread {
	struct task task;		/* saved registers: must stay first */
	struct sched_entity se;
	int tid;
	char name[THREAD_NAME_MAX];
	const struct kstack *stack;
	void (*entry)(void *arg);
	void *arg;
	struct list_node all_link;	/* all_threads */
	struct list_node wait_link;	/* a wait queue or the sleepers' list */
	uint64_t wake_at;		/* while sleeping: when to wake */
	/* In a wait with a deadline (wait_sleep_uninterruptible_until): when
	   the tick ends it, and the link in thread.c's list of such waits;
	   0 and unlinked otherwise. */
	uint64_t deadline;
	struct list_node deadline_link;
	bool killed;			/* exit at the next chance */
	int exit_code;
	struct wait_queue exited;	/* thread_join waits here */
	bool woken;			/* became runnable after blocking */
	bool interrupted;		/* thread_interrupt: stop waiting */
	struct process *proc;		/* the user process it runs, or NULL */
	uintptr_t page_table;		/* root to load when it runs; 0: any */
	uint64_t tls_base;		/* user thread pointer */
	uint64_t max_wake_latency;	/* worst time from wakeup to running, ns */
	/* The system call it is in, or -1: written only by the thread itself
	   (syscall.c); Ctrl-T reads it to say what a hung job waits in. */
	int syscall;
};

/* The boot context becomes the idle thread; threads then run under `policy`. */
void threads_init(const struct sched_policy *policy);
/* Enable interrupts and idle forever: the boot thread's last act. */
__attribute__((noreturn)) void threads_idle(void);

/* A new thread running entry(arg) at `nice`; its tid, or -ENOMEM. */
int thread_create(const char *name, void (*entry)(void *), void *arg, int nice);
__attribute__((noreturn)) void thread_exit(int code);
/* Wait for thread tid to exit and free it; its exit code, or -ESRCH. */
int thread_join(int tid, int *code);
/* Ask thread tid to exit (at its next preemption point or wakeup). */
int thread_kill(int tid);
void thread_sleep(uint64_t ns);
/* Let another runnable thread have the CPU (sched_yield). */
void thread_yield(void);
/* Wake t if it is blocked, and make its waits return early from now on
   (they check thread_current()->interrupted): how a signal reaches a
   process that is waiting. */
void thread_interrupt(struct thread *t);
/* Run the current thread in the address space whose root is `root`. */
void thread_set_page_table(uintptr_t root);
/* Set the current thread's user thread pointer. */
void thread_set_tls(uint64_t base);
/* Rename the current thread (exec: ps shows the new program). */
void thread_set_name(const char *name);
/* A system call starts: forget an interruption meant for an earlier one
   (its signal was delivered, or ignored or blocked since). */
void thread_clear_interrupted(void);
struct thread *thread_current(void);

void wait_queue_init(struct wait_queue *wq);
/* Block on wq, releasing `lock` while asleep and taking it back after.
   An interrupted thread (thread_interrupt) does not sleep: the caller
   re-checks its condition and sees the signal. */
void wait_sleep(struct wait_queue *wq, struct spinlock *lock);
/* The same, but a pending signal does not stop it from sleeping (sleeping
   locks, disk transfers: waits that end soon and cannot be abandoned).
   A signal sent during the sleep may still wake it, so, as with every
   wait, the caller loops until its condition holds. */
void wait_sleep_uninterruptible(struct wait_queue *wq, struct spinlock *lock);
/* The same, but the sleep also ends once the clock (hal.clock_ns) reaches
   `deadline`, checked at each timer tick: a wait for a device that may
   never answer (a disk's interrupt).  It returns at once if the deadline
   has passed.  The caller loops until its condition holds or the clock
   has passed the deadline, and treats the latter as a timeout. */
void wait_sleep_uninterruptible_until(struct wait_queue *wq, struct spinlock *lock,
				      uint64_t deadline);
void wait_wake_all(struct wait_queue *wq);
/* May the caller block (sleep on a wait queue)?  False before threads
   exist and on the boot context (the idle thread), which must never
   block: there a driver polls its device instead. */
bool thread_can_block(void);

/* After a fault report: end the faulting thread, unless it is the idle
   (boot) context, which has nowhere to go. */
void thread_exit_after_fault(void);

/* Called by the timer interrupt; and at the end of every interrupt. */
void thread_tick(uint64_t now);
void thread_preempt_if_needed(void);

/* For schedstat: the run queue's invariants checked (false with a reason
   in why), and a copy of its figures, both under the scheduler's lock. */
bool thread_check_runqueue(struct runqueue *copy, char *why, size_t why_len);
/* For ps and schedstat: fn runs on each thread under the scheduler's lock,
   so it must not block or take that lock. */
void thread_for_each(void (*fn)(struct thread *t, void *ctx), void *ctx);
uint64_t thread_context_switches(void);

#endif
