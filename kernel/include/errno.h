/* The error numbers (the user ABI's, aurora/errno.h) and their names. */
#ifndef AURORA_ERRNO_H
#define AURORA_ERRNO_H

#include "aurora/errno.h"

/* "ENOENT" for ENOENT (positive), ...; NULL for a number not defined there. */
const char *errno_name(int e);

#endif
