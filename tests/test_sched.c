/*
 * Tests of the scheduler (kernel/sched/sched*.c): the policy decisions through
 * the public API, long runs through the simulator for CPU shares, and
 * sched_check after every operation of random sequences.
 */
#include <stdio.h>
#include <string.h>	/* strlen */
#include "sched.h"
#include "sched_sim.h"
#include "string.h"
#include "rng.h"
#include "unit.h"

#define MS 1000000ull
#define US 1000ull

static struct runqueue rq;
static struct sched_entity tasks[16];
static struct sim sim;

static bool check_valid(const struct runqueue *q, const char *file, int line)
{
	char why[160];

	if (sched_check(q, why, sizeof(why)))
		return true;
	unit_fail(file, line, "sched_check: %s", why);
	return false;
}

#define CHECK_VALID() check_valid(&rq, __FILE__, __LINE__)
#define CHECK_SIM_VALID() check_valid(&sim.rq, __FILE__, __LINE__)

static void setup(const struct sched_policy *policy, int ntasks, int nice)
{
	rq_init(&rq, policy);
	for (int i = 0; i < ntasks; i++)
		sched_entity_init(&tasks[i], i, nice);
}

/* Tick every `tick` ns from the clock to `until`, switching when told. */
static void run_until(uint64_t until, uint64_t tick)
{
	for (uint64_t t = rq.clock + tick; t <= until; t += tick)
		if (sched_tick(&rq, t))
			sched_switch(&rq, t, TASK_RUNNABLE);
}

TEST(sched_defaults)
{
	setup(&sched_cfs, 1, 0);
	CHECK_EQ(rq.target_latency, 6 * MS);
	CHECK_EQ(rq.min_granularity, 750 * US);
	CHECK_EQ(rq.rr_quantum, 4 * MS);
	CHECK_EQ(rq.wakeup_granularity, 1 * MS);
	CHECK_EQ(sched_nice_to_weight[0], 88761);
	CHECK_EQ(sched_nice_to_weight[20], NICE_0_WEIGHT);
	CHECK_EQ(sched_nice_to_weight[25], 335);
	CHECK_EQ(sched_nice_to_weight[39], 15);
	sched_entity_init(&tasks[1], 1, -99);
	CHECK_EQ(tasks[1].nice, NICE_MIN);
	CHECK_EQ(tasks[1].weight, 88761);
	CHECK_EQ(tasks[1].state, TASK_BLOCKED);
	CHECK_VALID();
}

TEST(cfs_picks_smallest_vruntime)
{
	static const uint64_t vruntimes[] = { 300, 100, 200 };

	setup(&sched_cfs, 3, 0);
	for (int i = 0; i < 3; i++) {
		tasks[i].vruntime = vruntimes[i];
		sched_wakeup(&rq, &tasks[i], 0, false);	/* sleepers keep their vruntime */
		CHECK_VALID();
	}
	CHECK(sched_switch(&rq, 0, TASK_RUNNABLE) == &tasks[1]);
	CHECK(sched_switch(&rq, 0, TASK_BLOCKED) == &tasks[2]);
	CHECK(sched_switch(&rq, 0, TASK_BLOCKED) == &tasks[0]);
	CHECK(sched_switch(&rq, 0, TASK_DEAD) == NULL);
	CHECK(rq.curr == NULL);
	CHECK_VALID();
}

/* One task of this nice runs alone, charged in ragged pieces of 1..max_piece ns. */
static uint64_t charge_ragged(int nice, uint64_t duration, uint64_t max_piece, uint64_t seed)
{
	uint64_t rng = seed, t = 0;

	setup(&sched_cfs, 1, nice);
	sched_wakeup(&rq, &tasks[0], 0, true);
	sched_switch(&rq, 0, TASK_RUNNABLE);
	while (t < duration) {
		t += 1 + rng_next(&rng) % max_piece;
		sched_tick(&rq, t);
	}
	return t;
}

