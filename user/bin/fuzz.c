/*
 * fuzz [-s SEED] [-n CALLS] [-p PARALLEL]: make CALLS system calls, each
 * picked at random from syscall_list.h and given hostile arguments, and
 * check that the kernel survives them and loses no memory.
 *
 * The calls run in batches of BATCH_CALLS, each batch in a worker process
 * of its own, PARALLEL workers at a time.  A batch draws its calls from a
 * generator seeded with (SEED, batch number), so a seed repeats the same
 * draws; what the kernel answers (a fork refused under load, say) can
 * still make two runs differ.  A worker still running WATCHDOG_MS after it
 * started is killed: most likely it waits on a pipe it holds both ends
 * of, which is no kernel bug.  A worker killed by its own doing (it
 * unmapped its code, or sent itself a signal) has "crashed": a user
 * crash is no kernel bug either.  What counts is that the kernel goes on,
 * and that once every process of the run is gone its free frames and
 * heap bytes are back where they were (leakcheck.h).
 *
 * Calls that would end the test rather than test the kernel are tamed:
 * see allowed() and tame().
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <leakcheck.h>
#include <limits.h>
#include <options.h>
#include <prng.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <aurora/syscall_table.h>

#define BATCH_CALLS	500
#define MAX_CALLS	100000000l
#define MAX_PARALLEL	16
#define WATCHDOG_MS	5000
#define GIVE_UP_MS	5000	/* fork failing with no worker running this long */
#define POLL_US		10000
#define CHILD_CALLS	20	/* calls a child of the fuzzing makes before it exits */
/* Live children a worker may have: with their workers, they must fit in
   Aurora's 64 processes. */
#define MAX_CHILDREN	8
#define EXIT_ODDS	128	/* an exit drawn is made once in this many draws */

#define BUFFER_SIZE	65536
#define PAGE		4096
#define SMALL_MAX	70
#define FD_MAX		70	/* the highest descriptor fuzzed (Aurora has 64) */
#define LOW_FDS		10	/* the descriptors a worker most likely has open */
#define NAP_MAX_NS	1000000	/* the longest nanosleep made: 1 ms */
#define BREAK_STEP	16	/* pages a fuzzed brk may move the break by */
#define NS_PER_S	1000000000l
#define NO_SUCH_PID	0x3fffffff	/* above the largest pid_max Linux allows */

#define KERNEL_HALF	0xffff800000000000ul	/* and up */
#define NONCANONICAL	0x0000800000000000ul	/* up to KERNEL_HALF */
/* Aurora's stack: up to 8 MiB below a guard page at the top of user
   space (kernel/include/uvm.h).  On Linux these are just addresses. */
#define USER_STACK_TOP	0x00007ffffffff000ul
#define USER_STACK_MAX	(8ul << 20)
#define STACK_STRINGS	256	/* the top of the stack: argv's strings, unused by now */

#define FUZZ_DIR	"/tmp/fz"
#define A10		"aaaaaaaaaa"
#define A100		A10 A10 A10 A10 A10 A10 A10 A10 A10 A10
#define NAME_300	A100 A100 A100	/* longer than a name may be */
#define NAME_MAX	255		/* Linux's and Aurora's */

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

/* A worker's state, on its stack: far from the addresses it fuzzes. */
struct fuzzer {
	struct prng rng;
	unsigned nr;			/* the call whose arguments are being made */
	bool in_child;			/* in a child the fuzzing forked */
	pid_t children[MAX_CHILDREN];	/* forked, not known to be reaped */
	int nchildren;
	struct timespec nap;		/* nanosleep's request, when it gets a valid one */
	long endless;			/* the page of map_endless_page() */
};

/* What the arguments point into: junk, so that what the kernel reads from
   it (an iovec, a sigaction) is junk too. */
static unsigned char buffer[BUFFER_SIZE] __attribute__((aligned(PAGE)));

