/*
 * The capability policy (shared code: kernel, host tests, wasm).
 *
 * A process holds a set of CAP_* bits (aurora/caps.h).  Before every system
 * call the dispatcher asks cap_allows whether the set covers what the call
 * needs with these arguments, and refuses the call without running it if
 * not.  The rule of thumb: what only affects the process itself, or
 * uses a file descriptor it already holds, needs nothing; reaching the file
 * system, other processes or the machine needs the matching capability.
 * So a process that opened its files and then dropped CAP_FS_READ and
 * CAP_FS_WRITE can still read and write them, but open nothing new.
 *
 * caps.c has a rule for every call in syscall_list.h and does not compile
 * without one.  Numbers not in the list need nothing: the dispatcher
 * answers them -ENOSYS anyway.
 */
#ifndef AURORA_CAPS_H
#define AURORA_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "aurora/caps.h"

/* The capabilities call nr needs, given its arguments. */
uint32_t cap_required(unsigned nr, const uint64_t args[6]);

/* Whether held covers call nr; if not and missing is not NULL, *missing
   gets the bits lacking. */
bool cap_allows(uint32_t held, unsigned nr, const uint64_t args[6], uint32_t *missing);

/* held without drop: a set can only shrink. */
uint32_t cap_drop(uint32_t held, uint32_t drop);

#endif