/* Exact: vruntime * weight + vruntime_rem == runtime * 1024, to the unit. */
static void check_charged_exactly(uint64_t t)
{
	const struct sched_entity *se = &tasks[0];

	CHECK_EQ(se->sum_runtime, t);
	CHECK_EQ(se->vruntime, t * NICE_0_WEIGHT / se->weight);
	CHECK_EQ(se->vruntime_rem, t * NICE_0_WEIGHT % se->weight);
	CHECK_EQ(rq.min_vruntime, se->vruntime);
	CHECK_VALID();		/* the audit saw every charge exact */
}

TEST(cfs_vruntime_is_runtime_scaled_exactly)
{
	/* A second in pieces of at most 777 ns: no rounding may build up. */
	check_charged_exactly(charge_ragged(5, 1000 * MS, 777, 42));
	for (int nice = NICE_MIN; nice <= NICE_MAX; nice++)
		check_charged_exactly(charge_ragged(nice, 100 * MS, 77777, 7 + nice));
}

/* Run CPU-bound tasks of these nices for `duration`; fill runtimes. */
static void cpu_bound_share(const int *nices, int n, uint64_t duration, uint64_t tick,
			    uint64_t *runtimes)
{
	struct sim_workload w = { .ntasks = n, .tick = tick };

	for (int i = 0; i < n; i++)
		w.tasks[i] = (struct sim_task_spec){ .nice = nices[i], .nphases = 1,
						     .phases = { 100 * duration } };
	sim_init(&sim, &w, &sched_cfs, NULL, NULL);
	sim_run(&sim, duration);
	for (int i = 0; i < n; i++)
		runtimes[i] = sim.tasks[i].se.sum_runtime;
}

TEST(cfs_share_follows_weight_nice0_vs_nice5)
{
	static const int nices[] = { 0, 5 };
	uint64_t r[2];

	cpu_bound_share(nices, 2, 10000 * MS, MS, r);
	CHECK_EQ(r[0] + r[1], 10000 * MS);
	/* r0 / r1 should be 1024 / 335: within 2%. */
	uint64_t lhs = r[0] * 335, rhs = r[1] * 1024;
	uint64_t diff = lhs > rhs ? lhs - rhs : rhs - lhs;
	if (!CHECK(diff * 50 <= rhs))
		unit_fail(__FILE__, __LINE__, "nice 0 ran %llu ns, nice 5 %llu ns",
			  (unsigned long long)r[0], (unsigned long long)r[1]);
}

TEST(cfs_equal_nice_share_equally)
{
	static const int nices[] = { 3, 3, 3 };
	uint64_t r[3];

	cpu_bound_share(nices, 3, 3000 * MS, MS, r);
	for (int i = 1; i < 3; i++) {
		uint64_t diff = r[i] > r[0] ? r[i] - r[0] : r[0] - r[i];
		CHECK(diff <= 4 * MS);	/* at most a slice apart */
	}
}

/* Per task, the shortest and longest slices that ended by SIM_SLICE_OVER. */
struct slice_log {
	uint64_t last_run;
	int last_tid;
	unsigned slices[SIM_MAX_TASKS];
	uint64_t shortest[SIM_MAX_TASKS], longest[SIM_MAX_TASKS];
};

static void log_slice(void *ctx, const struct sim_event *e)
{
	struct slice_log *log = ctx;
	int tid = log->last_tid;

	if (e->kind != SIM_RUN)
		return;
	if (e->reason == SIM_SLICE_OVER) {
		uint64_t ran = e->time - log->last_run;

		if (log->slices[tid]++ == 0 || ran < log->shortest[tid])
			log->shortest[tid] = ran;
		if (ran > log->longest[tid])
			log->longest[tid] = ran;
	}
	log->last_run = e->time;
	log->last_tid = e->tid;
}

/* CPU-bound tasks of these nices for 200 ms: their slices in *log. */
static void log_slices(const int *nices, int ntasks, uint64_t tick, struct slice_log *log)
{
	struct sim_workload w = { .ntasks = ntasks, .tick = tick };

	*log = (struct slice_log){ 0 };
	for (int i = 0; i < ntasks; i++)
		w.tasks[i] = (struct sim_task_spec){ .nice = nices[i], .nphases = 1,
						     .phases = { 1000 * MS } };
	sim_init(&sim, &w, &sched_cfs, log_slice, log);
	sim_run(&sim, 200 * MS);
}

