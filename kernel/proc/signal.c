/* The rules of signals, as pure functions; see signal.h. */
#include "errno.h"
#include "signal.h"

bool signal_valid(long sig)
{
	return sig >= 1 && sig <= NSIG;
}

enum signal_default signal_default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return SIGNAL_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIGNAL_STOP;
	case SIGCONT:
		return SIGNAL_CONTINUE;
	default:
		return SIGNAL_TERMINATE;	/* the real-time signals too */
	}
}

bool signal_is_ignored(int sig, uint64_t handler)
{
	if (handler == SIG_IGN)
		return true;
	return handler == SIG_DFL && signal_default_action(sig) == SIGNAL_IGNORE;
}

int signal_next(uint64_t pending, uint64_t blocked)
{
	uint64_t ready = pending & (~blocked | SIGNALS_UNCATCHABLE);

	if (ready & signal_bit(SIGKILL))
		return SIGKILL;
	return ready ? __builtin_ctzll(ready) + 1 : 0;
}

uint64_t signal_handler_mask(const struct kernel_sigaction *act, int sig, uint64_t blocked)
{
	uint64_t mask = blocked | act->mask;

	if (!(act->flags & SA_NODEFER))
		mask |= signal_bit(sig);
	return mask & ~SIGNALS_UNCATCHABLE;
}

int signal_action_check(int sig, const struct kernel_sigaction *act)
{
	if (!signal_valid(sig))
		return -EINVAL;
	/* SIGKILL and SIGSTOP keep their default action: nothing can stop
	   the system from ending or stopping a process. */
	if (act && (SIGNALS_UNCATCHABLE & signal_bit(sig)))
		return -EINVAL;
	return 0;
}

enum signal_restart_how signal_restart(long *result, bool handler_ran, uint64_t flags)
{
	switch (*result) {
	case -ERESTARTSYS:
		if (!handler_ran || (flags & SA_RESTART))
			return SIGNAL_RESTART;
		break;
	case -ERESTARTNOHAND:
		if (!handler_ran)
			return SIGNAL_RESTART;
		break;
	case -ERESTART_RESTARTBLOCK:
		if (!handler_ran)
			return SIGNAL_RESTART_BLOCK;
		break;
	default:
		return SIGNAL_RETURN;
	}
	*result = -EINTR;
	return SIGNAL_RETURN;
}

void signal_info_fill(struct signal_info *info, int sig, const struct signal_origin *o)
{
	*info = (struct signal_info){ .signo = sig, .code = o->code };
	if (sig == SIGCHLD) {
		info->u.child.pid = o->pid;
		info->u.child.status = o->status;
	} else if (o->code > 0 && o->code < SI_KERNEL) {
		info->u.fault.addr = o->addr;	/* a fault's code: SEGV_MAPERR, ... */
	} else {
		info->u.kill.pid = o->pid;
	}
}

const char *signal_name(int sig)
{
	static const char *const names[] = {
		[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
		[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
		[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
		[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
		[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
		[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
		[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN",
		[SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU",
		[SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
		[SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR",
		[SIGSYS] = "SIGSYS",
	};

	if (sig > 0 && sig < (int)(sizeof(names) / sizeof(names[0])) && names[sig])
		return names[sig];
	return "signal";
}
