/* Signals: the numbers are the kernel's (Linux's).  Handlers are not
   supported (there is no rt_sigreturn): only default actions and masks. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <aurora/signal.h>

/* The kernel's sigset: one bit per signal, signal n at bit n-1. */
typedef unsigned long sigset_t;

static inline int sigemptyset(sigset_t *set) { *set = 0; return 0; }
static inline int sigaddset(sigset_t *set, int sig) { *set |= 1ul << (sig - 1); return 0; }

int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int kill(pid_t pid, int sig);

#endif
