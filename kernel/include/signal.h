/*
 * Signals: the rules, as pure functions (shared code: the kernel, tests,
 * wasm).  The numbers and structures are the user ABI's (aurora/signal.h);
 * sending and delivering them is the kernel's (kernel/proc/signal_*.c).
 *
 * A signal is pending until the process returns to user mode with it
 * unblocked; then its action runs: the default one (terminate, ignore,
 * stop or continue), or a handler the kernel calls on the user's stack.
 */
#ifndef AURORA_SIGNAL_H
#define AURORA_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "aurora/signal.h"

/* Where a pending signal came from: what its handler's siginfo says. */
struct signal_origin {
	int32_t code;		/* SI_USER, SI_TKILL, SI_KERNEL, SEGV_*, CLD_* */
	int32_t pid;		/* the sender, or the child for SIGCHLD */
	int32_t status;		/* SIGCHLD: the exit status or signal */
	uint64_t addr;		/* a fault's address */
};

enum signal_default { SIGNAL_TERMINATE, SIGNAL_IGNORE, SIGNAL_STOP, SIGNAL_CONTINUE };

/* The bit for sig in a signal set: bit sig - 1, as Linux's sigset_t. */
static inline uint64_t signal_bit(int sig)
{
	return 1ull << (sig - 1);
}

/* The signals no handler, mask or "ignore" can take away. */
#define SIGNALS_UNCATCHABLE (signal_bit(SIGKILL) | signal_bit(SIGSTOP))
#define SIGNALS_STOP (signal_bit(SIGSTOP) | signal_bit(SIGTSTP) | \
		      signal_bit(SIGTTIN) | signal_bit(SIGTTOU))

bool signal_valid(long sig);
enum signal_default signal_default_action(int sig);
/* Is this action "do nothing" for sig (SIG_IGN, or SIG_DFL of a signal
   ignored by default)?  Such a signal is dropped when sent. */
bool signal_is_ignored(int sig, uint64_t handler);
/* The pending signal to act on next, or 0: the lowest-numbered one not
   blocked, with SIGKILL first of all (it must not wait behind a handler). */
int signal_next(uint64_t pending, uint64_t blocked);
/* The mask while act's handler for sig runs: the old one, act's mask and,
   unless SA_NODEFER, sig itself; never the uncatchable ones. */
uint64_t signal_handler_mask(const struct kernel_sigaction *act, int sig, uint64_t blocked);
/* rt_sigaction's check of a new action for sig: 0 or -EINVAL. */
int signal_action_check(int sig, const struct kernel_sigaction *act);

/*
 * A system call interrupted by a signal returns one of these (never seen
 * by user programs).  What the process then sees depends on what the
 * signal did, as on Linux: signal_restart decides.
 */
#define ERESTARTSYS		512	/* restart, unless a handler without SA_RESTART ran */
#define ERESTARTNOHAND		514	/* restart, unless any handler ran */
#define ERESTART_RESTARTBLOCK	516	/* ERESTARTNOHAND, restarting through restart_syscall */

enum signal_restart_how {
	SIGNAL_RETURN,		/* the result stands (maybe turned into -EINTR) */
	SIGNAL_RESTART,		/* make the same call again */
	SIGNAL_RESTART_BLOCK,	/* call restart_syscall instead */
};
/* What becomes of a call that returned *result when a handler (with
   flags) runs, or none (handler_ran false); *result may become -EINTR. */
enum signal_restart_how signal_restart(long *result, bool handler_ran, uint64_t flags);

/* The siginfo a handler for sig gets, from where the signal came from. */
void signal_info_fill(struct signal_info *info, int sig, const struct signal_origin *o);

/* "SIGSEGV", ..., or "signal" for numbers without a name. */
const char *signal_name(int sig);

#endif
