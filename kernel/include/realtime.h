/*
 * Wall-clock time: CLOCK_REALTIME, and the timestamps file systems write.
 * The kernel reads the battery-backed real-time clock once at boot
 * (rtc_init, kernel/arch/x86_64/rtc.c) and from then on counts with the
 * monotonic clock, so the wall clock is the RTC's boot time plus the time
 * since; Aurora has no settimeofday and no NTP, so it drifts as the TSC
 * does.  A machine whose RTC cannot be read starts at the epoch.
 */
#ifndef AURORA_REALTIME_H
#define AURORA_REALTIME_H

#include <stdint.h>

/* Read the RTC (after clock_init: the monotonic clock must run). */
void rtc_init(void);

/* Nanoseconds since 1970-01-01 00:00:00 UTC. */
uint64_t clock_realtime_ns(void);

#endif
