/* System calls about the system: its name, the time, power. */
#include "errno.h"
#include "hal.h"
#include "power.h"
#include "process.h"
#include "string.h"
#include "syscalls.h"

#define UTS_FIELD 65

struct utsname {
	char sysname[UTS_FIELD], nodename[UTS_FIELD], release[UTS_FIELD];
	char version[UTS_FIELD], machine[UTS_FIELD], domainname[UTS_FIELD];
};

long sys_uname(const uint64_t *a)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Aurora", UTS_FIELD);
	strlcpy(u.nodename, "aurora", UTS_FIELD);
	strlcpy(u.release, "0.4", UTS_FIELD);
	strlcpy(u.version, "lab 4: system calls", UTS_FIELD);
	strlcpy(u.machine, "x86_64", UTS_FIELD);
	return uvm_copy_out(process_current()->uvm, a[0], &u, sizeof(u));
}

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_BOOTTIME		7

/* Aurora has no real-time clock driver yet: the realtime clock starts at
   the epoch when the kernel boots. */
long sys_clock_gettime(const uint64_t *a)
{
	if (a[0] != CLOCK_REALTIME && a[0] != CLOCK_MONOTONIC &&
	    a[0] != CLOCK_MONOTONIC_RAW && a[0] != CLOCK_BOOTTIME)
		return -EINVAL;
	uint64_t now = hal.clock_ns();
	int64_t ts[2] = { (int64_t)(now / 1000000000ull), (int64_t)(now % 1000000000ull) };

	return uvm_copy_out(process_current()->uvm, a[1], ts, sizeof(ts));
}

#define REBOOT_MAGIC1		0xfee1deadu
#define REBOOT_MAGIC2		672274793u	/* and its other accepted values */
#define REBOOT_MAGIC2A		85072278u
#define REBOOT_MAGIC2B		369367448u
#define REBOOT_MAGIC2C		537993216u
#define REBOOT_CMD_RESTART	0x01234567u
#define REBOOT_CMD_HALT		0xcdef0123u
#define REBOOT_CMD_POWER_OFF	0x4321fedcu
#define REBOOT_CMD_CAD_ON	0x89abcdefu
#define REBOOT_CMD_CAD_OFF	0x00000000u

long sys_reboot(const uint64_t *a)
{
	uint32_t magic2 = (uint32_t)a[1];

	if ((uint32_t)a[0] != REBOOT_MAGIC1 ||
	    (magic2 != REBOOT_MAGIC2 && magic2 != REBOOT_MAGIC2A &&
	     magic2 != REBOOT_MAGIC2B && magic2 != REBOOT_MAGIC2C))
		return -EINVAL;
	switch ((uint32_t)a[2]) {
	case REBOOT_CMD_RESTART: power_reboot();
	case REBOOT_CMD_HALT:
	case REBOOT_CMD_POWER_OFF: power_off();
	case REBOOT_CMD_CAD_ON:
	case REBOOT_CMD_CAD_OFF: return 0;
	default: return -EINVAL;
	}
}
