/* Facts about this boot that the kernel's subsystems share. */
#ifndef AURORA_KERNEL_H
#define AURORA_KERNEL_H

#include "bootinfo.h"

extern struct boot_info boot_info;

#endif
