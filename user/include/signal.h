/*
 * Signals: the numbers, flags and siginfo are the kernel's (Linux's,
 * aurora/signal.h).  sigaction() takes C's struct sigaction and hands the
 * kernel its own, with the return trampoline (__restore_rt, user/lib/arch/ARCH) as
 * restorer: on x86_64 a handler returns through the restorer, which must
 * call rt_sigreturn.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <aurora/signal.h>

/* The kernel's sigset: one bit per signal, signal n at bit n-1. */
typedef uint64_t sigset_t;
typedef struct signal_info siginfo_t;
typedef void (*sighandler_t)(int);

/* C wants the dispositions as handlers; the kernel's header has them as
   numbers. */
enum { KERNEL_SIG_DFL = SIG_DFL, KERNEL_SIG_IGN = SIG_IGN };
#undef SIG_DFL
#undef SIG_IGN
#define SIG_DFL	((sighandler_t)(unsigned long)KERNEL_SIG_DFL)
#define SIG_IGN	((sighandler_t)(unsigned long)KERNEL_SIG_IGN)
#define SIG_ERR	((sighandler_t)-1l)

struct sigaction {
	union {
		sighandler_t sa_handler;
		void (*sa_sigaction)(int sig, siginfo_t *info, void *context);	/* with SA_SIGINFO */
	};
	sigset_t sa_mask;	/* also blocked while the handler runs */
	int sa_flags;		/* SA_* */
};

/* The signal number is not checked: sig must be 1..NSIG. */
static inline sigset_t sigbit(int sig) { return (sigset_t)1 << (sig - 1); }
static inline int sigemptyset(sigset_t *set) { *set = 0; return 0; }
static inline int sigfillset(sigset_t *set) { *set = ~(sigset_t)0; return 0; }
static inline int sigaddset(sigset_t *set, int sig) { *set |= sigbit(sig); return 0; }
static inline int sigdelset(sigset_t *set, int sig) { *set &= ~sigbit(sig); return 0; }
static inline int sigismember(const sigset_t *set, int sig) { return (*set & sigbit(sig)) != 0; }

int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
/* A handler that stays installed, with interrupted calls restarted (as
   on Linux's C libraries); returns the previous one, or SIG_ERR. */
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
/* Wait for a signal with mask in place of the blocked set; always -1,
   EINTR, after a handler ran. */
int sigsuspend(const sigset_t *mask);
/* The signals blocked and waiting. */
int sigpending(sigset_t *set);
int kill(pid_t pid, int sig);
/* Send sig to the calling thread. */
int raise(int sig);

#endif
