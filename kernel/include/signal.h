/*
 * Signals: the numbers (the user ABI's, aurora/signal.h) and the two
 * default actions Aurora implements: terminate, or ignore.  Shared code:
 * the kernel, tests, wasm.
 */
#ifndef AURORA_SIGNAL_H
#define AURORA_SIGNAL_H

#include <stdbool.h>
#include "aurora/signal.h"

/*
 * Signals whose default action is to do nothing.  Aurora has no job
 * control, so the stop and continue signals are ignored too.
 */
bool signal_ignored_by_default(int sig);
/* "SIGSEGV", ..., or "signal" for numbers without a name. */
const char *signal_name(int sig);

#endif
