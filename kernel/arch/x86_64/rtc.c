/*
 * The CMOS real-time clock (an MC146818 and its descendants): read once at
 * boot to set the wall clock (realtime.h).  Its registers sit behind an
 * index port (0x70) and a data port (0x71).  While it updates its counters,
 * once a second, status register A's bit 7 (update in progress) is set and
 * the values may be torn, so we wait for the bit to clear and read until
 * two readings in a row agree; both waits are bounded, so a missing or
 * broken chip costs a few milliseconds and leaves the clock at the epoch.
 * QEMU's RTC keeps the host's UTC time by default (-rtc base=utc).
 */
#include <stdint.h>
#include "civil_time.h"
#include "clock.h"
#include "cpu.h"
#include "kprintf.h"
#include "realtime.h"
#include "string.h"

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define CMOS_NMI_OFF	0x80	/* keep NMIs masked while we select a register */

enum {
	RTC_SECONDS = 0x00, RTC_MINUTES = 0x02, RTC_HOURS = 0x04, RTC_DAY = 0x07,
	RTC_MONTH = 0x08, RTC_YEAR = 0x09, RTC_STATUS_A = 0x0a, RTC_STATUS_B = 0x0b,
};
#define STATUS_A_UPDATING 0x80

#define UPDATE_WAIT_NS	(20ull * 1000000)	/* an update takes under 2 ms */
#define READ_ATTEMPTS	5

static uint64_t boot_epoch_ns;	/* the wall clock when clock_ns() read 0 */

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	return inb(CMOS_DATA);
}

/* Wait until no update is in progress; false after UPDATE_WAIT_NS. */
static bool wait_update_done(void)
{
	uint64_t deadline = clock_ns() + UPDATE_WAIT_NS;

	while (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATING)
		if (clock_ns() >= deadline)
			return false;
	return true;
}

static bool read_registers(struct rtc_registers *r)
{
	if (!wait_update_done())
		return false;
	r->second = cmos_read(RTC_SECONDS);
	r->minute = cmos_read(RTC_MINUTES);
	r->hour = cmos_read(RTC_HOURS);
	r->day = cmos_read(RTC_DAY);
	r->month = cmos_read(RTC_MONTH);
	r->year = cmos_read(RTC_YEAR);
	r->century = 0;		/* its index is in ACPI's FADT; 20yy will do */
	r->status_b = cmos_read(RTC_STATUS_B);
	return true;
}

void rtc_init(void)
{
	struct rtc_registers a, b;
	struct civil_time t;
	int tries = READ_ATTEMPTS;

	memset(&b, 0, sizeof(b));
	if (!read_registers(&a)) {
		kprintf("rtc: the clock stays in an update: the wall clock starts at 1970\n");
		return;
	}
	/* Two equal readings in a row: no update tore the first. */
	while (tries-- > 0 && read_registers(&b) && memcmp(&a, &b, sizeof(a)) != 0)
		a = b;
	uint64_t now = clock_ns();
	if (memcmp(&a, &b, sizeof(a)) != 0 || !rtc_decode(&a, &t)) {
		kprintf("rtc: no valid date in the clock: the wall clock starts at 1970\n");
		return;
	}
	int64_t epoch = civil_time_to_epoch(&t);
	if (epoch < 0) {
		kprintf("rtc: the clock says it is before 1970: the wall clock starts at 1970\n");
		return;
	}
	boot_epoch_ns = (uint64_t)epoch * 1000000000ull - now;
	kprintf("rtc: %04d-%02d-%02d %02d:%02d:%02d UTC\n", t.year, t.month, t.day, t.hour,
		t.minute, t.second);
}

uint64_t clock_realtime_ns(void)
{
	return boot_epoch_ns + clock_ns();
}
