/*
 * The lab 3 visualiser's glue (web only): a workload loaded from JavaScript
 * and run through the kernel's own scheduler simulator (kernel/sched/sched_sim.c
 * over sched.c, sched_cfs.c, sched_rr.c and rbtree.c, compiled unchanged by
 * emcc).  Every pick, vruntime, colour and statistic the page shows comes
 * from there; this file only records the simulator's events, keeps
 * snapshots for stepping back, and copies the run queue out for drawing.
 *
 * A run is played to the end once (lab3_run), recording every event with the
 * step that emitted it and a snapshot of the whole struct sim every
 * LAB3_CHECKPOINT steps (the header promises a copy is a snapshot, restored
 * at the same address).  lab3_goto(step) restores the nearest snapshot at or
 * before `step` and replays the rest with sim_step, so the live state is
 * exactly the C code's at that step.
 *
 * Times cross to JavaScript as doubles of nanoseconds: exact below 2^53 ns
 * (104 days), far beyond any workload the page accepts.
 */
#include <emscripten.h>
#include <stdbool.h>
#include <stdint.h>

#include "enum_names.h"
#include "format.h"
#include "rbtree.h"
#include "sched.h"
#include "sched_sim.h"
#include "string.h"

#define LAB3_MAX_STEPS 20000
#define LAB3_MAX_EVENTS 65536
#define LAB3_CHECKPOINT 32
#define LAB3_CHECKPOINTS (LAB3_MAX_STEPS / LAB3_CHECKPOINT + 1)

struct event {
	uint8_t kind, reason;
	int8_t tid, prev;
	int32_t step;		/* the step (1..) that emitted it */
	uint64_t time;
};

static struct sim_workload workload;
static struct sim sim;			/* the live simulator, at step `pos` */
static int pos, total;
static bool truncated;

static struct event events[LAB3_MAX_EVENTS];
static int nevents;
static bool recording;
static bool tampered;		/* lab3_tamper changed the live state */

/* Per step (0 = the start): the clock, the events emitted up to it, and
   min_vruntime and nr_queued after it. */
static uint64_t step_time[LAB3_MAX_STEPS + 1];
static int step_events[LAB3_MAX_STEPS + 1];
static uint64_t step_min_vruntime[LAB3_MAX_STEPS + 1];
static uint8_t step_queued[LAB3_MAX_STEPS + 1];

static struct sim checkpoints[LAB3_CHECKPOINTS];

/* The policies the page offers, by number; lab3_policy_key names them. */
static const struct sched_policy *const policies[] = { &sched_cfs, &sched_rr };
#define NPOLICIES (int)(sizeof policies / sizeof policies[0])

/* --- the workload -------------------------------------------------------- */

/* Start a new workload with this timer period (0: SIM_DEFAULT_TICK). */
EMSCRIPTEN_KEEPALIVE void lab3_workload_clear(double tick_ns)
{
	memset(&workload, 0, sizeof workload);
	workload.tick = tick_ns > 0 ? (uint64_t)tick_ns : 0;
}

/* Add a task; returns its tid, or -1 if the workload is full. */
EMSCRIPTEN_KEEPALIVE int lab3_task_add(double arrival_ns, int nice)
{
	if (workload.ntasks >= SIM_MAX_TASKS)
		return -1;
	struct sim_task_spec *t = &workload.tasks[workload.ntasks];
	t->arrival = arrival_ns > 0 ? (uint64_t)arrival_ns : 0;
	t->nice = nice;
	t->nphases = 0;
	return (int)workload.ntasks++;
}

/* Append a phase (CPU burst, sleep, burst, ...) to task tid; 0 or -1. */
EMSCRIPTEN_KEEPALIVE int lab3_phase_add(int tid, double ns)
{
	if (tid < 0 || (unsigned)tid >= workload.ntasks)
		return -1;
	struct sim_task_spec *t = &workload.tasks[tid];
	if (t->nphases >= SIM_MAX_PHASES)
		return -1;
	t->phases[t->nphases++] = ns > 0 ? (uint64_t)ns : 0;
	return 0;
}

EMSCRIPTEN_KEEPALIVE int lab3_max_tasks(void) { return SIM_MAX_TASKS; }
EMSCRIPTEN_KEEPALIVE int lab3_max_phases(void) { return SIM_MAX_PHASES; }
EMSCRIPTEN_KEEPALIVE int lab3_max_steps(void) { return LAB3_MAX_STEPS; }

/* --- running and stepping ------------------------------------------------ */

