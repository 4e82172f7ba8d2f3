/*
 * init, process 1.  The kernel starts it with fds 0, 1 and 2 open on the
 * console.  It runs a shell, and another whenever the shell exits, each in
 * a session of its own with the console as its controlling terminal, as a
 * login on Linux is, so that the shell can run jobs; and it
 * waits for every process the kernel gives it when their parents die, so
 * that none stays a zombie.
 */
#include <aurora/termios.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *const sh_argv[] = { "sh", NULL };
static char *const sh_envp[] = { "PATH=/bin", "HOME=/", NULL };

static pid_t start_shell(void)
{
	printf("init: starting /bin/sh\n");
	pid_t pid = fork();
	if (pid == 0) {
		if (syscall(SYS_setsid) < 0 || syscall(SYS_ioctl, 0, TIOCSCTTY, 0) < 0)
			fprintf(stderr, "init: no controlling terminal: %s\n", strerror(errno));
		execve("/bin/sh", sh_argv, sh_envp);
		fprintf(stderr, "init: /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	return pid;
}

static long seconds(void)
{
	struct timespec now = { 0, 0 };

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec;
}

int main(void)
{
	for (;;) {
		long started = seconds();
		pid_t sh = start_shell(), pid;

		/* Orphans are reaped here too, silently. */
		while (sh > 0 && (pid = wait(NULL)) != sh)
			if (pid < 0 && errno != EINTR)
				break;
		/* A shell that cannot start, or meets the end of its input at
		   once, would otherwise be restarted flat out. */
		if (seconds() - started < 1)
			sleep(1);
	}
}
