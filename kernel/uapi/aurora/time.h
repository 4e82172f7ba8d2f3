/* Times as system calls pass them, and the clocks clock_gettime knows. */
#ifndef AURORA_UAPI_TIME_H
#define AURORA_UAPI_TIME_H

#include <stdint.h>

struct timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_BOOTTIME		7

#endif