/* Every slice task tid ran was exactly `slice`: no shorter, no longer. */
static void check_slices(const struct slice_log *log, int tid, uint64_t slice)
{
	if (!CHECK(log->slices[tid] > 10))
		return;
	CHECK_EQ(log->shortest[tid], slice);
	CHECK_EQ(log->longest[tid], slice);
}

/* The audit: the shortest run a tick ended, the longest it let go on. */
static void check_audited_slices(uint64_t shortest_ended, uint64_t longest_extended)
{
	CHECK_EQ(sim.rq.audit.shortest_ended, shortest_ended);
	CHECK_EQ(sim.rq.audit.longest_extended, longest_extended);
}

TEST(cfs_slices_have_lower_and_upper_bounds)
{
	static const int sixteen[16] = { 0 }, nice0_nice5[] = { 0, 5 };
	struct slice_log log;

	/* 2 equal tasks: 6 ms / 2 = 3 ms each. */
	log_slices(sixteen, 2, MS, &log);
	check_slices(&log, 0, 3 * MS);
	check_slices(&log, 1, 3 * MS);
	check_audited_slices(3 * MS, 2 * MS);
	/* 16 tasks: 6 ms / 16 = 375 us, raised to the 750 us minimum granularity. */
	log_slices(sixteen, 16, 250 * US, &log);
	for (int i = 0; i < 16; i++)
		check_slices(&log, i, 750 * US);
	check_audited_slices(750 * US, 500 * US);
	/* By weight: 6 ms x 335 / 1359 = 1.48 ms, ended at the 1.5 ms tick, and
	   6 ms x 1024 / 1359 = 4.52 ms, still going at 4.5 ms.  (A task picked
	   again runs on with no event, so only the audit sees these slices.) */
	log_slices(nice0_nice5, 2, 250 * US, &log);
	check_audited_slices(1500 * US, 4500 * US);
}

TEST(cfs_sleeper_placed_near_min_vruntime)
{
	setup(&sched_cfs, 2, 0);
	struct sched_entity *a = &tasks[0], *b = &tasks[1];

	/* b runs 1 ms and sleeps; a then runs alone for 100 ms. */
	CHECK(sched_wakeup(&rq, b, 0, true));
	CHECK(sched_switch(&rq, 0, TASK_RUNNABLE) == b);
	CHECK(sched_switch(&rq, 1 * MS, TASK_BLOCKED) == NULL);
	CHECK(sched_wakeup(&rq, a, 1 * MS, true));
	CHECK_EQ(a->vruntime, 1 * MS);		/* a new task starts at min_vruntime */
	CHECK(sched_switch(&rq, 1 * MS, TASK_RUNNABLE) == a);
	run_until(101 * MS, MS);
	CHECK_EQ(rq.min_vruntime, 101 * MS);

	/* b wakes: placed target_latency / 2 behind, not 100 ms behind. */
	CHECK(sched_wakeup(&rq, b, 101 * MS, false));
	CHECK_EQ(b->vruntime, 98 * MS);
	CHECK_VALID();
	CHECK(sched_switch(&rq, 101 * MS, TASK_RUNNABLE) == b);	/* promptly */
	/* ... but only for its slice (3 ms: half of 6), then a again. */
	run_until(104 * MS, MS);
	CHECK(rq.curr == a);
	CHECK_EQ(b->sum_runtime, 4 * MS);
	CHECK_VALID();
}

/*
 * A napper b (nice 5) runs 1 ms, sleeps 500 us, again and again, beside a
 * nice-0 spinner, ticks every 250 us, for 3 s.  It asks for 2/3 of the CPU;
 * sleeping so briefly and often must earn it no more than its weight's
 * share, 335 / 1359, and no wakeup may move its vruntime back.
 */
struct napper {
	struct sched_entity *se;
	uint64_t burst_end;	/* its sum_runtime when it next sleeps */
	uint64_t wake_at;
};

