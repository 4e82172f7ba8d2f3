/*
 * t_fork: fork, vfork, execve and wait4 as Linux defines them: wait4
 * reports each child once with its own status (a stop only once, and only
 * with WUNTRACED); a child inherits its parent's signal dispositions,
 * blocked signals and program break; execve closes exactly the
 * close-on-exec descriptors, and a failed execve leaves its caller as it
 * was, without a frame or heap byte lost.
 *
 * Run as "t_fork --env" (by the test itself, through execve), it prints
 * its arguments and $AURORA_TEST, so the parent can see what execve passed;
 * run as "t_fork --fds FD...", whether each descriptor is open.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <leakcheck.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 3	/* exiting at once, for wait4(-1) */

/* Fork a child that exits with code; wait4 must report exactly that (its
   low byte: exit(263) is exit(7)). */
static void exit_code(int code)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	pid_t got = wait4(pid, &status, 0, NULL);
	check(got == pid && status == (code & 0xff) << 8,
	      "exit(%d) seen by wait4: pid %d/%d, status %#x", code, got, pid, status);
}

/* Which of the n pids is pid, or -1. */
static int index_of(const pid_t *pids, int n, pid_t pid)
{
	for (int i = 0; i < n; i++)
		if (pids[i] == pid)
			return i;
	return -1;
}

/* Children exit with codes of their own: wait4(-1) reports each of them
   once, with its code, and then there is none left. */
static void reaps_each_once(void)
{
	pid_t pids[CHILDREN];
	unsigned reported = 0;
	int good = 0, status = -1;

	for (int i = 0; i < CHILDREN; i++)
		if ((pids[i] = fork()) == 0)
			_exit(10 + i);
	for (int n = 0; n < CHILDREN; n++) {
		int i = index_of(pids, CHILDREN, wait4(-1, &status, 0, NULL));
		bool first = i >= 0 && !(reported & 1u << i);

		good += first && WIFEXITED(status) && WEXITSTATUS(status) == 10 + i;
		reported |= i >= 0 ? 1u << i : 0;
	}
	check(good == CHILDREN, "wait4(-1) reported %d of %d children once each with its own "
	      "exit code", good, CHILDREN);
	errno = 0;
	pid_t got = wait4(-1, NULL, WNOHANG, NULL);
	check(got == -1 && errno == ECHILD, "then wait4 finds no child left: ECHILD (got %d)", got);
}

/* A stopped child is reported to WUNTRACED, and only once. */
static void stop_reported_once(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		raise(SIGSTOP);
		_exit(0);
	}
	pid_t got = waitpid(pid, &status, WUNTRACED);
	check(got == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP,
	      "wait4(WUNTRACED) reports the child's stop (status %#x)", status);
	got = waitpid(pid, &status, WUNTRACED | WNOHANG);
	check(got == 0, "asked again, wait4(WUNTRACED | WNOHANG) has nothing new: the stop was "
	      "reported once (got %d)", got);
	kill(pid, SIGCONT);
	got = waitpid(pid, &status, 0);
	check(got == pid && WIFEXITED(status), "continued, the child exits (status %#x)", status);
}

/* A child blocked on a pipe is running: WNOHANG returns 0 until it exits. */
static void wnohang(void)
{
	int fds[2], status = -1;
	char c;

	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);	/* end of file when the parent closes */
	}
	close(fds[0]);
	pid_t got = wait4(pid, &status, WNOHANG, NULL);
	check(got == 0, "wait4(WNOHANG) on a running child returns 0 (got %d)", got);
	close(fds[1]);
	got = wait4(pid, &status, 0, NULL);
	check(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child then exits and is reaped (status %#x)", status);
}

static void no_children(void)
{
	errno = 0;
	pid_t got = wait4(-1, NULL, 0, NULL);
	check(got == -1 && errno == ECHILD, "wait4 with no children: ECHILD (got %d, errno %d)",
	      got, errno);
}

static void child_sees_parent(void)
{
	pid_t parent = getpid(), pid = fork();
	int status = -1;

	if (pid == 0)
		_exit(getppid() == parent && getpid() != parent ? 0 : 1);
	waitpid(pid, &status, 0);
	check(status == 0, "in the child, getppid() is the parent's pid and getpid() is new");
}

/* A child keeps ignoring what its parent ignored, and blocking what it
   blocked: SIGUSR1 and SIGUSR2 raised in it do not kill it. */
static void fork_keeps_signals(void)
{
	sigset_t usr2, old;
	int status = -1;
	sighandler_t was = signal(SIGUSR1, SIG_IGN);

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, &old);
	pid_t pid = fork();
	if (pid == 0) {
		raise(SIGUSR1);
		raise(SIGUSR2);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGUSR1, was);
	check(status == 0, "a child ignores SIGUSR1 and blocks SIGUSR2 as its parent did "
	      "(killed by signal %d)", WTERMSIG(status));
}

/* A child's program break is its parent's, and moves from there. */
static void fork_keeps_break(void)
{
	char *end = sbrk(0);
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(sbrk(0) == end && sbrk(4096) == end ? 0 : 1);
	waitpid(pid, &status, 0);
	check(status == 0, "the child's program break is the parent's (status %#x)", status);
}

