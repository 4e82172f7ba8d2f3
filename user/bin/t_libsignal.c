/*
 * t_libsignal: the C library's calls for signals and job control, as the
 * shell uses them: a handler installed with sigaction runs and returns
 * through the library's rt_sigreturn trampoline, with the masks it asked
 * for; an SA_SIGINFO handler gets the sender; sigsuspend and sigpending; process groups and sessions; waitpid
 * reporting stopped, continued and killed children; tcgetattr on a file
 * that is no terminal; strsignal; readdir.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static volatile int handled;		/* the signal the handler last saw */
static volatile sigset_t mask_in_handler;

static void handler(int sig)
{
	sigset_t mask;

	sigprocmask(SIG_BLOCK, NULL, &mask);
	mask_in_handler = mask;
	handled = sig;
}

static void install(int sig, sighandler_t fn, int also_blocked)
{
	struct sigaction act = { .sa_handler = fn };

	sigemptyset(&act.sa_mask);
	if (also_blocked)
		sigaddset(&act.sa_mask, also_blocked);
	sigaction(sig, &act, NULL);
}

static void handler_runs_and_returns(void)
{
	struct sigaction old;
	sigset_t after;

	sigaction(SIGUSR1, NULL, &old);
	check(old.sa_handler == SIG_DFL, "SIGUSR1's action starts as SIG_DFL");
	install(SIGUSR1, handler, SIGUSR2);
	handled = 0;
	int ret = raise(SIGUSR1);
	check(ret == 0 && handled == SIGUSR1, "raise(SIGUSR1) ran the handler and came back "
	      "(ret %d, handled %d)", ret, handled);
	check(sigismember((sigset_t *)&mask_in_handler, SIGUSR1) &&
	      sigismember((sigset_t *)&mask_in_handler, SIGUSR2),
	      "in the handler, its signal and sa_mask's are blocked (%#llx)",
	      (unsigned long long)mask_in_handler);
	sigprocmask(SIG_BLOCK, NULL, &after);
	check(!sigismember(&after, SIGUSR1) && !sigismember(&after, SIGUSR2),
	      "after it, rt_sigreturn has put the mask back (%#llx)", (unsigned long long)after);
}

static volatile int info_signo, info_code, info_pid;

static void info_handler(int sig, siginfo_t *info, void *context)
{
	(void)context;
	info_signo = sig == info->signo ? sig : -1;
	info_code = info->code;
	info_pid = info->u.kill.pid;
}

/* A handler installed with SA_SIGINFO is called with the siginfo: a
   handler of the other kind would not be (in the browser, where a call
   through a pointer of the wrong type traps, it would not even run). */
static void siginfo_handler_gets_the_sender(void)
{
	struct sigaction sa = { .sa_sigaction = info_handler, .sa_flags = SA_SIGINFO }, old;

	sigaction(SIGUSR1, &sa, &old);
	kill(getpid(), SIGUSR1);
	check(info_signo == SIGUSR1 && info_code == SI_USER && info_pid == getpid(),
	      "an SA_SIGINFO handler gets the signal, SI_USER and the sender's pid "
	      "(signal %d, code %d, pid %s)", info_signo, info_code,
	      info_pid == getpid() ? "ours" : "wrong");
	sigaction(SIGUSR1, &old, NULL);	/* the next test replaces the handler before */
}

static void signal_returns_the_previous_handler(void)
{
	sighandler_t previous = signal(SIGUSR1, SIG_IGN);

	check(previous == handler, "signal() returns the handler it replaces");
	handled = 0;
	raise(SIGUSR1);
	check(handled == 0, "an ignored signal does nothing");
	check(signal(SIGUSR1, SIG_DFL) == SIG_IGN, "and then SIG_IGN is the one replaced");
	check(signal(SIGKILL, SIG_IGN) == SIG_ERR && errno == EINVAL,
	      "SIGKILL's action cannot change: SIG_ERR, EINVAL");
}

static void change_mask(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(how, &set, NULL);
}

/* Catch sig with the handler, but hold it back for now. */
static void catch_blocked(int sig)
{
	install(sig, handler, 0);
	change_mask(SIG_BLOCK, sig);
	handled = 0;
}

