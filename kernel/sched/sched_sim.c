/*
 * The scheduler's workload simulator (shared code).  See sched_sim.h.
 *
 * Each step jumps the virtual clock to the earliest of: the next timer tick
 * (only while a task runs: an idle CPU has nothing to tick), the end of the
 * running task's burst, an arrival, a wakeup.  Everything due at that time
 * is then handled in a fixed order, so a trace never depends on anything
 * but the workload:
 *   1. the running task's burst ends (it sleeps or exits);
 *   2. arrivals and wakeups, by tid;
 *   3. the timer tick.
 */
#include "sched_sim.h"

static struct sim_task *task_of(struct sched_entity *se)
{
	return container_of(se, struct sim_task, se);
}

static const struct sim_task_spec *spec_of(const struct sim *sim, const struct sim_task *task)
{
	return &sim->workload.tasks[task - sim->tasks];
}

static void emit(struct sim *sim, enum sim_event_kind kind, int tid, int prev_tid,
		 enum sim_reason reason)
{
	struct sim_event event = {
		.kind = kind, .time = sim->now, .tid = tid, .prev_tid = prev_tid,
		.reason = reason,
	};

	if (sim->on_event)
		sim->on_event(sim->ctx, &event);
}

void sim_init(struct sim *sim, const struct sim_workload *workload,
	      const struct sched_policy *policy, sim_event_fn on_event, void *ctx)
{
	*sim = (struct sim){ .workload = *workload, .on_event = on_event, .ctx = ctx };
	if (sim->workload.ntasks > SIM_MAX_TASKS)
		sim->workload.ntasks = SIM_MAX_TASKS;
	if (sim->workload.tick == 0)
		sim->workload.tick = SIM_DEFAULT_TICK;
	rq_init(&sim->rq, policy);
	for (unsigned i = 0; i < sim->workload.ntasks; i++) {
		struct sim_task_spec *spec = &sim->workload.tasks[i];

		if (spec->nphases > SIM_MAX_PHASES)
			spec->nphases = SIM_MAX_PHASES;
		sched_entity_init(&sim->tasks[i].se, (int)i, spec->nice);
	}
}

/* Is the task asleep (arrived, not yet exited, blocked)? */
static bool sleeping(const struct sim_task *task)
{
	return task->arrived && task->se.state == TASK_BLOCKED;
}

