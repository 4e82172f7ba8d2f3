/* reboot(cmd): the kernel also wants Linux's two magic numbers, which the
   wrapper supplies. */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#include <aurora/reboot.h>

/* The C library's names for the commands (glibc's and musl's). */
#define RB_AUTOBOOT	LINUX_REBOOT_CMD_RESTART
#define RB_HALT_SYSTEM	LINUX_REBOOT_CMD_HALT
#define RB_POWER_OFF	LINUX_REBOOT_CMD_POWER_OFF

int reboot(unsigned int cmd);

#endif
