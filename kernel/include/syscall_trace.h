/* "strace" on the kernel command line: log every system call (syscall.c). */
#ifndef AURORA_SYSCALL_TRACE_H
#define AURORA_SYSCALL_TRACE_H

#include <stdbool.h>

extern bool syscall_tracing;

#endif
