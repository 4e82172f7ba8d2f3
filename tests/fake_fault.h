/*
 * Fault injection for the fakes, by countdown: a countdown of n makes the
 * nth operation from now fail, once, and then stays 0; 0 never fails.  So
 * a test says "the third write fails" with one assignment, and the
 * operations before and after it behave normally.
 */
#ifndef AURORA_TESTS_FAKE_FAULT_H
#define AURORA_TESTS_FAKE_FAULT_H

#include <stdbool.h>

/* Count one operation down; true if it is the one that fails. */
static inline bool fault_due(unsigned *countdown)
{
	return *countdown != 0 && --*countdown == 0;
}

#endif
