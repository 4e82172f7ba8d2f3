/* Dates to Unix time, and the CMOS clock's registers decoded (civil_time.h). */
#include "civil_time.h"
#include "unit.h"

static int64_t epoch_of(int y, int mo, int d, int h, int mi, int s)
{
	struct civil_time t = { y, mo, d, h, mi, s };

	return civil_time_to_epoch(&t);
}

TEST(civil_epoch_known_dates)
{
	CHECK_EQ(epoch_of(1970, 1, 1, 0, 0, 0), 0);
	CHECK_EQ(epoch_of(1970, 1, 2, 0, 0, 1), 86401);
	CHECK_EQ(epoch_of(2000, 1, 1, 0, 0, 0), 946684800);
	CHECK_EQ(epoch_of(2000, 2, 29, 12, 0, 0), 951825600);	/* 2000 is a leap year */
	CHECK_EQ(epoch_of(2000, 3, 1, 0, 0, 0), 951868800);
	CHECK_EQ(epoch_of(2026, 1, 1, 0, 0, 0), 1767225600);
	CHECK_EQ(epoch_of(2038, 1, 19, 3, 14, 7), 2147483647);	/* 32-bit time_t's end */
	CHECK_EQ(epoch_of(2038, 1, 19, 3, 14, 8), 2147483648);
	CHECK_EQ(epoch_of(2100, 3, 1, 0, 0, 0), 4107542400);	/* 2100 is not */
	CHECK_EQ(epoch_of(1969, 12, 31, 23, 59, 59), -1);
}

/* Day by day from 1970 to 2200, each day 86400 seconds after the last. */
TEST(civil_days_are_consecutive)
{
	int64_t expected = 0;

	for (int y = 1970; y < 2200; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				struct civil_time t = { y, m, d, 0, 0, 0 };

				if (!civil_time_valid(&t))
					continue;
				if (!CHECK_EQ(civil_days_from_epoch(y, m, d), expected))
					return;
				expected++;
			}
	CHECK_EQ(expected, civil_days_from_epoch(2200, 1, 1));
}

TEST(civil_time_validity)
{
	struct civil_time ok = { 2024, 2, 29, 23, 59, 59 };
	struct civil_time not_leap = { 2023, 2, 29, 0, 0, 0 };
	struct civil_time century = { 1900, 2, 29, 0, 0, 0 };
	struct civil_time april31 = { 2024, 4, 31, 0, 0, 0 };
	struct civil_time hour24 = { 2024, 1, 1, 24, 0, 0 };
	struct civil_time month0 = { 2024, 0, 1, 0, 0, 0 };

	CHECK(civil_time_valid(&ok));
	CHECK(!civil_time_valid(&not_leap));
	CHECK(!civil_time_valid(&century));
	CHECK(!civil_time_valid(&april31));
	CHECK(!civil_time_valid(&hour24));
	CHECK(!civil_time_valid(&month0));
}

TEST(rtc_decode_bcd_24h)
{
	/* 2026-12-06 03:35:35 as QEMU's RTC reports it by default. */
	struct rtc_registers r = { .second = 0x35, .minute = 0x35, .hour = 0x03, .day = 0x06,
				   .month = 0x12, .year = 0x26, .status_b = RTC_STATUS_B_24H };
	struct civil_time t;

	CHECK(rtc_decode(&r, &t));
	CHECK_EQ(t.year, 2026);
	CHECK_EQ(t.month, 12);
	CHECK_EQ(t.day, 6);
	CHECK_EQ(t.hour, 3);
	CHECK_EQ(t.minute, 35);
	CHECK_EQ(t.second, 35);
	CHECK_EQ(civil_time_to_epoch(&t), epoch_of(2026, 12, 6, 3, 35, 35));
}

TEST(rtc_decode_binary_and_12h)
{
	struct civil_time t;
	struct rtc_registers bin = { .second = 59, .minute = 7, .hour = 23, .day = 31,
				     .month = 12, .year = 99,
				     .status_b = RTC_STATUS_B_24H | RTC_STATUS_B_BINARY };

	CHECK(rtc_decode(&bin, &t));
	CHECK_EQ(t.year, 2099);
	CHECK_EQ(t.hour, 23);
	CHECK_EQ(t.second, 59);

	/* 12-hour BCD: 12 AM is midnight, 12 PM noon, 1 PM is 13. */
	struct rtc_registers am12 = { .second = 0, .minute = 0, .hour = 0x12, .day = 1,
				      .month = 1, .year = 0x26 };
	CHECK(rtc_decode(&am12, &t));
	CHECK_EQ(t.hour, 0);
	struct rtc_registers pm12 = am12;
	pm12.hour = RTC_HOUR_PM | 0x12;
	CHECK(rtc_decode(&pm12, &t));
	CHECK_EQ(t.hour, 12);
	struct rtc_registers pm1 = am12;
	pm1.hour = RTC_HOUR_PM | 0x01;
	CHECK(rtc_decode(&pm1, &t));
	CHECK_EQ(t.hour, 13);
	/* 12-hour binary: 11 PM. */
	struct rtc_registers pm11 = { .second = 0, .minute = 0, .hour = RTC_HOUR_PM | 11,
				      .day = 1, .month = 1, .year = 26,
				      .status_b = RTC_STATUS_B_BINARY };
	CHECK(rtc_decode(&pm11, &t));
	CHECK_EQ(t.hour, 23);

	/* A century register, in BCD. */
	struct rtc_registers c19 = { .second = 0, .minute = 0, .hour = 0, .day = 0x31,
				     .month = 0x12, .year = 0x99, .century = 0x19,
				     .status_b = RTC_STATUS_B_24H };
	CHECK(rtc_decode(&c19, &t));
	CHECK_EQ(t.year, 1999);
}

TEST(rtc_decode_rejects_garbage)
{
	struct civil_time t;
	/* A clock that was never set, or a chip that is absent (0xff). */
	struct rtc_registers absent = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0xff };
	struct rtc_registers zero = { .status_b = RTC_STATUS_B_24H };	/* day 0, month 0 */
	struct rtc_registers bad_digit = { .second = 0x5a, .minute = 0, .hour = 0, .day = 1,
					   .month = 1, .year = 0x26,
					   .status_b = RTC_STATUS_B_24H };
	struct rtc_registers hour13_12h = { .second = 0, .minute = 0, .hour = 0x13, .day = 1,
					    .month = 1, .year = 0x26 };
	struct rtc_registers feb30 = { .second = 0, .minute = 0, .hour = 0, .day = 0x30,
				       .month = 0x02, .year = 0x26,
				       .status_b = RTC_STATUS_B_24H };

	CHECK(!rtc_decode(&absent, &t));
	CHECK(!rtc_decode(&zero, &t));
	CHECK(!rtc_decode(&bad_digit, &t));
	CHECK(!rtc_decode(&hour13_12h, &t));
	CHECK(!rtc_decode(&feb30, &t));
}
