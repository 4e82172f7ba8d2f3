/*
 * Leak checks around a test run in other processes (fuzz, stress): the
 * kernel's memory from aurora_meminfo at the start, and again once the
 * test's processes are all gone, when free frames and heap bytes must be
 * what they were.  Off Aurora (aurora_meminfo fails, as on Linux) nothing
 * is measured and every check passes.
 */
#ifndef _LEAKCHECK_H
#define _LEAKCHECK_H

#include <aurora.h>
#include <stdbool.h>
#include <stddef.h>

struct leak_check {
	const char *prog;	/* the prefix of the line printed */
	bool measured;		/* aurora_meminfo works */
	struct aurora_meminfo before, after;
};

/* Take the "before" values.  Call it before the test forks anything. */
void leak_check_start(struct leak_check *c, const char *prog);
/* Wait (up to 10 s) for the process count to be back where it was, for
   a test that must clean up after its processes; false if it is not. */
bool leak_check_wait(struct leak_check *c);
/* Wait (up to 10 s) for processes, frames and heap bytes to be back, and
   print "prog: frames free X before, Y after; heap bytes A before, B
   after" (or that nothing was measured).  False if something is not
   back, with the reason in why. */
bool leak_check_finish(struct leak_check *c, char *why, size_t size);
/* leak_check_finish as one check (check.h) that says what: "OK what", or
   "FAIL what: " and what is not back. */
bool check_no_leaks(struct leak_check *c, const char *what);

#endif
