/* Monitor commands about threads and scheduling: ps, spawn, kill, schedstat, sleep. */
#include <stdint.h>
#include "errno.h"
#include "hal.h"
#include "irq.h"
#include "kprintf.h"
#include "monitor_commands.h"
#include "parse.h"
#include "sched.h"
#include "string.h"
#include "thread.h"

#define NS_PER_MS 1000000ul

static const char *state_name(enum task_state s)
{
	static const char *const names[] = {
		[TASK_RUNNABLE] = "ready", [TASK_RUNNING] = "running",
		[TASK_BLOCKED] = "blocked", [TASK_DEAD] = "dead",
	};

	return names[s];
}

static void print_thread(struct thread *t, void *ctx)
{
	const struct sched_entity *se = &t->se;

	(void)ctx;
	kprintf("%5d %-12s %-8s %4d %6u %10lu %10lu %10lu %8lu %10lu\n", t->tid, t->name,
		state_name(se->state), se->nice, se->weight, se->sum_runtime / 1000,
		se->vruntime / 1000, se->wait_time / 1000, se->switches, t->max_wake_latency / 1000);
}

int cmd_ps(int argc, char **argv)
{
	(void)argc, (void)argv;
	kprintf("  tid name         state    nice weight runtime_us vruntime_us    wait_us switches maxlat_us\n");
	thread_for_each(print_thread, NULL);
	return 0;
}

/* The workloads `spawn` starts; arg is the period or burst in ms. */
static void spin(void *arg)
{
	(void)arg;
	for (;;)
		;	/* only the timer takes the CPU away */
}

static void sleeper(void *arg)
{
	for (;;)
		thread_sleep((uintptr_t)arg * NS_PER_MS);
}

/* Spin until this thread has run `ms` in all. */
static void run_until(uint64_t ms)
{
	while (thread_current()->se.sum_runtime < ms * NS_PER_MS)
		;
}

static void burst(void *arg)
{
	run_until((uintptr_t)arg);
}

/* Sleeping briefly and often must not earn more than a fair share. */
static void napper(void *arg)
{
	for (uint64_t ms = (uintptr_t)arg;; ms += (uintptr_t)arg) {
		run_until(ms);
		thread_sleep(NS_PER_MS);
	}
}

static const struct {
	const char *name;
	void (*entry)(void *);
	const char *what;
} workloads[] = {
	{ "spin", spin, "use the CPU forever" },
	{ "sleeper", sleeper, "sleep <ms> again and again (latency)" },
	{ "burst", burst, "use the CPU for <ms>, then exit" },
	{ "napper", napper, "use the CPU for <ms>, sleep 1 ms, again and again" },
};
#define NWORKLOADS (sizeof(workloads) / sizeof(workloads[0]))

/* spawn <workload> [nice] [ms] */
int cmd_spawn(int argc, char **argv)
{
	int64_t nice = 0;
	uint64_t ms = 10;

	if (argc < 2 || argc > 4 || (argc >= 3 && parse_i64(argv[2], &nice) != 0) ||
	    nice < NICE_MIN || nice > NICE_MAX || (argc == 4 && parse_u64(argv[3], &ms) != 0))
		goto usage;
	for (size_t i = 0; i < NWORKLOADS; i++)
		if (strcmp(argv[1], workloads[i].name) == 0) {
			int tid = thread_create(argv[1], workloads[i].entry, (void *)(uintptr_t)ms, nice);

			if (tid < 0)
				kprintf("spawn: no memory for a thread (error %d)\n", tid);
			else
				kprintf("spawned tid %d (%s, nice %ld)\n", tid, argv[1], (long)nice);
			return 0;
		}
usage:
	kprintf("usage: spawn <workload> [nice -20..19] [ms]; workloads:\n");
	for (size_t i = 0; i < NWORKLOADS; i++)
		kprintf("  %-8s %s\n", workloads[i].name, workloads[i].what);
	return 0;
}

static int kill_and_join(int tid)
{
	int code, err = thread_kill(tid);

	if (err == 0)
		err = thread_join(tid, &code);
	if (err)
		kprintf("kill: no thread %d to kill\n", tid);
	else
		kprintf("killed tid %d (exit code %d)\n", tid, code);
	return err;
}

static void collect_spawned(struct thread *t, void *ctx)
{
	int *tids = ctx;

	if (t->tid != 0 && t != thread_current() && tids[0] < 63)
		tids[++tids[0]] = t->tid;
}

/* kill <tid> | all (every thread but idle and the monitor) */
int cmd_kill(int argc, char **argv)
{
	uint64_t tid;
	int tids[64] = { 0 };

	if (argc != 2)
		return -EINVAL;
	if (strcmp(argv[1], "all") != 0) {
		if (parse_u64(argv[1], &tid) != 0)
			return -EINVAL;
		kill_and_join(tid);
		return 0;
	}
	thread_for_each(collect_spawned, tids);
	for (int i = 1; i <= tids[0]; i++)
		kill_and_join(tids[i]);
	return 0;
}

int cmd_schedstat(int argc, char **argv)
{
	struct runqueue copy, *rq = &copy;
	char why[160];
	bool ok = thread_check_runqueue(&copy, why, sizeof(why));

	(void)argc, (void)argv;
	kprintf("policy: %s\n", rq->policy->name);
	kprintf("clock: %lu ms since boot, %lu timer ticks, %lu context switches\n",
		hal.clock_ns() / NS_PER_MS, hal.clock_ticks(), thread_context_switches());
	kprintf("queued: %u (weight %lu), min_vruntime %lu us\n", rq->nr_queued,
		rq->queued_weight, rq->min_vruntime / 1000);
	kprintf("cfs: target latency %lu us, min granularity %lu us; rr: quantum %lu us\n",
		rq->target_latency / 1000, rq->min_granularity / 1000, rq->rr_quantum / 1000);
	kprintf("interrupts: timer %lu, spurious %lu\n", irq_count(VECTOR_TIMER),
		irq_spurious_count());
	kprintf("slices: %lu ended by a tick, the shortest after %lu us; %lu went on, "
		"the longest after %lu us\n", rq->audit.slices_ended,
		rq->audit.shortest_ended / 1000, rq->audit.slices_extended,
		rq->audit.longest_extended / 1000);
	if (ok)
		kprintf("scheduler invariants: ok\n");
	else
		kprintf("scheduler invariants: BROKEN: %s\n", why);
	return 0;
}

int cmd_sleep(int argc, char **argv)
{
	uint64_t ms;

	if (argc != 2 || parse_u64(argv[1], &ms) != 0)
		return -EINVAL;
	thread_sleep(ms * NS_PER_MS);
	return 0;
}
