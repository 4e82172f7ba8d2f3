/* Linux's signal numbers (x86_64), the sigaction handler values and the
   sigprocmask operations.  The user ABI: the kernel and user/ include it. */
#ifndef AURORA_UAPI_SIGNAL_H
#define AURORA_UAPI_SIGNAL_H

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
#define SIGTSTP	20
#define SIGTTIN	21
#define SIGTTOU	22
#define SIGURG	23
#define SIGWINCH 28
#define NSIG	64

#define SIG_DFL	0
#define SIG_IGN	1

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#endif
