/* errno and the Linux error numbers, which are the kernel's own. */
#ifndef _ERRNO_H
#define _ERRNO_H

#include "../../kernel/include/errno.h"

/* Linux numbers the kernel does not use (yet) but programs test for. */
#ifndef ENOTTY
#define ENOTTY 25
#endif

extern int errno;

#endif
