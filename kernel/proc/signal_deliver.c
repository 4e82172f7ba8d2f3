/*
 * Acting on signals, on the way back to user mode: the default action
 * (terminate, stop until SIGCONT, or nothing), or a handler, entered on a
 * frame the target's code (hal.signal_frame_push) writes to the user stack.
 * A system call the signal interrupted is then restarted, or fails with
 * EINTR, by the shared rule signal_restart.
 */
#include "aurora/syscall_numbers.h"
#include "errno.h"
#include "hal.h"
#include "kprintf.h"
#include "process.h"
#include "signal_kernel.h"
#include "spinlock.h"
#include "user_memory.h"

static int copy_out(void *uvm, uint64_t to, const void *from, size_t n)
{
	return uvm_copy_out(uvm, to, from, n) ? -EFAULT : 0;
}

static int copy_in(void *uvm, void *to, uint64_t from, size_t n)
{
	return uvm_copy_in(uvm, to, from, n) ? -EFAULT : 0;
}

static struct user_copy user_copy_of(struct process *p)
{
	return (struct user_copy){ copy_out, copy_in, p->uvm };
}

bool signal_pending_now(void)
{
	struct process *p = process_current();

	if (!p)
		return false;
	spin_lock(&process_lock);
	bool pending = signal_pending_locked(p);
	spin_unlock(&process_lock);
	return pending;
}

/* Take the next signal to act on, with its action and origin; 0 if none.
   SA_RESETHAND: the handler is used once. */
static int take_signal(struct process *p, struct kernel_sigaction *act, struct signal_origin *o)
{
	spin_lock(&process_lock);
	int sig = signal_next(p->signals_pending, p->signals_blocked);
	if (sig) {
		p->signals_pending &= ~signal_bit(sig);
		*act = p->actions[sig - 1];
		*o = p->origins[sig - 1];
		if (act->handler > SIG_IGN && (act->flags & SA_RESETHAND))
			p->actions[sig - 1] = (struct kernel_sigaction){ SIG_DFL, 0, 0, 0 };
	}
	spin_unlock(&process_lock);
	return sig;
}

/* SIGSTOP and friends: sleep until SIGCONT or SIGKILL. */
static void stop(struct process *p, int sig)
{
	spin_lock(&process_lock);
	p->state = PROCESS_STOPPED;
	p->stop_signal = sig;
	p->report = REPORT_STOPPED;
	signal_child_changed(p);
	while (p->state == PROCESS_STOPPED) {
		thread_clear_interrupted();	/* only SIGCONT and SIGKILL end this */
		wait_sleep(&p->continued, &process_lock);
	}
	spin_unlock(&process_lock);
}

static void default_action(struct process *p, int sig)
{
	switch (signal_default_action(sig)) {
	case SIGNAL_TERMINATE:
		process_exit(sig);	/* the wait status of death by signal sig */
	case SIGNAL_STOP:
		stop(p, sig);
		break;
	default:
		break;	/* ignore; SIGCONT did its work when sent */
	}
}

/* Is sp on p's alternate signal stack? */
static bool on_altstack(const struct process *p, uint64_t sp)
{
	return sp - p->altstack.sp < p->altstack.size;
}

/* Where the handler's frame goes: the alternate stack's top if the action
   asks for it and the process is not on it already; else 0, its stack. */
static uint64_t handler_stack(const struct process *p, const struct kernel_sigaction *act,
			      uint64_t sp)
{
	if (!(act->flags & SA_ONSTACK) || !p->altstack.size || on_altstack(p, sp))
		return 0;
	return p->altstack.sp + p->altstack.size;
}

/* The mask rt_sigreturn will restore: sigsuspend's, if one is waiting. */
static uint64_t mask_to_restore(struct process *p)
{
	uint64_t mask = p->restoring_mask ? p->restore_mask : p->signals_blocked;

	p->restoring_mask = false;
	return mask;
}

/* Enter act's handler for sig; a process whose stack cannot take the
   frame dies of SIGSEGV, as on Linux. */
static void run_handler(struct process *p, struct trap_frame *tf, int sig,
			const struct kernel_sigaction *act, const struct signal_origin *o)
{
	struct signal_delivery d = {
		.handler = act->handler, .restorer = act->restorer,
		.siginfo = act->flags & SA_SIGINFO,
		.stack_top = handler_stack(p, act, hal.user_sp(tf)), .altstack = p->altstack,
	};
	struct user_copy copy = user_copy_of(p);

	signal_info_fill(&d.info, sig, o);
	if (on_altstack(p, hal.user_sp(tf)))
		d.altstack.flags |= SS_ONSTACK;
	spin_lock(&process_lock);
	d.saved_mask = mask_to_restore(p);
	p->signals_blocked = signal_handler_mask(act, sig, p->signals_blocked);
	spin_unlock(&process_lock);
	if (!(act->flags & SA_RESTORER) || hal.signal_frame_push(tf, &d, &copy)) {
		kprintf("*** process %d (%s): no room for a signal frame for %s: killed by signal %d (SIGSEGV)\n",
			p->pid, p->name, signal_name(sig), SIGSEGV);
		process_exit(SIGSEGV);
	}
}

