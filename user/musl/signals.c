/*
 * Signals as an ordinary Linux program uses them, through musl: handlers
 * (with SA_SIGINFO, SA_RESETHAND, SA_NODEFER, SA_RESTART, SA_ONSTACK),
 * masks, sigpending, sigsuspend, SIGSEGV caught and recovered from, the
 * FPU kept across a handler, EINTR, SIGCHLD, SIGPIPE, stop and continue,
 * kill to a process group, and a forged rt_sigreturn frame.
 *
 * Each line it prints is a fact that holds on Linux, so the same binary
 * prints the same lines on Linux and on Aurora (make test-user-host runs
 * it on the host; lab 4's grader compares).  It exits 1 if a check fails.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;
static volatile sig_atomic_t caught, caught_code, caught_pid_ok, nested_blocked;
static volatile sig_atomic_t on_altstack;
static char altstack[65536];
static sigjmp_buf recovery;
static volatile void *fault_addr;
static int *volatile unmapped = (int *)16;	/* volatile: the compiler cannot know */

static void check(const char *what, int ok)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", what);
	failures += !ok;
}

static void count(int sig)
{
	caught = sig;
}

static void with_info(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	caught = sig;
	caught_code = info->si_code;
	caught_pid_ok = info->si_pid == getpid();
}

/* Is sig blocked while its own handler runs? */
static void note_mask(int sig)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	nested_blocked = sigismember(&now, sig);
	caught = sig;
}

static void note_stack(int sig)
{
	char local;

	on_altstack = &local >= altstack && &local < altstack + sizeof(altstack);
	caught = sig;
}

static void recover(int sig, siginfo_t *info, void *uc)
{
	(void)sig, (void)uc;
	fault_addr = info->si_addr;
	caught_code = info->si_code;
	siglongjmp(recovery, 1);
}