static void on_event(void *ctx, const struct sim_event *e)
{
	(void)ctx;
	if (!recording)
		return;
	if (nevents == LAB3_MAX_EVENTS) {
		truncated = true;
		return;
	}
	events[nevents++] = (struct event){
		.kind = (uint8_t)e->kind, .reason = (uint8_t)e->reason,
		.tid = (int8_t)e->tid, .prev = (int8_t)e->prev_tid,
		.step = total + 1, .time = e->time,
	};
}

static void record_step(int s)
{
	step_time[s] = sim.now;
	step_events[s] = nevents;
	step_min_vruntime[s] = sim.rq.min_vruntime;
	step_queued[s] = (uint8_t)sim.rq.nr_queued;
	if (s % LAB3_CHECKPOINT == 0)
		checkpoints[s / LAB3_CHECKPOINT] = sim;
}

/*
 * Run the loaded workload to the end under policy number `policy` (the
 * first for one out of range), recording the trace; then go back to step
 * 0.  Returns the number of steps.
 */
EMSCRIPTEN_KEEPALIVE int lab3_run(int policy)
{
	nevents = 0;
	total = 0;
	truncated = false;
	recording = true;
	tampered = false;
	sim_init(&sim, &workload, policies[policy >= 0 && policy < NPOLICIES ? policy : 0], on_event, NULL);
	record_step(0);
	while (total < LAB3_MAX_STEPS && !truncated) {
		if (!sim_step(&sim))
			break;
		total++;
		record_step(total);
	}
	if (total == LAB3_MAX_STEPS && sim.exited < sim.workload.ntasks)
		truncated = true;
	recording = false;
	sim = checkpoints[0];
	pos = 0;
	return total;
}

/* Put the live simulator where step `step` left it; returns the step. */
EMSCRIPTEN_KEEPALIVE int lab3_goto(int step)
{
	if (step < 0)
		step = 0;
	if (step > total)
		step = total;
	int from = step / LAB3_CHECKPOINT * LAB3_CHECKPOINT;
	if (tampered || pos > step || pos < from) {
		sim = checkpoints[from / LAB3_CHECKPOINT];
		pos = from;
		tampered = false;
	}
	/* pos <= step here: replay what is left */
	while (pos < step && sim_step(&sim))
		pos++;
	return pos;
}

EMSCRIPTEN_KEEPALIVE int lab3_pos(void) { return pos; }
EMSCRIPTEN_KEEPALIVE int lab3_total(void) { return total; }
EMSCRIPTEN_KEEPALIVE int lab3_truncated(void) { return truncated; }
/* The name of the policy the live simulator runs. */
EMSCRIPTEN_KEEPALIVE const char *lab3_policy_name(void) { return sim.rq.policy->name; }
/* The name of policy number id, as the kernel command line's sched= takes
 * it ("cfs", "rr"); NULL past the last. */
EMSCRIPTEN_KEEPALIVE const char *lab3_policy_key(int id)
{
	return id >= 0 && id < NPOLICIES ? policies[id]->name : NULL;
}
EMSCRIPTEN_KEEPALIVE double lab3_tick(void) { return (double)sim.workload.tick; }

/* --- the trace ------------------------------------------------------------ */

EMSCRIPTEN_KEEPALIVE int lab3_event_count(void) { return nevents; }
EMSCRIPTEN_KEEPALIVE int lab3_event_kind(int i) { return i >= 0 && i < nevents ? events[i].kind : -1; }
EMSCRIPTEN_KEEPALIVE int lab3_event_reason(int i) { return i >= 0 && i < nevents ? events[i].reason : -1; }
EMSCRIPTEN_KEEPALIVE int lab3_event_tid(int i) { return i >= 0 && i < nevents ? events[i].tid : -1; }
EMSCRIPTEN_KEEPALIVE int lab3_event_prev(int i) { return i >= 0 && i < nevents ? events[i].prev : -1; }
EMSCRIPTEN_KEEPALIVE int lab3_event_step(int i) { return i >= 0 && i < nevents ? events[i].step : -1; }
EMSCRIPTEN_KEEPALIVE double lab3_event_time(int i) { return i >= 0 && i < nevents ? (double)events[i].time : 0; }
EMSCRIPTEN_KEEPALIVE const char *lab3_event_name(int kind) { return sim_event_name((enum sim_event_kind)kind); }
EMSCRIPTEN_KEEPALIVE const char *lab3_reason_name(int r) { return sim_reason_name((enum sim_reason)r); }

