/*
 * What a process is doing, in a line: Ctrl-T at the terminal prints one
 * for each process of the foreground job (tty.c), so that a job that seems
 * to hang says where it waits ("blocked in read"), as on the BSDs.
 */
#include "aurora/syscall_table.h"
#include "kprintf.h"
#include "process.h"
#include "thread.h"

struct status_walk {
	int pgid;
	unsigned shown;
};

/* The state, as ps spells it, and the system call a blocked thread is in. */
static void print_status(struct process *p)
{
	const struct thread *t = p->thread;
	const struct syscall_info *call = t ? syscall_info((unsigned)t->syscall) : NULL;

	if (p->state == PROCESS_ZOMBIE)
		kprintf("status: pid %d (%s): exited, not yet waited for\n", p->pid, p->name);
	else if (p->state == PROCESS_STOPPED)
		kprintf("status: pid %d (%s): stopped\n", p->pid, p->name);
	else if (t && t->se.state == TASK_BLOCKED && call)
		kprintf("status: pid %d (%s): blocked in %s\n", p->pid, p->name, call->name);
	else
		kprintf("status: pid %d (%s): running\n", p->pid, p->name);
}

static void print_if_in_group(struct process *p, void *ctx)
{
	struct status_walk *w = ctx;

	if (p->pgid == w->pgid) {
		print_status(p);
		w->shown++;
	}
}

void process_print_group_status(int pgid)
{
	struct status_walk w = { pgid, 0 };

	process_for_each(print_if_in_group, &w);
	if (!w.shown)
		kprintf("status: no foreground job\n");
}