/*
 * Names for 's' arguments.  None is a file the system needs: these are
 * directories that cannot be removed, /dev/null, whose truncation does
 * nothing, or nothing at all; calls that make, move or remove names, or
 * chmod, never get them (/dev/null could be unlinked).  Not /bin/sh: an O_TRUNC would empty
 * it for everyone, and on Aurora everyone is root.
 */
static const char *const system_paths[] = {
	"/dev/null", "/", "/bin", "/no/such/file", ".", "..", "",
};
/* Names in a directory of the run's own, which calls may make and remove
   at will; deepest last, for remove_scratch(). */
static const char *const scratch_paths[] = {
	FUZZ_DIR, FUZZ_DIR "/f", FUZZ_DIR "/d/", FUZZ_DIR "/" NAME_300,
};

static void fuzz_one(struct fuzzer *f);

/* --- values for arguments -------------------------------------------------- */

typedef long (*value_fn)(struct fuzzer *f);

static long draw(struct fuzzer *f, uint64_t n)
{
	return (long)prng_below(&f->rng, n);
}

/* A value from one of the generators in array fns. */
#define PICK(f, fns) ((fns)[draw((f), COUNT(fns))](f))

static long zero(struct fuzzer *f)
{
	(void)f;
	return 0;
}

static long minus_one(struct fuzzer *f)
{
	(void)f;
	return -1;
}

static long small(struct fuzzer *f)
{
	return draw(f, SMALL_MAX + 1);
}

static long random_bits(struct fuzzer *f)
{
	return (long)prng_next(&f->rng);
}

static long int_edge(struct fuzzer *f)
{
	static const long edges[] = { INT_MAX, INT_MIN, UINT_MAX, LONG_MAX, LONG_MIN };

	return edges[draw(f, COUNT(edges))];
}

static long in_buffer(struct fuzzer *f)
{
	return (long)(buffer + draw(f, BUFFER_SIZE));
}

/* Anything longer than a few bytes runs off the buffer, into the C
   library's variables (errno, environ), which a worker does not need. */
static long near_buffer_end(struct fuzzer *f)
{
	return (long)(buffer + BUFFER_SIZE - 1 - draw(f, 16));
}

static long unaligned(struct fuzzer *f)
{
	return (long)(buffer + 1 + 2 * draw(f, BUFFER_SIZE / 2 - 1));
}

static long kernel_half(struct fuzzer *f)
{
	return (long)(KERNEL_HALF | prng_next(&f->rng) >> 17);
}

static long noncanonical(struct fuzzer *f)
{
	return (long)(NONCANONICAL + prng_below(&f->rng, KERNEL_HALF - NONCANONICAL));
}

/* Just below the guard page: accesses run into it. */
static long below_stack_guard(struct fuzzer *f)
{
	return (long)(USER_STACK_TOP - 1 - draw(f, STACK_STRINGS));
}

/* The stack's lowest page, never touched, or the unmapped page under it. */
static long stack_bottom(struct fuzzer *f)
{
	return (long)(USER_STACK_TOP - USER_STACK_MAX - PAGE + draw(f, 2 * PAGE));
}

static long buffer_size(struct fuzzer *f)
{
	return 1 + draw(f, BUFFER_SIZE);
}

static long pages(struct fuzzer *f)
{
	return PAGE * (1 + draw(f, 16));
}

static long huge_size(struct fuzzer *f)
{
	return 1l << (32 + draw(f, 31));
}

static long low_fd(struct fuzzer *f)
{
	return draw(f, LOW_FDS);
}

static long any_fd(struct fuzzer *f)
{
	return draw(f, FD_MAX + 2) - 1;
}

static long at_fdcwd(struct fuzzer *f)
{
	(void)f;
	return AT_FDCWD;
}

static long low_bits(struct fuzzer *f)
{
	long width = 1 + draw(f, 24);

	return random_bits(f) & ((1l << width) - 1);
}

static long one_bit(struct fuzzer *f)
{
	return 1l << draw(f, 64);
}

