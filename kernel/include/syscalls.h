/*
 * The kernel's system call handlers, one per entry of syscall_list.h.
 * Each takes the six argument registers (rdi, rsi, rdx, r10, r8, r9) and
 * returns the result or -errno.
 */
#ifndef AURORA_SYSCALLS_H
#define AURORA_SYSCALLS_H

#include <stdint.h>

#define SYSCALL(nr, name, args) long sys_##name(const uint64_t *a);
#include "syscall_list.h"
#undef SYSCALL

#endif