/* b wakes at `now`: neither back nor below the placement's floor. */
static bool wake_napper(struct sched_entity *b, uint64_t now)
{
	uint64_t vruntime = b->vruntime;
	uint32_t rem = b->vruntime_rem;

	if (sched_wakeup(&rq, b, now, false))
		sched_switch(&rq, now, TASK_RUNNABLE);
	return CHECK(b->vruntime > vruntime || (b->vruntime == vruntime && b->vruntime_rem >= rem)) &&
	       CHECK(b->vruntime + rq.target_latency / 2 >= rq.min_vruntime);
}

/* The tick at t: the napper's burst or curr's slice may end, it may wake. */
static bool napper_tick(struct napper *b, uint64_t t)
{
	bool over = sched_tick(&rq, t);

	if (rq.curr == b->se && b->se->sum_runtime >= b->burst_end) {
		sched_switch(&rq, t, TASK_BLOCKED);
		b->burst_end = b->se->sum_runtime + 1 * MS;
		b->wake_at = t + 500 * US;
	} else if (over) {
		sched_switch(&rq, t, TASK_RUNNABLE);
	}
	return b->se->state != TASK_BLOCKED || t < b->wake_at || wake_napper(b->se, t);
}

TEST(cfs_brief_sleeper_gains_no_more_than_its_share)
{
	struct napper b = { .se = &tasks[1], .burst_end = 1 * MS };

	setup(&sched_cfs, 1, 0);
	sched_entity_init(b.se, 1, 5);
	sched_wakeup(&rq, &tasks[0], 0, true);
	sched_wakeup(&rq, b.se, 0, true);
	sched_switch(&rq, 0, TASK_RUNNABLE);
	for (uint64_t t = 250 * US; t <= 3000 * MS; t += 250 * US)
		if (!napper_tick(&b, t))
			return;
	CHECK_VALID();
	/* Within one of its slices (1.5 ms) of 335 / 1359 of the 3 s. */
	uint64_t share = 3000 * MS * 335 / 1359;
	if (!CHECK(b.se->sum_runtime <= share + 1500 * US))
		unit_fail(__FILE__, __LINE__, "the napper ran %llu ns of 3 s, its share is %llu",
			  (unsigned long long)b.se->sum_runtime, (unsigned long long)share);
}

/* A sleeper's phases: bursts of 0.3-2 ms (even ones), sleeps of 1-7 ms. */
static uint64_t sleeper_phase(unsigned phase, uint64_t *rng)
{
	return phase % 2 ? 1 * MS + rng_next(rng) % (6 * MS)
			 : 300 * US + rng_next(rng) % (1700 * US);
}

/* Two spinners, then six sleepers; nice -10 to 11, arriving 0.7 ms apart. */
static void spinners_and_sleepers(struct sim_workload *w)
{
	uint64_t rng = 3;

	*w = (struct sim_workload){ .ntasks = 8, .tick = 250 * US };
	for (int i = 0; i < 8; i++) {
		struct sim_task_spec *task = &w->tasks[i];

		*task = (struct sim_task_spec){ .nice = i * 3 - 10, .arrival = i * 700 * US,
						.nphases = i < 2 ? 1 : SIM_MAX_PHASES - 1 };
		for (unsigned p = 0; p < task->nphases; p++)
			task->phases[p] = i < 2 ? 1000 * MS : sleeper_phase(p, &rng);
	}
}

/* min_vruntime sampled after every step of the simulator while sleepers
   wake; the audit watches it at every change in between. */
TEST(cfs_min_vruntime_never_decreases_while_sleepers_wake)
{
	struct sim_workload w;
	uint64_t last_min = 0;

	spinners_and_sleepers(&w);
	sim_init(&sim, &w, &sched_cfs, NULL, NULL);
	while (sim.now < 300 * MS && sim_step(&sim)) {
		if (!CHECK_SIM_VALID() || !CHECK(sim.rq.min_vruntime >= last_min))
			return;
		last_min = sim.rq.min_vruntime;
	}
}