static bool step_ok(int s) { return s >= 0 && s <= total; }
EMSCRIPTEN_KEEPALIVE double lab3_step_time(int s) { return step_ok(s) ? (double)step_time[s] : 0; }
/* Events emitted by steps 1..s. */
EMSCRIPTEN_KEEPALIVE int lab3_step_events(int s) { return step_ok(s) ? step_events[s] : 0; }
EMSCRIPTEN_KEEPALIVE double lab3_step_min_vruntime(int s) { return step_ok(s) ? (double)step_min_vruntime[s] : 0; }
EMSCRIPTEN_KEEPALIVE int lab3_step_queued(int s) { return step_ok(s) ? step_queued[s] : 0; }

/* --- the live state: the run queue and the tasks -------------------------- */

EMSCRIPTEN_KEEPALIVE double lab3_now(void) { return (double)sim.now; }
EMSCRIPTEN_KEEPALIVE int lab3_curr(void) { return sim.rq.curr ? sim.rq.curr->tid : -1; }
EMSCRIPTEN_KEEPALIVE double lab3_min_vruntime(void) { return (double)sim.rq.min_vruntime; }
EMSCRIPTEN_KEEPALIVE int lab3_nr_queued(void) { return (int)sim.rq.nr_queued; }
EMSCRIPTEN_KEEPALIVE double lab3_queued_weight(void) { return (double)sim.rq.queued_weight; }
EMSCRIPTEN_KEEPALIVE double lab3_slice_start(void) { return (double)sim.rq.slice_start; }
EMSCRIPTEN_KEEPALIVE double lab3_target_latency(void) { return (double)sim.rq.target_latency; }
EMSCRIPTEN_KEEPALIVE double lab3_min_granularity(void) { return (double)sim.rq.min_granularity; }
EMSCRIPTEN_KEEPALIVE double lab3_rr_quantum(void) { return (double)sim.rq.rr_quantum; }
EMSCRIPTEN_KEEPALIVE int lab3_ntasks(void) { return (int)sim.workload.ntasks; }

static const struct sim_task *task(int tid)
{
	static const struct sim_task none;

	return tid >= 0 && (unsigned)tid < sim.workload.ntasks ? &sim.tasks[tid] : &none;
}

static struct sim_task_stats stats(int tid)
{
	struct sim_task_stats s = { 0 };

	if (tid >= 0 && (unsigned)tid < sim.workload.ntasks)
		sim_task_stats(&sim, tid, &s);
	return s;
}

/* A task as the page shows it: the enum's name, and its own. */
#define TASK_VIEWS(X)							\
	X(NOT_ARRIVED, "not arrived")					\
	X(RUNNABLE, "runnable")		/* TASK_RUNNABLE */		\
	X(RUNNING, "running")		/* TASK_RUNNING */		\
	X(SLEEPING, "sleeping")		/* TASK_BLOCKED */		\
	X(EXITED, "exited")		/* TASK_DEAD */

enum task_view {
#define TASK_VIEW_ENUM(id, name) VIEW_##id,
	TASK_VIEWS(TASK_VIEW_ENUM)
#undef TASK_VIEW_ENUM
};

/* Task tid's enum task_view. */
EMSCRIPTEN_KEEPALIVE int lab3_task_state(int tid)
{
	const struct sim_task *t = task(tid);

	if (!t->arrived)
		return VIEW_NOT_ARRIVED;
	switch (t->se.state) {
	case TASK_RUNNABLE: return VIEW_RUNNABLE;
	case TASK_RUNNING: return VIEW_RUNNING;
	case TASK_BLOCKED: return VIEW_SLEEPING;
	default: return VIEW_EXITED;
	}
}

/* "not arrived", "runnable", ...: the view's name in TASK_VIEWS; NULL for none. */
EMSCRIPTEN_KEEPALIVE ENUM_NAME_FUNCTION(lab3_task_state_name, int, TASK_VIEWS)

EMSCRIPTEN_KEEPALIVE int lab3_task_nice(int tid) { return task(tid)->se.nice; }
EMSCRIPTEN_KEEPALIVE int lab3_task_weight(int tid) { return (int)task(tid)->se.weight; }
EMSCRIPTEN_KEEPALIVE double lab3_task_vruntime(int tid) { return (double)task(tid)->se.vruntime; }
EMSCRIPTEN_KEEPALIVE double lab3_task_burst_left(int tid) { return (double)task(tid)->burst_left; }
EMSCRIPTEN_KEEPALIVE double lab3_task_wake_at(int tid) { return (double)task(tid)->wake_at; }
EMSCRIPTEN_KEEPALIVE double lab3_task_runtime(int tid) { return (double)stats(tid).runtime; }
EMSCRIPTEN_KEEPALIVE double lab3_task_wait(int tid) { return (double)stats(tid).wait_time; }
EMSCRIPTEN_KEEPALIVE double lab3_task_turnaround(int tid) { return (double)stats(tid).turnaround; }
EMSCRIPTEN_KEEPALIVE double lab3_task_response(int tid) { return (double)stats(tid).response; }
EMSCRIPTEN_KEEPALIVE double lab3_task_switches(int tid) { return (double)stats(tid).switches; }
EMSCRIPTEN_KEEPALIVE int lab3_task_ran(int tid) { return task(tid)->ran; }