/* Addresses where no process has memory. */
static const value_fn unmapped[] = { zero, minus_one, small, kernel_half, noncanonical };
/* Memory the worker has, at least partly. */
static const value_fn mapped[] = {
	in_buffer, in_buffer, near_buffer_end, unaligned, below_stack_guard, stack_bottom,
};
static const value_fn integers[] = { zero, minus_one, small, int_edge, random_bits };
static const value_fn sizes[] = {
	zero, small, buffer_size, pages, huge_size, minus_one, random_bits,
};
static const value_fn fds[] = { low_fd, low_fd, low_fd, any_fd, at_fdcwd, random_bits };
static const value_fn flags[] = { zero, minus_one, low_bits, low_bits, one_bit, random_bits };

static long pointer(struct fuzzer *f)
{
	return draw(f, 2) ? PICK(f, mapped) : PICK(f, unmapped);
}

/* Inside the worker's page of 'a's, a name longer than NAME_MAX that
   runs into an unmapped page. */
static long endless(struct fuzzer *f)
{
	return f->endless + PAGE - (NAME_MAX + 1) - draw(f, PAGE - NAME_MAX - 1);
}

/* Calls that make, move or remove names, or change a file's mode. */
static bool changes_names(unsigned nr)
{
	return nr == SYS_mkdir || nr == SYS_rmdir || nr == SYS_unlink || nr == SYS_unlinkat ||
	       nr == SYS_rename || nr == SYS_renameat || nr == SYS_link || nr == SYS_symlink ||
	       nr == SYS_chmod;
}

static long path(struct fuzzer *f)
{
	if (changes_names(f->nr) || draw(f, 2))
		return (long)scratch_paths[draw(f, COUNT(scratch_paths))];
	return (long)system_paths[draw(f, COUNT(system_paths))];
}

/*
 * A listed name, a name without end, or a bad pointer; never the buffer
 * or the top of the stack.  Their bytes can spell any name ("sh", written
 * into the buffer by a getdents64 of /bin, or the stack's "/bin/fuzz"),
 * and an open with O_TRUNC or an unlink of it would do real damage.
 */
static long string(struct fuzzer *f)
{
	switch (draw(f, 4)) {
	case 0: return PICK(f, unmapped);
	case 1: return endless(f);
	default: return path(f);
	}
}

/* A value for an argument of kind letter (syscall_list.h). */
static long argument(struct fuzzer *f, char letter)
{
	switch (letter) {
	case 'p': return pointer(f);
	case 's': return string(f);
	case 'n': return PICK(f, sizes);
	case 'f': return PICK(f, fds);
	case 'd': return PICK(f, integers);
	default: return PICK(f, flags);
	}
}

/* --- the children the fuzzing forks --------------------------------------- */

/*
 * Forget the children already reaped (by a fuzzed wait4, which reaps
 * even when its status pointer is bad) and reap those that have ended.
 * Who is left is a live child of this process: the only pids besides its
 * own that it may kill.  The pid > 0 test keeps a corrupted entry from
 * becoming a process group or "everyone".
 */
static void prune_children(struct fuzzer *f)
{
	int kept = 0;

	for (int i = 0; i < f->nchildren; i++)
		if (f->children[i] > 0 && waitpid(f->children[i], NULL, WNOHANG) == 0)
			f->children[kept++] = f->children[i];
	f->nchildren = kept;
}

static bool room_for_child(struct fuzzer *f)
{
	if (f->nchildren == MAX_CHILDREN)
		prune_children(f);
	return f->nchildren < MAX_CHILDREN;
}

static void forget_child(struct fuzzer *f, pid_t pid)
{
	for (int i = 0; i < f->nchildren; i++) {
		if (f->children[i] == pid) {
			f->children[i] = f->children[--f->nchildren];
			return;
		}
	}
}

/* Kill and reap the children still running.  Should the worker have
   dropped its "proc" capability, kill fails and waitpid waits for them
   to end by themselves, which they do (run_child). */
