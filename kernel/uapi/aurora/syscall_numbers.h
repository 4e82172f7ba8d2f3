/* SYS_read, SYS_write, ...: system call numbers by name, from the one
   table (syscall_list.h); for the kernel and user/ alike. */
#ifndef AURORA_UAPI_SYSCALL_NUMBERS_H
#define AURORA_UAPI_SYSCALL_NUMBERS_H

enum syscall_number {
#define SYSCALL(nr, name, args) SYS_##name = nr,
#include "syscall_list.h"
#undef SYSCALL
};

#endif
