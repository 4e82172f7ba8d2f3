/* The unit-test runner: see unit.h. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

#define MAX_TESTS 1024

static struct {
	const char *name;
	unit_test_fn fn;
} tests[MAX_TESTS];
static int ntests;
static int current_failures;	/* failed checks in the running test */
static const char *current_test;

void unit_register(const char *name, unit_test_fn fn)
{
	if (ntests == MAX_TESTS) {
		fprintf(stderr, "unit: more than %d tests, raise MAX_TESTS\n", MAX_TESTS);
		return;
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	current_failures++;
}

bool unit_check(const char *file, int line, bool ok, const char *expr)
{
	if (!ok)
		unit_fail(file, line, "CHECK(%s) failed", expr);
	return ok;
}

bool unit_check_eq(const char *file, int line, const char *a_expr, const char *b_expr,
		   int64_t a, int64_t b)
{
	if (a != b)
		unit_fail(file, line, "CHECK_EQ(%s, %s) failed: %lld (%#llx) != %lld (%#llx)",
			  a_expr, b_expr, (long long)a, (unsigned long long)a,
			  (long long)b, (unsigned long long)b);
	return a == b;
}

bool unit_check_str_eq(const char *file, int line, const char *a_expr,
		       const char *b_expr, const char *a, const char *b)
{
	bool ok = a && b ? strcmp(a, b) == 0 : a == b;

	if (!ok)
		unit_fail(file, line, "CHECK_STR_EQ(%s, %s) failed: \"%s\" != \"%s\"",
			  a_expr, b_expr, a ? a : "(NULL)", b ? b : "(NULL)");
	return ok;
}

/*
 * A test that crashes (code under test following a corrupt pointer) still
 * says which it was, after the failures printed so far, which a pipe's
 * buffer would otherwise lose with the process.
 */
static void report_crash(int sig)
{
	fflush(stdout);
	fprintf(stderr, "CRASH %s (signal %d)\n", current_test, sig);
	_Exit(2);
}

int main(void)
{
	int passed = 0, failed = 0;

	signal(SIGSEGV, report_crash);
	signal(SIGBUS, report_crash);
	for (int i = 0; i < ntests; i++) {
		current_failures = 0;
		current_test = tests[i].name;
		tests[i].fn();
		if (current_failures == 0) {
			passed++;
		} else {
			printf("FAIL %s\n", tests[i].name);
			failed++;
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	/* exit(), not return: in wasm, main's return value is lost once a
	   test has switched fibers (Asyncify unwound main on the way). */
	exit(failed > 0 ? 1 : 0);
}
