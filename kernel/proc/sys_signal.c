/* Signal system calls, and the process groups and sessions that job
   control sends signals to. */
#include "errno.h"
#include "hal.h"
#include "process.h"
#include "signal_kernel.h"
#include "spinlock.h"
#include "syscalls.h"
#include "user_memory.h"

static struct process *self(void)
{
	return process_current();
}

long sys_kill(const uint64_t *a)
{
	return signal_kill((int)a[0], (int)a[1]);
}

/* One thread per process: a thread id is its process's id. */
long sys_tkill(const uint64_t *a)
{
	if ((int)a[0] <= 0)
		return -EINVAL;
	return signal_kill((int)a[0], (int)a[1]);
}

long sys_tgkill(const uint64_t *a)
{
	if ((int)a[0] <= 0 || (int)a[1] <= 0)
		return -EINVAL;
	if (a[0] != a[1])
		return -ESRCH;	/* no thread a[1] in group a[0] */
	return signal_kill((int)a[1], (int)a[2]);
}

long sys_rt_sigaction(const uint64_t *a)
{
	struct kernel_sigaction act, old;
	int sig = (int)a[0];

	if (a[3] != sizeof(uint64_t) || !signal_valid((long)a[0]))
		return -EINVAL;
	if (a[1] && uvm_copy_in(self()->uvm, &act, a[1], sizeof(act)) != 0)
		return -EFAULT;
	if (signal_action_check(sig, a[1] ? &act : NULL))
		return -EINVAL;
	signal_set_action(sig, a[1] ? &act : NULL, &old);
	if (a[2] && uvm_copy_out(self()->uvm, a[2], &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(const uint64_t *a)
{
	uint64_t set = 0;

	if (a[3] != sizeof(uint64_t))
		return -EINVAL;
	if (a[1] && uvm_copy_in(self()->uvm, &set, a[1], sizeof(set)) != 0)
		return -EFAULT;
	if (a[1] && a[0] > SIG_SETMASK)
		return -EINVAL;
	uint64_t old = signal_set_blocked(a[1] ? (int)a[0] : -1, set);
	if (a[2] && uvm_copy_out(self()->uvm, a[2], &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(const uint64_t *a)
{
	struct process *p = self();

	if (a[1] > sizeof(uint64_t))
		return -EINVAL;
	spin_lock(&process_lock);
	uint64_t pending = p->signals_pending & p->signals_blocked;
	spin_unlock(&process_lock);
	return uvm_copy_out(p->uvm, a[0], &pending, a[1]) ? -EFAULT : 0;
}

long sys_rt_sigsuspend(const uint64_t *a)
{
	uint64_t mask;

	if (a[1] != sizeof(uint64_t))
		return -EINVAL;
	if (uvm_copy_in(self()->uvm, &mask, a[0], sizeof(mask)) != 0)
		return -EFAULT;
	return signal_suspend(mask);
}

long sys_pause(const uint64_t *a)
{
	(void)a;
	return signal_suspend(signal_set_blocked(-1, 0));
}

long sys_rt_sigreturn(const uint64_t *a)
{
	(void)a;
	return signal_return(process_user_frame(self()));
}

/* sigaltstack: its checks, then the change.  0 or -errno. */
static long set_altstack(struct process *p, uint64_t sp, const struct signal_stack *ss)
{
	if (p->altstack.size && sp - p->altstack.sp < p->altstack.size)
		return -EPERM;	/* not while running on it */
	if (ss->flags & ~(SS_DISABLE | SS_ONSTACK))
		return -EINVAL;
	if (ss->flags & SS_DISABLE) {
		p->altstack = (struct signal_stack){ .flags = SS_DISABLE };
		return 0;
	}
	if (ss->size < MINSIGSTKSZ)
		return -ENOMEM;
	p->altstack = (struct signal_stack){ .sp = ss->sp, .size = ss->size };
	return 0;
}

/* What sigaltstack reports: the stack, and whether sp is on it. */
static struct signal_stack current_altstack(const struct process *p, uint64_t sp)
{
	struct signal_stack ss = p->altstack;

	if (!ss.size)
		ss.flags = SS_DISABLE;
	else if (sp - ss.sp < ss.size)
		ss.flags = SS_ONSTACK;
	return ss;
}

long sys_sigaltstack(const uint64_t *a)
{
	struct process *p = self();
	uint64_t sp = hal.user_sp(process_user_frame(p));
	struct signal_stack ss, old = current_altstack(p, sp);

	if (a[0] && uvm_copy_in(p->uvm, &ss, a[0], sizeof(ss)) != 0)
		return -EFAULT;
	if (a[0]) {
		long err = set_altstack(p, sp, &ss);

		if (err)
			return err;
	}
	if (a[1] && uvm_copy_out(p->uvm, a[1], &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}
