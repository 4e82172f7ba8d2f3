/*
 * bench: the benchmarks of docs/benchmarks.md, one static program (Debian's
 * musl-gcc) that runs unchanged on Aurora and on Linux.  tools/bench.py
 * boots each kernel in the same QEMU and reads what this prints.
 *
 *   musl-bench        each benchmark for at least 0.5 s, five times
 *   musl-bench -q     a few iterations, once (the smoke test of make test)
 *
 * The host does not trust either kernel's clock: around each timed loop
 * this prints a marker line, and the host timestamps the markers as they
 * arrive on the serial line.  The guest's own clock_gettime figure is on
 * the end marker, to be shown beside the host's.
 *
 *   bench: start <sysname> <release>
 *   BENCH <name> <repeat> begin <iterations>
 *   BENCH <name> <repeat> end <iterations> <guest ns>
 *   BENCH <name> skipped: <why>
 *   bench: done
 *
 * The guest clock only sizes the loops (iterations double until one loop
 * takes TARGET_NS); it measures nothing the table reports as the figure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <aurora/aurora.h>
#include <aurora/syscall_numbers.h>

#define TARGET_NS 500000000L	/* each timed loop runs at least this long */
#define REPEATS 5
#define QUICK_ITERATIONS 8
#define MAP_BYTES (1L << 20)
#define PAGE 4096
#define FILE_BYTES 4096
#define KMALLOC_SIZE 64
#define SCRATCH_FILE "/tmp/bench.dat"

/* Unbuffered, one write per line: a marker leaves when its loop ends. */
static void say(const char *fmt, ...)
{
	char line[160];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (write(1, line, n < (int)sizeof(line) ? n : (int)sizeof(line) - 1) < 0)
		_exit(3);
}

static void fail(const char *what)
{
	say("bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long now_ns(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_MONOTONIC, &t) != 0)
		fail("clock_gettime");
	return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* --- the benchmarks: set-up, n iterations, tear-down --------------------------- */

static void getpid_loop(long n)
{
	for (long i = 0; i < n; i++)
		getpid();	/* musl keeps no cached pid: a system call each time */
}

/* One byte to a child and one back: two context switches and two wakeups. */
static int to_child[2], from_child[2];
static pid_t echo_child;

static int pipe_setup(void)
{
	if (pipe(to_child) != 0 || pipe(from_child) != 0)
		fail("pipe");
	echo_child = fork();
	if (echo_child < 0)
		fail("fork");
	if (echo_child == 0) {
		char c;

		while (read(to_child[0], &c, 1) == 1 && c != 'q')
			if (write(from_child[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	return 0;
}

static void pipe_loop(long n)
{
	char c = 'x';

	for (long i = 0; i < n; i++)
		if (write(to_child[1], &c, 1) != 1 || read(from_child[0], &c, 1) != 1)
			fail("pipe ping-pong");
}

static void pipe_teardown(void)
{
	if (write(to_child[1], "q", 1) != 1 || waitpid(echo_child, NULL, 0) != echo_child)
		fail("stopping the echo child");
	close(to_child[0]), close(to_child[1]), close(from_child[0]), close(from_child[1]);
}

static void fork_loop(long n)
{
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, NULL, 0) != pid)
			fail("fork+exit+wait");
	}
}

/* 4 KiB from a file the kernel holds in memory (a ramfs on both kernels). */
static int file_fd;
static char block[FILE_BYTES];

static int read_setup(void)
{
	memset(block, 'a', sizeof(block));
	if (mkdir("/tmp", 0777) != 0 && errno != EEXIST)
		fail("mkdir /tmp");
	file_fd = open(SCRATCH_FILE, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (file_fd < 0 || write(file_fd, block, sizeof(block)) != sizeof(block))
		fail("writing " SCRATCH_FILE);
	return 0;
}

static void read_loop(long n)
{
	for (long i = 0; i < n; i++)
		if (lseek(file_fd, 0, SEEK_SET) != 0 || read(file_fd, block, sizeof(block)) != sizeof(block))
			fail("reading " SCRATCH_FILE);
}

static void read_teardown(void)
{
	close(file_fd);
	unlink(SCRATCH_FILE);
}

/* Map 1 MiB, write a byte of every page (256 page faults), unmap. */
static void mmap_loop(long n)
{
	for (long i = 0; i < n; i++) {
		char *p = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED)
			fail("mmap");
		for (long off = 0; off < MAP_BYTES; off += PAGE)
			p[off] = 1;
		if (munmap(p, MAP_BYTES) != 0)
			fail("munmap");
	}
}

/* Aurora's own call; Linux has no such number and says ENOSYS. */
static int kmalloc_setup(void)
{
	return syscall(SYS_aurora_kmalloc_bench, KMALLOC_SIZE, 0) == 0 ? 0 : -1;
}

static void kmalloc_loop(long n)
{
	if (syscall(SYS_aurora_kmalloc_bench, KMALLOC_SIZE, n) != 0)
		fail("aurora_kmalloc_bench");
}

struct benchmark {
	const char *name;
	void (*loop)(long n);
	int (*setup)(void);		/* -1 with errno: skip this benchmark here */
	void (*teardown)(void);
	long max_iterations;
};

static const struct benchmark benchmarks[] = {
	{ "getpid", getpid_loop, NULL, NULL, 1L << 40 },
	{ "pipe-pingpong", pipe_loop, pipe_setup, pipe_teardown, 1L << 40 },
	{ "fork-exit-wait", fork_loop, NULL, NULL, 1L << 40 },
	{ "read-4k-cached", read_loop, read_setup, read_teardown, 1L << 40 },
	{ "mmap-touch-1m", mmap_loop, NULL, NULL, 1L << 40 },
	{ "kmalloc-kfree", kmalloc_loop, kmalloc_setup, NULL, KMALLOC_BENCH_MAX_COUNT },
};
#define NBENCHMARKS (sizeof(benchmarks) / sizeof(benchmarks[0]))

/* Iterations for one loop of at least TARGET_NS on the guest's clock. */
static long size_loop(const struct benchmark *b)
{
	long n = 1;

	for (;;) {
		long start = now_ns();

		b->loop(n);
		if (now_ns() - start >= TARGET_NS || 2 * n > b->max_iterations)
			return n;
		n *= 2;
	}
}

static void run(const struct benchmark *b, bool quick)
{
	if (b->setup && b->setup() != 0) {
		say("BENCH %s skipped: not offered by this kernel (%s)\n", b->name, strerror(errno));
		return;
	}
	long n = quick ? QUICK_ITERATIONS : size_loop(b);
	for (int r = 1; r <= (quick ? 1 : REPEATS); r++) {
		say("BENCH %s %d begin %ld\n", b->name, r, n);
		long start = now_ns();
		b->loop(n);
		long took = now_ns() - start;
		say("BENCH %s %d end %ld %ld\n", b->name, r, n, took);
	}
	if (b->teardown)
		b->teardown();
}

int main(int argc, char **argv)
{
	bool quick = argc > 1 && strcmp(argv[1], "-q") == 0;
	struct utsname u;

	if (uname(&u) != 0)
		fail("uname");
	say("bench: start %s %s\n", u.sysname, u.release);
	for (size_t i = 0; i < NBENCHMARKS; i++)
		run(&benchmarks[i], quick);
	say("bench: done\n");
	if (getpid() == 1)	/* Linux's /init: nothing to return to */
		reboot(RB_POWER_OFF);
	return 0;
}
