/*
 * The wasm implementation of the HAL (hal.h), for the browser kernel and
 * the unit tests in Node.  Wasm has no interrupts, MMU or TLB, so those
 * operations only record what the kernel asked for; context switches are
 * Emscripten fibers (link with -sASYNCIFY).  User mode is whatever runner
 * the caller installs (wasm_hal.h): the browser kernel's runs programs in
 * their own WebAssembly instances (user_mode.c), the unit tests' calls a
 * function.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <emscripten.h>
#include "errno.h"
#include "hal.h"
#include "task.h"
#include "trap.h"
#include "wasm_hal.h"

static bool interrupts_enabled;
static uintptr_t page_table_root;
static wasm_user_runner *user_runner;
static void (*idle_wait)(void) = wasm_yield;

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

void wasm_hal_set_user_runner(wasm_user_runner *run)
{
	user_runner = run;
}

void wasm_hal_set_idle(void (*wait)(void))
{
	idle_wait = wait;
}

uintptr_t wasm_hal_page_table(void)
{
	return page_table_root;
}

/* There is no MMU: keep the root so a visualiser can walk the tables, and
   so the browser kernel knows whose program to run. */
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
	/* The top of a kernel stack holds the user frame, where x86_64's
	   entry from user mode saves it (process_user_frame): the fiber's
	   C stack starts below it. */
	emscripten_fiber_init(&t->fiber, run_task, t, stack, size - sizeof(struct trap_frame),
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

/* No privilege levels: a program's system calls are served on its kernel
   thread's fiber, which is already running (user_mode.c), so there is no
   stack to switch to; and no register holds a thread pointer. */
static void wasm_set_kernel_stack(uintptr_t top)
{
	(void)top;
}

static void wasm_set_user_tls(uint64_t base)
{
	(void)base;
}

void wasm_yield(void)
{
	emscripten_sleep(0);
}

/* Nothing can interrupt wasm code, so waiting is giving the browser's
   event loop (or Node's) a turn: by default just that, in the browser
   kernel until an event comes (events.c). */
static void wasm_idle(void)
{
	idle_wait();
}

/* There is no timer interrupt: a tick is a millisecond of the clock. */
static uint64_t wasm_clock_ticks(void)
{
	return wasm_read_timestamp() / 1000000;
}

static uint64_t wasm_syscall_number(const struct trap_frame *tf)
{
	return tf->nr;
}

static void wasm_syscall_args(const struct trap_frame *tf, uint64_t args[6])
{
	memcpy(args, tf->args, sizeof(tf->args));
}

static void wasm_set_syscall_result(struct trap_frame *tf, uint64_t value)
{
	tf->result = value;
}

static uint64_t wasm_syscall_result(const struct trap_frame *tf)
{
	return tf->result;
}

/* The user-mode runner makes the call again instead of resuming. */
static void wasm_syscall_restart(struct trap_frame *tf, uint64_t nr)
{
	tf->nr = nr;
	tf->result = 0;
	tf->restart = 1;
}

static uint64_t wasm_user_pc(const struct trap_frame *tf)
{
	return tf->pc;
}

static uint64_t wasm_user_sp(const struct trap_frame *tf)
{
	return tf->sp;
}

static void wasm_user_frame_init(struct trap_frame *tf, uint64_t pc, uint64_t sp)
{
	*tf = (struct trap_frame){ .pc = pc, .sp = sp };
}

/* Hand the frame to the installed runner; a program leaves only through
   exit, which switches away from this fiber for good. */
__attribute__((noreturn)) static void wasm_enter_user(const struct trap_frame *tf)
{
	user_runner(tf);
	fprintf(stderr, "the user-mode runner returned\n");
	abort();
}

/* Wasm keeps floating-point values in locals and linear memory, which a
   fiber already carries: there is no separate register file to switch. */
static void wasm_fpu_save(uint8_t *state)
{
	(void)state;
}

static void wasm_fpu_load(const uint8_t *state)
{
	(void)state;
}

static void wasm_fpu_reset(void)
{
}

/*
 * A signal frame in the browser: the interrupted call's frame and the mask
 * to restore, below the program's stack pointer.  The runner then calls
 * the function at tf->pc with args[0..2] = (sig, &info, &frame), args[3]
 * saying whether it takes all three (SA_SIGINFO: a call through a pointer
 * of the wrong type traps in WebAssembly), and the
 * program's rt_sigreturn passes the frame's address as its first argument
 * (there is no stack pointer it could pass it in).
 */
struct wasm_signal_frame {
	struct trap_frame saved;
	uint64_t mask;
	struct signal_info info;
};

static int wasm_signal_frame_push(struct trap_frame *tf, const struct signal_delivery *d,
				  const struct user_copy *copy)
{
	uint64_t top = d->stack_top ? d->stack_top : tf->sp;
	uint64_t at = (top - sizeof(struct wasm_signal_frame)) & ~15ull;
	struct wasm_signal_frame frame = { .saved = *tf, .mask = d->saved_mask, .info = d->info };

	if (copy->out(copy->ctx, at, &frame, sizeof(frame)))
		return -EFAULT;
	*tf = (struct trap_frame){
		.pc = d->handler, .sp = at,
		.args = { (uint64_t)d->info.signo, at + offsetof(struct wasm_signal_frame, info), at,
			  d->siginfo },
	};
	return 0;
}

static int wasm_signal_frame_return(struct trap_frame *tf, uint64_t *mask,
				    const struct user_copy *copy)
{
	struct wasm_signal_frame frame;

	if (copy->in(copy->ctx, &frame, tf->args[0], sizeof(frame)))
		return -EFAULT;
	*tf = frame.saved;
	*mask = frame.mask;
	return 0;
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
	.idle = wasm_idle,
	.clock_ns = wasm_read_timestamp,
	.clock_ticks = wasm_clock_ticks,
	.syscall_number = wasm_syscall_number,
	.syscall_args = wasm_syscall_args,
	.set_syscall_result = wasm_set_syscall_result,
	.syscall_result = wasm_syscall_result,
	.syscall_restart = wasm_syscall_restart,
	.user_sp = wasm_user_sp,
	.user_pc = wasm_user_pc,
	.user_frame_init = wasm_user_frame_init,
	.enter_user = wasm_enter_user,
	.fpu_state_size = 0,
	.fpu_save = wasm_fpu_save,
	.fpu_load = wasm_fpu_load,
	.fpu_reset = wasm_fpu_reset,
	.signal_frame_push = wasm_signal_frame_push,
	.signal_frame_return = wasm_signal_frame_return,
};
