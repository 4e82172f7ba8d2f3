/*
 * stress [-p PROCS] [-t SECONDS]: PROCS processes hammer the kernel's
 * allocation paths at once for SECONDS, checking every byte; afterwards
 * the kernel must have every frame and heap byte back (leakcheck.h).
 *
 * Each worker repeats a round until the time is up:
 *   - map 1-8 anonymous pages: they must read as zero, then keep what is
 *     written into them; unmap them;
 *   - the same with 1-8 pages of break, grown and shrunk back;
 *   - 1-3 times: fork a child that maps and dirties pages of its own,
 *     clears a page it shares with the worker (copy on write), sends
 *     PIPE_BYTES of a known pattern down a pipe and exits with a known
 *     code.  The worker checks the bytes, the exit status, and that its
 *     own page is untouched.
 * A worker sends its counts to the parent through a pipe as it ends.
 *
 * A wrong byte or a call that fails prints "stress: FAIL what", and the
 * worker exits 1.  Only fork may fail for a while (EAGAIN, ENOMEM: the
 * kernel's limits under load); it is retried.
 */
#include <check.h>
#include <errno.h>
#include <leakcheck.h>
#include <options.h>
#include <prng.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096
#define MAX_PAGES	8	/* per mapping or growth of the break */
#define CHILD_PAGES	4
#define MAX_FORKS	3	/* children per round, one after the other */
/* More than a pipe holds (4 KiB on Aurora): the child must wait for the
   worker to read. */
#define PIPE_BYTES	6000
#define MAX_PROCS	16	/* with a child each, well within Aurora's 64 processes */
#define MAX_SECONDS	3600
#define FORK_TRIES	1000
#define FORK_RETRY_US	1000
#define HANG_MS		30000	/* a worker still running this long after the end hangs */
#define POLL_US		10000
#define WORKER_SEED	(-1)	/* the pattern of the worker's shared page */

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

struct tally {
	long rounds, forks;
};

static const unsigned char zero_page[PAGE];
/* The worker fills it; its children clear their copy. */
static unsigned char shared_page[PAGE] __attribute__((aligned(PAGE)));
/* The pipe's bytes: sent by a child, received by its worker. */
static unsigned char message[PIPE_BYTES + 1];

static __attribute__((noreturn, format(printf, 1, 2))) void fail(const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	printf("stress: FAIL %s\n", what);
	_exit(1);
}

/* --- patterns ------------------------------------------------------------ */

/* Byte i of a block filled for seed: neighbouring bytes, pages and seeds
   all differ. */
static unsigned char pattern(long seed, size_t i)
{
	return (unsigned char)(seed * 131 + i * 7 + (i >> 12));
}

static void fill(unsigned char *p, size_t len, long seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = pattern(seed, i);
}

/* The first byte of p that is not seed's pattern, or -1. */
static long mismatch(const unsigned char *p, size_t len, long seed)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != pattern(seed, i))
			return (long)i;
	return -1;
}

/* Fresh memory must be zero, and then keep what is written into it. */
static void check_block(unsigned char *p, size_t len, long seed, const char *what)
{
	for (size_t off = 0; off < len; off += PAGE)
		if (memcmp(p + off, zero_page, PAGE) != 0)
			fail("%s: a fresh page at %p is not zero", what, (void *)(p + off));
	fill(p, len, seed);
	long bad = mismatch(p, len, seed);
	if (bad >= 0)
		fail("%s: byte %ld of %zu reads back wrong", what, bad, len);
}

/* --- mappings and the break --------------------------------------------- */

static size_t some_pages(struct prng *rng)
{
	return (1 + prng_below(rng, MAX_PAGES)) * PAGE;
}

static unsigned char *map_pages(size_t len, const char *what)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		fail("%s: mmap of %zu bytes: %s", what, len, strerror(errno));
	return p;
}

static void map_round(struct prng *rng, long round)
{
	size_t len = some_pages(rng);
	unsigned char *p = map_pages(len, "mmap");

	check_block(p, len, round, "mmap");
	if (munmap(p, len) < 0)
		fail("munmap of %zu bytes: %s", len, strerror(errno));
}