TEST(cfs_wakeup_preemption_needs_granularity)
{
	setup(&sched_cfs, 2, 0);
	sched_wakeup(&rq, &tasks[0], 0, true);
	sched_switch(&rq, 0, TASK_RUNNABLE);
	run_until(10 * MS, MS);
	tasks[1].vruntime = rq.min_vruntime - 1 * MS;	/* exactly the granularity */
	CHECK(!sched_wakeup(&rq, &tasks[1], 10 * MS, false));
	CHECK(sched_switch(&rq, 10 * MS, TASK_BLOCKED) == &tasks[1]);
	CHECK(sched_switch(&rq, 10 * MS, TASK_BLOCKED) == NULL);
	tasks[0].vruntime = rq.min_vruntime - 2 * MS;
	tasks[1].vruntime = rq.min_vruntime;
	CHECK(sched_wakeup(&rq, &tasks[1], 10 * MS, false));	/* idle CPU */
	sched_switch(&rq, 10 * MS, TASK_RUNNABLE);
	CHECK(sched_wakeup(&rq, &tasks[0], 10 * MS, false));	/* 2 ms behind */
	CHECK_VALID();
}

TEST(rr_rotates_in_fifo_order_with_quantum)
{
	setup(&sched_rr, 4, 0);
	for (int i = 0; i < 3; i++)
		sched_wakeup(&rq, &tasks[i], 0, true);
	CHECK(sched_switch(&rq, 0, TASK_RUNNABLE) == &tasks[0]);
	CHECK(!sched_tick(&rq, 3 * MS));
	CHECK(sched_tick(&rq, 4 * MS));
	/* A waking task goes to the back and never preempts. */
	CHECK(!sched_wakeup(&rq, &tasks[3], 4 * MS, false));
	static const int order[] = { 1, 2, 3, 0, 1, 2, 3, 0 };
	for (int i = 0; i < 8; i++) {
		CHECK(sched_switch(&rq, (4 + 4 * i) * MS, TASK_RUNNABLE) == &tasks[order[i]]);
		CHECK_VALID();
		CHECK(!sched_tick(&rq, (7 + 4 * i) * MS));
		CHECK(sched_tick(&rq, (8 + 4 * i) * MS));
	}
}

/* Random wakeups, ticks and switches; the checks hold after every one. */
static void random_sequence(const struct sched_policy *policy, uint64_t seed)
{
	uint64_t rng = seed, now = 0, last_min = 0;
	bool started[16] = { false };

	rq_init(&rq, policy);
	for (int i = 0; i < 16; i++)
		sched_entity_init(&tasks[i], i, (int)(rng_next(&rng) % 40) - 20);
	for (int op = 0; op < 3000; op++) {
		int i = rng_next(&rng) % 16;
		now += rng_next(&rng) % (2 * MS);

		switch (rng_next(&rng) % 4) {
		case 0:
			if (tasks[i].state != TASK_BLOCKED)
				continue;
			if (sched_wakeup(&rq, &tasks[i], now, !started[i]))
				sched_switch(&rq, now, TASK_RUNNABLE);
			started[i] = true;
			break;
		case 1:
			if (sched_tick(&rq, now))
				sched_switch(&rq, now, TASK_RUNNABLE);
			break;
		case 2:
			sched_switch(&rq, now, TASK_BLOCKED);
			break;
		default:
			sched_switch(&rq, now, TASK_RUNNABLE);
			break;
		}
		if (!CHECK_VALID())
			return;
		if (!CHECK(rq.min_vruntime >= last_min))
			return;
		last_min = rq.min_vruntime;
	}
}

TEST(cfs_random_sequence_keeps_invariants)
{
	for (uint64_t seed = 1; seed <= 4; seed++)
		random_sequence(&sched_cfs, seed);
}

TEST(rr_random_sequence_keeps_invariants)
{
	random_sequence(&sched_rr, 7);
}

/* --- the simulator, event by event ----------------------------------------- */

static char events[1024];

