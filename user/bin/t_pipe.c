/*
 * t_pipe: pipes keep order, report end of file, refuse writes nobody can
 * read (EPIPE), carry 64 KiB between processes intact, and dup2 puts them
 * where a program expects its standard output; and dup2 over the last
 * reference to a write end closes it, so the reader sees end of file.
 * With several writers, end of file comes only when the last one closes,
 * and a reader asleep in read wakes for it (a signal does not end its
 * read).  A reader or writer that is
 * never woken is killed after a while: the check fails, the test goes on.
 */
#include <aurora.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <leakcheck.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BIG (64 * 1024)
#define MAX_PROCS 64	/* entries of the process list read at once */

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

/* How a read of fd in a child ends: its byte count, or -1 if it still
   waits after CHILD_LIMIT_MS (and is killed), so a lost end of file fails
   this check instead of hanging the test. */
static int read_in_child(int fd)
{
	char c;
	pid_t pid = fork();

	if (pid == 0)
		_exit(read(fd, &c, 1) == 0 ? 0 : 1);
	int status = wait_within(pid, CHILD_LIMIT_MS);
	return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
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
	size_t n = read_full(fds[0], buf, 6);
	check(n == 6 && strcmp(buf, "abcdef") == 0, "bytes come out in order (\"%s\")", buf);
	check(read_in_child(fds[0]) == 0, "read returns 0 once the writer has closed");
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

static unsigned char big[BIG];
static int big_pipe[2];

/* In a child: all 64 KiB, in order, then end of file. */
static void read_big(void)
{
	char extra;
	size_t n = read_full(big_pipe[0], big, BIG);
	size_t bad = 0;

	while (bad < n && big[bad] == pattern(bad))
		bad++;
	check(n == BIG && bad == BIG, "64 KiB from a child: got %zu bytes, first wrong at %zu",
	      n, bad);
	check(read(big_pipe[0], &extra, 1) == 0, "then end of file");
}

static void big_transfer(void)
{
	pipe(big_pipe);
	pid_t pid = fork();
	if (pid == 0) {
		close(big_pipe[0]);
		for (size_t i = 0; i < BIG; i++)
			big[i] = pattern(i);
		/* One big write: the kernel must block and resume it as the
		   reader drains the pipe. */
		_exit(write(big_pipe[1], big, BIG) == BIG ? 0 : 1);
	}
	close(big_pipe[1]);
	/* The reader is a child too, so that a writer never woken again
	   fails the check (the reader is killed) instead of hanging. */
	check_in_child("the reader of 64 KiB", read_big);
	close(big_pipe[0]);
	int status = wait_within(pid, CHILD_LIMIT_MS);
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

/* dup2 onto a pipe's only write end drops it, as close would; and once
   both ends are gone, the pipe's memory is back. */
static void dup2_closes_write_end(void)
{
	struct leak_check leaks;
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
	check_no_leaks(&leaks, "and nothing leaks");
}

/* Linux's state letter of process pid (from /proc), or 0. */
static char linux_state(pid_t pid)
{
	char path[32], stat[128] = "";

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	read(fd, stat, sizeof(stat) - 1);
	close(fd);
	char *name_end = strrchr(stat, ')');	/* a name may hold spaces */
	return name_end && name_end[1] ? name_end[2] : 0;
}

/* Has child pid gone to sleep (in a read or a wait, here) or ended? */
static bool settled(pid_t pid)
{
	struct aurora_procinfo procs[MAX_PROCS];
	long n = aurora_ps(procs, MAX_PROCS);

	if (n < 0) {
		char state = linux_state(pid);

		return state == 'S' || state == 'Z' || state == 0;
	}
	for (long i = 0; i < n && i < MAX_PROCS; i++)
		if (procs[i].pid == pid)
			return procs[i].state == 'S' || procs[i].state == 'Z';
	return true;
}

/* Wait until child pid sleeps: it has done all it can until this
   process acts.  Waiting longer than CHILD_LIMIT_MS only weakens the
   check that follows. */
static void wait_until_settled(pid_t pid)
{
	long deadline = monotonic_ms() + CHILD_LIMIT_MS;

	while (!settled(pid) && monotonic_ms() < deadline)
		usleep(1000);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* A child that reads data to its end, a signal handler (SA_RESTART) on
   SIGUSR1; it exits 0 if that was exactly want, 1 if end of file came
   early, 2 if the bytes were wrong. */
static pid_t fork_reader(const int data[2], const int go[2], const char *want)
{
	struct sigaction restart = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	char got[64] = "";
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	close(data[1]);
	close(go[1]);
	sigaction(SIGUSR1, &restart, NULL);
	size_t n = read_full(data[0], got, sizeof(got) - 1);
	_exit(strcmp(got, want) == 0 ? 0 : strncmp(got, want, n) == 0 ? 1 : 2);
}

/* A child that holds data's write end: it writes "late" when a byte
   comes on go, and exits when go closes. */
static pid_t fork_writer(const int data[2], const int go[2])
{
	char c;
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	close(data[0]);
	close(go[1]);
	if (read(go[0], &c, 1) == 1)
		write(data[1], "late", 4);
	read(go[0], &c, 1);
	_exit(0);
}

/* What went wrong, from fork_reader's wait status (or -1: killed). */
static const char *reader_trouble(int status)
{
	if (status == -1)
		return ": the reader still slept in read after the last writer closed (a lost wakeup)";
	if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
		return ": end of file came early (when a signal woke the reader, or the first "
		       "writer closed)";
	return status ? ": the bytes came wrong" : "";
}

/* Two writers, this process and a child, with the reader (another child)
   asleep in read each time one acts, and once woken by a signal whose
   handler restarts the read: it gets "early " then "late", and end of
   file only when the last write end closes. */
static void several_writers(void)
{
	int data[2], go[2];

	pipe(data);
	pipe(go);
	pid_t reader = fork_reader(data, go, "early late");
	pid_t writer = fork_writer(data, go);
	close(data[0]);
	close(go[0]);
	write(data[1], "early ", 6);
	wait_until_settled(reader);	/* it took "early " and waits for more */
	kill(reader, SIGUSR1);		/* no end of file: the read goes on */
	wait_until_settled(reader);
	close(data[1]);			/* the child's write end is still open */
	write(go[1], "g", 1);
	wait_until_settled(writer);	/* it wrote "late" */
	wait_until_settled(reader);	/* and the reader took it */
	close(go[1]);			/* the last writer exits */
	int status = wait_within(reader, CHILD_LIMIT_MS);
	check(status == 0, "a pipe with two writers gives both their bytes, then end of file "
	      "only once the last one closed%s", reader_trouble(status));
	waitpid(writer, NULL, 0);
}

int main(void)
{
	order_and_eof();
	no_reader();
	big_transfer();
	several_writers();
	dup2_closes_write_end();
	dup2_stdout();		/* last: capture() hangs if end of file is lost */
	return check_summary("t_pipe");
}
