/*
 * The kernel's system call handlers, one per entry of syscall_list.h.
 * Each takes the six arguments (hal.syscall_args) and returns the result
 * or -errno.
 */
#ifndef AURORA_SYSCALLS_H
#define AURORA_SYSCALLS_H

#include <stdint.h>

#define SYSCALL(nr, name, args) long sys_##name(const uint64_t *a);
#include "aurora/syscall_list.h"
#undef SYSCALL

struct trap_frame;

/* The system call dispatcher (kernel/syscall/syscall.c): the target's
   entry from user mode calls it with the frame it saved. */
void syscall_dispatch(struct trap_frame *tf);

#endif
