/*
 * Kernel threads on top of the shared scheduler.  sched_lock protects the
 * run queue, every thread's state, the thread list and every wait queue.
 * A thread switches away (switch_away) holding sched_lock and no other
 * lock, and the thread switched to releases it: either where it switched
 * away itself, or in thread_start when it is new.  So a thread is never
 * switched away while it holds a lock another thread may need, and no
 * wakeup can slip in between deciding to sleep and sleeping.
 */
#include <stdint.h>
#include "errno.h"
#include "hal.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "kstack.h"
#include "sched.h"
#include "string.h"
#include "thread.h"

static struct spinlock sched_lock = SPINLOCK_INIT("scheduler");
static struct runqueue rq;
static struct thread idle_thread;
static struct thread *current;
static struct list_node all_threads;
static struct list_node sleepers;	/* thread_sleep's, unordered */
static struct list_node deadlines;	/* waits with a deadline, by deadline_link, unordered */
static int next_tid = 1;
static bool need_resched;
static uintptr_t loaded_page_table;	/* 0 until a thread asks for one */
static uint64_t context_switches;

static struct thread *thread_of(struct sched_entity *se)
{
	return se ? container_of(se, struct thread, se) : &idle_thread;
}

/* Give the CPU the state `next` runs in: its address space, the kernel
   stack user mode enters on, its thread pointer. */
static void load_machine_state(struct thread *next)
{
	if (next->page_table && next->page_table != loaded_page_table) {
		hal.set_page_table(next->page_table);
		loaded_page_table = next->page_table;
	}
	if (next->stack)
		hal.set_kernel_stack(next->stack->base + next->stack->size);
	if (next->proc)
		hal.set_user_tls(next->tls_base);
}

/* Leave the CPU; current becomes `state`.  sched_lock is held, and no
   other lock: a thread holding one must not be switched away. */
static void switch_away(enum task_state state)
{
	spin_check_switch(&sched_lock, state == TASK_RUNNABLE ? "preempted or yielding" :
			  state == TASK_DEAD ? "exiting" : "blocking");
	uint64_t now = hal.clock_ns();
	struct thread *prev = current;
	struct thread *next = thread_of(sched_switch(&rq, now, prev == &idle_thread ? TASK_RUNNABLE : state));

	need_resched = false;
	if (next->woken) {
		uint64_t latency = now - next->se.ready_since;

		if (latency > next->max_wake_latency)
			next->max_wake_latency = latency;
		next->woken = false;
	}
	if (next == prev)
		return;
	context_switches++;
	current = next;
	load_machine_state(next);
	bool interrupts = spin_saved_interrupts();	/* this thread's, not next's */
	hal.context_switch(&prev->task, &next->task);
	spin_set_saved_interrupts(interrupts);
}

/* Make t runnable.  sched_lock is held. */
static void wake(struct thread *t, uint64_t now)
{
	spin_assert_held(&sched_lock, "wake");
	if (t->deadline) {	/* woken before its deadline, or by it */
		list_remove(&t->deadline_link);
		t->deadline = 0;
	}
	t->woken = true;
	if (sched_wakeup(&rq, &t->se, now, false) || current == &idle_thread)
		need_resched = true;
}

void threads_init(const struct sched_policy *policy)
{
	rq_init(&rq, policy);
	list_init(&all_threads);
	list_init(&sleepers);
	list_init(&deadlines);
	strlcpy(idle_thread.name, "idle", THREAD_NAME_MAX);
	sched_entity_init(&idle_thread.se, 0, NICE_MAX);
	idle_thread.se.state = TASK_RUNNING;
	wait_queue_init(&idle_thread.exited);
	list_push_back(&all_threads, &idle_thread.all_link);
	current = &idle_thread;
}

void threads_idle(void)
{
	for (;;) {
		hal.idle();
	}
}

static void thread_start(void)
{
	spin_unlock(&sched_lock);	/* taken by the thread that switched here */
	hal.enable_interrupts();
	current->entry(current->arg);
	thread_exit(0);
}

