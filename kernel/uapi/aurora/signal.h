/* Linux's signals on x86_64: the numbers, struct sigaction as the kernel
   takes it, the flags, siginfo, the alternate stack and sigprocmask's
   operations.  The user ABI: the kernel and user/ include it. */
#ifndef AURORA_UAPI_SIGNAL_H
#define AURORA_UAPI_SIGNAL_H

#include <stdint.h>

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
#define SIGSTKFLT 16
#define SIGCHLD	17
#define SIGCONT	18
#define SIGSTOP	19
#define SIGTSTP	20
#define SIGTTIN	21
#define SIGTTOU	22
#define SIGURG	23
#define SIGXCPU	24
#define SIGXFSZ	25
#define SIGVTALRM 26
#define SIGPROF	27
#define SIGWINCH 28
#define SIGIO	29
#define SIGPWR	30
#define SIGSYS	31
#define NSIG	64	/* 32 to 64 are the real-time signals */

#define SIG_DFL	0
#define SIG_IGN	1

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* sa_flags */
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000	/* sa_restorer is the return trampoline */
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

/* The struct sigaction rt_sigaction takes (not the C library's). */
struct kernel_sigaction {
	uint64_t handler;	/* SIG_DFL, SIG_IGN or a function */
	uint64_t flags;
	uint64_t restorer;	/* where the handler returns: calls rt_sigreturn */
	uint64_t mask;		/* also blocked while the handler runs */
};

/* sigaltstack's stack_t. */
struct signal_stack {
	uint64_t sp;
	int32_t flags;
	int32_t pad;
	uint64_t size;
};
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048

/* siginfo_t: 128 bytes; Aurora fills the fields below. */
struct signal_info {
	int32_t signo, errno_value, code, pad;
	union {
		struct { int32_t pid; uint32_t uid; } kill;	/* kill, tkill */
		struct { int32_t pid; uint32_t uid; int32_t status; } child;	/* SIGCHLD */
		struct { uint64_t addr; } fault;	/* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
		uint8_t pad[112];
	} u;
};
/* si_code */
#define SI_USER		0	/* kill */
#define SI_KERNEL	0x80
#define SI_TKILL	(-6)
#define SEGV_MAPERR	1	/* no mapping at the address */
#define SEGV_ACCERR	2	/* a mapping that does not allow the access */
#define ILL_ILLOPN	2	/* an illegal operand (x86: an invalid opcode) */
#define FPE_INTDIV	1	/* an integer divided by zero */
#define TRAP_BRKPT	1	/* a breakpoint */
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#endif