/*
 * The CFS tree, copied out breadth first: node 0 is the root, and each
 * node's children are indices into the same arrays (-1: none).
 */
static struct {
	int tid, left, right;
	bool red;
	uint64_t vruntime;
} nodes[SIM_MAX_TASKS];
static int nnodes;

static struct sched_entity *entity_of(const struct rb_node *n)
{
	return container_of(n, struct sched_entity, run_node);
}

EMSCRIPTEN_KEEPALIVE int lab3_tree(void)
{
	const struct rb_node *queue[SIM_MAX_TASKS];
	int head = 0;

	nnodes = 0;
	if (!sim.rq.tree.node)
		return 0;
	queue[nnodes++] = sim.rq.tree.node;
	while (head < nnodes) {
		const struct rb_node *n = queue[head];
		const struct rb_node *kids[2] = { n->left, n->right };
		int idx[2] = { -1, -1 };

		for (int k = 0; k < 2; k++)
			if (kids[k] && nnodes < SIM_MAX_TASKS) {
				idx[k] = nnodes;
				queue[nnodes++] = kids[k];
			}
		nodes[head].tid = entity_of(n)->tid;
		nodes[head].vruntime = entity_of(n)->vruntime;
		nodes[head].red = n->red;
		nodes[head].left = idx[0];
		nodes[head].right = idx[1];
		head++;
	}
	return nnodes;
}

static bool node_ok(int i) { return i >= 0 && i < nnodes; }
EMSCRIPTEN_KEEPALIVE int lab3_node_tid(int i) { return node_ok(i) ? nodes[i].tid : -1; }
EMSCRIPTEN_KEEPALIVE double lab3_node_vruntime(int i) { return node_ok(i) ? (double)nodes[i].vruntime : 0; }
EMSCRIPTEN_KEEPALIVE int lab3_node_red(int i) { return node_ok(i) ? nodes[i].red : 0; }
EMSCRIPTEN_KEEPALIVE int lab3_node_left(int i) { return node_ok(i) ? nodes[i].left : -1; }
EMSCRIPTEN_KEEPALIVE int lab3_node_right(int i) { return node_ok(i) ? nodes[i].right : -1; }

/* rb_first: the task CFS picks next, or -1. */
EMSCRIPTEN_KEEPALIVE int lab3_leftmost(void)
{
	const struct rb_node *n = rb_first(&sim.rq.tree);

	return n ? entity_of(n)->tid : -1;
}

/* The round-robin queue, head first. */
static int rr_order[SIM_MAX_TASKS];
static int rr_count;

EMSCRIPTEN_KEEPALIVE int lab3_queue(void)
{
	rr_count = 0;
	for (const struct list_node *n = sim.rq.queue.next; n != &sim.rq.queue && rr_count < SIM_MAX_TASKS;
	     n = n->next)
		rr_order[rr_count++] = container_of(n, struct sched_entity, run_link)->tid;
	return rr_count;
}

EMSCRIPTEN_KEEPALIVE int lab3_queue_tid(int i) { return i >= 0 && i < rr_count ? rr_order[i] : -1; }

/* --- invariants ----------------------------------------------------------- */

enum {
	INV_RB,			/* rb_check: the five red-black properties */
	INV_SCHED,		/* sched_check: counts, weights, vruntime bounds */
	INV_MIN_VRUNTIME,	/* min_vruntime never decreases */
	INV_HEIGHT,		/* height <= 2 log2(n + 1) */
	INV_COUNT
};

static const char *const inv_names[INV_COUNT] = {
	"red-black properties (rb_check)",
	"run queue consistent (sched_check)",
	"min_vruntime never decreases",
	"tree height \xe2\x89\xa4 2 log\xe2\x82\x82(n + 1)",
};

static bool inv_ok[INV_COUNT];
static char inv_detail[INV_COUNT][160];

static bool by_vruntime(const struct rb_node *a, const struct rb_node *b)
{
	return entity_of(a)->vruntime < entity_of(b)->vruntime;
}

