/*
 * bench: the benchmarks of docs/benchmarks.md, one static program (Debian's
 * musl-gcc) that runs unchanged on Aurora and on Linux.  tools/bench.py
 * boots each kernel in the same QEMU and reads what this prints.
 *
 *   musl-bench            the memory rows: each for at least 0.5 s, five times
 *   musl-bench -q         a few iterations, once (the smoke test of make test)
 *   musl-bench -d DIR     the ext2 rows instead, their files in DIR, a
 *                         directory on an ext2 disk
 *   musl-bench -m DEVICE  Linux's /init: first load the disk's drivers (the
 *                         modules in /lib/modules) and mount DEVICE at /mnt
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
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

#define TARGET_NS 500000000LL	/* each timed loop runs at least this long */
#define REPEATS 5
#define QUICK_ITERATIONS 8
#define MAP_BYTES (1L << 20)
#define PAGE 4096
#define FILE_BYTES 4096
#define KMALLOC_SIZE 64
#define SEQ_BYTES (16L << 20)
#define SEQ_CHUNK (64L << 10)
#define MEMORY_DIR "/tmp"	/* a memory file system on both kernels */
#define MODULE_DIR "/lib/modules"
#define DISK_MOUNT "/mnt"
#define DISK_WAIT_MS 30000	/* Linux finds its disks after the modules load */

/* The one file a benchmark works on: bench.dat in MEMORY_DIR or -d's DIR. */
static char scratch_file[PATH_MAX];

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

static long long now_ns(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_MONOTONIC, &t) != 0)
		fail("clock_gettime");
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* --- the benchmarks: set-up, n iterations, tear-down --------------------------- */

static void getpid_loop(long long n)
{
	for (long long i = 0; i < n; i++)
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

static void pipe_loop(long long n)
{
	char c = 'x';

	for (long long i = 0; i < n; i++)
		if (write(to_child[1], &c, 1) != 1 || read(from_child[0], &c, 1) != 1)
			fail("pipe ping-pong");
}

static void pipe_teardown(void)
{
	if (write(to_child[1], "q", 1) != 1 || waitpid(echo_child, NULL, 0) != echo_child)
		fail("stopping the echo child");
	close(to_child[0]), close(to_child[1]), close(from_child[0]), close(from_child[1]);
}

static void fork_loop(long long n)
{
	for (long long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, NULL, 0) != pid)
			fail("fork+exit+wait");
	}
}

/* 4 KiB from a file the kernel holds in memory: on a memory file system
   (a ramfs on both kernels), or in the ext2 disk's cache, which fsync has
   left clean. */
static int file_fd;
static char block[FILE_BYTES];

static int read_setup(void)
{
	memset(block, 'a', sizeof(block));
	file_fd = open(scratch_file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (file_fd < 0 || write(file_fd, block, sizeof(block)) != sizeof(block) || fsync(file_fd) != 0)
		fail("writing the scratch file");
	return 0;
}

static void read_loop(long long n)
{
	for (long long i = 0; i < n; i++)
		if (lseek(file_fd, 0, SEEK_SET) != 0 || read(file_fd, block, sizeof(block)) != sizeof(block))
			fail("reading the scratch file");
}

static void unlink_scratch(void)
{
	unlink(scratch_file);
}

static void read_teardown(void)
{
	close(file_fd);
	unlink_scratch();
}

/* A new file with 4 KiB in it, made durable, then gone: the metadata's
   round trip to the disk. */
static void create_loop(long long n)
{
	for (long long i = 0; i < n; i++) {
		int fd = open(scratch_file, O_WRONLY | O_CREAT | O_EXCL, 0644);

		if (fd < 0 || write(fd, block, sizeof(block)) != sizeof(block) || fsync(fd) != 0 ||
		    close(fd) != 0 || unlink(scratch_file) != 0)
			fail("create, write, fsync, unlink");
	}
}

/* 16 MiB written 64 KiB at a time and made durable; each pass truncates
   the last one's file, so freeing its blocks is part of the pass. */
static char chunk[SEQ_CHUNK];

static void seq_write_loop(long long n)
{
	for (long long i = 0; i < n; i++) {
		int fd = open(scratch_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0)
			fail("creating the scratch file");
		for (long long done = 0; done < SEQ_BYTES; done += SEQ_CHUNK)
			if (write(fd, chunk, SEQ_CHUNK) != SEQ_CHUNK)
				fail("writing the scratch file");
		if (fsync(fd) != 0 || close(fd) != 0)
			fail("fsync");
	}
}

/* The 16 MiB back, from the disk each time: Linux is told to drop the
   file's pages from its page cache first; Aurora has no such call (it
   says ENOSYS), and its disk's block cache (1 MiB, kernel/vfs/root_disk.c)
   cannot keep the file anyway. */
static int seq_read_setup(void)
{
	seq_write_loop(1);
	file_fd = open(scratch_file, O_RDONLY);
	if (file_fd < 0)
		fail("opening the scratch file");
	return 0;
}

static void drop_cached(int fd)
{
	int err = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);

	if (err != 0 && err != ENOSYS) {
		errno = err;
		fail("posix_fadvise");
	}
}

