/*
 * Calendar dates to Unix time (civil_time.h).  days_from_civil is Howard
 * Hinnant's algorithm ("chrono-Compatible Low-Level Date Algorithms"):
 * count in eras of 400 years, each 146097 days, with years starting in
 * March so that the leap day is the last day of its year.
 */
#include "civil_time.h"

int64_t civil_days_from_epoch(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;					/* 0-399 */
	int64_t mp = (month + 9) % 12;					/* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + day - 1;			/* 0-365 */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;		/* 0-146096 */

	return era * 146097 + doe - 719468;	/* 719468: 0000-03-01 to 1970-01-01 */
}

static bool leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return month == 2 && leap_year(year) ? 29 : days[month - 1];
}

bool civil_time_valid(const struct civil_time *t)
{
	return t->month >= 1 && t->month <= 12 && t->day >= 1 &&
	       t->day <= days_in_month(t->year, t->month) && t->hour >= 0 && t->hour <= 23 &&
	       t->minute >= 0 && t->minute <= 59 && t->second >= 0 && t->second <= 60;
}

int64_t civil_time_to_epoch(const struct civil_time *t)
{
	return civil_days_from_epoch(t->year, t->month, t->day) * 86400 +
	       t->hour * 3600 + t->minute * 60 + t->second;
}

/* A BCD byte's value, or -1 if a digit is not 0-9. */
static int from_bcd(uint8_t v)
{
	if ((v & 0x0f) > 9 || (v >> 4) > 9)
		return -1;
	return (v >> 4) * 10 + (v & 0x0f);
}

bool rtc_decode(const struct rtc_registers *r, struct civil_time *out)
{
	bool binary = r->status_b & RTC_STATUS_B_BINARY;
	bool pm = false;
	uint8_t hour = r->hour;
	int century = 20;

	if (!(r->status_b & RTC_STATUS_B_24H)) {
		pm = hour & RTC_HOUR_PM;
		hour &= (uint8_t)~RTC_HOUR_PM;
	}
#define FIELD(v) (binary ? (int)(v) : from_bcd(v))
	out->second = FIELD(r->second);
	out->minute = FIELD(r->minute);
	out->hour = FIELD(hour);
	out->day = FIELD(r->day);
	out->month = FIELD(r->month);
	int year = FIELD(r->year);
	if (r->century)
		century = FIELD(r->century);
#undef FIELD
	if (out->second < 0 || out->minute < 0 || out->hour < 0 || out->day < 0 ||
	    out->month < 0 || year < 0 || year > 99 || century < 0)
		return false;
	if (!(r->status_b & RTC_STATUS_B_24H)) {
		/* 12-hour: 12 AM is midnight, 12 PM is noon. */
		if (out->hour < 1 || out->hour > 12)
			return false;
		out->hour = out->hour % 12 + (pm ? 12 : 0);
	}
	out->year = century * 100 + year;
	return civil_time_valid(out);
}
