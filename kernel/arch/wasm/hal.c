/*
 * The wasm implementation of the HAL (hal.h), for the browser build and the
 * unit tests in Node.  Wasm has no interrupts, MMU or TLB, so those
 * operations only record what the kernel asked for; context switches are
 * Emscripten fibers (link with -sASYNCIFY).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <emscripten.h>
#include "hal.h"
#include "task.h"

static bool interrupts_enabled;
static uintptr_t page_table_root;

static void wasm_init(void)
{
	interrupts_enabled = false;
	page_table_root = 0;
}

/* Nothing can interrupt wasm code; the flag keeps what the kernel asked. */
static void wasm_enable_interrupts(void)
{
	interrupts_enabled = true;
}

static void wasm_disable_interrupts(void)
{
	interrupts_enabled = false;
}

static bool wasm_save_and_disable_interrupts(void)
{
	bool was = interrupts_enabled;

	interrupts_enabled = false;
	return was;
}

static void wasm_restore_interrupts(bool enabled)
{
	interrupts_enabled = enabled;
}

static bool wasm_interrupts_enabled(void)
{
	return interrupts_enabled;
}

/* There is no MMU: keep the root so a visualiser can walk the tables. */
static void wasm_set_page_table(uintptr_t root)
{
	page_table_root = root;
}

static void wasm_flush_tlb(uintptr_t virt)
{
	(void)virt;	/* no TLB, nothing cached */
}

/* Nanoseconds; emscripten_get_now() is performance.now(), monotonic. */
static uint64_t wasm_read_timestamp(void)
{
	return (uint64_t)(emscripten_get_now() * 1e6);
}

/* A fiber's entry function must never return: there is nothing to return to. */
static void run_task(void *arg)
{
	struct task *t = arg;

	t->entry();
	fprintf(stderr, "task %s: entry function returned\n", t->name ? t->name : "?");
	abort();
}

void task_init(struct task *t, const char *name, void *stack, size_t size,
	       void (*entry)(void))
{
	t->name = name;
	t->entry = entry;
	emscripten_fiber_init(&t->fiber, run_task, t, stack, size,
			      t->asyncify_stack, sizeof(t->asyncify_stack));
	t->fiber_ready = true;
}

static void wasm_context_switch(struct task *prev, struct task *next)
{
	/* The context that is running now becomes a fiber the first time it
	   is switched away from, so main needs no task_init. */
	if (!prev->fiber_ready) {
		emscripten_fiber_init_from_current_context(&prev->fiber, prev->asyncify_stack,
							   sizeof(prev->asyncify_stack));
		prev->fiber_ready = true;
	}
	emscripten_fiber_swap(&prev->fiber, &next->fiber);
}

/* The browser runs no user code: nothing enters through these. */
static void wasm_set_kernel_stack(uintptr_t top)
{
	(void)top;
}

static void wasm_set_user_tls(uint64_t base)
{
	(void)base;
}

const struct hal_ops hal = {
	.init = wasm_init,
	.enable_interrupts = wasm_enable_interrupts,
	.disable_interrupts = wasm_disable_interrupts,
	.save_and_disable_interrupts = wasm_save_and_disable_interrupts,
	.restore_interrupts = wasm_restore_interrupts,
	.interrupts_enabled = wasm_interrupts_enabled,
	.set_page_table = wasm_set_page_table,
	.flush_tlb = wasm_flush_tlb,
	.read_timestamp = wasm_read_timestamp,
	.context_switch = wasm_context_switch,
	.set_kernel_stack = wasm_set_kernel_stack,
	.set_user_tls = wasm_set_user_tls,
};
