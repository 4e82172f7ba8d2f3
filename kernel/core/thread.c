/*
 * Kernel threads on top of the shared scheduler.  The rules that keep this
 * correct on one CPU: the run queue and every thread's state change only
 * with interrupts off, and a thread switches away (switch_away) with
 * interrupts off and finds them off when it is switched back to; each
 * caller restores the interrupt flag it saved.  A new thread starts in
 * thread_start, which turns interrupts on.
 */
#include <stdint.h>
#include "clock.h"
#include "errno.h"
#include "hal.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "kstack.h"
#include "sched.h"
#include "string.h"
#include "thread.h"

static struct runqueue rq;
static struct thread idle_thread;
static struct thread *current;
static struct list_node all_threads;
static struct list_node sleepers;	/* thread_sleep's, unordered */
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

/* Leave the CPU; current becomes `state`.  Interrupts are off. */
static void switch_away(enum task_state state)
{
	uint64_t now = clock_ns();
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
	hal.context_switch(&prev->task, &next->task);
}

/* Make t runnable.  Interrupts are off. */
static void wake(struct thread *t, uint64_t now)
{
	t->woken = true;
	if (sched_wakeup(&rq, &t->se, now, false) || current == &idle_thread)
		need_resched = true;
}

void threads_init(const struct sched_policy *policy)
{
	rq_init(&rq, policy);
	list_init(&all_threads);
	list_init(&sleepers);
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
		hal.enable_interrupts();
		__asm__ volatile("hlt");	/* until the next interrupt */
	}
}

static void thread_start(void)
{
	hal.enable_interrupts();	/* switch_away left them off */
	current->entry(current->arg);
	thread_exit(0);
}

int thread_create(const char *name, void (*entry)(void *), void *arg, int nice)
{
	struct thread *t = kmalloc(sizeof(*t));
	bool enabled;

	if (!t)
		return -ENOMEM;
	memset(t, 0, sizeof(*t));
	if (!(t->stack = kstack_create(name))) {
		kfree(t);
		return -ENOMEM;
	}
	strlcpy(t->name, name, THREAD_NAME_MAX);
	t->entry = entry;
	t->arg = arg;
	wait_queue_init(&t->exited);
	task_init(&t->task, t->name, (void *)t->stack->base, t->stack->size, thread_start);
	enabled = hal.save_and_disable_interrupts();
	t->tid = next_tid++;
	sched_entity_init(&t->se, t->tid, nice);
	list_push_back(&all_threads, &t->all_link);
	if (sched_wakeup(&rq, &t->se, clock_ns(), true) || current == &idle_thread)
		need_resched = true;
	hal.restore_interrupts(enabled);
	return t->tid;
}

void thread_exit(int code)
{
	hal.disable_interrupts();
	current->exit_code = code;
	wait_wake_all(&current->exited);
	switch_away(TASK_DEAD);
	panic("thread %d ran after it exited", current->tid);
}

static struct thread *find_thread(int tid)
{
	struct list_node *n;

	list_for_each(n, &all_threads) {
		struct thread *t = container_of(n, struct thread, all_link);

		if (t->tid == tid)
			return t;
	}
	return NULL;
}

int thread_join(int tid, int *code)
{
	struct thread *t = find_thread(tid);
	bool enabled;

	if (!t || t == current || t == &idle_thread)
		return -ESRCH;
	enabled = hal.save_and_disable_interrupts();
	while (t->se.state != TASK_DEAD) {
		list_push_back(&t->exited.sleepers, &current->wait_link);
		switch_away(TASK_BLOCKED);
	}
	list_remove(&t->all_link);
	hal.restore_interrupts(enabled);
	if (code)
		*code = t->exit_code;
	kstack_destroy(t->stack);
	kfree(t);
	return 0;
}

int thread_kill(int tid)
{
	struct thread *t = find_thread(tid);
	bool enabled;

	if (!t || t == &idle_thread || t == current)
		return -ESRCH;
	enabled = hal.save_and_disable_interrupts();
	t->killed = true;
	if (t->se.state == TASK_BLOCKED && t->wake_at) {	/* in thread_sleep */
		list_remove(&t->wait_link);
		t->wake_at = 0;
		wake(t, clock_ns());
	}
	hal.restore_interrupts(enabled);
	return 0;
}

void thread_yield(void)
{
	bool enabled = hal.save_and_disable_interrupts();

	switch_away(TASK_RUNNABLE);
	hal.restore_interrupts(enabled);
}

void thread_sleep(uint64_t ns)
{
	bool enabled = hal.save_and_disable_interrupts();

	current->wake_at = clock_ns() + ns;
	if (current->wake_at == 0)
		current->wake_at = 1;	/* 0 means "not sleeping" */
	list_push_back(&sleepers, &current->wait_link);
	switch_away(TASK_BLOCKED);
	hal.restore_interrupts(enabled);
	if (current->killed)
		thread_exit(-1);
}

void thread_interrupt(struct thread *t)
{
	bool enabled = hal.save_and_disable_interrupts();

	t->interrupted = true;
	if (t->se.state == TASK_BLOCKED) {
		list_remove(&t->wait_link);
		t->wake_at = 0;
		wake(t, clock_ns());
	}
	hal.restore_interrupts(enabled);
}

void thread_set_page_table(uintptr_t root)
{
	bool enabled = hal.save_and_disable_interrupts();

	current->page_table = root;
	load_machine_state(current);
	hal.restore_interrupts(enabled);
}

void thread_set_tls(uint64_t base)
{
	bool enabled = hal.save_and_disable_interrupts();

	current->tls_base = base;
	load_machine_state(current);
	hal.restore_interrupts(enabled);
}

struct thread *thread_current(void)
{
	return current;
}

void wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->sleepers);
}

void wait_sleep(struct wait_queue *wq, struct spinlock *lock)
{
	/* The caller's lock has interrupts off; they stay off until we have
	   switched away, so no wakeup can slip in between. */
	list_push_back(&wq->sleepers, &current->wait_link);
	lock->locked = false;
	switch_away(TASK_BLOCKED);
	lock->locked = true;
}

void wait_wake_all(struct wait_queue *wq)
{
	bool enabled = hal.save_and_disable_interrupts();
	uint64_t now = clock_ns();

	while (!list_empty(&wq->sleepers)) {
		struct thread *t = container_of(wq->sleepers.next, struct thread, wait_link);

		list_remove(&t->wait_link);
		wake(t, now);
	}
	hal.restore_interrupts(enabled);
}

void thread_tick(uint64_t now)
{
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
	if (current != &idle_thread && (sched_tick(&rq, now) || current->killed))
		need_resched = true;
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
	if (current->killed)
		thread_exit(-1);
	switch_away(TASK_RUNNABLE);
}

struct runqueue *thread_runqueue(void)
{
	return &rq;
}

void thread_for_each(void (*fn)(struct thread *t, void *ctx), void *ctx)
{
	struct list_node *n;

	list_for_each(n, &all_threads)
		fn(container_of(n, struct thread, all_link), ctx);
}

uint64_t thread_context_switches(void)
{
	return context_switches;
}
