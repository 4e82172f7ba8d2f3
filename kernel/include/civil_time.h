/*
 * Calendar dates and Unix time (shared code): what a real-time clock chip
 * reports (a date and a time of day, often in BCD, perhaps on a 12-hour
 * clock) turned into seconds since 1970-01-01 00:00:00 UTC.  Pure
 * computation, so the host unit tests check it (tests/test_civil_time.c).
 */
#ifndef AURORA_CIVIL_TIME_H
#define AURORA_CIVIL_TIME_H

#include <stdbool.h>
#include <stdint.h>

struct civil_time {
	int year;		/* e.g. 2026 */
	int month;		/* 1-12 */
	int day;		/* 1-31 */
	int hour;		/* 0-23 */
	int minute;		/* 0-59 */
	int second;		/* 0-59 (60: a leap second, counted as 59 + 1) */
};

/* Days from 1970-01-01 to the date (negative before it), proleptic
   Gregorian calendar. */
int64_t civil_days_from_epoch(int year, int month, int day);

/* Is t a valid date and time (day within its month, leap years too)? */
bool civil_time_valid(const struct civil_time *t);

/* Seconds since the epoch of the UTC date and time t, which must be valid. */
int64_t civil_time_to_epoch(const struct civil_time *t);

/*
 * The registers of a PC's CMOS real-time clock (MC146818), as read.
 * Status register B says how they count: bit 2 set means binary, clear
 * BCD; bit 1 set means 24-hour, clear 12-hour, in which case bit 7 of the
 * hour is set after noon.  The year register holds two digits; `century`
 * is the ACPI century register's value, or 0 when there is none.
 */
struct rtc_registers {
	uint8_t second, minute, hour, day, month, year, century;
	uint8_t status_b;
};

#define RTC_STATUS_B_24H	0x02
#define RTC_STATUS_B_BINARY	0x04
#define RTC_HOUR_PM		0x80

/* Decode the registers into a date and time; false if they do not make a
   valid one (a clock that was never set, a bad BCD digit).  Without a
   century register, a two-digit year yy is 20yy. */
bool rtc_decode(const struct rtc_registers *r, struct civil_time *out);

#endif