static void end_children(struct fuzzer *f)
{
	prune_children(f);
	for (int i = 0; i < f->nchildren; i++)
		kill(f->children[i], SIGKILL);
	for (int i = 0; i < f->nchildren; i++)
		waitpid(f->children[i], NULL, 0);
}

/* fds 0-2 on /dev/null and every other closed: reads must not wait for
   the console, writes must not reach it, and nothing of the parent's (its
   output may be a pipe someone reads to the end) may be held. */
static void reset_fds(void)
{
	for (int fd = 0; fd <= FD_MAX; fd++)
		close(fd);
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
}

/*
 * In a child the fuzzing forked: CHILD_CALLS calls of its own, then exit.
 * It holds no pipe (its fds are reset, and it makes no pipes or forks), so
 * it can never wait forever: it ends by itself even when its worker is
 * killed and nobody is left to kill it.
 */
static __attribute__((noreturn)) void run_child(struct fuzzer *f)
{
	f->in_child = true;
	f->nchildren = 0;
	/* A sequence of its own, or it would repeat its parent's calls. */
	prng_seed(&f->rng, prng_next(&f->rng), 1);
	reset_fds();
	for (int i = 0; i < CHILD_CALLS; i++)
		fuzz_one(f);
	_exit(0);
}

/* --- one call ------------------------------------------------------------- */

/* May call nr be made now?  Some would end the test or the machine. */
static bool allowed(struct fuzzer *f, unsigned nr)
{
	switch (nr) {
	case SYS_reboot:
		return false;
	case SYS_vfork:		/* the child would run on the worker's memory */
		return false;
	case SYS_exit:
	case SYS_exit_group:	/* ends the batch: rarely */
	case SYS_rt_sigreturn:	/* a junk frame: the worker dies, or jumps anywhere */
		return draw(f, EXIT_ODDS) == 0;
	case SYS_pause:		/* only a signal would end it */
		return false;
	case SYS_fork:		/* every child must be known, to be killed */
		return !f->in_child && room_for_child(f);
	case SYS_pipe:
	case SYS_pipe2:		/* see run_child */
		return !f->in_child;
	default:
		return true;
	}
}

static const struct syscall_info *pick_call(struct fuzzer *f)
{
	for (;;) {
		const struct syscall_info *sc = syscall_at(draw(f, syscall_count()));

		if (allowed(f, sc->nr))
			return sc;
	}
}

/* One of this process's live children, nobody, or (seldom: most signals
   would end the batch) itself.  The other processes are not the fuzzer's
   to kill. */
static long kill_target(struct fuzzer *f)
{
	long choice = draw(f, 8);

	prune_children(f);
	if (choice == 0)
		return getpid();
	if (choice < 4 || f->nchildren == 0)
		return NO_SUCH_PID;
	return f->children[draw(f, f->nchildren)];
}

/* A stopped worker would wait for the watchdog: a stop signal becomes
   SIGCONT. */
static long unstopping(long sig)
{
	bool stops = sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;

	return stops ? SIGCONT : sig;
}

/* A bad pointer, a bad time, or a sleep of at most NAP_MAX_NS: the
   buffer's junk could ask for years. */
static long sleep_request(struct fuzzer *f)
{
	switch (draw(f, 4)) {
	case 0:
		return PICK(f, unmapped);
	case 1:
		f->nap = (struct timespec){ .tv_sec = -1 };
		break;
	case 2:
		f->nap = (struct timespec){ .tv_nsec = NS_PER_S + draw(f, NS_PER_S) };
		break;
	default:
		f->nap = (struct timespec){ .tv_nsec = draw(f, NAP_MAX_NS + 1) };
	}
	return (long)&f->nap;
}

/* No pointer of the others lies between the heap's start and the
   mappings, so without these brk would only ever be refused. */
static long near_break(struct fuzzer *f)
{
	long now = syscall6(SYS_brk, 0, 0, 0, 0, 0, 0);

	return now + (draw(f, 2 * BREAK_STEP + 1) - BREAK_STEP) * PAGE;
}