static void record(void *ctx, const struct sim_event *e)
{
	size_t len = strlen(events);

	(void)ctx;
	if (e->kind == SIM_RUN || e->kind == SIM_IDLE)
		snprintf(events + len, sizeof(events) - len, "%s%llu:%s%d(%s)", len ? " " : "",
			 (unsigned long long)(e->time / MS), sim_event_name(e->kind),
			 e->kind == SIM_RUN ? e->tid : e->prev_tid, sim_reason_name(e->reason));
	else
		snprintf(events + len, sizeof(events) - len, "%s%llu:%s%d", len ? " " : "",
			 (unsigned long long)(e->time / MS), sim_event_name(e->kind), e->tid);
}

/* Run the workload to the end, its events in `events`. */
static void run_recorded(const struct sim_workload *w, const struct sched_policy *policy)
{
	events[0] = '\0';
	sim_init(&sim, w, policy, record, NULL);
	sim_run(&sim, UINT64_MAX);
}

static void check_stats(int tid, uint64_t runtime, uint64_t wait,
			uint64_t turnaround, uint64_t response, uint64_t switches)
{
	struct sim_task_stats s;

	sim_task_stats(&sim, tid, &s);
	CHECK_EQ(s.runtime, runtime);
	CHECK_EQ(s.wait_time, wait);
	CHECK_EQ(s.turnaround, turnaround);
	CHECK_EQ(s.response, response);
	CHECK_EQ(s.switches, switches);
}

/*
 * Round robin, 4 ms quantum, 1 ms tick.  Task 0 arrives at 0 with 5 ms of
 * work; task 1 at 1 ms with 2 ms of work, a 3 ms sleep and 1 ms of work.
 *   0-4 task 0 (slice over; task 1 waited 1-4), 4-6 task 1 (then sleeps until 9),
 *   6-7 task 0 (waited 4-6, exits), 7-9 idle, 9-10 task 1 (exits).
 */
TEST(sim_stats_exact_on_small_round_robin)
{
	struct sim_workload w = {
		.ntasks = 2,
		.tasks = {
			{ .arrival = 0, .nphases = 1, .phases = { 5 * MS } },
			{ .arrival = 1 * MS, .nphases = 3, .phases = { 2 * MS, 3 * MS, 1 * MS } },
		},
	};

	run_recorded(&w, &sched_rr);
	CHECK_STR_EQ(events, "0:arrive0 0:run0(from-idle) 1:arrive1 4:run1(slice-over) "
		     "6:sleep1 6:run0(blocked) 7:exit0 7:idle0(exited) 9:wake1 "
		     "9:run1(from-idle) 10:exit1 10:idle1(exited)");
	check_stats(0, 5 * MS, 2 * MS, 7 * MS, 0, 2);
	check_stats(1, 3 * MS, 3 * MS, 9 * MS, 3 * MS, 2);
	CHECK(!sim_step(&sim));
}

/*
 * CFS, two tasks from 0: task 0 needs 30 ms, task 1 1 ms, sleeps 10 ms, 1 ms.
 * Task 1 waits out task 0's 3 ms slice, runs 1 ms (vruntime 1 ms) and sleeps;
 * at 14 ms min_vruntime is 13 ms, so it wakes at 10 ms, 3 ms behind task 0:
 * more than the 1 ms granularity, so it preempts.
 */
TEST(sim_cfs_sleeper_wakeup_preempts)
{
	struct sim_workload w = {
		.ntasks = 2,
		.tasks = {
			{ .nphases = 1, .phases = { 30 * MS } },
			{ .nphases = 3, .phases = { 1 * MS, 10 * MS, 1 * MS } },
		},
	};

	run_recorded(&w, &sched_cfs);
	CHECK_STR_EQ(events, "0:arrive0 0:run0(from-idle) 0:arrive1 3:run1(slice-over) "
		     "4:sleep1 4:run0(blocked) 14:wake1 14:run1(woken-preempts) "
		     "15:exit1 15:run0(exited) 32:exit0 32:idle0(exited)");
	check_stats(1, 2 * MS, 3 * MS, 15 * MS, 3 * MS, 2);
}
