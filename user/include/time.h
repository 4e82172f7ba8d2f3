#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

#include <aurora/time.h>	/* struct timespec, CLOCK_* */

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(int clock, struct timespec *ts);
/* Milliseconds of CLOCK_MONOTONIC, for deadlines (not in POSIX). */
long monotonic_ms(void);

/* A moment broken down into the calendar's fields, as in C. */
struct tm {
	int tm_sec, tm_min, tm_hour;	/* 0-59 (no leap seconds), 0-59, 0-23 */
	int tm_mday, tm_mon, tm_year;	/* 1-31, 0-11, years since 1900 */
	int tm_wday, tm_yday;		/* days since Sunday, since 1 January */
	int tm_isdst;			/* always 0: UTC has no summer time */
};

/* *t, seconds since 1970-01-01 00:00:00 UTC, in UTC. */
struct tm *gmtime_r(const time_t *t, struct tm *tm);

/* "YYYY-MM-DD hh:mm:ss.nnnnnnnnn +0000", *ts in UTC, as GNU stat shows
   times, into buf (TIMESPEC_STRING_MAX bytes).  Not in C or POSIX. */
#define TIMESPEC_STRING_MAX 64
char *timespec_string(const struct timespec *ts, char *buf);

#endif