/* A page-aligned break makes each round's growth whole pages, which the
   kernel must hand out fresh. */
static void align_break(void)
{
	uintptr_t end = (uintptr_t)sbrk(0);

	if (sbrk(-end & (PAGE - 1)) == (void *)-1)
		fail("aligning the break: %s", strerror(errno));
}

static void break_round(struct prng *rng, long round)
{
	size_t len = some_pages(rng);
	unsigned char *p = sbrk(len);

	if (p == (void *)-1)
		fail("growing the break by %zu bytes: %s", len, strerror(errno));
	check_block(p, len, round, "brk");
	if (sbrk(-(long)len) == (void *)-1 || sbrk(0) != p)
		fail("the break did not shrink back to %p", (void *)p);
}

/* --- children and pipes --------------------------------------------------- */

/* Never 0 or 1, the codes of success and of fail(). */
static int exit_code(long serial)
{
	return 2 + (int)(serial % 100);
}

static bool send_all(int fd, const unsigned char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n <= 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

/* Read fd to its end, or until buf is full; the bytes read, or -1. */
static long receive_all(int fd, unsigned char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n = 0;

	while (len < size && (n = read(fd, buf + len, size - len)) > 0)
		len += n;
	return n < 0 ? -1 : (long)len;
}

/* The child.  Its mapping stays: exit must free it. */
static __attribute__((noreturn)) void child(int fd, long serial)
{
	size_t len = CHILD_PAGES * PAGE;

	check_block(map_pages(len, "the child"), len, serial, "the child's mmap");
	memset(shared_page, 0, PAGE);
	fill(message, PIPE_BYTES, serial);
	if (!send_all(fd, message, PIPE_BYTES))
		fail("the child's write to the pipe: %s", strerror(errno));
	_exit(exit_code(serial));
}

/* fork, waiting out EAGAIN and ENOMEM: under load the kernel may refuse
   for a moment, which is no failure. */
static pid_t fork_retrying(void)
{
	pid_t pid;

	for (int tries = 1; (pid = fork()) < 0 && tries < FORK_TRIES; tries++) {
		if (errno != EAGAIN && errno != ENOMEM)
			break;
		usleep(FORK_RETRY_US);
	}
	return pid;
}

static void receive(int fd, long serial)
{
	long got = receive_all(fd, message, sizeof(message));

	if (got != PIPE_BYTES)
		fail("%ld bytes from the child through the pipe, expected %d (%s)", got,
		     PIPE_BYTES, got < 0 ? strerror(errno) : "no error");
	long bad = mismatch(message, PIPE_BYTES, serial);
	if (bad >= 0)
		fail("byte %ld from the child through the pipe is wrong", bad);
}

static void reap(pid_t pid, long serial)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		fail("wait4(%d): %s", pid, strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != exit_code(serial))
		fail("child %d: status %#x, expected exit code %d", pid, status,
		     exit_code(serial));
	if (mismatch(shared_page, PAGE, WORKER_SEED) >= 0)
		fail("a child's write to a page copied on write reached its parent");
}

static void fork_round(long serial)
{
	int fds[2];

	if (pipe(fds) < 0)
		fail("pipe: %s", strerror(errno));
	pid_t pid = fork_retrying();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (pid == 0) {
		close(fds[0]);
		child(fds[1], serial);
	}
	close(fds[1]);
	receive(fds[0], serial);
	close(fds[0]);
	reap(pid, serial);
}

/* --- workers ------------------------------------------------------------- */

static __attribute__((noreturn)) void work(int index, long deadline, int report_fd)
{
	struct prng rng;
	struct tally t = { 0, 0 };

	prng_seed(&rng, index, 0);
	align_break();
	fill(shared_page, PAGE, WORKER_SEED);
	while (monotonic_ms() < deadline) {
		map_round(&rng, t.rounds);
		break_round(&rng, t.rounds);
		for (long n = 1 + prng_below(&rng, MAX_FORKS); n > 0; n--)
			fork_round(t.forks++);
		t.rounds++;
	}
	if (write(report_fd, &t, sizeof(t)) != sizeof(t))
		fail("reporting to the parent: %s", strerror(errno));
	_exit(0);
}

