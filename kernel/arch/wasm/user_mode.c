/*
 * User mode in the browser kernel.  A program runs in its own WebAssembly
 * instance until it makes a system call; the runtime (runtime.js) then
 * unwinds the program's stack into its own memory (Asyncify), writes the
 * call into the frame at the top of the process's kernel stack, and
 * returns here.  This loop serves the call on the process's kernel thread,
 * exactly as x86_64's entry from user mode does, where it may sleep, be
 * interrupted by a signal or never come back (exit); then the program is
 * resumed with the result.  Nothing preempts a wasm instance, so system
 * calls are also where the clock ticks, input arrives and the scheduler
 * may switch (events.c).
 */
#include "hal.h"
#include "process.h"
#include "signal_kernel.h"
#include "syscalls.h"
#include "thread.h"
#include "trap.h"
#include "wasm_hal.h"
#include "wasm_runtime.h"
#include "wasm_kernel.h"

/* Run the program until its next system call: true.  A trap (an access
   outside its memory, unreachable code, a stack overflow) is the fault it
   would be on x86_64: a SIGSEGV it may catch, delivered here; false. */
static bool run_program(struct trap_frame *tf)
{
	char what[96];

	if (aurora_user_run((int)wasm_hal_page_table(), tf, what, sizeof(what)) == 0)
		return true;
	hal.enable_interrupts();
	signal_fault(tf, SIGSEGV, SI_KERNEL, 0, what);
	signal_deliver(tf, NULL);
	hal.disable_interrupts();
	return false;
}

__attribute__((noreturn)) static void serve_user_mode(const struct trap_frame *start)
{
	struct trap_frame *tf = process_user_frame(process_current());

	*tf = *start;
	for (;;) {
		bool call = tf->restart || run_program(tf);

		tf->restart = 0;
		events_poll();
		if (call)
			syscall_dispatch(tf);
		thread_preempt_if_needed();
	}
}

void user_mode_init(void)
{
	wasm_hal_set_user_runner(serve_user_mode);
}
