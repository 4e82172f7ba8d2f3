/* Process calls: creating, replacing, waiting for and ending processes,
   process groups and sessions, their limits, time and the machine. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

char **environ;

pid_t fork(void)
{
	return syscall(SYS_fork);
}

/* How many pointers a NULL-terminated vector holds, its NULL included
   (1 for a NULL vector, which stays NULL). */
static size_t vector_length(char *const v[])
{
	size_t n = 1;

	while (v && v[n - 1])
		n++;
	return n;
}

/* The kernel's vectors hold 64-bit pointers, its ABI being x86_64's;
   where pointers are narrower (wasm32), pass widened copies. */
static void widen(char *const v[], uint64_t *wide, size_t n)
{
	for (size_t i = 0; i < n; i++)
		wide[i] = (uintptr_t)v[i];
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	if (sizeof(char *) == sizeof(uint64_t))
		return syscall(SYS_execve, path, argv, envp);
	size_t argc = vector_length(argv), envc = vector_length(envp);
	uint64_t wide_argv[argc], wide_envp[envc];

	widen(argv, wide_argv, argc);
	widen(envp, wide_envp, envc);
	return syscall(SYS_execve, path, argv ? wide_argv : NULL, envp ? wide_envp : NULL);
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Try each directory of $PATH in turn.  The error reported is the last
   one that was not ENOENT: a file that exists but cannot run says more. */
int execvp(const char *file, char *const argv[])
{
	if (strchr(file, '/'))
		return execv(file, argv);

	const char *dir = getenv("PATH");
	int err = ENOENT;
	char path[256];

	if (!dir)
		dir = "/bin";
	for (;;) {
		size_t len = strcspn(dir, ":");

		if (snprintf(path, sizeof(path), "%.*s/%s", len ? (int)len : 1,
			     len ? dir : ".", file) < (int)sizeof(path)) {
			execv(path, argv);
			if (errno != ENOENT)
				err = errno;
		}
		if (dir[len] == '\0')
			break;
		dir += len + 1;
	}
	errno = err;
	return -1;
}

/* exit_group, not exit: the whole process ends, as C's exit means. */
void _exit(int status)
{
	for (;;)
		syscall(SYS_exit_group, status);
}

void _Exit(int status)
{
	_exit(status);
}

/* Nothing is buffered and there is no atexit, so exit has nothing to do
   before ending the process. */
void exit(int status)
{
	_exit(status);
}

pid_t getpid(void)
{
	return syscall(SYS_getpid);
}

pid_t getppid(void)
{
	return syscall(SYS_getppid);
}

pid_t gettid(void)
{
	return syscall(SYS_gettid);
}

uid_t getuid(void)
{
	return syscall(SYS_getuid);
}

uid_t geteuid(void)
{
	return syscall(SYS_geteuid);
}

gid_t getgid(void)
{
	return syscall(SYS_getgid);
}

gid_t getegid(void)
{
	return syscall(SYS_getegid);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return syscall(SYS_setpgid, pid, pgid);
}

pid_t getpgid(pid_t pid)
{
	return syscall(SYS_getpgid, pid);
}

pid_t getpgrp(void)
{
	return syscall(SYS_getpgrp);
}

pid_t setsid(void)
{
	return syscall(SYS_setsid);
}

pid_t getsid(pid_t pid)
{
	return syscall(SYS_getsid, pid);
}

int getrlimit(int resource, struct rlimit *limit)
{
	return syscall(SYS_getrlimit, resource, limit);
}

/* As musl: there is no setrlimit call in syscall_list.h, prlimit64 does it. */
int setrlimit(int resource, const struct rlimit *limit)
{
	return prlimit(0, resource, limit, NULL);
}

int prlimit(pid_t pid, int resource, const struct rlimit *new, struct rlimit *old)
{
	return syscall(SYS_prlimit64, pid, resource, new, old);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage)
{
	return syscall(SYS_wait4, pid, status, options, rusage);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return syscall(SYS_nanosleep, req, rem);
}

/* Returns the seconds left if a signal cut the sleep short. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = { seconds, 0 };

	if (nanosleep(&ts, &ts) < 0)
		return ts.tv_sec + (ts.tv_nsec > 0);
	return 0;
}

int usleep(unsigned long usec)
{
	struct timespec ts = { usec / 1000000, usec % 1000000 * 1000 };

	return nanosleep(&ts, NULL);
}

int clock_gettime(int clock, struct timespec *ts)
{
	return syscall(SYS_clock_gettime, clock, ts);
}

long monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int uname(struct utsname *u)
{
	return syscall(SYS_uname, u);
}

int reboot(unsigned int cmd)
{
	return syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, NULL);
}