static void seq_read_loop(long long n)
{
	for (long long i = 0; i < n; i++) {
		drop_cached(file_fd);
		if (lseek(file_fd, 0, SEEK_SET) != 0)
			fail("lseek");
		for (long long done = 0; done < SEQ_BYTES; done += SEQ_CHUNK)
			if (read(file_fd, chunk, SEQ_CHUNK) != SEQ_CHUNK)
				fail("reading the scratch file");
	}
}

/* Map 1 MiB, write a byte of every page (256 page faults), unmap. */
static void mmap_loop(long long n)
{
	for (long long i = 0; i < n; i++) {
		char *p = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

		if (p == MAP_FAILED)
			fail("mmap");
		for (long long off = 0; off < MAP_BYTES; off += PAGE)
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

static void kmalloc_loop(long long n)
{
	if (syscall(SYS_aurora_kmalloc_bench, KMALLOC_SIZE, n) != 0)
		fail("aurora_kmalloc_bench");
}

struct benchmark {
	const char *name;
	void (*loop)(long long n);
	int (*setup)(void);		/* -1 with errno: skip this benchmark here */
	void (*teardown)(void);
	long long max_iterations;		/* also caps the quick round's */
	bool on_disk;			/* an ext2 row: run with -d */
};

static const struct benchmark benchmarks[] = {
	{ "getpid", getpid_loop, NULL, NULL, 1LL << 40, false },
	{ "pipe-pingpong", pipe_loop, pipe_setup, pipe_teardown, 1LL << 40, false },
	{ "fork-exit-wait", fork_loop, NULL, NULL, 1LL << 40, false },
	{ "read-4k-cached", read_loop, read_setup, read_teardown, 1LL << 40, false },
	{ "mmap-touch-1m", mmap_loop, NULL, NULL, 1LL << 40, false },
	{ "kmalloc-kfree", kmalloc_loop, kmalloc_setup, NULL, KMALLOC_BENCH_MAX_COUNT, false },
	{ "ext2-read-4k-cached", read_loop, read_setup, read_teardown, 1LL << 40, true },
	{ "ext2-create-fsync-unlink", create_loop, NULL, NULL, 1LL << 40, true },
	/* One 16 MiB pass a loop: a pass alone takes 0.3 s (Linux) to 5 s (Aurora). */
	{ "ext2-seq-write-16m", seq_write_loop, NULL, unlink_scratch, 1, true },
	{ "ext2-seq-read-16m", seq_read_loop, seq_read_setup, read_teardown, 1, true },
};
#define NBENCHMARKS (sizeof(benchmarks) / sizeof(benchmarks[0]))

/* Iterations for one loop of at least TARGET_NS on the guest's clock. */
static long long size_loop(const struct benchmark *b)
{
	long long n = 1;

	for (;;) {
		long long start = now_ns();

		b->loop(n);
		if (now_ns() - start >= TARGET_NS || 2 * n > b->max_iterations)
			return n;
		n *= 2;
	}
}

static long long quick_iterations(const struct benchmark *b)
{
	return b->max_iterations < QUICK_ITERATIONS ? b->max_iterations : QUICK_ITERATIONS;
}

static void run(const struct benchmark *b, bool quick)
{
	if (b->setup && b->setup() != 0) {
		say("BENCH %s skipped: not offered by this kernel (%s)\n", b->name, strerror(errno));
		return;
	}
	long long n = quick ? quick_iterations(b) : size_loop(b);
	for (int r = 1; r <= (quick ? 1 : REPEATS); r++) {
		say("BENCH %s %d begin %lld\n", b->name, r, n);
		long long start = now_ns();
		b->loop(n);
		long long took = now_ns() - start;
		say("BENCH %s %d end %lld %lld\n", b->name, r, n, took);
	}
	if (b->teardown)
		b->teardown();
}

/* --- Linux's disk: its IDE drivers are modules -------------------------------- */

/* Linux's numbers: Aurora has neither call, and -m is for Linux's /init.
   Raw calls, so that the program builds against Aurora's C library too
   (for the browser kernel, user/wasm.mk), which declares neither. */
#define LINUX_SYS_MOUNT 165
#define LINUX_SYS_INIT_MODULE 175
#define MAX_MODULES 32

static void load_module(const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), MODULE_DIR "/%s", name);
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) != 0)
		fail(path);
	void *image = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (image == MAP_FAILED || syscall(LINUX_SYS_INIT_MODULE, image, st.st_size, "") != 0)
		fail(path);
	munmap(image, st.st_size);
	close(fd);
}