static int height(const struct rb_node *n)
{
	if (!n)
		return 0;
	int l = height(n->left), r = height(n->right);
	return 1 + (l > r ? l : r);
}

/* Check every invariant at the live step; returns how many are broken. */
EMSCRIPTEN_KEEPALIVE int lab3_check(void)
{
	for (int i = 0; i < INV_COUNT; i++) {
		inv_ok[i] = true;
		inv_detail[i][0] = '\0';
	}
	inv_ok[INV_RB] = rb_check(&sim.rq.tree, by_vruntime, inv_detail[INV_RB], sizeof inv_detail[INV_RB]);
	inv_ok[INV_SCHED] = sched_check(&sim.rq, inv_detail[INV_SCHED], sizeof inv_detail[INV_SCHED]);
	/* against the recorded history up to here, and the live value */
	for (int s = 1; s <= pos; s++)
		if (step_min_vruntime[s] < step_min_vruntime[s - 1]) {
			inv_ok[INV_MIN_VRUNTIME] = false;
			ksnprintf(inv_detail[INV_MIN_VRUNTIME], sizeof inv_detail[INV_MIN_VRUNTIME],
				  "fell from %llu to %llu ns at step %d",
				  (unsigned long long)step_min_vruntime[s - 1],
				  (unsigned long long)step_min_vruntime[s], s);
			break;
		}
	uint64_t before = pos > 0 ? step_min_vruntime[pos - 1] : 0;
	if (inv_ok[INV_MIN_VRUNTIME] && sim.rq.min_vruntime < before) {
		inv_ok[INV_MIN_VRUNTIME] = false;
		ksnprintf(inv_detail[INV_MIN_VRUNTIME], sizeof inv_detail[INV_MIN_VRUNTIME],
			  "now %llu ns, it was %llu ns a step ago",
			  (unsigned long long)sim.rq.min_vruntime, (unsigned long long)before);
	}
	int n = 0, h = height(sim.rq.tree.node);
	for (const struct rb_node *x = rb_first(&sim.rq.tree); x && n <= SIM_MAX_TASKS; x = rb_next(x))
		n++;
	/* h <= 2 log2(n + 1)  <=>  2^h <= (n + 1)^2 */
	if (h > 0 && (uint64_t)1 << (h > 62 ? 62 : h) > (uint64_t)(n + 1) * (uint64_t)(n + 1)) {
		inv_ok[INV_HEIGHT] = false;
		ksnprintf(inv_detail[INV_HEIGHT], sizeof inv_detail[INV_HEIGHT],
			  "height %d with %d nodes", h, n);
	}
	int broken = 0;
	for (int i = 0; i < INV_COUNT; i++)
		broken += !inv_ok[i];
	return broken;
}

EMSCRIPTEN_KEEPALIVE int lab3_invariant_count(void) { return INV_COUNT; }
EMSCRIPTEN_KEEPALIVE const char *lab3_invariant_name(int i) { return i >= 0 && i < INV_COUNT ? inv_names[i] : ""; }
EMSCRIPTEN_KEEPALIVE int lab3_invariant_ok(int i) { return i >= 0 && i < INV_COUNT && inv_ok[i]; }
EMSCRIPTEN_KEEPALIVE const char *lab3_invariant_detail(int i) { return i >= 0 && i < INV_COUNT ? inv_detail[i] : ""; }
EMSCRIPTEN_KEEPALIVE int lab3_tree_height(void) { return height(sim.rq.tree.node); }

/*
 * Simulate a bug in the live state (the next lab3_goto undoes it):
 *   0  paint the root red;
 *   1  swap the vruntimes of the leftmost and the rightmost queued task;
 *   2  move min_vruntime back by a millisecond (or to 0).
 * Returns 0, or -1 if there is nothing to break.
 */
EMSCRIPTEN_KEEPALIVE int lab3_tamper(int kind)
{
	struct rb_node *first = rb_first(&sim.rq.tree), *last = rb_last(&sim.rq.tree);

	tampered = true;
	if (kind == 0 && sim.rq.tree.node) {
		sim.rq.tree.node->red = true;
		return 0;
	}
	if (kind == 1 && first && first != last) {
		uint64_t v = entity_of(first)->vruntime;
		entity_of(first)->vruntime = entity_of(last)->vruntime;
		entity_of(last)->vruntime = v;
		return 0;
	}
	if (kind == 2 && sim.rq.min_vruntime > 0) {
		sim.rq.min_vruntime = sim.rq.min_vruntime > 1000000 ? sim.rq.min_vruntime - 1000000 : 0;
		return 0;
	}
	return -1;
}
