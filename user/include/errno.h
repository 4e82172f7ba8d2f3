/* errno, and the Linux error numbers with errno_name() from the kernel's
   shared errno.h (kernel/lib/errno_name.c is in the C library). */
#ifndef _ERRNO_H
#define _ERRNO_H

#include "../../kernel/include/errno.h"

extern int errno;

#endif