static bool is_module(const char *name)
{
	size_t len = strlen(name);

	return len > 3 && strcmp(name + len - 3, ".ko") == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The initramfs numbers the modules in the order they load, each after
   those it needs (tools/linux-modules.py). */
static void load_modules(void)
{
	char *names[MAX_MODULES];
	size_t n = 0;
	DIR *dir = opendir(MODULE_DIR);
	struct dirent *e;

	if (!dir)
		fail(MODULE_DIR);
	while ((e = readdir(dir)) && n < MAX_MODULES)
		if (is_module(e->d_name))
			names[n++] = strdup(e->d_name);
	closedir(dir);
	qsort(names, n, sizeof(names[0]), by_name);
	for (size_t i = 0; i < n; i++) {
		load_module(names[i]);
		free(names[i]);
	}
}

/* The driver finds the disk in the background: wait for devtmpfs's node. */
static void wait_for_device(const char *device)
{
	struct stat st;
	const struct timespec tick = { 0, 10000000 };

	for (int waited_ms = 0; stat(device, &st) != 0; waited_ms += 10) {
		if (waited_ms >= DISK_WAIT_MS)
			fail(device);
		nanosleep(&tick, NULL);
	}
}

static void mount_disk(const char *device)
{
	load_modules();
	if (syscall(LINUX_SYS_MOUNT, "devtmpfs", "/dev", "devtmpfs", 0, NULL) != 0)
		fail("mounting devtmpfs on /dev");
	wait_for_device(device);
	if (mkdir(DISK_MOUNT, 0755) != 0 && errno != EEXIST)
		fail("mkdir " DISK_MOUNT);
	if (syscall(LINUX_SYS_MOUNT, device, DISK_MOUNT, "ext2", 0, NULL) != 0)
		fail("mounting the disk");
}

static void usage(void)
{
	say("bench: usage: musl-bench [-q] [-m DEVICE] [-d DIR]\n");
	exit(2);
}

/* The options, -q, -m DEVICE and -d DIR, in any order. */
static void parse_options(int argc, char **argv, bool *quick, const char **device,
			  const char **disk_dir)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-q") == 0)
			*quick = true;
		else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
			*device = argv[++i];
		else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			*disk_dir = argv[++i];
		else
			usage();
	}
}

int main(int argc, char **argv)
{
	const char *disk_dir = NULL, *device = NULL;
	bool quick = false;
	struct utsname u;

	parse_options(argc, argv, &quick, &device, &disk_dir);
	if (uname(&u) != 0)
		fail("uname");
	say("bench: start %s %s\n", u.sysname, u.release);
	if (device)
		mount_disk(device);
	snprintf(scratch_file, sizeof(scratch_file), "%s/bench.dat", disk_dir ? disk_dir : MEMORY_DIR);
	for (size_t i = 0; i < NBENCHMARKS; i++)
		if (benchmarks[i].on_disk == (disk_dir != NULL))
			run(&benchmarks[i], quick);
	say("bench: done\n");
	if (getpid() == 1)	/* Linux's /init: nothing to return to */
		reboot(RB_POWER_OFF);
	return 0;
}
