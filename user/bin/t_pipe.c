/*
 * t_pipe: pipes keep order, report end of file, refuse writes nobody can
 * read (EPIPE), carry 64 KiB between processes intact, and dup2 puts them
 * where a program expects its standard output; and dup2 over the last
 * reference to a write end closes it, so the reader sees end of file.
 */
#include <check.h>
#include <errno.h>
#include <leakcheck.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIG (64 * 1024)

/* Every byte different from its neighbours and from the next page's. */
static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + i / 4096);
}

/* Read exactly n bytes unless end of file or an error comes first. */
static size_t read_full(int fd, void *buf, size_t n)
{
	size_t done = 0;
	ssize_t got;

	while (done < n && (got = read(fd, (char *)buf + done, n - done)) > 0)
		done += got;
	return done;
}

static void order_and_eof(void)
{
	int fds[2];
	char buf[16] = { 0 };

	int ret = pipe(fds);
	check(ret == 0 && fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1],
	      "pipe() gives two descriptors (%d, %d)", fds[0], fds[1]);
	write(fds[1], "abc", 3);
	write(fds[1], "def", 3);
	close(fds[1]);
	size_t n = read_full(fds[0], buf, sizeof(buf) - 1);
	check(n == 6 && strcmp(buf, "abcdef") == 0, "bytes come out in order (\"%s\")", buf);
	check(read(fds[0], buf, 1) == 0, "read returns 0 once the writer has closed");
	close(fds[0]);
}

/* Linux would also send SIGPIPE, which kills by default; it is blocked here
   so that the test behaves alike on Linux and on Aurora, which only
   returns the error. */
static void no_reader(void)
{
	int fds[2];
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pipe(fds);
	close(fds[0]);
	errno = 0;
	ssize_t n = write(fds[1], "x", 1);
	check(n == -1 && errno == EPIPE, "write with no reader: EPIPE, and the writer lives "
	      "(got %ld, errno %d)", (long)n, errno);
	close(fds[1]);
}

static void big_transfer(void)
{
	static unsigned char buf[BIG];
	int fds[2], status = -1;

	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		for (size_t i = 0; i < BIG; i++)
			buf[i] = pattern(i);
		/* One big write: the kernel must block and resume it as the
		   reader drains the pipe. */
		_exit(write(fds[1], buf, BIG) == BIG ? 0 : 1);
	}
	close(fds[1]);
	memset(buf, 0, BIG);
	size_t n = read_full(fds[0], buf, BIG);
	size_t bad = 0;
	while (bad < n && buf[bad] == pattern(bad))
		bad++;
	check(n == BIG && bad == BIG, "64 KiB from a child: got %zu bytes, first wrong at %zu",
	      n, bad);
	char extra;
	check(read(fds[0], &extra, 1) == 0, "then end of file");
	close(fds[0]);
	waitpid(pid, &status, 0);
	check(status == 0, "the writer's one write() returned 64 KiB (status %#x)", status);
}

/* Redirect our own standard output into a pipe, then a child's (capture()
   does it with dup2). */
static void dup2_stdout(void)
{
	int fds[2];
	char buf[64] = { 0 };

	pipe(fds);
	int saved = dup(1);
	int ret = dup2(fds[1], 1);
	write(1, "via fd 1\n", 9);
	dup2(saved, 1);		/* before check() prints */
	close(saved);
	check(ret == 1, "dup2(pipe, 1) returns 1");
	read_full(fds[0], buf, 9);
	check(strcmp(buf, "via fd 1\n") == 0, "a write to fd 1 went into the pipe (\"%.8s\")", buf);
	close(fds[0]);
	close(fds[1]);

	char *argv[] = { "/bin/echo", "child", "output", NULL };
	int status = capture(argv, environ, buf, sizeof(buf));
	check(status == 0 && strcmp(buf, "child output") == 0,
	      "echo's standard output, dup2'ed onto a pipe, arrives (\"%.20s\", status %#x)",
	      buf, status);
}

/* How a read of fd in a child ends within a second: its byte count, or
   -1 if it still waits (and is killed), so a lost end of file fails this
   check instead of hanging the test. */
static int read_in_child(int fd)
{
	char c;
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(read(fd, &c, 1) == 0 ? 0 : 1);
	for (int tries = 0; tries < 100 && waitpid(pid, &status, WNOHANG) == 0; tries++)
		usleep(10000);
	if (waitpid(pid, &status, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* dup2 onto a pipe's only write end drops it, as close would; and once
   both ends are gone, the pipe's memory is back. */
static void dup2_closes_write_end(void)
{
	struct leak_check leaks;
	char why[128];
	int fds[2];

	leak_check_start(&leaks, "t_pipe");
	pipe(fds);
	int other = dup(0);
	check(dup2(other, fds[1]) == fds[1], "dup2 over a pipe's write end returns it");
	check(read_in_child(fds[0]) == 0,
	      "then the reader sees end of file: the write end's last reference is gone");
	close(other);
	close(fds[0]);
	close(fds[1]);
	check(leak_check_finish(&leaks, why, sizeof(why)), "and nothing leaks: %s", why);
}

int main(void)
{
	order_and_eof();
	no_reader();
	big_transfer();
	dup2_stdout();
	dup2_closes_write_end();
	return check_summary("t_pipe");
}