static void exec_missing(void)
{
	char *argv[] = { "nothing", NULL };

	errno = 0;
	int ret = execve("/no/such/program", argv, environ);
	check(ret == -1 && errno == ENOENT, "execve of a missing file: ENOENT (errno %d)", errno);
}

static void exec_args(char *self)
{
	char out[256];
	char *echo_argv[] = { "/bin/echo", "hello", "from", "t_fork", NULL };
	char *self_argv[] = { self, "--env", "two words", NULL };
	char *envp[] = { "AURORA_TEST=42", "OTHER=x", NULL };

	int status = capture(echo_argv, envp, out, sizeof(out));
	check(status == 0 && strcmp(out, "hello from t_fork") == 0,
	      "execve /bin/echo gets its argv (output \"%.40s\", status %#x)", out, status);

	status = capture(self_argv, envp, out, sizeof(out));
	check(status == 0 && strcmp(out, "argc=3 argv[2]=two words AURORA_TEST=42") == 0,
	      "execve passes argv and envp (%s said \"%.60s\")", self, out);
}

/* execve closes the descriptor made with F_DUPFD_CLOEXEC, and keeps a
   plain one and one that dup2 made of the marked one (dup2 clears the
   mark).  The child that capture() forks must have kept the mark too. */
static void exec_closes_cloexec(char *self)
{
	int fds[2], dup2_fd = 20;
	char args[3][16], out[64];

	pipe(fds);
	int marked = fcntl(fds[1], F_DUPFD_CLOEXEC, 0);
	dup2(marked, dup2_fd);
	snprintf(args[0], sizeof(args[0]), "%d", fds[1]);
	snprintf(args[1], sizeof(args[1]), "%d", marked);
	snprintf(args[2], sizeof(args[2]), "%d", dup2_fd);
	char *argv[] = { self, "--fds", args[0], args[1], args[2], NULL };
	int status = capture(argv, environ, out, sizeof(out));
	check(status == 0 && strcmp(out, "open closed open") == 0, "after execve, the plain, "
	      "the close-on-exec and the dup2'ed descriptors are \"%s\", not \"open closed "
	      "open\"", out);
	close(fds[0]);
	close(fds[1]);
	close(marked);
	close(dup2_fd);
}

/* A file that starts like a program and is not one. */
static void write_bad_image(const char *path)
{
	static const char junk[64] = "\177ELF, and then nothing a loader can use";
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);

	write(fd, junk, sizeof(junk));
	close(fd);
}

/* A failed execve returns to its caller as it was: its close-on-exec
   descriptor open, and whatever the new image took given back. */
static void exec_bad_image(void)
{
	struct leak_check leaks;
	char path[64];
	char *argv[] = { path, NULL };
	int marked = fcntl(1, F_DUPFD_CLOEXEC, 0);

	snprintf(path, sizeof(path), "/tmp/t_fork.bad.%d", getpid());
	write_bad_image(path);
	leak_check_start(&leaks, "t_fork");
	errno = 0;
	int ret = execve(path, argv, environ);
	check(ret == -1 && errno == ENOEXEC, "execve of a file that is no program: ENOEXEC "
	      "(errno %d)", errno);
	check(fcntl(marked, F_GETFD) == FD_CLOEXEC, "the caller's close-on-exec descriptor "
	      "survives the failed execve");
	check_no_leaks(&leaks, "the failed execve gave back all it took");
	close(marked);
	unlink(path);
}

/* For exec_closes_cloexec: "open" or "closed" for each descriptor. */
static int print_open_fds(int argc, char **argv)
{
	for (int i = 2; i < argc; i++) {
		bool is_open = fcntl(atoi(argv[i]), F_GETFD) >= 0;

		printf("%s%s", i > 2 ? " " : "", is_open ? "open" : "closed");
	}
	printf("\n");
	return 0;
}

/* vfork's child may only exec or _exit; the parent resumes after that.
   Linux shares the memory until then, Aurora copies it (POSIX allows
   both), so only the status is checked. */
static void vfork_exit(void)
{
	int status = -1;
	pid_t pid = vfork();

	if (pid == 0)
		_exit(7);
	pid_t got = waitpid(pid, &status, 0);
	check(pid > 0 && got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "vfork + _exit(7): status %#x", status);
}

/* The test execs itself, so it needs its own path. */
static char *own_path(char *argv0, char *buf, size_t size)
{
	if (strchr(argv0, '/'))
		return argv0;
	snprintf(buf, size, "/bin/%s", argv0);
	return buf;
}

int main(int argc, char **argv)
{
	char path[256];

	if (argc > 1 && strcmp(argv[1], "--env") == 0) {
		const char *value = getenv("AURORA_TEST");

		printf("argc=%d argv[2]=%s AURORA_TEST=%s\n", argc, argc > 2 ? argv[2] : "",
		       value ? value : "(unset)");
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--fds") == 0)
		return print_open_fds(argc, argv);
	exit_code(0);
	exit_code(1);
	exit_code(42);
	exit_code(255);
	exit_code(263);
	reaps_each_once();
	stop_reported_once();
	wnohang();
	no_children();
	child_sees_parent();
	fork_keeps_signals();
	fork_keeps_break();
	exec_missing();
	exec_bad_image();
	exec_args(own_path(argv[0], path, sizeof(path)));
	exec_closes_cloexec(own_path(argv[0], path, sizeof(path)));
	vfork_exit();
	no_children();
	return check_summary("t_fork");
}
