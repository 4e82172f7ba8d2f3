/* Signal calls: dispositions, masks, waiting for a signal, raising one. */
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

/* user/lib/arch/ARCH: where every handler returns, to call rt_sigreturn. */
void __restore_rt(void);

/* The kernel's struct sigaction from C's: the restorer is always ours. */
static struct kernel_sigaction to_kernel(const struct sigaction *act)
{
	return (struct kernel_sigaction){
		.handler = (uint64_t)act->sa_handler,
		.flags = (uint32_t)act->sa_flags | SA_RESTORER,
		.restorer = (uint64_t)__restore_rt,
		.mask = act->sa_mask,
	};
}

static struct sigaction from_kernel(const struct kernel_sigaction *k)
{
	return (struct sigaction){
		.sa_handler = (sighandler_t)k->handler,
		.sa_flags = (int)k->flags,
		.sa_mask = k->mask,
	};
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct kernel_sigaction new_k, old_k;

	if (act)
		new_k = to_kernel(act);
	if (syscall(SYS_rt_sigaction, sig, act ? &new_k : NULL, old ? &old_k : NULL,
		    sizeof(sigset_t)) < 0)
		return -1;
	if (old)
		*old = from_kernel(&old_k);
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler, .sa_flags = SA_RESTART }, old;

	sigemptyset(&act.sa_mask);
	return sigaction(sig, &act, &old) < 0 ? SIG_ERR : old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return syscall(SYS_rt_sigprocmask, how, set, old, sizeof(sigset_t));
}

int sigsuspend(const sigset_t *mask)
{
	return syscall(SYS_rt_sigsuspend, mask, sizeof(sigset_t));
}

int sigpending(sigset_t *set)
{
	return syscall(SYS_rt_sigpending, set, sizeof(sigset_t));
}

int kill(pid_t pid, int sig)
{
	return syscall(SYS_kill, pid, sig);
}

/* tkill, not kill: the signal is for this thread, as C says. */
int raise(int sig)
{
	return syscall(SYS_tkill, gettid(), sig);
}

int pause(void)
{
	return syscall(SYS_pause);
}
