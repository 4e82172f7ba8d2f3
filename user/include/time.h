#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

#include <aurora/time.h>	/* struct timespec, CLOCK_* */

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(int clock, struct timespec *ts);
/* Milliseconds of CLOCK_MONOTONIC, for deadlines (not in POSIX). */
long monotonic_ms(void);

#endif
