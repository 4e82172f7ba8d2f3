/*
 * init, process 1.  The kernel starts it with fds 0, 1 and 2 open on the
 * console.  It runs a shell on the console, and one on each other
 * terminal the machine has (/dev/tty1 ...: the browser kernel's windows;
 * on x86_64 there are none), and another whenever one exits, each in a
 * session of its own with its terminal as its controlling terminal, as a
 * login on Linux is, so that the shell can run jobs; and it waits for
 * every process the kernel gives it when their parents die, so that none
 * stays a zombie.
 */
#include <aurora/termios.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *const sh_argv[] = { "sh", NULL };
static char *const sh_envp[] = { "PATH=/bin", "HOME=/", NULL };

/* The console first: its shell is the one init reports on. */
static const char *const terminals[] = { "/dev/console", "/dev/tty1", "/dev/tty2", "/dev/tty3" };
#define NTERMINALS (sizeof(terminals) / sizeof(terminals[0]))

struct shell {
	int wanted;		/* the terminal is there */
	pid_t pid;		/* 0: none running */
	long started;		/* when, in seconds */
};

static struct shell shells[NTERMINALS];

static long seconds(void)
{
	struct timespec now = { 0, 0 };

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec;
}

/* In the child: standard input, output and error on the terminal. */
static int use_terminal(const char *path)
{
	int fd = open(path, O_RDWR);

	if (fd < 0)
		return -1;
	for (int i = 0; i < 3; i++)
		if (fd != i && dup2(fd, i) < 0)
			return -1;
	if (fd > 2)
		close(fd);
	return 0;
}

static void run_shell(unsigned t)
{
	if (syscall(SYS_setsid) < 0 || (t > 0 && use_terminal(terminals[t]) < 0) ||
	    syscall(SYS_ioctl, 0, TIOCSCTTY, 0) < 0)
		fprintf(stderr, "init: no controlling terminal: %s\n", strerror(errno));
	execve("/bin/sh", sh_argv, sh_envp);
	fprintf(stderr, "init: /bin/sh: %s\n", strerror(errno));
	_exit(127);
}

static void start_shell(unsigned t)
{
	if (t == 0)
		printf("init: starting /bin/sh\n");
	shells[t].started = seconds();
	pid_t pid = fork();
	if (pid == 0)
		run_shell(t);
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	shells[t].pid = pid > 0 ? pid : 0;
}

/* Is terminal t there?  The console always is. */
static int exists(unsigned t)
{
	int fd = t == 0 ? 0 : open(terminals[t], O_RDWR | O_NOCTTY);

	if (fd > 0)
		close(fd);
	return fd >= 0;
}

/* The terminal whose shell pid was, or NTERMINALS: an orphan. */
static unsigned terminal_of(pid_t pid)
{
	unsigned t = 0;

	while (t < NTERMINALS && shells[t].pid != pid)
		t++;
	return t;
}

/* A shell that cannot start, or meets the end of its input at once,
   would otherwise be restarted flat out. */
static void start_missing_shells(void)
{
	for (unsigned t = 0; t < NTERMINALS; t++) {
		if (!shells[t].wanted || shells[t].pid)
			continue;
		if (shells[t].started && seconds() - shells[t].started < 1)
			sleep(1);
		start_shell(t);
	}
}

int main(void)
{
	for (unsigned t = 0; t < NTERMINALS; t++)
		shells[t].wanted = exists(t);
	for (;;) {
		start_missing_shells();
		/* Orphans are reaped here too, silently. */
		pid_t pid = wait(NULL);
		unsigned t = pid > 0 ? terminal_of(pid) : NTERMINALS;

		if (pid < 0 && errno != EINTR)
			sleep(1);	/* no child at all: a fork failed */
		if (t < NTERMINALS)
			shells[t].pid = 0;
	}
}
