/* Signal numbers and masks (Linux x86_64).  Handlers are not supported:
   there is no rt_sigreturn, so only the default actions and masks exist. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT	3
#define SIGILL	4
#define SIGTRAP	5
#define SIGABRT	6
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL	9
#define SIGUSR1	10
#define SIGSEGV	11
#define SIGUSR2	12
#define SIGPIPE	13
#define SIGALRM	14
#define SIGTERM	15
#define SIGCHLD	17
#define SIGCONT	18
#define SIGSTOP	19
#define NSIG	65

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* The kernel's sigset: one bit per signal, signal n at bit n-1. */
typedef unsigned long sigset_t;

static inline int sigemptyset(sigset_t *set) { *set = 0; return 0; }
static inline int sigaddset(sigset_t *set, int sig) { *set |= 1ul << (sig - 1); return 0; }

int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int kill(pid_t pid, int sig);

#endif
