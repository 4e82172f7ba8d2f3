/* The test programs' checks and their tally. */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int passed, failed;

bool check(bool ok, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	printf("%s %s\n", ok ? "OK" : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
	return ok;
}

/* The child sends its tally back through a pipe as it finishes. */
void check_in_child(const char *what, void (*fn)(void))
{
	int fds[2], counts[2] = { 0, 0 }, status = 0;

	if (pipe(fds) < 0) {
		check(false, "%s: pipe: %s", what, strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		passed = failed = 0;
		fn();
		counts[0] = passed;
		counts[1] = failed;
		write(fds[1], counts, sizeof(counts));
		_exit(0);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		check(false, "%s: fork: %s", what, strerror(errno));
		return;
	}
	/* Reaped first: the tally is in the pipe by then, or never comes. */
	status = wait_within(pid, CHILD_LIMIT_MS);
	ssize_t n = read(fds[0], counts, sizeof(counts));
	close(fds[0]);
	if (status == -1) {
		check(false, "%s: the child still ran after %d s (killed): is a wakeup lost?", what,
		      CHILD_LIMIT_MS / 1000);
		return;
	}
	if (n != sizeof(counts) || status != 0) {
		check(false, "%s: the child died before reporting (status %#x)", what, status);
		return;
	}
	passed += counts[0];
	failed += counts[1];
}

#define POLL_US 10000

int wait_within(int pid, long ms)
{
	long deadline = monotonic_ms() + ms;
	int status = 0;
	pid_t got;

	while ((got = waitpid(pid, &status, WNOHANG)) == 0 && monotonic_ms() < deadline)
		usleep(POLL_US);
	if (got != 0)
		return got == pid ? status : -1;
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

int capture(char *const argv[], char *const envp[], char *out, size_t size)
{
	int fds[2], status = -1;
	size_t len = 0;
	ssize_t n;

	if (pipe(fds) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execve(argv[0], argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while (pid > 0 && len + 1 < size && (n = read(fds[0], out + len, size - 1 - len)) > 0)
		len += n;
	close(fds[0]);
	if (len > 0 && out[len - 1] == '\n')
		len--;
	out[len] = '\0';
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

int check_summary(const char *prog)
{
	printf("%s: %d passed, %d failed\n", prog, passed, failed);
	return failed ? 1 : 0;
}

int verdict(const char *prog, const char *why)
{
	if (why) {
		printf("%s: FAIL %s\n", prog, why);
		return 1;
	}
	printf("%s: OK\n", prog);
	return 0;
}
