/* System calls about the system: its name, the time, power. */
#include "aurora/reboot.h"
#include "aurora/time.h"
#include "aurora/utsname.h"
#include "errno.h"
#include "hal.h"
#include "power.h"
#include "process.h"
#include "realtime.h"
#include "string.h"
#include "syscalls.h"

long sys_uname(const uint64_t *a)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Aurora", UTS_FIELD_LEN);
	strlcpy(u.nodename, "aurora", UTS_FIELD_LEN);
	strlcpy(u.release, "0.4", UTS_FIELD_LEN);
	strlcpy(u.version, "lab 4: system calls", UTS_FIELD_LEN);
	strlcpy(u.machine, "x86_64", UTS_FIELD_LEN);
	return uvm_copy_out(process_current()->uvm, a[0], &u, sizeof(u));
}

/* CLOCK_REALTIME is the RTC's time at boot plus the time since
   (realtime.h); the others count from boot. */
long sys_clock_gettime(const uint64_t *a)
{
	if (a[0] != CLOCK_REALTIME && a[0] != CLOCK_MONOTONIC &&
	    a[0] != CLOCK_MONOTONIC_RAW && a[0] != CLOCK_BOOTTIME)
		return -EINVAL;
	uint64_t now = a[0] == CLOCK_REALTIME ? clock_realtime_ns() : hal.clock_ns();
	struct timespec ts = { (int64_t)(now / 1000000000ull), (int64_t)(now % 1000000000ull) };

	return uvm_copy_out(process_current()->uvm, a[1], &ts, sizeof(ts));
}

long sys_reboot(const uint64_t *a)
{
	uint32_t magic2 = (uint32_t)a[1];

	if ((uint32_t)a[0] != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch ((uint32_t)a[2]) {
	case LINUX_REBOOT_CMD_RESTART: power_reboot();
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF: power_off();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF: return 0;
	default: return -EINVAL;
	}
}