struct crew {
	pid_t pids[MAX_PROCS];	/* 0 once reaped */
	int started, running;
	int failed;		/* did not exit 0 */
	bool hung;		/* some were still running HANG_MS after the end */
	struct tally total;
};

/* Start n workers; false (and the reason in why) if fork failed. */
static bool start_crew(struct crew *c, long n, long deadline, int report_fd,
		       char *why, size_t size)
{
	for (int i = 0; i < n; i++) {
		pid_t pid = fork_retrying();

		if (pid == 0)
			work(i, deadline, report_fd);
		if (pid < 0) {
			snprintf(why, size, "fork of a worker: %s", strerror(errno));
			return false;
		}
		c->pids[c->started++] = pid;
		c->running++;
	}
	return true;
}

static void worker_ended(struct crew *c, pid_t pid, int status)
{
	for (int i = 0; i < c->started; i++) {
		if (c->pids[i] == pid) {
			c->pids[i] = 0;
			c->running--;
			c->failed += status != 0;
		}
	}
}

static void kill_crew(struct crew *c)
{
	for (int i = 0; i < c->started; i++)
		if (c->pids[i])
			kill(c->pids[i], SIGKILL);
	c->hung = true;
}

/* Reap every worker, killing those that hang. */
static void reap_crew(struct crew *c, long deadline)
{
	while (c->running > 0) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);

		if (pid > 0)
			worker_ended(c, pid, status);
		else if (pid < 0)
			return;		/* no child left: nothing more to wait for */
		else if (!c->hung && monotonic_ms() > deadline + HANG_MS)
			kill_crew(c);
		else
			usleep(POLL_US);
	}
}

/* Each worker that exited 0 has sent its counts. */
static void add_reports(struct crew *c, int fd)
{
	struct tally t;

	for (int i = c->started - c->failed; i > 0 && read(fd, &t, sizeof(t)) == sizeof(t); i--) {
		c->total.rounds += t.rounds;
		c->total.forks += t.forks;
	}
}

/* Did every worker end well?  If not, why. */
static bool crew_ok(const struct crew *c, char *why, size_t size)
{
	if (c->hung)
		snprintf(why, size, "workers still running %d s after the end", HANG_MS / 1000);
	else if (c->failed)
		snprintf(why, size, "%d of %d workers failed", c->failed, c->started);
	else
		return true;
	return false;
}

/* Run the workers; false (and the reason in why) if any failed. */
static bool run_crew(struct crew *c, long procs, long seconds, char *why, size_t size)
{
	long deadline = monotonic_ms() + seconds * 1000;
	int reports[2];

	if (pipe(reports) < 0) {
		snprintf(why, size, "pipe: %s", strerror(errno));
		return false;
	}
	bool started = start_crew(c, procs, deadline, reports[1], why, size);
	close(reports[1]);
	reap_crew(c, deadline);
	add_reports(c, reports[0]);
	close(reports[0]);
	return crew_ok(c, why, size) && started;
}

int main(int argc, char **argv)
{
	long procs = 4, seconds = 10;
	const struct number_option options[] = {
		{ 'p', 1, MAX_PROCS, &procs },
		{ 't', 1, MAX_SECONDS, &seconds },
	};
	struct crew crew = { .started = 0 };
	struct leak_check leaks;
	char why[128], leak_why[128];

	if (!parse_number_options(argc, argv, options, COUNT(options))) {
		fprintf(stderr, "usage: stress [-p PROCS (1-%d)] [-t SECONDS]\n", MAX_PROCS);
		return 2;
	}
	printf("stress: %ld processes for %ld s\n", procs, seconds);
	leak_check_start(&leaks, "stress");
	bool ran = run_crew(&crew, procs, seconds, why, sizeof(why));
	printf("stress: %ld rounds, %ld forks\n", crew.total.rounds, crew.total.forks);
	bool clean = leak_check_finish(&leaks, leak_why, sizeof(leak_why));
	return verdict("stress", !ran ? why : !clean ? leak_why : NULL);
}
