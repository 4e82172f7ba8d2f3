/*
 * A tiny unit-test framework.  The same test sources build for the host
 * (gcc) and for wasm (emcc, run in Node).
 *
 *   TEST(list_push_front) { ... CHECK_EQ(a, b); ... }
 *
 * TEST registers the function before main runs (a constructor), so a test
 * file needs no table.  A failed check prints file:line and the values, and
 * the test goes on, so one run shows every failure.  main runs every test
 * and ends with "N passed, M failed"; the exit code is nonzero if M > 0.
 */
#ifndef AURORA_TESTS_UNIT_H
#define AURORA_TESTS_UNIT_H

#include <stdbool.h>
#include <stdint.h>

typedef void (*unit_test_fn)(void);

void unit_register(const char *name, unit_test_fn fn);

#define TEST(name)							\
	static void test_##name(void);					\
	__attribute__((constructor)) static void register_##name(void)	\
	{								\
		unit_register(#name, test_##name);			\
	}								\
	static void test_##name(void)

/* Record a failure of the running test at file:line, printf-style. */
void unit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

bool unit_check(const char *file, int line, bool ok, const char *expr);
bool unit_check_eq(const char *file, int line, const char *a_expr, const char *b_expr,
		   int64_t a, int64_t b);
bool unit_check_str_eq(const char *file, int line, const char *a_expr,
		       const char *b_expr, const char *a, const char *b);

/* Each returns whether the check held, for tests that stop early. */
#define CHECK(cond) unit_check(__FILE__, __LINE__, (cond), #cond)
/* Integers of any type up to 64 bits, compared and printed as int64_t. */
#define CHECK_EQ(a, b) \
	unit_check_eq(__FILE__, __LINE__, #a, #b, (int64_t)(a), (int64_t)(b))
#define CHECK_STR_EQ(a, b) unit_check_str_eq(__FILE__, __LINE__, #a, #b, (a), (b))

#endif
