/*
 * The system call dispatcher.  Every call passes the same gate: look the
 * number up in the one table (syscall_list.h), ask the capability policy
 * (caps.h) whether this process may make it with these arguments, run the
 * handler, and deliver any signal that ended the process's right to run.
 * With "strace" on the kernel command line every call is logged.
 */
#include "aurora/aurora.h"
#include "aurora/syscall_table.h"
#include "caps.h"
#include "errno.h"
#include "hal.h"
#include "kprintf.h"
#include "process.h"
#include "signal_kernel.h"
#include "syscall_trace.h"
#include "syscalls.h"
#include "thread.h"

typedef long syscall_fn(const uint64_t *a);

#define SYSCALL(nr, name, args) [nr] = sys_##name,
static syscall_fn *const handlers[] = {
#include "aurora/syscall_list.h"
};
#undef SYSCALL

#define NHANDLERS (sizeof(handlers) / sizeof(handlers[0]))

bool syscall_tracing;

/* For the trace: a user string, cut to fit. */
static int read_user_string(void *ctx, uint64_t addr, char *dst, size_t len)
{
	long n = uvm_copy_string_in(ctx, dst, addr, len);

	if (n == -ENAMETOOLONG) {
		dst[len - 1] = '\0';
		return 0;
	}
	return n < 0 ? (int)n : 0;
}

static long run(struct process *p, uint64_t nr, const uint64_t *args)
{
	uint32_t missing;
	char names[64];

	if (nr >= NHANDLERS || !handlers[nr])
		return -ENOSYS;
	if (!cap_allows(p->caps, (unsigned)nr, args, &missing)) {
		cap_format(missing, names, sizeof(names));
		kprintf("caps: process %d (%s) denied %s: needs %s\n", p->pid, p->name,
			syscall_info((unsigned)nr)->name, names);
		return -EPERM;
	}
	return handlers[nr](args);
}

#define TRACE_LINE 256

static void trace(struct process *p, unsigned nr, const uint64_t *args, long ret)
{
	char line[TRACE_LINE];

	syscall_format_call(line, sizeof(line), nr, args, ret, read_user_string, p->uvm);
	kprintf("[%d %s] %s\n", p->pid, p->name, line);
}

/* A successful execve leaves no trace of its arguments, which were in the
   old address space: read them before, print after. */
static long run_traced_execve(struct process *p, const uint64_t *args)
{
	char line[TRACE_LINE];
	int pid = p->pid;

	syscall_format_call(line, sizeof(line), SYS_execve, args, 0, read_user_string, p->uvm);
	long ret = run(p, SYS_execve, args);
	if (ret == 0)
		kprintf("[%d %s] %s\n", pid, p->name, line);
	else
		trace(p, SYS_execve, args, ret);
	return ret;
}

void syscall_dispatch(struct trap_frame *tf)
{
	struct process *p = process_current();
	/* As Linux: the number is its low 32 bits, whatever the rest holds. */
	uint64_t nr = (uint32_t)hal.syscall_number(tf), args[6];
	long ret;

	hal.syscall_args(tf, args);
	thread_clear_interrupted();
	hal.enable_interrupts();
	thread_current()->syscall = (int)nr;
	if (syscall_tracing && nr == SYS_execve) {
		ret = run_traced_execve(p, args);
	} else {
		ret = run(p, nr, args);
		if (syscall_tracing)
			trace(p, (unsigned)nr, args, ret);
	}
	thread_current()->syscall = -1;
	hal.set_syscall_result(tf, (uint64_t)ret);
	/* rt_sigreturn's frame is the one to go back to, not a call to finish. */
	struct syscall_return sc = { nr, ret };
	signal_deliver(tf, nr == SYS_rt_sigreturn ? NULL : &sc);
	spin_check_switch(NULL, "returning to user mode");
	hal.disable_interrupts();
}