int thread_create(const char *name, void (*entry)(void *), void *arg, int nice)
{
	struct thread *t = kmalloc(sizeof(*t));

	if (!t)
		return -ENOMEM;
	memset(t, 0, sizeof(*t));
	t->syscall = -1;
	if (!(t->stack = kstack_create(name))) {
		kfree(t);
		return -ENOMEM;
	}
	strlcpy(t->name, name, THREAD_NAME_MAX);
	t->entry = entry;
	t->arg = arg;
	wait_queue_init(&t->exited);
	task_init(&t->task, t->name, (void *)t->stack->base, t->stack->size, thread_start);
	spin_lock(&sched_lock);
	t->tid = next_tid++;
	sched_entity_init(&t->se, t->tid, nice);
	list_push_back(&all_threads, &t->all_link);
	if (sched_wakeup(&rq, &t->se, hal.clock_ns(), true) || current == &idle_thread)
		need_resched = true;
	int tid = t->tid;
	spin_unlock(&sched_lock);
	return tid;
}

/* Wake every thread on wq.  sched_lock is held. */
static void wake_all(struct wait_queue *wq)
{
	uint64_t now = hal.clock_ns();

	while (!list_empty(&wq->sleepers)) {
		struct thread *t = container_of(wq->sleepers.next, struct thread, wait_link);

		list_remove(&t->wait_link);
		wake(t, now);
	}
}

void thread_exit(int code)
{
	spin_lock(&sched_lock);
	current->exit_code = code;
	wake_all(&current->exited);
	switch_away(TASK_DEAD);
	panic("thread %d ran after it exited", current->tid);
}

/* The thread numbered tid, or NULL.  sched_lock is held. */
static struct thread *find_thread(int tid)
{
	struct list_node *n;

	spin_assert_held(&sched_lock, "find_thread");
	list_for_each(n, &all_threads) {
		struct thread *t = container_of(n, struct thread, all_link);

		if (t->tid == tid)
			return t;
	}
	return NULL;
}

int thread_join(int tid, int *code)
{
	spin_lock(&sched_lock);
	struct thread *t = find_thread(tid);

	if (!t || t == current || t == &idle_thread) {
		spin_unlock(&sched_lock);
		return -ESRCH;
	}
	while (t->se.state != TASK_DEAD) {
		list_push_back(&t->exited.sleepers, &current->wait_link);
		switch_away(TASK_BLOCKED);
	}
	list_remove(&t->all_link);
	spin_unlock(&sched_lock);
	if (code)
		*code = t->exit_code;
	kstack_destroy(t->stack);
	kfree(t);
	return 0;
}

int thread_kill(int tid)
{
	spin_lock(&sched_lock);
	struct thread *t = find_thread(tid);

	if (!t || t == &idle_thread || t == current) {
		spin_unlock(&sched_lock);
		return -ESRCH;
	}
	t->killed = true;
	if (t->se.state == TASK_BLOCKED && t->wake_at) {	/* in thread_sleep */
		list_remove(&t->wait_link);
		t->wake_at = 0;
		wake(t, hal.clock_ns());
	}
	spin_unlock(&sched_lock);
	return 0;
}

void thread_yield(void)
{
	spin_lock(&sched_lock);
	switch_away(TASK_RUNNABLE);
	spin_unlock(&sched_lock);
}

void thread_sleep(uint64_t ns)
{
	spin_lock(&sched_lock);
	/* A signal that came before the sleep began ends it too. */
	if (!current->interrupted) {
		current->wake_at = hal.clock_ns() + ns;
		if (current->wake_at == 0)
			current->wake_at = 1;	/* 0 means "not sleeping" */
		list_push_back(&sleepers, &current->wait_link);
		switch_away(TASK_BLOCKED);
	}
	spin_unlock(&sched_lock);
	if (current->killed)
		thread_exit(-1);
}

void thread_interrupt(struct thread *t)
{
	spin_lock(&sched_lock);
	t->interrupted = true;
	if (t->se.state == TASK_BLOCKED) {
		list_remove(&t->wait_link);
		t->wake_at = 0;
		wake(t, hal.clock_ns());
	}
	spin_unlock(&sched_lock);
}

void thread_set_page_table(uintptr_t root)
{
	spin_lock(&sched_lock);
	current->page_table = root;
	load_machine_state(current);
	spin_unlock(&sched_lock);
}

void thread_set_tls(uint64_t base)
{
	spin_lock(&sched_lock);
	current->tls_base = base;
	load_machine_state(current);
	spin_unlock(&sched_lock);
}

void thread_set_name(const char *name)
{
	spin_lock(&sched_lock);
	strlcpy(current->name, name, THREAD_NAME_MAX);
	spin_unlock(&sched_lock);
}