/* Finish the interrupted system call sc as signal_restart decides. */
static void finish_syscall(struct trap_frame *tf, const struct syscall_return *sc,
			   bool handler, uint64_t flags)
{
	long result = sc->result;

	switch (signal_restart(&result, handler, flags)) {
	case SIGNAL_RESTART:
		hal.syscall_restart(tf, sc->nr);
		break;
	case SIGNAL_RESTART_BLOCK:
		hal.syscall_restart(tf, SYS_restart_syscall);
		break;
	default:
		hal.set_syscall_result(tf, (uint64_t)result);
	}
}

/* No handler ran: sigsuspend's caller gets its own mask back. */
static void restore_suspended_mask(struct process *p)
{
	spin_lock(&process_lock);
	if (p->restoring_mask)
		p->signals_blocked = mask_to_restore(p);
	spin_unlock(&process_lock);
}

void signal_deliver(struct trap_frame *tf, const struct syscall_return *sc)
{
	struct process *p = process_current();
	struct kernel_sigaction act;
	struct signal_origin o;
	int sig;

	while (p && (sig = take_signal(p, &act, &o))) {
		if (act.handler == SIG_DFL)
			default_action(p, sig);
		if (act.handler <= SIG_IGN)
			continue;
		if (sc)
			finish_syscall(tf, sc, true, act.flags);
		sc = NULL;	/* the frame now holds the call's result */
		run_handler(p, tf, sig, &act, &o);
	}
	if (sc)
		finish_syscall(tf, sc, false, 0);
	if (p)
		restore_suspended_mask(p);
}

void signal_fault(struct trap_frame *tf, int sig, int code, uint64_t addr, const char *what)
{
	struct process *p = process_current();
	struct signal_origin o = { .code = code, .addr = addr };

	spin_lock(&process_lock);
	bool caught = p->actions[sig - 1].handler > SIG_IGN &&
		      !(p->signals_blocked & signal_bit(sig));
	if (caught) {
		p->signals_pending |= signal_bit(sig);
		p->origins[sig - 1] = o;
	}
	spin_unlock(&process_lock);
	if (caught)
		return;
	kprintf("*** process %d (%s): %s at rip %llx: killed by signal %d (%s)\n",
		p->pid, p->name, what, (unsigned long long)hal.user_pc(tf), sig, signal_name(sig));
	process_exit(sig);
}

long signal_return(struct trap_frame *tf)
{
	struct process *p = process_current();
	struct user_copy copy = user_copy_of(p);
	uint64_t mask;

	if (hal.signal_frame_return(tf, &mask, &copy)) {
		kprintf("*** process %d (%s): rt_sigreturn with a bad frame: killed by signal %d (SIGSEGV)\n",
			p->pid, p->name, SIGSEGV);
		process_exit(SIGSEGV);
	}
	signal_set_blocked(SIG_SETMASK, mask);
	return (long)hal.syscall_result(tf);
}

uint64_t signal_set_blocked(int how, uint64_t set)
{
	struct process *p = process_current();

	set &= ~SIGNALS_UNCATCHABLE;
	spin_lock(&process_lock);
	uint64_t old = p->signals_blocked;
	if (how == SIG_BLOCK)
		p->signals_blocked |= set;
	else if (how == SIG_UNBLOCK)
		p->signals_blocked &= ~set;
	else if (how == SIG_SETMASK)
		p->signals_blocked = set;
	spin_unlock(&process_lock);
	return old;
}

long signal_suspend(uint64_t mask)
{
	struct process *p = process_current();
	struct wait_queue nobody;	/* only a signal wakes this sleep */

	wait_queue_init(&nobody);
	spin_lock(&process_lock);
	p->restore_mask = p->signals_blocked;
	p->restoring_mask = true;
	p->signals_blocked = mask & ~SIGNALS_UNCATCHABLE;
	while (!signal_pending_locked(p)) {
		thread_clear_interrupted();
		wait_sleep(&nobody, &process_lock);
	}
	spin_unlock(&process_lock);
	return -ERESTARTNOHAND;
}

void signal_set_action(int sig, const struct kernel_sigaction *act, struct kernel_sigaction *old)
{
	struct process *p = process_current();

	spin_lock(&process_lock);
	if (old)
		*old = p->actions[sig - 1];
	if (act) {
		p->actions[sig - 1] = *act;
		/* POSIX: setting "ignore" discards the pending signal. */
		if (signal_is_ignored(sig, act->handler))
			p->signals_pending &= ~signal_bit(sig);
	}
	spin_unlock(&process_lock);
}

void signal_reset_for_exec(struct process *p)
{
	spin_lock(&process_lock);
	for (int i = 0; i < NSIG; i++)
		if (p->actions[i].handler > SIG_IGN)
			p->actions[i] = (struct kernel_sigaction){ SIG_DFL, 0, 0, 0 };
	p->altstack = (struct signal_stack){ 0 };
	spin_unlock(&process_lock);
}