/* Make the calls harmless that could end the test rather than test the
   kernel (a kill of another process, an exec that works, a long sleep, a
   wait for ever), and give brk addresses it can take. */
static void tame(struct fuzzer *f, long args[6])
{
	switch (f->nr) {
	case SYS_brk:
		if (draw(f, 2))
			args[0] = near_break(f);
		break;
	case SYS_kill:
	case SYS_tkill:
		args[0] = kill_target(f);
		args[1] = unstopping(args[1]);
		break;
	case SYS_tgkill:
		args[0] = args[1] = kill_target(f);
		args[2] = unstopping(args[2]);
		break;
	case SYS_rt_sigsuspend:	/* would wait for a signal: only its EFAULT */
		args[0] = PICK(f, unmapped);
		break;
	case SYS_execve:
		args[0] = PICK(f, unmapped);
		break;
	case SYS_nanosleep:
		args[0] = sleep_request(f);
		break;
	case SYS_wait4:
		args[2] |= WNOHANG;
		break;
	}
}

/* Arguments past the call's own are junk too: the kernel must ignore them. */
static void make_args(struct fuzzer *f, const struct syscall_info *sc, long args[6])
{
	size_t n = strlen(sc->args);

	for (size_t i = 0; i < 6; i++)
		args[i] = i < n ? argument(f, sc->args[i]) : random_bits(f);
	tame(f, args);
}

static void fuzz_one(struct fuzzer *f)
{
	const struct syscall_info *sc = pick_call(f);
	long a[6];

	f->nr = sc->nr;
	make_args(f, sc, a);
	long ret = syscall6(sc->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (sc->nr == SYS_fork && ret == 0)
		run_child(f);
	if (sc->nr == SYS_fork && ret > 0)
		f->children[f->nchildren++] = ret;
	if (sc->nr == SYS_wait4 && ret > 0)
		forget_child(f, ret);
}

static void fill_buffer(struct fuzzer *f)
{
	for (size_t i = 0; i < BUFFER_SIZE; i += sizeof(uint64_t)) {
		uint64_t junk = prng_next(&f->rng);

		memcpy(buffer + i, &junk, sizeof(junk));
	}
}

/* A page of 'a's with nothing mapped after it (0 if mmap fails).  A
   fuzzed mmap may fill the hole later: the names stay too long to exist. */
static long map_endless_page(void)
{
	char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	memset(p, 'a', PAGE);
	munmap(p + PAGE, PAGE);
	return (long)p;
}

static __attribute__((noreturn)) void run_batch(long seed, long batch, long calls)
{
	struct fuzzer f = { .endless = map_endless_page() };

	prng_seed(&f.rng, seed, batch);
	reset_fds();
	fill_buffer(&f);
	for (long i = 0; i < calls; i++)
		fuzz_one(&f);
	end_children(&f);
	_exit(0);
}

/* --- the parent: workers and the watchdog ---------------------------------- */

struct worker {
	pid_t pid;		/* 0: the slot is free */
	long started_ms;
	bool killed;		/* by the watchdog */
};

struct run {
	long seed, calls, parallel, batches;
	/* Batches started, and their calls: the calls "made" are the calls
	   of every batch that ran, although a worker that crashed, was
	   killed or exited early made fewer. */
	long started, made;
	int running, killed, crashed;
	long idle_since;	/* when a worker last started or ended */
	int fork_error;		/* why no more workers could be started */
	struct worker workers[MAX_PARALLEL];
};

static long batch_calls(const struct run *r, long batch)
{
	long left = r->calls - batch * BATCH_CALLS;

	return left < BATCH_CALLS ? left : BATCH_CALLS;
}

static bool more_to_start(const struct run *r)
{
	return r->started < r->batches && !r->fork_error;
}

/* Under load fork may fail for a while (Aurora has 64 processes, and a
   killed worker's children take a moment to end): give up only when it
   has failed with no worker running for GIVE_UP_MS. */
static void fork_failed(struct run *r)
{
	if (r->running == 0 && monotonic_ms() - r->idle_since > GIVE_UP_MS)
		r->fork_error = errno;
}

/* Start the next batch in slot w; false if fork failed. */
static bool start_worker(struct run *r, struct worker *w)
{
	long calls = batch_calls(r, r->started);
	pid_t pid = fork();

	if (pid == 0)
		run_batch(r->seed, r->started, calls);
	if (pid < 0) {
		fork_failed(r);
		return false;
	}
	*w = (struct worker){ .pid = pid, .started_ms = monotonic_ms() };
	r->started++;
	r->made += calls;
	r->running++;
	r->idle_since = w->started_ms;
	return true;
}

static void start_workers(struct run *r)
{
	for (int i = 0; i < r->parallel && more_to_start(r); i++)
		if (r->workers[i].pid == 0 && !start_worker(r, &r->workers[i]))
			return;
}

static void worker_ended(struct run *r, pid_t pid, int status)
{
	for (int i = 0; i < r->parallel; i++) {
		struct worker *w = &r->workers[i];

		if (w->pid != pid)
			continue;
		if (w->killed)
			r->killed++;
		else if (WIFSIGNALED(status))
			r->crashed++;
		w->pid = 0;
		r->running--;
		r->idle_since = monotonic_ms();
	}
}

static void reap_workers(struct run *r)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		worker_ended(r, pid, status);
}

