/* errno, the Linux error numbers (aurora/errno.h), and errno_name(), which
   the C library takes from the kernel's shared kernel/lib/errno_name.c. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <aurora/errno.h>

extern int errno;

/* "ENOENT" for ENOENT, ...; NULL for a number without a name. */
const char *errno_name(int e);

#endif
