/*
 * A workload simulator for the scheduler (shared code), used by the browser
 * visualiser and the tests.  Tasks arrive, alternate CPU bursts and sleeps,
 * and exit, on a virtual clock in integer nanoseconds; the simulator drives
 * the scheduler only through sched.h (sched_wakeup, sched_tick,
 * sched_switch), exactly as the kernel's thread layer does, and reports what
 * happens through a callback.  Same workload, same events, on every target.
 *
 * A struct sim points outside itself only at its policy and callback, so a
 * copy of it is a snapshot: copy it back to the same address to step back.
 */
#ifndef AURORA_SCHED_SIM_H
#define AURORA_SCHED_SIM_H

#include <stdbool.h>
#include <stdint.h>
#include "sched.h"

#define SIM_MAX_TASKS 16
#define SIM_MAX_PHASES 32
#define SIM_DEFAULT_TICK 1000000ull	/* 1 ms */

struct sim_task_spec {
	uint64_t arrival;	/* ns */
	int nice;
	/* CPU burst, sleep, CPU burst, ... in ns.  The task exits when its last
	   burst ends; a trailing sleep is ignored. */
	unsigned nphases;
	uint64_t phases[SIM_MAX_PHASES];
};

struct sim_workload {
	unsigned ntasks;	/* task i gets tid i */
	uint64_t tick;		/* timer period in ns; 0 means SIM_DEFAULT_TICK */
	struct sim_task_spec tasks[SIM_MAX_TASKS];
};

enum sim_event_kind {
	SIM_ARRIVE,	/* tid became runnable for the first time */
	SIM_RUN,	/* the CPU went from prev_tid (-1: idle) to tid, for `reason` */
	SIM_SLEEP,	/* tid's burst ended and it sleeps */
	SIM_WAKE,	/* tid woke up */
	SIM_EXIT,	/* tid's last burst ended */
	SIM_IDLE,	/* the CPU went idle after prev_tid */
};

enum sim_reason {
	SIM_FROM_IDLE,		/* the CPU was idle */
	SIM_SLICE_OVER,		/* prev used up its slice (sched_tick) */
	SIM_BLOCKED,		/* prev went to sleep */
	SIM_EXITED,		/* prev exited */
	SIM_WOKEN_PREEMPTS,	/* a wakeup took the CPU from prev */
};

struct sim_event {
	enum sim_event_kind kind;
	uint64_t time;
	int tid;		/* the task (SIM_RUN: the one now running; SIM_IDLE: -1) */
	int prev_tid;		/* SIM_RUN, SIM_IDLE: the one that ran before, -1 if none */
	enum sim_reason reason;	/* SIM_RUN, SIM_IDLE */
};

typedef void (*sim_event_fn)(void *ctx, const struct sim_event *event);

struct sim_task {
	struct sched_entity se;
	unsigned phase;		/* index into the spec's phases */
	uint64_t burst_left;	/* ns still to run in the current burst */
	uint64_t wake_at;	/* while sleeping */
	bool arrived;
	bool ran;		/* has run at least once */
	uint64_t first_run;
	uint64_t finish;
};

struct sim_task_stats {
	uint64_t runtime;	/* ns on the CPU */
	uint64_t wait_time;	/* ns runnable but not running */
	uint64_t turnaround;	/* exit - arrival (0 until it exits) */
	uint64_t response;	/* first run - arrival (0 until it runs) */
	uint64_t switches;	/* times switched to */
};

struct sim {
	struct runqueue rq;
	struct sim_workload workload;
	struct sim_task tasks[SIM_MAX_TASKS];
	uint64_t now;
	unsigned exited;
	sim_event_fn on_event;	/* may be NULL */
	void *ctx;
};

void sim_init(struct sim *sim, const struct sim_workload *workload,
	      const struct sched_policy *policy, sim_event_fn on_event, void *ctx);
/* Advance to the next event time and handle everything due then.  False
   (and nothing done) once every task has exited. */
bool sim_step(struct sim *sim);
/* Step until every task has exited or the clock passes `until`. */
void sim_run(struct sim *sim, uint64_t until);
void sim_task_stats(const struct sim *sim, int tid, struct sim_task_stats *stats);

const char *sim_event_name(enum sim_event_kind kind);
const char *sim_reason_name(enum sim_reason reason);

#endif