/* Uses every SSE register the caller might have live. */
static void fpu_noise(int sig)
{
	volatile double x = 1.0;

	for (int i = 0; i < 100; i++)
		x = x * 1.5 + sig;
	caught = sig;
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void handle_info(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void test_handler_runs(void)
{
	handle(SIGUSR1, count, 0);
	caught = 0;
	raise(SIGUSR1);
	check("a handler runs and the program continues", caught == SIGUSR1);
	handle_info(SIGUSR2, with_info, 0);
	kill(getpid(), SIGUSR2);
	check("SA_SIGINFO: si_code SI_USER and si_pid from kill", caught_code == SI_USER && caught_pid_ok);
}

static void test_mask_and_pending(void)
{
	sigset_t set, pending;

	handle(SIGUSR1, count, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	caught = 0;
	raise(SIGUSR1);
	sigpending(&pending);
	check("a blocked signal waits, and sigpending shows it",
	      caught == 0 && sigismember(&pending, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	check("unblocking delivers it", caught == SIGUSR1);
}

static void test_nodefer(void)
{
	handle(SIGUSR1, note_mask, 0);
	raise(SIGUSR1);
	check("a signal is blocked during its own handler", nested_blocked == 1);
	handle(SIGUSR1, note_mask, SA_NODEFER);
	raise(SIGUSR1);
	check("SA_NODEFER: it is not", nested_blocked == 0);
}

static void test_altstack(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };

	sigaltstack(&ss, NULL);
	handle(SIGUSR1, note_stack, SA_ONSTACK);
	raise(SIGUSR1);
	check("SA_ONSTACK: the handler runs on the sigaltstack", on_altstack);
	handle(SIGUSR1, note_stack, 0);
	raise(SIGUSR1);
	check("without it, on the ordinary stack", !on_altstack);
}

static void test_segv_recovered(void)
{
	handle_info(SIGSEGV, recover, SA_NODEFER);
	if (sigsetjmp(recovery, 1) == 0) {
		*unmapped = 1;
		check("SIGSEGV reaches its handler", 0);
	} else {
		check("SIGSEGV reaches its handler, with si_addr and SEGV_MAPERR",
		      fault_addr == (void *)16 && caught_code == SEGV_MAPERR);
	}
	signal(SIGSEGV, SIG_DFL);
}

static void test_fpu_kept(void)
{
	volatile double before = 3.25;
	double x = before * 2;

	handle(SIGUSR1, fpu_noise, 0);
	raise(SIGUSR1);
	check("floating-point registers are kept across a handler", x == 6.5 && caught == SIGUSR1);
}

/* How a child that runs fn ended: its wait status. */
static int child_status(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void raise_twice(void)
{
	handle(SIGUSR2, count, SA_RESETHAND);
	raise(SIGUSR2);
	raise(SIGUSR2);
}

static void test_resethand(void)
{
	int status = child_status(raise_twice);

	check("SA_RESETHAND: the second one kills", WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR2);
}

/* A frame that would return to the kernel with its code selector. */
static void forged_sigreturn(void)
{
	static unsigned long frame[64];

	frame[1 + 2 + 3 + 16] = 0xffffffff81000000ul;	/* uc_mcontext.rip */
	frame[1 + 2 + 3 + 18] = 0x10;			/* cs: the kernel's */
	frame[1 + 2 + 3 + 17] = 0x3000;			/* eflags: IOPL 3 */
	__asm__ volatile("mov %0, %%rsp; mov $15, %%eax; syscall"
			 : : "r"(frame + 1) : "memory");
}

static void test_forged_sigreturn(void)
{
	int status = child_status(forged_sigreturn);

	check("a forged rt_sigreturn frame kills only its process, with SIGSEGV",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

static int pipe_fds[2];

static void read_interrupted(void)
{
	char c;

	handle(SIGUSR1, count, 0);
	ssize_t n = read(pipe_fds[0], &c, 1);
	_exit(n < 0 && errno == EINTR ? 10 : 11);
}

static void read_restarted(void)
{
	char c;

	handle(SIGUSR1, count, SA_RESTART);
	ssize_t n = read(pipe_fds[0], &c, 1);
	_exit(n == 1 && caught == SIGUSR1 ? 20 : 21);
}

static void pause_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&t, NULL);
}

/* Start a child blocked in read, signal it, feed the pipe; its code. */
static int interrupted_read(void (*fn)(void))
{
	int status;

	pipe(pipe_fds);
	pid_t pid = fork();
	if (pid == 0)
		fn();
	pause_ms(100);
	kill(pid, SIGUSR1);
	pause_ms(100);
	write(pipe_fds[1], "x", 1);
	waitpid(pid, &status, 0);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_eintr_and_restart(void)
{
	check("a handler without SA_RESTART makes read fail with EINTR",
	      interrupted_read(read_interrupted) == 10);
	check("with SA_RESTART, read goes on", interrupted_read(read_restarted) == 20);
}

static volatile sig_atomic_t child_pid_seen, child_status_seen;

static void on_child(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	caught = sig;
	child_pid_seen = info->si_pid;
	child_status_seen = info->si_status;
	caught_code = info->si_code;
}

static void exit_7(void)
{
	_exit(7);
}

static void test_sigchld(void)
{
	sigset_t set;

	handle_info(SIGCHLD, on_child, SA_RESTART);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	caught = 0;
	pid_t pid = fork();
	if (pid == 0)
		exit_7();
	sigemptyset(&set);
	sigsuspend(&set);
	check("SIGCHLD after a child exits, with its pid and status, via sigsuspend",
	      caught == SIGCHLD && child_pid_seen == pid && child_status_seen == 7 &&
	      caught_code == CLD_EXITED);
	sigprocmask(SIG_BLOCK, NULL, &set);
	check("sigsuspend puts the mask back", sigismember(&set, SIGCHLD));
	waitpid(pid, NULL, 0);
	signal(SIGCHLD, SIG_DFL);
	sigprocmask(SIG_SETMASK, &(sigset_t){ 0 }, NULL);
}

static void test_sigpipe(void)
{
	int fds[2];

	handle(SIGPIPE, count, 0);
	pipe(fds);
	close(fds[0]);
	caught = 0;
	ssize_t n = write(fds[1], "x", 1);
	check("SIGPIPE to a handler, and write fails with EPIPE",
	      caught == SIGPIPE && n < 0 && errno == EPIPE);
	close(fds[1]);
}

static void sleep_long(void)
{
	for (;;)
		pause_ms(10);
}

static void test_stop_continue(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		sleep_long();
	kill(pid, SIGSTOP);
	waitpid(pid, &status, WUNTRACED);
	check("SIGSTOP stops a child; WUNTRACED reports it", WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	kill(pid, SIGCONT);
	waitpid(pid, &status, WCONTINUED);
	check("SIGCONT continues it; WCONTINUED reports it", WIFCONTINUED(status));
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	check("SIGTERM ends it", WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
}

static void test_process_group(void)
{
	pid_t a = fork();

	if (a == 0)
		sleep_long();
	setpgid(a, a);
	pid_t b = fork();
	if (b == 0)
		sleep_long();
	setpgid(b, a);
	int sa, sb;
	check("kill(-pgid) reaches the whole group", kill(-a, SIGTERM) == 0);
	waitpid(a, &sa, 0);
	waitpid(b, &sb, 0);
	check("both members die of it", WTERMSIG(sa) == SIGTERM && WTERMSIG(sb) == SIGTERM);
	check("getpgid reports a group", getpgid(0) == getpgrp());
}

static void test_nanosleep_eintr(void)
{
	struct timespec req = { 5, 0 }, rem = { 0, 0 };
	pid_t parent = getpid();

	handle(SIGUSR1, count, 0);
	pid_t pid = fork();
	if (pid == 0) {
		pause_ms(100);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	int r = nanosleep(&req, &rem);
	check("nanosleep interrupted by a handler: EINTR and the time left",
	      r < 0 && errno == EINTR && rem.tv_sec >= 3 && rem.tv_sec < 5);
	waitpid(pid, NULL, 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);	/* no buffered line doubled by fork */
	test_handler_runs();
	test_mask_and_pending();
	test_nodefer();
	test_altstack();
	test_segv_recovered();
	test_fpu_kept();
	test_resethand();
	test_forged_sigreturn();
	test_eintr_and_restart();
	test_sigchld();
	test_sigpipe();
	test_stop_continue();
	test_process_group();
	test_nanosleep_eintr();
	printf("signals: %s\n", failures ? "FAILED" : "all passed");
	return failures ? 1 : 0;
}
