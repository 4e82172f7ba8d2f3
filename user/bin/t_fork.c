/*
 * t_fork: fork, vfork, execve and wait4 as Linux defines them.
 *
 * Run as "t_fork --env" (by the test itself, through execve), it prints
 * its arguments and $AURORA_TEST, so the parent can see what execve passed.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Fork a child that exits with code; wait4 must report exactly that. */
static void exit_code(int code)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	pid_t got = wait4(pid, &status, 0, NULL);
	check(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == code,
	      "exit(%d) seen by wait4: pid %d/%d, status %#x", code, got, pid, status);
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
	exit_code(0);
	exit_code(1);
	exit_code(42);
	exit_code(255);
	wnohang();
	no_children();
	child_sees_parent();
	exec_missing();
	exec_args(own_path(argv[0], path, sizeof(path)));
	vfork_exit();
	no_children();
	return check_summary("t_fork");
}
