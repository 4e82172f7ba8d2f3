/*
 * For the t_* test programs: each check prints "OK what" or "FAIL what",
 * and check_summary() prints "prog: N passed, M failed" as the last line.
 */
#ifndef _CHECK_H
#define _CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Count and report one check; returns ok. */
bool check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run fn in a child process; the checks it makes count as the caller's.  A
   child that dies before reporting, or still runs after CHILD_LIMIT_MS
   (a lost wakeup: it is killed), is a failed check. */
#define CHILD_LIMIT_MS 10000
void check_in_child(const char *what, void (*fn)(void));
/* Wait up to ms milliseconds for child pid to end: its wait status, or -1
   if it still runs then (it is killed and reaped), so that a child that
   hangs fails a check instead of hanging the test. */
int wait_within(int pid, long ms);
/* Run argv (argv[0] is a path) with envp and its standard output going
   into out, NUL-terminated and without its last newline; returns its wait
   status, or -1 if it could not be started. */
int capture(char *const argv[], char *const envp[], char *out, size_t size);
/* Print the summary line; returns the exit status (0 iff nothing failed). */
int check_summary(const char *prog);
/* For programs that end with one verdict rather than a tally: print
   "prog: OK" when why is NULL, else "prog: FAIL why"; returns the exit
   status, 0 or 1. */
int verdict(const char *prog, const char *why);

#endif
