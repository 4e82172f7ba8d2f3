/*
 * t_forkbomb: fork until the kernel says no.  Every child sleeps, so all
 * stay alive.  The kernel must refuse a fork cleanly, with EAGAIN or
 * ENOMEM, rather than hang or panic; once the children are killed and
 * reaped, fork must work again.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CHILDREN 8192	/* give up (and fail) after this many */

static pid_t children[MAX_CHILDREN];

/* Fork sleeping children until fork fails; returns how many there are. */
static int fork_until_failure(int *err)
{
	int n = 0;

	*err = 0;
	while (n < MAX_CHILDREN) {
		pid_t pid = fork();

		if (pid == 0) {
			struct timespec hour = { 3600, 0 };

			nanosleep(&hour, NULL);
			_exit(0);
		}
		if (pid < 0) {
			*err = errno;
			break;
		}
		children[n++] = pid;
	}
	return n;
}

static void kill_all(int n)
{
	int killed = 0, reaped = 0, status;

	for (int i = 0; i < n; i++)
		killed += kill(children[i], SIGKILL) == 0;
	for (int i = 0; i < n; i++)
		reaped += waitpid(children[i], &status, 0) == children[i] &&
			WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	check(killed == n, "kill(SIGKILL) reached %d of the %d children", killed, n);
	check(reaped == n, "%d of the %d children were reaped, killed by SIGKILL", reaped, n);
	errno = 0;
	pid_t left = wait(NULL);
	check(left == -1 && errno == ECHILD, "no child is left (wait: %d, errno %d)", left, errno);
}

int main(void)
{
	int err;
	int n = fork_until_failure(&err);

	if (err)
		printf("fork failed after %d children: %s\n", n, errno_name(err));
	check(err == EAGAIN || err == ENOMEM, "fork failed, with EAGAIN or ENOMEM, "
	      "within %d children (%d forked, errno %d)", MAX_CHILDREN, n, err);
	kill_all(n);

	int status = -1;
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (check(pid > 0 && status == 0, "fork works again (pid %d, status %#x)", pid, status))
		printf("t_forkbomb: recovered\n");
	return check_summary("t_forkbomb");
}