static uint64_t earlier(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static uint64_t next_event_time(const struct sim *sim)
{
	uint64_t t = UINT64_MAX;
	uint64_t tick = sim->workload.tick;

	if (sim->rq.curr) {
		t = (sim->now / tick + 1) * tick;
		t = earlier(t, sim->now + task_of(sim->rq.curr)->burst_left);
	}
	for (unsigned i = 0; i < sim->workload.ntasks; i++) {
		const struct sim_task *task = &sim->tasks[i];

		if (!task->arrived)
			t = earlier(t, sim->workload.tasks[i].arrival);
		else if (sleeping(task))
			t = earlier(t, task->wake_at);
	}
	return t;
}

/* curr stops running (in `state`, for `reason`); run whatever the scheduler picks. */
static void switch_away(struct sim *sim, enum task_state state, enum sim_reason reason)
{
	struct sched_entity *prev = sim->rq.curr;
	int prev_tid = prev ? prev->tid : -1;
	struct sched_entity *next = sched_switch(&sim->rq, sim->now, state);

	if (!next) {
		if (prev)
			emit(sim, SIM_IDLE, -1, prev_tid, reason);
		return;
	}
	if (next == prev)
		return;		/* re-picked: it just goes on running */
	struct sim_task *task = task_of(next);
	if (!task->ran) {
		task->ran = true;
		task->first_run = sim->now;
	}
	emit(sim, SIM_RUN, next->tid, prev_tid, reason);
}

static void make_runnable(struct sim *sim, struct sim_task *task, bool is_new)
{
	emit(sim, is_new ? SIM_ARRIVE : SIM_WAKE, task->se.tid, -1, SIM_FROM_IDLE);
	if (sched_wakeup(&sim->rq, &task->se, sim->now, is_new))
		switch_away(sim, TASK_RUNNABLE, sim->rq.curr ? SIM_WOKEN_PREEMPTS : SIM_FROM_IDLE);
}

/* The running task's burst is over: sleep until the next burst, or exit. */
static void finish_burst(struct sim *sim, struct sim_task *task)
{
	const struct sim_task_spec *spec = spec_of(sim, task);

	if (task->phase + 2 < spec->nphases) {
		task->wake_at = sim->now + spec->phases[task->phase + 1];
		task->phase += 2;
		task->burst_left = spec->phases[task->phase];
		emit(sim, SIM_SLEEP, task->se.tid, -1, SIM_BLOCKED);
		switch_away(sim, TASK_BLOCKED, SIM_BLOCKED);
	} else {
		task->finish = sim->now;
		sim->exited++;
		emit(sim, SIM_EXIT, task->se.tid, -1, SIM_EXITED);
		switch_away(sim, TASK_DEAD, SIM_EXITED);
	}
}

static void arrive(struct sim *sim, struct sim_task *task)
{
	const struct sim_task_spec *spec = spec_of(sim, task);

	task->arrived = true;
	task->phase = 0;
	task->burst_left = spec->nphases > 0 ? spec->phases[0] : 0;
	make_runnable(sim, task, true);
}

bool sim_step(struct sim *sim)
{
	if (sim->exited == sim->workload.ntasks)
		return false;
	uint64_t t = next_event_time(sim);
	if (t == UINT64_MAX)
		return false;	/* cannot happen: some task is runnable or pending */

	struct sched_entity *curr = sim->rq.curr;
	if (curr)
		task_of(curr)->burst_left -= t - sim->now;
	sim->now = t;

	if (curr && task_of(curr)->burst_left == 0)
		finish_burst(sim, task_of(curr));
	for (unsigned i = 0; i < sim->workload.ntasks; i++) {
		struct sim_task *task = &sim->tasks[i];

		if (!task->arrived && sim->workload.tasks[i].arrival <= t)
			arrive(sim, task);
		else if (sleeping(task) && task->wake_at <= t)
			make_runnable(sim, task, false);
	}
	if (sim->rq.curr && t % sim->workload.tick == 0 && sched_tick(&sim->rq, t))
		switch_away(sim, TASK_RUNNABLE, SIM_SLICE_OVER);
	return true;
}

void sim_run(struct sim *sim, uint64_t until)
{
	while (sim->now < until && sim_step(sim))
		;
}

void sim_task_stats(const struct sim *sim, int tid, struct sim_task_stats *stats)
{
	const struct sim_task *task = &sim->tasks[tid];
	uint64_t arrival = sim->workload.tasks[tid].arrival;

	*stats = (struct sim_task_stats){
		.runtime = task->se.sum_runtime,
		.wait_time = task->se.wait_time,
		.turnaround = task->se.state == TASK_DEAD ? task->finish - arrival : 0,
		.response = task->ran ? task->first_run - arrival : 0,
		.switches = task->se.switches,
	};
}

const char *sim_event_name(enum sim_event_kind kind)
{
	static const char *const names[] = {
		[SIM_ARRIVE] = "arrive", [SIM_RUN] = "run", [SIM_SLEEP] = "sleep",
		[SIM_WAKE] = "wake", [SIM_EXIT] = "exit", [SIM_IDLE] = "idle",
	};

	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}

const char *sim_reason_name(enum sim_reason reason)
{
	static const char *const names[] = {
		[SIM_FROM_IDLE] = "from-idle", [SIM_SLICE_OVER] = "slice-over",
		[SIM_BLOCKED] = "blocked", [SIM_EXITED] = "exited",
		[SIM_WOKEN_PREEMPTS] = "woken-preempts",
	};

	return (unsigned)reason < sizeof(names) / sizeof(names[0]) ? names[reason] : "?";
}
