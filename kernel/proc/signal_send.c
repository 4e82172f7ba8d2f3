/*
 * Sending signals.  Some of a signal's effect happens at once, as on
 * Linux: SIGCONT continues a stopped process and cancels pending stops, a
 * stop signal cancels a pending SIGCONT, SIGKILL wakes a stopped process
 * so it can die, and a signal the process ignores is dropped.  The rest
 * waits, pending, until the process returns to user mode
 * (signal_deliver.c).  Everything here runs under process_lock, so the
 * terminal's interrupt handler can send too.
 */
#include "aurora/wait.h"
#include "errno.h"
#include "process.h"
#include "signal_kernel.h"
#include "spinlock.h"

bool signal_pending_locked(const struct process *p)
{
	spin_assert_held(&process_lock, "signal_pending_locked");
	return signal_next(p->signals_pending, p->signals_blocked) != 0;
}

bool signal_ignored_or_blocked(struct process *p, int sig)
{
	spin_lock(&process_lock);
	bool yes = (p->signals_blocked & signal_bit(sig)) ||
		   p->actions[sig - 1].handler == SIG_IGN;
	spin_unlock(&process_lock);
	return yes;
}

/* SIGCONT's effect at once: a stopped p runs again. */
static void continue_process(struct process *p)
{
	p->signals_pending &= ~SIGNALS_STOP;
	if (p->state != PROCESS_STOPPED)
		return;
	p->state = PROCESS_ALIVE;
	p->report = REPORT_CONTINUED;
	signal_child_changed(p);
	wait_wake_all(&p->continued);
}

/* Does sig do nothing to p, so that sending it is dropping it? */
static bool dropped(const struct process *p, int sig)
{
	uint64_t handler = p->actions[sig - 1].handler;

	if (p->state == PROCESS_ZOMBIE)
		return true;
	/* init gets only what it has a handler for: the system would end
	   with it. */
	if (process_is_init(p) && handler <= SIG_IGN)
		return true;
	if (p->signals_blocked & signal_bit(sig) & ~SIGNALS_UNCATCHABLE)
		return false;	/* it may have a handler by the time it unblocks */
	return signal_is_ignored(sig, handler);
}

/* Make sig pending for p.  process_lock is held. */
static void send_locked(struct process *p, int sig, const struct signal_origin *o)
{
	if (sig == SIGCONT && p->state != PROCESS_ZOMBIE)
		continue_process(p);
	if (SIGNALS_STOP & signal_bit(sig))
		p->signals_pending &= ~signal_bit(SIGCONT);
	if (dropped(p, sig))
		return;
	p->signals_pending |= signal_bit(sig);
	p->origins[sig - 1] = *o;
	if (sig == SIGKILL && p->state == PROCESS_STOPPED) {
		p->state = PROCESS_ALIVE;
		wait_wake_all(&p->continued);
	}
	if (signal_pending_locked(p) && p->thread)
		thread_interrupt(p->thread);
}

void signal_send_locked(struct process *p, int sig)
{
	struct signal_origin o = { .code = SI_KERNEL };

	spin_assert_held(&process_lock, "signal_send_locked");
	send_locked(p, sig, &o);
}

void signal_send(struct process *p, int sig)
{
	spin_lock(&process_lock);
	signal_send_locked(p, sig);
	spin_unlock(&process_lock);
}

struct group_send {
	int pgid, sig, count;
	const struct process *except;	/* kill(-1): the caller */
	struct signal_origin origin;
};

/* Send to p if it is in the group (pgid 0: every process but init). */
static void send_if_member(struct process *p, void *ctx)
{
	struct group_send *g = ctx;

	if (p == g->except || p->state == PROCESS_ZOMBIE)
		return;
	if (g->pgid ? p->pgid != g->pgid : process_is_init(p))
		return;
	g->count++;
	if (g->sig)
		send_locked(p, g->sig, &g->origin);
}

static int send_group(struct group_send *g)
{
	spin_lock(&process_lock);
	process_for_each_locked(send_if_member, g);
	spin_unlock(&process_lock);
	return g->count;
}

int signal_send_group(int pgid, int sig)
{
	struct group_send g = { .pgid = pgid, .sig = sig, .origin = { .code = SI_KERNEL } };

	return send_group(&g);
}

/* kill(pid > 0). */
static long kill_one(int pid, int sig, const struct signal_origin *o)
{
	spin_lock(&process_lock);
	struct process *p = process_find(pid);
	if (p && sig)
		send_locked(p, sig, o);
	spin_unlock(&process_lock);
	return p ? 0 : -ESRCH;
}

long signal_kill(int pid, int sig)
{
	struct process *self = process_current();
	struct signal_origin o = { .code = SI_USER, .pid = self->pid };

	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid > 0)
		return kill_one(pid, sig, &o);
	if (pid == (int)0x80000000)
		return -ESRCH;	/* -pid would overflow: no such group */
	struct group_send g = {
		.pgid = pid == 0 ? self->pgid : pid == -1 ? 0 : -pid, .sig = sig,
		.except = pid == -1 ? self : NULL, .origin = o,
	};
	return send_group(&g) ? 0 : -ESRCH;
}

/* The wait status SIGCHLD's siginfo reports, and its code. */
static int child_code(const struct process *c, int *status)
{
	if (c->state != PROCESS_ZOMBIE) {
		*status = c->report == REPORT_STOPPED ? c->stop_signal : SIGCONT;
		return c->report == REPORT_STOPPED ? CLD_STOPPED : CLD_CONTINUED;
	}
	if ((c->wait_status & 0x7f) == 0) {
		*status = c->wait_status >> 8 & 0xff;
		return CLD_EXITED;
	}
	*status = c->wait_status & 0x7f;
	return CLD_KILLED;
}

void signal_child_changed(struct process *c)
{
	struct process *parent = c->parent;
	struct signal_origin o = { .pid = c->pid };

	spin_assert_held(&process_lock, "signal_child_changed");
	if (!parent)
		return;
	wait_wake_all(&parent->child_exited);
	o.code = child_code(c, &o.status);
	/* SA_NOCLDSTOP: the parent wants to hear only of exits. */
	if (o.code != CLD_EXITED && o.code != CLD_KILLED &&
	    (parent->actions[SIGCHLD - 1].flags & SA_NOCLDSTOP))
		return;
	send_locked(parent, SIGCHLD, &o);
}
