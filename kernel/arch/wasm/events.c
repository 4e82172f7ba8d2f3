/*
 * Events in the browser kernel: what interrupts are on x86_64.  Nothing
 * can interrupt wasm code, so the kernel looks for them itself, at every
 * system call (user_mode.c) and while idle: the clock ticks (sleepers
 * wake, a time slice ends), typed bytes reach the terminal, and at least
 * every YIELD_NS the event loop gets a turn, so that the page answers
 * while programs compute.  Only a program that computes without making a
 * system call keeps the event loop waiting: there is no timer to stop it.
 */
#include "hal.h"
#include "thread.h"
#include "wasm_hal.h"
#include "wasm_kernel.h"
#include "wasm_runtime.h"

#define TICK_NS 1000000ull	/* 1 kHz, as the x86_64 kernel's default */
#define YIELD_NS 10000000ull
#define IDLE_WAIT_MS 10.0	/* the longest a sleeper's wakeup is late */

static uint64_t last_tick, last_yield;

static void tick_if_due(uint64_t now)
{
	if (now - last_tick < TICK_NS)
		return;
	last_tick = now;
	thread_tick(now);
}

void events_poll(void)
{
	uint64_t now = hal.clock_ns();

	if (now - last_yield >= YIELD_NS) {
		wasm_yield();
		last_yield = now = hal.clock_ns();
	}
	terminals_poll();
	file_service_poll();
	tick_if_due(now);
}

/* The idle thread's wait: until input comes or a tick is due; then, as
   at the end of an interrupt on x86_64, run whoever the events woke. */
static void wait_for_event(void)
{
	aurora_wait_for_event(IDLE_WAIT_MS);
	last_yield = hal.clock_ns();
	events_poll();
	thread_preempt_if_needed();
}

void events_init(void)
{
	wasm_hal_set_idle(wait_for_event);
}
