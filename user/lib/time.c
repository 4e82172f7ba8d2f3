/* Calendar dates, in UTC: see time.h. */
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#define SECONDS_PER_DAY 86400
#define DAYS_PER_ERA 146097	/* 400 Gregorian years repeat exactly */

static bool is_leap(long year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/*
 * The date days after 1970-01-01, by Howard Hinnant's days_from_civil
 * inverse: count in eras of 400 years from 0000-03-01, so that the leap
 * day is the last day of a year (which then starts in March).
 */
static void civil_from_days(long days, long *year, int *month, int *day)
{
	long z = days + 719468;	/* days from 0000-03-01 */
	long era = (z >= 0 ? z : z - DAYS_PER_ERA + 1) / DAYS_PER_ERA;
	long day_of_era = z - era * DAYS_PER_ERA;
	long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
			    day_of_era / (DAYS_PER_ERA - 1)) / 365;
	long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	long month_from_march = (5 * day_of_year + 2) / 153;

	*day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
	*month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
	*year = year_of_era + era * 400 + (*month <= 2);
}

/* Days from 1 January to the first of month (1-12) in year. */
static int days_before_month(long year, int month)
{
	static const int cumulative[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

	return cumulative[month - 1] + (month > 2 && is_leap(year));
}

struct tm *gmtime_r(const time_t *t, struct tm *tm)
{
	long days = *t / SECONDS_PER_DAY, seconds = *t % SECONDS_PER_DAY, year;
	int month, day;

	if (seconds < 0) {	/* before 1970: the day starts earlier */
		seconds += SECONDS_PER_DAY;
		days--;
	}
	civil_from_days(days, &year, &month, &day);
	*tm = (struct tm){
		.tm_sec = seconds % 60,
		.tm_min = seconds / 60 % 60,
		.tm_hour = seconds / 3600,
		.tm_mday = day,
		.tm_mon = month - 1,
		.tm_year = year - 1900,
		.tm_wday = ((days + 4) % 7 + 7) % 7,	/* 1970-01-01 was a Thursday */
		.tm_yday = days_before_month(year, month) + day - 1,
	};
	return tm;
}

char *timespec_string(const struct timespec *ts, char *buf)
{
	time_t seconds = ts->tv_sec;
	struct tm tm;

	gmtime_r(&seconds, &tm);
	snprintf(buf, TIMESPEC_STRING_MAX, "%04d-%02d-%02d %02d:%02d:%02d.%09ld +0000",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (long)ts->tv_nsec);
	return buf;
}
