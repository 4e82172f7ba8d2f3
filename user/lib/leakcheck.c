/* Leak checks: see leakcheck.h. */
#include <check.h>
#include <leakcheck.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SETTLE_MS	10000	/* the longest wait for what a test used to come back */
#define POLL_US		10000
#define PAGE		4096
#define STACK_RESERVE	(4 * PAGE)	/* more stack than the caller goes on to use */

/* Fault in the stack pages the caller may use after the first
   measurement: a page of its own stack appearing later is no leak. */
static __attribute__((noinline)) void touch_stack(void)
{
	volatile char pages[STACK_RESERVE];

	for (size_t i = 0; i < sizeof(pages); i += PAGE)
		pages[i] = 0;
}

/* A pipe and a fork before the first measurement, so that whatever this
   process touches making them (its data pages, copied on write) is there
   already. */
static void warm_up(void)
{
	int fds[2];

	if (pipe(fds) == 0) {
		close(fds[0]);
		close(fds[1]);
	}
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

void leak_check_start(struct leak_check *c, const char *prog)
{
	*c = (struct leak_check){ .prog = prog };
	touch_stack();
	warm_up();
	c->measured = aurora_meminfo(&c->before) == 0;
}

static bool processes_back(const struct leak_check *c)
{
	return c->after.processes <= c->before.processes;
}

static bool all_back(const struct leak_check *c)
{
	return processes_back(c) && c->after.free_frames == c->before.free_frames &&
	       c->after.heap_bytes_in_use == c->before.heap_bytes_in_use;
}

/* Measure until done() holds or SETTLE_MS have passed.  Polling, because
   a process reaped by init (an orphan) or a kernel stack freed once its
   thread is off the CPU comes back a moment after the test ends. */
static bool poll_until(struct leak_check *c, bool (*done)(const struct leak_check *c))
{
	long deadline = monotonic_ms() + SETTLE_MS;

	while (aurora_meminfo(&c->after) == 0 && !done(c)) {
		if (monotonic_ms() >= deadline)
			return false;
		usleep(POLL_US);
	}
	return done(c);
}

bool leak_check_wait(struct leak_check *c)
{
	return !c->measured || poll_until(c, processes_back);
}

/* What is not back, into why; false if anything. */
static bool explain(const struct leak_check *c, char *why, size_t size)
{
	const struct aurora_meminfo *b = &c->before, *a = &c->after;

	if (!processes_back(c))
		snprintf(why, size, "%llu processes %d s after the end, %llu before",
			 (unsigned long long)a->processes, SETTLE_MS / 1000,
			 (unsigned long long)b->processes);
	else if (a->free_frames != b->free_frames)
		snprintf(why, size, "free frames %llu before, %llu after",
			 (unsigned long long)b->free_frames, (unsigned long long)a->free_frames);
	else if (a->heap_bytes_in_use != b->heap_bytes_in_use)
		snprintf(why, size, "heap bytes %llu before, %llu after",
			 (unsigned long long)b->heap_bytes_in_use,
			 (unsigned long long)a->heap_bytes_in_use);
	else
		return true;
	return false;
}

bool leak_check_finish(struct leak_check *c, char *why, size_t size)
{
	if (!c->measured) {
		printf("%s: frames: not measured on this kernel\n", c->prog);
		return true;
	}
	/* The figures themselves differ between kernels and targets; only
	   what did not come back is printed (in why). */
	poll_until(c, all_back);
	return explain(c, why, size);
}

bool check_no_leaks(struct leak_check *c, const char *what)
{
	char why[128] = "";
	bool back = leak_check_finish(c, why, sizeof(why));

	return check(back, "%s%s%s", what, back ? "" : ": ", why);
}
