/*
 * The same workload, two targets: run a fixed mix of CPU-bound and sleeping
 * tasks of different nice values through the scheduler simulator, under CFS
 * and under round robin, and print every event and each task's statistics.
 * The Makefile builds this natively and with emcc and requires the two
 * traces to be identical, byte for byte (tests/tests.mk, test-unit-trace).
 */
#include <stdint.h>
#include <stdio.h>
#include "format.h"
#include "sched_sim.h"

#define MS 1000000ull
#define US 1000ull

static const struct sim_workload workload = {
	.ntasks = 6,
	.tick = 1 * MS,
	.tasks = {
		/* CPU-bound, nice 0 and nice 5. */
		{ .arrival = 0, .nice = 0, .nphases = 1, .phases = { 120 * MS } },
		{ .arrival = 0, .nice = 5, .nphases = 1, .phases = { 80 * MS } },
		/* Interactive: short bursts, longer sleeps. */
		{ .arrival = 2 * MS, .nice = 0, .nphases = 9,
		  .phases = { 500 * US, 7 * MS, 700 * US, 11 * MS, 300 * US, 5 * MS,
			      900 * US, 13 * MS, 400 * US } },
		/* Mixed, favoured. */
		{ .arrival = 5 * MS + 250 * US, .nice = -5, .nphases = 5,
		  .phases = { 9 * MS, 20 * MS, 14 * MS, 3 * MS, 6 * MS } },
		/* Arrives late, lowest priority. */
		{ .arrival = 40 * MS, .nice = 19, .nphases = 3,
		  .phases = { 10 * MS, 1 * MS, 10 * MS } },
		/* Sleeps a lot, nice -10. */
		{ .arrival = 17 * MS + 333 * US, .nice = -10, .nphases = 7,
		  .phases = { 2 * MS, 30 * MS, 2 * MS, 30 * MS, 2 * MS, 30 * MS, 2 * MS } },
	},
};

static void emit(const char *fmt, ...)
{
	char line[160];
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fputs(line, stdout);
}

static void print_event(void *ctx, const struct sim_event *e)
{
	const struct sim *sim = ctx;
	const struct runqueue *rq = &sim->rq;

	emit("%llu %s", (unsigned long long)e->time, sim_event_name(e->kind));
	if (e->kind == SIM_RUN || e->kind == SIM_IDLE)
		emit(" %d -> %d (%s)", e->prev_tid, e->tid, sim_reason_name(e->reason));
	else
		emit(" %d", e->tid);
	emit(" queued=%u min_vruntime=%llu\n", rq->nr_queued,
	     (unsigned long long)rq->min_vruntime);
}

static void run(const struct sched_policy *policy)
{
	static struct sim sim;
	char why[160];

	emit("== %s\n", policy->name);
	sim_init(&sim, &workload, policy, print_event, &sim);
	while (sim_step(&sim))
		if (!sched_check(&sim.rq, why, sizeof(why)))
			emit("sched_check: %s\n", why);
	for (unsigned tid = 0; tid < workload.ntasks; tid++) {
		struct sim_task_stats s;

		sim_task_stats(&sim, (int)tid, &s);
		emit("task %u nice %d: runtime %llu wait %llu turnaround %llu response %llu "
		     "switches %llu vruntime %llu\n", tid, workload.tasks[tid].nice,
		     (unsigned long long)s.runtime, (unsigned long long)s.wait_time,
		     (unsigned long long)s.turnaround, (unsigned long long)s.response,
		     (unsigned long long)s.switches,
		     (unsigned long long)sim.tasks[tid].se.vruntime);
	}
}

int main(void)
{
	run(&sched_cfs);
	run(&sched_rr);
	return 0;
}