static void pending_while_blocked(void)
{
	sigset_t pending;

	catch_blocked(SIGUSR2);
	raise(SIGUSR2);
	sigpending(&pending);
	check(handled == 0 && sigismember(&pending, SIGUSR2),
	      "a blocked signal waits, and sigpending shows it (%#llx)",
	      (unsigned long long)pending);
	change_mask(SIG_UNBLOCK, SIGUSR2);
	check(handled == SIGUSR2, "unblocked, it is handled");
}

static void suspend_until_a_signal(void)
{
	sigset_t none;

	catch_blocked(SIGUSR1);
	if (fork() == 0)
		_exit(kill(getppid(), SIGUSR1));
	sigemptyset(&none);
	int ret = sigsuspend(&none);
	check(ret == -1 && errno == EINTR && handled == SIGUSR1,
	      "sigsuspend waits for a child's kill, runs the handler, returns EINTR");
	change_mask(SIG_UNBLOCK, SIGUSR1);
	wait(NULL);
}

static void sets(void)
{
	sigset_t set;

	sigfillset(&set);
	sigdelset(&set, SIGINT);
	check(sigismember(&set, SIGTERM) && !sigismember(&set, SIGINT),
	      "sigfillset, sigdelset and sigismember");
}

static void in_new_group(void)
{
	check(setpgid(0, 0) == 0, "a child makes a process group of its own");
	check(getpgrp() == getpid() && getpgid(0) == getpid(), "getpgrp and getpgid name it");
	check(getsid(0) == getsid(getppid()), "it stays in its parent's session");
	check(setsid() == -1 && errno == EPERM, "a group leader cannot start a session");
}

static void in_new_session(void)
{
	check(setsid() == getpid(), "a child that leads no group starts a session");
	check(getsid(0) == getpid() && getpgrp() == getpid(), "and leads it and its group");
}

/* A child that waits to be signalled; returns its pid. */
static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		sleep(10);
		_exit(0);
	}
	return pid;
}

static void wait_reports_stops(void)
{
	pid_t pid = sleeper(), got;
	int status = 0;

	kill(pid, SIGSTOP);
	got = waitpid(pid, &status, WUNTRACED);
	check(got == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP,
	      "WUNTRACED: a stopped child (status %#x)", status);
	kill(pid, SIGCONT);
	got = waitpid(pid, &status, WCONTINUED);
	check(got == pid && WIFCONTINUED(status), "WCONTINUED: a continued child (status %#x)",
	      status);
	kill(pid, SIGKILL);
	got = waitpid(pid, &status, 0);
	check(got == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
	      !WIFSTOPPED(status), "a killed child: WIFSIGNALED, WTERMSIG (status %#x)", status);
}

static void no_terminal(void)
{
	struct termios t;
	int fds[2];

	pipe(fds);
	check(tcgetattr(fds[0], &t) == -1 && errno == ENOTTY, "tcgetattr on a pipe: ENOTTY");
	check(tcgetpgrp(fds[0]) == -1 && errno == ENOTTY, "tcgetpgrp on a pipe: ENOTTY");
	close(fds[0]);
	close(fds[1]);
	check(strcmp(strsignal(SIGSEGV), "Segmentation fault") == 0 &&
	      strcmp(strsignal(SIGTSTP), "Stopped") == 0, "strsignal speaks as shells do");
}

static bool lists(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	while (d && (e = readdir(d)))
		found |= strcmp(e->d_name, name) == 0;
	if (d)
		closedir(d);
	return found;
}

static void read_directory(void)
{
	char dir[64], file[96];

	snprintf(dir, sizeof(dir), "/tmp/t_libsignal.%d", getpid());
	snprintf(file, sizeof(file), "%s/entry", dir);
	mkdir(dir, 0755);
	close(open(file, O_WRONLY | O_CREAT, 0644));
	check(lists(dir, "entry"), "readdir lists a file just made");
	unlink(file);
	rmdir(dir);
	check(opendir(file) == NULL && errno == ENOENT, "opendir of nothing: ENOENT");
}

int main(void)
{
	handler_runs_and_returns();
	siginfo_handler_gets_the_sender();
	signal_returns_the_previous_handler();
	pending_while_blocked();
	suspend_until_a_signal();
	sets();
	check_in_child("a new process group", in_new_group);
	check_in_child("a new session", in_new_session);
	wait_reports_stops();
	no_terminal();
	read_directory();
	return check_summary("t_libsignal");
}