static void watchdog(struct run *r)
{
	long now = monotonic_ms();

	for (int i = 0; i < r->parallel; i++) {
		struct worker *w = &r->workers[i];

		if (w->pid && !w->killed && now - w->started_ms >= WATCHDOG_MS) {
			kill(w->pid, SIGKILL);
			w->killed = true;
		}
	}
}

static void run_batches(struct run *r)
{
	r->idle_since = monotonic_ms();
	while (more_to_start(r) || r->running > 0) {
		start_workers(r);
		reap_workers(r);
		watchdog(r);
		usleep(POLL_US);
	}
}

/* What the workers left in the scratch directory, deepest first, and the
   directory: their memory would count as leaked. */
static void remove_scratch(void)
{
	for (size_t i = COUNT(scratch_paths); i-- > 0;)
		if (unlink(scratch_paths[i]) < 0)
			rmdir(scratch_paths[i]);
}

static int report(const struct run *r, struct leak_check *leaks)
{
	char why[128];

	printf("fuzz: %ld calls made, %ld batches: %d killed by the watchdog, %d crashed\n",
	       r->made, r->started, r->killed, r->crashed);
	bool clean = leak_check_finish(leaks, why, sizeof(why));
	if (r->fork_error)
		snprintf(why, sizeof(why), "no worker could be started for %d s: %s",
			 GIVE_UP_MS / 1000, strerror(r->fork_error));
	return verdict("fuzz", clean && !r->fork_error ? NULL : why);
}

int main(int argc, char **argv)
{
	struct run r = { .seed = 1, .calls = 20000, .parallel = 4 };
	const struct number_option options[] = {
		{ 's', 0, LONG_MAX, &r.seed },
		{ 'n', 1, MAX_CALLS, &r.calls },
		{ 'p', 1, MAX_PARALLEL, &r.parallel },
	};
	struct leak_check leaks;

	if (!parse_number_options(argc, argv, options, COUNT(options))) {
		fprintf(stderr, "usage: fuzz [-s SEED] [-n CALLS] [-p PARALLEL (1-%d)]\n",
			MAX_PARALLEL);
		return 2;
	}
	r.batches = (r.calls + BATCH_CALLS - 1) / BATCH_CALLS;
	printf("fuzz: seed %ld, %ld calls in %ld batches, %ld at a time\n",
	       r.seed, r.calls, r.batches, r.parallel);
	remove_scratch();	/* a run cut short may have left some */
	leak_check_start(&leaks, "fuzz");
	mkdir(FUZZ_DIR, 0755);
	run_batches(&r);
	leak_check_wait(&leaks);
	remove_scratch();
	return report(&r, &leaks);
}
