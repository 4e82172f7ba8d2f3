/* reboot(cmd): the kernel also wants Linux's two magic numbers, which the
   wrapper supplies. */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#include <aurora/reboot.h>

int reboot(unsigned int cmd);

#endif
