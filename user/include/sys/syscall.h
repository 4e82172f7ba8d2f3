/*
 * Raw system calls.  The numbers come from the kernel's one table,
 * syscall_list.h, so a call added there is callable here at once.
 *
 * syscall6() returns what the kernel returned: a result, or -errno.
 * syscall() is the C library's convention: -1 with errno set on failure.
 * Both take the number and up to six arguments; missing ones are 0.
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <aurora/syscall_numbers.h>
/* syscall_arg_t and syscall6(): how this machine enters the kernel
   (user/include/arch/ARCH, on the include path of ARCH's build). */
#include <syscall_arch.h>

/* Turn a raw result into the C convention: -1 and errno for -4095..-1. */
long __syscall_ret(long ret);

#define __SYSCALL_ARGS6(nr, a, b, c, d, e, f, ...) \
	syscall6((nr), (syscall_arg_t)(a), (syscall_arg_t)(b), (syscall_arg_t)(c), \
		 (syscall_arg_t)(d), (syscall_arg_t)(e), (syscall_arg_t)(f))
#define __syscall(...) __SYSCALL_ARGS6(__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define syscall(...) __syscall_ret(__syscall(__VA_ARGS__))

#endif