void thread_clear_interrupted(void)
{
	spin_lock(&sched_lock);
	current->interrupted = false;
	spin_unlock(&sched_lock);
}

struct thread *thread_current(void)
{
	return current;
}

void wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->sleepers);
}

/* Block on wq until woken; an interruptible sleep also ends at a signal,
   and one with a deadline (not 0) when thread_tick finds it has passed. */
static void sleep_on(struct wait_queue *wq, struct spinlock *lock, bool interruptible,
		     uint64_t deadline)
{
	/* The waker takes `lock` to change the condition and sched_lock to
	   wake: holding sched_lock from before `lock` is released until the
	   switch, no wakeup can fall between the two. */
	spin_assert_held(lock, "wait_sleep");
	spin_lock(&sched_lock);
	if (interruptible && current->interrupted) {	/* a signal came before the sleep */
		spin_unlock(&sched_lock);
		return;
	}
	if (deadline) {
		if (hal.clock_ns() >= deadline) {	/* already over */
			spin_unlock(&sched_lock);
			return;
		}
		/* On two lists: wq by wait_link, deadlines by deadline_link;
		   whichever wakes it first (wake) takes it off both. */
		current->deadline = deadline;
		list_push_back(&deadlines, &current->deadline_link);
	}
	list_push_back(&wq->sleepers, &current->wait_link);
	spin_unlock(lock);
	switch_away(TASK_BLOCKED);
	spin_unlock(&sched_lock);
	spin_lock(lock);
}

void wait_sleep(struct wait_queue *wq, struct spinlock *lock)
{
	sleep_on(wq, lock, true, 0);
}

void wait_sleep_uninterruptible(struct wait_queue *wq, struct spinlock *lock)
{
	sleep_on(wq, lock, false, 0);
}

void wait_sleep_uninterruptible_until(struct wait_queue *wq, struct spinlock *lock,
				      uint64_t deadline)
{
	sleep_on(wq, lock, false, deadline ? deadline : 1);
}

bool thread_can_block(void)
{
	return current && current != &idle_thread;
}

void wait_wake_all(struct wait_queue *wq)
{
	spin_lock(&sched_lock);
	wake_all(wq);
	spin_unlock(&sched_lock);
}

void thread_tick(uint64_t now)
{
	spin_lock(&sched_lock);
	struct list_node *n = sleepers.next;

	while (n != &sleepers) {
		struct thread *t = container_of(n, struct thread, wait_link);

		n = n->next;
		if (t->wake_at <= now) {
			list_remove(&t->wait_link);
			t->wake_at = 0;
			wake(t, now);
		}
	}
	/* Waits whose deadline has passed: off their wait queue, and wake
	   takes them off this list. */
	n = deadlines.next;
	while (n != &deadlines) {
		struct thread *t = container_of(n, struct thread, deadline_link);

		n = n->next;
		if (t->deadline <= now) {
			list_remove(&t->wait_link);
			wake(t, now);
		}
	}
	if (current != &idle_thread && (sched_tick(&rq, now) || current->killed))
		need_resched = true;
	spin_unlock(&sched_lock);
}

void thread_exit_after_fault(void)
{
	if (!current || current == &idle_thread)
		return;
	kprintf("*** thread %d (%s) killed by the fault\n", current->tid, current->name);
	thread_exit(-EFAULT);
}

void thread_preempt_if_needed(void)
{
	if (!current || !need_resched)
		return;
	spin_check_preemptible();
	if (current->killed)
		thread_exit(-1);
	spin_lock(&sched_lock);
	switch_away(TASK_RUNNABLE);
	spin_unlock(&sched_lock);
}

bool thread_check_runqueue(struct runqueue *copy, char *why, size_t why_len)
{
	/* Ticks and wakeups change the tree: a walk without the lock could
	   see half of an insert and call it broken. */
	spin_lock(&sched_lock);
	bool ok = sched_check(&rq, why, why_len);
	*copy = rq;
	spin_unlock(&sched_lock);
	return ok;
}

void thread_for_each(void (*fn)(struct thread *t, void *ctx), void *ctx)
{
	struct list_node *n;

	spin_lock(&sched_lock);
	list_for_each(n, &all_threads)
		fn(container_of(n, struct thread, all_link), ctx);
	spin_unlock(&sched_lock);
}

uint64_t thread_context_switches(void)
{
	return context_switches;
}
